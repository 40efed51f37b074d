-- The open design commons: published design versions, content-addressed
-- (hash = SHA-256 of the canonical design file) and immutable. Money is in
-- integer cents so SUM() stays exact.
CREATE TABLE commons_versions (
	hash                 TEXT PRIMARY KEY CHECK (length(hash) = 64),
	parent               TEXT REFERENCES commons_versions (hash),
	name                 TEXT NOT NULL,
	description          TEXT NOT NULL,
	author               TEXT NOT NULL,
	license              TEXT NOT NULL,
	published_at         TEXT NOT NULL,
	status               TEXT NOT NULL CHECK (status IN ('build-ready', 'draft')),
	problems             TEXT NOT NULL, -- JSON array of strings
	floor_area_sq_ft     INTEGER NOT NULL,
	bedrooms             INTEGER NOT NULL,
	modules              INTEGER NOT NULL,
	cost_cents           INTEGER NOT NULL,
	cost_per_sq_ft_cents INTEGER NOT NULL,
	design               BLOB NOT NULL
);
CREATE INDEX commons_versions_parent ON commons_versions (parent);
CREATE INDEX commons_versions_published ON commons_versions (published_at DESC, hash);
CREATE TRIGGER commons_versions_no_update BEFORE UPDATE ON commons_versions
BEGIN SELECT RAISE(ABORT, 'commons versions are immutable'); END;
CREATE TRIGGER commons_versions_no_delete BEFORE DELETE ON commons_versions
BEGIN SELECT RAISE(ABORT, 'commons versions are immutable'); END;
