-- Practical sign-offs (issue 16): each profile's own signing key, the signed attestations
-- (the JSON as signed, so the signature can be checked again), the installation's
-- appointments of assessors, which practical sign-off completed an award, and the badges
-- issued with their index in the revocation status list.
ALTER TABLE profiles ADD COLUMN public_key TEXT NOT NULL DEFAULT '';
ALTER TABLE qualifications ADD COLUMN practical TEXT NOT NULL DEFAULT '';

CREATE TABLE attestations (
	id          TEXT PRIMARY KEY,
	learner_id  INTEGER NOT NULL REFERENCES profiles (id),
	assessor_id INTEGER NOT NULL REFERENCES profiles (id),
	body        TEXT NOT NULL,
	signed_at   TEXT NOT NULL
);
CREATE INDEX attestations_learner ON attestations (learner_id);
CREATE INDEX attestations_assessor ON attestations (assessor_id);

CREATE TABLE appointments (
	id          INTEGER PRIMARY KEY,
	assessor_id INTEGER NOT NULL REFERENCES profiles (id),
	body        TEXT NOT NULL
);

CREATE TABLE credentials (
	status_index  INTEGER PRIMARY KEY,
	credential_id TEXT NOT NULL UNIQUE,
	learner       TEXT NOT NULL,
	qualification TEXT NOT NULL,
	issued_at     TEXT NOT NULL,
	revoked_at    TEXT,
	reason        TEXT NOT NULL DEFAULT ''
);
