//go:build !js

package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/opensourceecology/prodos/production/classroom"
)

// RequestRejoin records a request to rejoin as the learner called name.
func (s *DB) RequestRejoin(ctx context.Context, classID int64, name, token string) (classroom.RejoinRequest, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classroom.RejoinRequest{}, fmt.Errorf("rejoin: %w", err)
	}
	defer tx.Rollback()
	r := classroom.RejoinRequest{Learner: name, At: s.now().UTC()}
	err = tx.QueryRowContext(ctx, "SELECT id, name FROM learners WHERE class_id = ? AND name_key = ?", classID, classroom.NameKey(name)).Scan(&r.LearnerID, &r.Learner)
	if errors.Is(err, sql.ErrNoRows) {
		return r, classroom.ErrNotFound
	} else if err != nil {
		return r, fmt.Errorf("rejoin: %w", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO rejoin_requests (learner_id, token_hash, requested_at) VALUES (?, ?, ?)
		ON CONFLICT (learner_id) DO UPDATE SET token_hash = excluded.token_hash, requested_at = excluded.requested_at`,
		r.LearnerID, tokenHash(token), r.At.Format(timeFormat))
	if err != nil {
		return r, fmt.Errorf("rejoin: %w", err)
	}
	if err := tx.QueryRowContext(ctx, "SELECT id FROM rejoin_requests WHERE learner_id = ?", r.LearnerID).Scan(&r.ID); err != nil {
		return r, fmt.Errorf("rejoin: %w", err)
	}
	return r, tx.Commit()
}

// RejoinRequests lists a class's open requests, oldest first.
func (s *DB) RejoinRequests(ctx context.Context, classID int64) ([]classroom.RejoinRequest, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.id, r.learner_id, l.name, r.requested_at FROM rejoin_requests r
		JOIN learners l ON l.id = r.learner_id WHERE l.class_id = ? ORDER BY r.requested_at, r.id`, classID)
	if err != nil {
		return nil, fmt.Errorf("list rejoin requests: %w", err)
	}
	defer rows.Close()
	var out []classroom.RejoinRequest
	for rows.Next() {
		var r classroom.RejoinRequest
		var at string
		if err := rows.Scan(&r.ID, &r.LearnerID, &r.Learner, &at); err != nil {
			return nil, err
		}
		r.At = parseTime(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// RejoinPending reports whether token belongs to an open request.
func (s *DB) RejoinPending(ctx context.Context, token string) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM rejoin_requests WHERE token_hash = ?", tokenHash(token)).Scan(&n); err != nil {
		return false, fmt.Errorf("rejoin status: %w", err)
	}
	return n > 0, nil
}

// ApproveRejoin gives the learner the request's token and closes it.
func (s *DB) ApproveRejoin(ctx context.Context, classID, requestID int64) (classroom.Learner, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classroom.Learner{}, fmt.Errorf("approve rejoin: %w", err)
	}
	defer tx.Rollback()
	var l classroom.Learner
	var hash, joined string
	err = tx.QueryRowContext(ctx, `SELECT l.id, l.class_id, l.name, l.joined_at, r.token_hash FROM rejoin_requests r
		JOIN learners l ON l.id = r.learner_id WHERE r.id = ? AND l.class_id = ?`, requestID, classID).Scan(&l.ID, &l.ClassID, &l.Name, &joined, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return l, classroom.ErrNotFound
	} else if err != nil {
		return l, fmt.Errorf("approve rejoin: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM rejoin_requests WHERE id = ?", requestID); err != nil {
		return l, fmt.Errorf("approve rejoin: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE learners SET token_hash = ? WHERE id = ?", hash, l.ID); err != nil {
		return l, fmt.Errorf("approve rejoin: %w", err)
	}
	l.Joined = parseTime(joined)
	return l, tx.Commit()
}

// RefuseRejoin closes a request without letting anyone in.
func (s *DB) RefuseRejoin(ctx context.Context, classID, requestID int64) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	res, err := s.db.ExecContext(ctx, `DELETE FROM rejoin_requests WHERE id = ? AND learner_id IN (SELECT id FROM learners WHERE class_id = ?)`, requestID, classID)
	if err != nil {
		return fmt.Errorf("refuse rejoin: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return classroom.ErrNotFound
	}
	return nil
}
