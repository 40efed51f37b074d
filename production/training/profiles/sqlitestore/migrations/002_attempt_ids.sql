-- Issue 16: attempts bound to one-time attempt ids, and who vouches for
-- each attempt and award. Rows written before this migration read as
-- 'legacy' (shown "self-attested (legacy)").
ALTER TABLE attempts ADD COLUMN attempt_id TEXT;
ALTER TABLE attempts ADD COLUMN attestation TEXT NOT NULL DEFAULT 'legacy';
ALTER TABLE qualifications ADD COLUMN attestation TEXT NOT NULL DEFAULT 'legacy';
CREATE INDEX attempts_replay_hash ON attempts (replay_hash);

-- One-time attempt ids, issued when an attempt starts and used up by the
-- attempt that carries them.
CREATE TABLE attempt_ids (
	id         TEXT PRIMARY KEY,
	profile_id INTEGER NOT NULL REFERENCES profiles (id),
	challenge  TEXT NOT NULL,
	issued_at  TEXT NOT NULL,
	used_at    TEXT
);
