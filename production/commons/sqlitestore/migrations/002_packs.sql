-- Published module packs, content-addressed (hash = SHA-256 of the pack
-- file's bytes) and immutable. modules is a JSON array of the pack's
-- modules with their unit costs (dollars with cents, as strings).
CREATE TABLE commons_packs (
	hash         TEXT PRIMARY KEY CHECK (length(hash) = 64),
	pack_id      TEXT NOT NULL,
	name         TEXT NOT NULL,
	description  TEXT NOT NULL,
	author       TEXT NOT NULL,
	license      TEXT NOT NULL,
	published_at TEXT NOT NULL,
	modules      TEXT NOT NULL,
	pack         BLOB NOT NULL
);
CREATE INDEX commons_packs_published ON commons_packs (published_at DESC, hash);
CREATE TRIGGER commons_packs_no_update BEFORE UPDATE ON commons_packs
BEGIN SELECT RAISE(ABORT, 'commons packs are immutable'); END;
CREATE TRIGGER commons_packs_no_delete BEFORE DELETE ON commons_packs
BEGIN SELECT RAISE(ABORT, 'commons packs are immutable'); END;
