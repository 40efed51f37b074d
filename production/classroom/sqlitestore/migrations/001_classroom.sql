CREATE TABLE classes (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  code       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE TABLE learners (
  id         INTEGER PRIMARY KEY,
  class_id   INTEGER NOT NULL REFERENCES classes(id),
  name       TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  joined_at  TEXT NOT NULL,
  UNIQUE (class_id, name)
);
CREATE TABLE results (
  id              INTEGER PRIMARY KEY,
  learner_id      INTEGER NOT NULL REFERENCES learners(id),
  kind            TEXT NOT NULL CHECK (kind IN ('level', 'challenge')),
  level           TEXT NOT NULL,
  replay_hash     TEXT NOT NULL,
  score           INTEGER NOT NULL,
  stars           INTEGER NOT NULL,
  passed          INTEGER NOT NULL,
  cost_cents      INTEGER NOT NULL,
  labour_minutes  TEXT NOT NULL,
  sheet_waste_pct TEXT NOT NULL,
  qualifications  TEXT NOT NULL,
  verified_at     TEXT NOT NULL
);
CREATE INDEX results_learner ON results(learner_id);
