//go:build !js

package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/classroom"
)

// IssueAttempt records a one-time attempt id; see classroom.Store.
func (s *DB) IssueAttempt(ctx context.Context, learnerID int64, t training.Ticket) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if _, err := s.db.ExecContext(ctx, `INSERT INTO attempts (id, learner_id, level, issued_at) VALUES (?, ?, ?, ?)`,
		t.ID, learnerID, t.Challenge, t.Issued.UTC().Format(timeFormat)); err != nil {
		return fmt.Errorf("issue attempt id: %w", err)
	}
	return nil
}

// AttemptTicket returns an attempt id's ticket and its learner's id.
func (s *DB) AttemptTicket(ctx context.Context, id string) (*training.Ticket, int64, error) {
	t := &training.Ticket{ID: id}
	var learnerID int64
	var issued string
	var used sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT a.learner_id, l.name, a.level, a.issued_at, a.used_at FROM attempts a JOIN learners l ON l.id = a.learner_id
		WHERE a.id = ?`, id).Scan(&learnerID, &t.Learner, &t.Challenge, &issued, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, nil
	} else if err != nil {
		return nil, 0, fmt.Errorf("read attempt id: %w", err)
	}
	t.Issued, t.Used = parseTime(issued), used.Valid
	return t, learnerID, nil
}

// useAttempt uses up the result's attempt id inside AddResult's
// transaction: one statement checks it is the learner's and unused.
func useAttempt(ctx context.Context, tx *sql.Tx, learnerID int64, id, at string) error {
	if id == "" {
		return nil
	}
	res, err := tx.ExecContext(ctx, `UPDATE attempts SET used_at = ? WHERE id = ? AND learner_id = ? AND used_at IS NULL`, at, id, learnerID)
	if err != nil {
		return fmt.Errorf("use attempt id: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: %q", classroom.ErrAttemptUsed, id)
	}
	return nil
}

// CreditedTo names another learner with a challenge result of this replay.
func (s *DB) CreditedTo(ctx context.Context, hash string, learnerID int64) (string, error) {
	var name string
	err := s.db.QueryRowContext(ctx, `SELECT l.name FROM results r JOIN learners l ON l.id = r.learner_id
		WHERE r.replay_hash = ? AND r.kind = 'challenge' AND r.learner_id != ? ORDER BY r.id LIMIT 1`, hash, learnerID).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("read results: %w", err)
	}
	return name, nil
}

// AddFlag records a flag for the facilitator.
func (s *DB) AddFlag(ctx context.Context, f classroom.Flag) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if _, err := s.db.ExecContext(ctx, `INSERT INTO flags (learner_id, level, replay_hash, reason, flagged_at) VALUES (?, ?, ?, ?, ?)`,
		f.LearnerID, f.Level, f.ReplayHash, f.Reason, f.At.UTC().Format(timeFormat)); err != nil {
		return fmt.Errorf("add flag: %w", err)
	}
	return nil
}

// Flags lists a class's flags, oldest first.
func (s *DB) Flags(ctx context.Context, classID int64) ([]classroom.Flag, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT f.id, f.learner_id, l.name, f.level, f.replay_hash, f.reason, f.flagged_at
		FROM flags f JOIN learners l ON l.id = f.learner_id WHERE l.class_id = ? ORDER BY f.id`, classID)
	if err != nil {
		return nil, fmt.Errorf("list flags: %w", err)
	}
	defer rows.Close()
	out := []classroom.Flag{}
	for rows.Next() {
		var f classroom.Flag
		var at string
		if err := rows.Scan(&f.ID, &f.LearnerID, &f.Learner, &f.Level, &f.ReplayHash, &f.Reason, &at); err != nil {
			return nil, err
		}
		f.At = parseTime(at)
		out = append(out, f)
	}
	return out, rows.Err()
}
