-- Issue 16: one-time attempt ids issued when a challenge attempt starts,
-- used up by the result that carries them, and flags for the facilitator
-- (a replay already credited to another learner, another learner's attempt).
CREATE TABLE attempts (
  id         TEXT PRIMARY KEY,
  learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
  level      TEXT NOT NULL,
  issued_at  TEXT NOT NULL,
  used_at    TEXT
);
CREATE INDEX attempts_learner ON attempts(learner_id);
ALTER TABLE results ADD COLUMN attempt_id TEXT;
CREATE INDEX results_replay_hash ON results(replay_hash);

CREATE TABLE flags (
  id          INTEGER PRIMARY KEY,
  learner_id  INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
  level       TEXT NOT NULL,
  replay_hash TEXT NOT NULL,
  reason      TEXT NOT NULL,
  flagged_at  TEXT NOT NULL
);
CREATE INDEX flags_learner ON flags(learner_id);
