//go:build !js

// Package sqlitestore keeps the classroom in a SQLite file: embedded
// migrations recorded in PRAGMA user_version, WAL, foreign keys, a busy
// timeout, and BEGIN IMMEDIATE for every writer (one transaction per call).
package sqlitestore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/opensourceecology/prodos/production/sqlitefile"
	"github.com/shopspring/decimal"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is the classroom store.
type DB struct {
	db   *sql.DB
	path string
	now  func() time.Time
}

var _ classroom.Store = (*DB)(nil)

// Open opens or creates the database at path and migrates it. A file that is
// not SQLite, or whose schema is newer than this program, is an error naming
// the file, and nothing is written to it.
func Open(path string) (*DB, error) {
	migrations, _ := fs.Sub(migrationFS, "migrations")
	db, err := sqlitefile.Open(path, migrations)
	if err != nil {
		return nil, err
	}
	return &DB{db: db, path: path, now: time.Now}, nil
}

// Close closes the database.
func (s *DB) Close() error { return s.db.Close() }

func tokenHash(tok string) string {
	sum := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(sum[:])
}

func isUnique(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique
}

const timeFormat = time.RFC3339Nano

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeFormat, s)
	return t
}

// CreateClass adds a class with its join code.
func (s *DB) CreateClass(ctx context.Context, name, code string) (classroom.Class, error) {
	now := s.now().UTC()
	res, err := s.db.ExecContext(ctx, "INSERT INTO classes (name, code, created_at) VALUES (?, ?, ?)", name, code, now.Format(timeFormat))
	if isUnique(err) {
		return classroom.Class{}, classroom.ErrDuplicate
	} else if err != nil {
		return classroom.Class{}, fmt.Errorf("create class: %w", err)
	}
	id, _ := res.LastInsertId()
	return classroom.Class{ID: id, Name: name, Code: code, Created: now}, nil
}

func (s *DB) classWhere(ctx context.Context, where string, arg any) (classroom.Class, error) {
	var c classroom.Class
	var created string
	err := s.db.QueryRowContext(ctx, "SELECT id, name, code, created_at FROM classes WHERE "+where, arg).Scan(&c.ID, &c.Name, &c.Code, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return c, classroom.ErrNotFound
	} else if err != nil {
		return c, fmt.Errorf("read class: %w", err)
	}
	c.Created = parseTime(created)
	return c, nil
}

// ClassByCode finds a class by its join code.
func (s *DB) ClassByCode(ctx context.Context, code string) (classroom.Class, error) {
	return s.classWhere(ctx, "code = ?", code)
}

// Class finds a class by id.
func (s *DB) Class(ctx context.Context, id int64) (classroom.Class, error) {
	return s.classWhere(ctx, "id = ?", id)
}

// Classes lists every class, newest first.
func (s *DB) Classes(ctx context.Context) ([]classroom.Class, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, name, code, created_at FROM classes ORDER BY id DESC")
	if err != nil {
		return nil, fmt.Errorf("list classes: %w", err)
	}
	defer rows.Close()
	var out []classroom.Class
	for rows.Next() {
		var c classroom.Class
		var created string
		if err := rows.Scan(&c.ID, &c.Name, &c.Code, &created); err != nil {
			return nil, err
		}
		c.Created = parseTime(created)
		out = append(out, c)
	}
	return out, rows.Err()
}

// AddLearner adds a learner; only a hash of the token is stored.
func (s *DB) AddLearner(ctx context.Context, classID int64, name, token string) (classroom.Learner, error) {
	now := s.now().UTC()
	res, err := s.db.ExecContext(ctx, "INSERT INTO learners (class_id, name, token_hash, joined_at) VALUES (?, ?, ?, ?)", classID, name, tokenHash(token), now.Format(timeFormat))
	if isUnique(err) {
		return classroom.Learner{}, classroom.ErrDuplicate
	} else if err != nil {
		return classroom.Learner{}, fmt.Errorf("add learner: %w", err)
	}
	id, _ := res.LastInsertId()
	return classroom.Learner{ID: id, ClassID: classID, Name: name, Token: token, Joined: now}, nil
}

