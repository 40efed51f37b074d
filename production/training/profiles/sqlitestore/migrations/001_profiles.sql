-- Learners, their attempts (each with its replay) and their qualifications.
CREATE TABLE profiles (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL
);

CREATE TABLE attempts (
	id          INTEGER PRIMARY KEY,
	profile_id  INTEGER NOT NULL REFERENCES profiles (id),
	challenge   TEXT NOT NULL,
	score       INTEGER NOT NULL,
	stars       INTEGER NOT NULL,
	passed      INTEGER NOT NULL,
	replay_hash TEXT NOT NULL,
	replay      TEXT NOT NULL,
	at          TEXT NOT NULL,
	UNIQUE (profile_id, replay_hash)
);

CREATE TABLE qualifications (
	profile_id    INTEGER NOT NULL REFERENCES profiles (id),
	qualification TEXT NOT NULL,
	earned_at     TEXT NOT NULL,
	evidence      TEXT NOT NULL,
	PRIMARY KEY (profile_id, qualification)
);
