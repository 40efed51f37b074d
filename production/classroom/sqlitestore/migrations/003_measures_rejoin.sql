-- Challenge measures: the attempt's end tick (60 a second) and its mistakes.
ALTER TABLE results ADD COLUMN ticks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE results ADD COLUMN mistakes INTEGER NOT NULL DEFAULT 0;
-- A learner who lost their browser's storage asks to rejoin under their
-- name; the facilitator lets them back in, which replaces the learner's
-- token with the one made for the request. One open request per learner.
CREATE TABLE rejoin_requests (
  id           INTEGER PRIMARY KEY,
  learner_id   INTEGER NOT NULL UNIQUE REFERENCES learners(id),
  token_hash   TEXT NOT NULL UNIQUE,
  requested_at TEXT NOT NULL
);