// LearnerByToken authenticates a learner.
func (s *DB) LearnerByToken(ctx context.Context, token string) (classroom.Learner, error) {
	var l classroom.Learner
	var joined string
	err := s.db.QueryRowContext(ctx, "SELECT id, class_id, name, joined_at FROM learners WHERE token_hash = ?", tokenHash(token)).Scan(&l.ID, &l.ClassID, &l.Name, &joined)
	if errors.Is(err, sql.ErrNoRows) {
		return l, classroom.ErrNotFound
	} else if err != nil {
		return l, fmt.Errorf("read learner: %w", err)
	}
	l.Joined = parseTime(joined)
	return l, nil
}

// Learners lists a class's learners by name.
func (s *DB) Learners(ctx context.Context, classID int64) ([]classroom.Learner, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, class_id, name, joined_at FROM learners WHERE class_id = ? ORDER BY name", classID)
	if err != nil {
		return nil, fmt.Errorf("list learners: %w", err)
	}
	defer rows.Close()
	var out []classroom.Learner
	for rows.Next() {
		var l classroom.Learner
		var joined string
		if err := rows.Scan(&l.ID, &l.ClassID, &l.Name, &joined); err != nil {
			return nil, err
		}
		l.Joined = parseTime(joined)
		out = append(out, l)
	}
	return out, rows.Err()
}

// AddResult records a verified result.
func (s *DB) AddResult(ctx context.Context, learnerID int64, v classroom.Verified) (classroom.Result, error) {
	now := s.now().UTC()
	passed := 0
	if v.Passed {
		passed = 1
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO results (learner_id, kind, level, replay_hash, score, stars, passed,
		cost_cents, labour_minutes, sheet_waste_pct, qualifications, verified_at, ticks, mistakes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		learnerID, v.Kind, v.Level, v.ReplayHash, v.Score, v.Stars, passed, v.Cost.Shift(2).Round(0).IntPart(),
		v.LabourMinutes.String(), v.SheetWastePct.String(), strings.Join(v.Qualifications, ","), now.Format(timeFormat), v.Ticks, v.Mistakes)
	if err != nil {
		return classroom.Result{}, fmt.Errorf("add result: %w", err)
	}
	id, _ := res.LastInsertId()
	return classroom.Result{Verified: v, ID: id, LearnerID: learnerID, At: now}, nil
}

// Results lists a class's results, oldest first.
func (s *DB) Results(ctx context.Context, classID int64) ([]classroom.Result, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.id, r.learner_id, l.name, r.kind, r.level, r.replay_hash, r.score, r.stars,
		r.passed, r.cost_cents, r.labour_minutes, r.sheet_waste_pct, r.qualifications, r.verified_at, r.ticks, r.mistakes
		FROM results r JOIN learners l ON l.id = r.learner_id WHERE l.class_id = ? ORDER BY r.id`, classID)
	if err != nil {
		return nil, fmt.Errorf("list results: %w", err)
	}
	defer rows.Close()
	var out []classroom.Result
	for rows.Next() {
		var r classroom.Result
		var passed int
		var cents int64
		var labour, waste, quals, at string
		if err := rows.Scan(&r.ID, &r.LearnerID, &r.Learner, &r.Kind, &r.Level, &r.ReplayHash, &r.Score, &r.Stars,
			&passed, &cents, &labour, &waste, &quals, &at, &r.Ticks, &r.Mistakes); err != nil {
			return nil, err
		}
		r.Passed = passed == 1
		r.Cost = decimal.New(cents, -2)
		r.LabourMinutes, _ = decimal.NewFromString(labour)
		r.SheetWastePct, _ = decimal.NewFromString(waste)
		if quals != "" {
			r.Qualifications = strings.Split(quals, ",")
		}
		r.At = parseTime(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// RequestRejoin records a request to rejoin as the learner called name.
func (s *DB) RequestRejoin(ctx context.Context, classID int64, name, token string) (classroom.RejoinRequest, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classroom.RejoinRequest{}, fmt.Errorf("rejoin: %w", err)
	}
	defer tx.Rollback()
	r := classroom.RejoinRequest{Learner: name, At: s.now().UTC()}
	err = tx.QueryRowContext(ctx, "SELECT id FROM learners WHERE class_id = ? AND name = ?", classID, name).Scan(&r.LearnerID)
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
	res, err := s.db.ExecContext(ctx, `DELETE FROM rejoin_requests WHERE id = ? AND learner_id IN (SELECT id FROM learners WHERE class_id = ?)`, requestID, classID)
	if err != nil {
		return fmt.Errorf("refuse rejoin: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return classroom.ErrNotFound
	}
	return nil
}
