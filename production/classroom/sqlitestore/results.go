//go:build !js

package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/shopspring/decimal"
)

const resultColumns = `r.id, r.learner_id, l.name, r.kind, r.level, r.replay_hash, r.score, r.stars,
		r.passed, r.cost_cents, r.labour_minutes, r.sheet_waste_pct, r.qualifications, r.verified_at, r.ticks, r.mistakes`

// AddResult records a verified result; see classroom.Store. The award is
// read and written in the same BEGIN IMMEDIATE transaction, so two
// submissions at once cannot both miss (or both lose) an award.
func (s *DB) AddResult(ctx context.Context, learnerID int64, key string, v classroom.Verified, award classroom.AwardFunc) (classroom.Result, bool, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE (_txlock)
	if err != nil {
		return classroom.Result{}, false, fmt.Errorf("add result: %w", err)
	}
	defer tx.Rollback()
	if old, err := resultByKey(ctx, tx, learnerID, key); err == nil {
		return old, true, nil
	} else if !errors.Is(err, classroom.ErrNotFound) {
		return classroom.Result{}, false, err
	}
	if award != nil {
		p, err := progress(ctx, tx, learnerID)
		if err != nil {
			return classroom.Result{}, false, err
		}
		v.Qualifications = award(p, v)
	}
	now := s.now().UTC()
	if err := useAttempt(ctx, tx, learnerID, v.Attempt.ID, now.Format(timeFormat)); err != nil {
		return classroom.Result{}, false, err
	}
	passed := 0
	if v.Passed {
		passed = 1
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO results (learner_id, idem_key, kind, level, replay_hash, score, stars, passed,
		cost_cents, labour_minutes, sheet_waste_pct, qualifications, verified_at, ticks, mistakes, attempt_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		learnerID, key, v.Kind, v.Level, v.ReplayHash, v.Score, v.Stars, passed, v.Cost.Shift(2).Round(0).IntPart(),
		v.LabourMinutes.String(), v.SheetWastePct.String(), strings.Join(v.Qualifications, ","), now.Format(timeFormat), v.Ticks, v.Mistakes, nullable(v.Attempt.ID))
	if err != nil {
		return classroom.Result{}, false, fmt.Errorf("add result: %w", err)
	}
	id, _ := res.LastInsertId()
	if v.Passed {
		if _, err := tx.ExecContext(ctx, `INSERT INTO best (learner_id, kind, level, score, result_id) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (learner_id, kind, level) DO UPDATE SET score = excluded.score, result_id = excluded.result_id
			WHERE excluded.score > best.score`, learnerID, v.Kind, v.Level, v.Score, id); err != nil {
			return classroom.Result{}, false, fmt.Errorf("add result: best: %w", err)
		}
	}
	for _, q := range v.Qualifications {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO held (learner_id, qualification, result_id) VALUES (?, ?, ?)`, learnerID, q, id); err != nil {
			return classroom.Result{}, false, fmt.Errorf("add result: award: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return classroom.Result{}, false, fmt.Errorf("add result: %w", err)
	}
	return classroom.Result{Verified: v, ID: id, LearnerID: learnerID, At: now}, false, nil
}

// progress reads a learner's best scores and held qualifications (indexed
// by learner: a few rows, whatever the size of the class).
func progress(ctx context.Context, tx *sql.Tx, learnerID int64) (classroom.Progress, error) {
	p := classroom.Progress{Best: map[string]map[string]int{}, Held: map[string]bool{}}
	rows, err := tx.QueryContext(ctx, `SELECT kind, level, score FROM best WHERE learner_id = ?`, learnerID)
	if err != nil {
		return p, fmt.Errorf("read progress: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, level string
		var score int
		if err := rows.Scan(&kind, &level, &score); err != nil {
			return p, err
		}
		if p.Best[kind] == nil {
			p.Best[kind] = map[string]int{}
		}
		p.Best[kind][level] = score
	}
	if err := rows.Err(); err != nil {
		return p, err
	}
	rows, err = tx.QueryContext(ctx, `SELECT qualification FROM held WHERE learner_id = ?`, learnerID)
	if err != nil {
		return p, fmt.Errorf("read progress: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var q string
		if err := rows.Scan(&q); err != nil {
			return p, err
		}
		p.Held[q] = true
	}
	return p, rows.Err()
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func resultByKey(ctx context.Context, q queryer, learnerID int64, key string) (classroom.Result, error) {
	r, err := scanResult(q.QueryRowContext(ctx, `SELECT `+resultColumns+` FROM results r JOIN learners l ON l.id = r.learner_id
		WHERE r.learner_id = ? AND r.idem_key = ?`, learnerID, key))
	if errors.Is(err, sql.ErrNoRows) {
		return r, classroom.ErrNotFound
	} else if err != nil {
		return r, fmt.Errorf("read result: %w", err)
	}
	return r, nil
}

// ResultByKey finds the learner's result recorded under key.
func (s *DB) ResultByKey(ctx context.Context, learnerID int64, key string) (classroom.Result, error) {
	return resultByKey(ctx, s.db, learnerID, key)
}

type scanner interface{ Scan(dest ...any) error }

func scanResult(sc scanner) (classroom.Result, error) {
	var r classroom.Result
	var passed int
	var cents int64
	var labour, waste, quals, at string
	if err := sc.Scan(&r.ID, &r.LearnerID, &r.Learner, &r.Kind, &r.Level, &r.ReplayHash, &r.Score, &r.Stars,
		&passed, &cents, &labour, &waste, &quals, &at, &r.Ticks, &r.Mistakes); err != nil {
		return r, err
	}
	r.Passed = passed == 1
	r.Cost = decimal.New(cents, -2)
	r.LabourMinutes, _ = decimal.NewFromString(labour)
	r.SheetWastePct, _ = decimal.NewFromString(waste)
	if quals != "" {
		r.Qualifications = strings.Split(quals, ",")
	}
	r.At = parseTime(at)
	return r, nil
}

// Results lists a class's results, oldest first.
func (s *DB) Results(ctx context.Context, classID int64) ([]classroom.Result, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+resultColumns+`
		FROM results r JOIN learners l ON l.id = r.learner_id WHERE l.class_id = ? ORDER BY r.id`, classID)
	if err != nil {
		return nil, fmt.Errorf("list results: %w", err)
	}
	defer rows.Close()
	var out []classroom.Result
	for rows.Next() {
		r, err := scanResult(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// nullable is NULL for "".
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
