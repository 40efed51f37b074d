-- Published design levels, content-addressed (hash = SHA-256 of the level
-- file's bytes) and immutable. budget is dollars with cents as text ("" when
-- the level sets no cost limit).
CREATE TABLE commons_levels (
	hash         TEXT PRIMARY KEY CHECK (length(hash) = 64),
	level_id     TEXT NOT NULL,
	title        TEXT NOT NULL,
	author       TEXT NOT NULL,
	license      TEXT NOT NULL,
	rules        TEXT NOT NULL,
	width        INTEGER NOT NULL,
	height       INTEGER NOT NULL,
	budget       TEXT NOT NULL,
	objectives   INTEGER NOT NULL,
	published_at TEXT NOT NULL,
	level        BLOB NOT NULL
);
CREATE INDEX commons_levels_published ON commons_levels (published_at DESC, hash);
CREATE TRIGGER commons_levels_no_update BEFORE UPDATE ON commons_levels
BEGIN SELECT RAISE(ABORT, 'commons levels are immutable'); END;
CREATE TRIGGER commons_levels_no_delete BEFORE DELETE ON commons_levels
BEGIN SELECT RAISE(ABORT, 'commons levels are immutable'); END;
