//go:build !js

package sqlitestore

import (
	"context"
	"fmt"

	"github.com/opensourceecology/prodos/production/classroom"
)

// SetJoining opens or closes a class for joining.
func (s *DB) SetJoining(ctx context.Context, classID int64, open bool) error {
	return s.updateClass(ctx, classID, "UPDATE classes SET joining_open = ? WHERE id = ?", open, classID)
}

// RotateCode gives a class a new join code.
func (s *DB) RotateCode(ctx context.Context, classID int64, code string) error {
	err := s.updateClass(ctx, classID, "UPDATE classes SET code = ? WHERE id = ?", code, classID)
	if isUnique(err) {
		return classroom.ErrDuplicate
	}
	return err
}

func (s *DB) updateClass(ctx context.Context, classID int64, q string, args ...any) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	res, err := s.db.ExecContext(ctx, q, args...)
	if err != nil {
		if isUnique(err) {
			return err
		}
		return fmt.Errorf("update class %d: %w", classID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return classroom.ErrNotFound
	}
	return nil
}

// RemoveLearner deletes a learner of the class with their results, best
// scores and awards, in one transaction.
func (s *DB) RemoveLearner(ctx context.Context, classID, learnerID int64) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("remove learner: %w", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM learners WHERE id = ? AND class_id = ?", learnerID, classID).Scan(&n); err != nil {
		return fmt.Errorf("remove learner: %w", err)
	} else if n == 0 {
		return classroom.ErrNotFound
	}
	for _, q := range []string{"DELETE FROM rejoin_requests WHERE learner_id = ?", "DELETE FROM attempts WHERE learner_id = ?", "DELETE FROM flags WHERE learner_id = ?", "DELETE FROM held WHERE learner_id = ?", "DELETE FROM best WHERE learner_id = ?",
		"DELETE FROM results WHERE learner_id = ?", "DELETE FROM learners WHERE id = ?"} {
		if _, err := tx.ExecContext(ctx, q, learnerID); err != nil {
			return fmt.Errorf("remove learner: %w", err)
		}
	}
	return tx.Commit()
}
