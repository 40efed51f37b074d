-- Class assignments: a published level (its commons hash) set a class with
-- a due time. Results of it are the results whose level is the hash.
CREATE TABLE assignments (
	id         INTEGER PRIMARY KEY,
	class_id   INTEGER NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
	level      TEXT NOT NULL CHECK (length(level) = 64),
	title      TEXT NOT NULL,
	due_at     TEXT NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (class_id, level)
);
