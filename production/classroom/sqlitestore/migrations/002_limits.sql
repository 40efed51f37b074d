-- Issue 13: idempotent submissions, a best-per-learner-per-level table and
-- held qualifications (a submission reads only its learner's rows),
-- case-insensitive learner names, and enrolment controls.
ALTER TABLE classes ADD COLUMN joining_open INTEGER NOT NULL DEFAULT 1;

ALTER TABLE learners ADD COLUMN name_key TEXT;
UPDATE learners SET name_key = lower(name) || CASE WHEN EXISTS (
  SELECT 1 FROM learners l2 WHERE l2.class_id = learners.class_id AND lower(l2.name) = lower(learners.name) AND l2.id < learners.id
) THEN '#' || id ELSE '' END;
CREATE UNIQUE INDEX learners_name_key ON learners(class_id, name_key);

-- The key a retried submission repeats: the client's Idempotency-Key, else
-- the replay hash. Older rows get their id, which no client sends.
ALTER TABLE results ADD COLUMN idem_key TEXT;
UPDATE results SET idem_key = 'row:' || id;
CREATE UNIQUE INDEX results_idem ON results(learner_id, idem_key);

CREATE TABLE best (
  learner_id INTEGER NOT NULL REFERENCES learners(id),
  kind       TEXT NOT NULL,
  level      TEXT NOT NULL,
  score      INTEGER NOT NULL,
  result_id  INTEGER NOT NULL REFERENCES results(id),
  PRIMARY KEY (learner_id, kind, level)
) WITHOUT ROWID;
INSERT INTO best (learner_id, kind, level, score, result_id)
  SELECT learner_id, kind, level, MAX(score), id FROM results WHERE passed = 1 GROUP BY learner_id, kind, level;

CREATE TABLE held (
  learner_id    INTEGER NOT NULL REFERENCES learners(id),
  qualification TEXT NOT NULL,
  result_id     INTEGER NOT NULL REFERENCES results(id),
  PRIMARY KEY (learner_id, qualification)
) WITHOUT ROWID;
WITH RECURSIVE split(learner_id, result_id, q, rest) AS (
  SELECT learner_id, id, '', qualifications || ',' FROM results WHERE qualifications != ''
  UNION ALL
  SELECT learner_id, result_id, substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1) FROM split WHERE rest != ''
)
INSERT OR IGNORE INTO held (learner_id, qualification, result_id) SELECT learner_id, q, result_id FROM split WHERE q != '';
