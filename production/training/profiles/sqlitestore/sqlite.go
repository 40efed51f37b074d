//go:build !js

package sqlitestore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/mattn/go-sqlite3"
	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/sqlitefile"
	"github.com/opensourceecology/prodos/production/training/profiles"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store is a profiles.Store over one SQLite file.
type Store struct {
	db *sql.DB
}

var _ profiles.Store = (*Store)(nil)

// Open opens (creating if needed) the database at path and migrates it. A
// file that is not SQLite or has a newer schema is refused, untouched.
func Open(path string) (*Store, error) {
	migrations, _ := fs.Sub(migrationFS, "migrations")
	db, err := sqlitefile.Open(path, sqlitefile.Profiles, migrations)
	if err != nil {
		return nil, err
	}
	return &Store{db: db}, nil
}

// Close closes the database.
func (s *Store) Close() error { return sqlitefile.Close(s.db) }

const timeFormat = time.RFC3339Nano

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeFormat, s)
	return t
}

// Create implements profiles.Store.
func (s *Store) Create(ctx context.Context, name string, at time.Time) (*profiles.Profile, error) {
	if err := profiles.CheckName(name); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO profiles (name, created_at) VALUES (?, ?)`, name, at.UTC().Format(timeFormat)); err != nil {
		var se sqlite3.Error
		if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique {
			return nil, fmt.Errorf("%w: %q", profiles.ErrExists, name)
		}
		return nil, fmt.Errorf("create profile %q: %w", name, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return &profiles.Profile{Name: name, Created: at.UTC(), Attempts: []profiles.Attempt{}, Awards: []profiles.Award{}}, nil
}

// Get implements profiles.Store.
func (s *Store) Get(ctx context.Context, name string) (*profiles.Profile, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p := &profiles.Profile{Name: name, Attempts: []profiles.Attempt{}, Awards: []profiles.Award{}}
	var id int64
	var created string
	err = tx.QueryRowContext(ctx, `SELECT id, created_at, public_key FROM profiles WHERE name = ?`, name).Scan(&id, &created, &p.PublicKey)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: %q", profiles.ErrNotFound, name)
	} else if err != nil {
		return nil, fmt.Errorf("get profile %q: %w", name, err)
	}
	p.Created = parseTime(created)
	rows, err := tx.QueryContext(ctx, `SELECT challenge, score, stars, passed, replay_hash, replay, at, COALESCE(attempt_id, ''), attestation FROM attempts WHERE profile_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var a profiles.Attempt
		var at string
		if err := rows.Scan(&a.Challenge, &a.Score, &a.Stars, &a.Passed, &a.ReplayHash, &a.Replay, &at, &a.AttemptID, &a.Attestation); err != nil {
			return nil, err
		}
		a.At = parseTime(at)
		p.Attempts = append(p.Attempts, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.QueryContext(ctx, `SELECT qualification, earned_at, evidence, attestation, practical FROM qualifications WHERE profile_id = ? ORDER BY earned_at, rowid`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var w profiles.Award
		var at string
		if err := rows.Scan(&w.Qualification, &at, &w.Evidence, &w.Attestation, &w.Practical); err != nil {
			return nil, err
		}
		w.At = parseTime(at)
		p.Awards = append(p.Awards, w)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return p, loadSignOffs(ctx, tx, id, p)
}

// List implements profiles.Store.
func (s *Store) List(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name FROM profiles ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// Record implements profiles.Store: the attempt and its awards in one
// transaction; a replay already recorded and an award already held are
// left as they are.
func (s *Store) Record(ctx context.Context, name string, a profiles.Attempt, awards []profiles.Award) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var id int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM profiles WHERE name = ?`, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %q", profiles.ErrNotFound, name)
	} else if err != nil {
		return err
	}
	var other string
	err = tx.QueryRowContext(ctx, `SELECT p.name FROM attempts a JOIN profiles p ON p.id = a.profile_id
		WHERE a.replay_hash = ? AND a.profile_id != ? LIMIT 1`, a.ReplayHash, id).Scan(&other)
	if err == nil {
		return fmt.Errorf("%w: replay %s is %s's attempt", profiles.ErrCredited, a.ReplayHash, other)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("record attempt: %w", err)
	}
	attestation := a.Attestation
	if attestation == "" {
		attestation = profiles.Legacy
	}
	var attemptID any
	if a.AttemptID != "" {
		attemptID = a.AttemptID
	}
	res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO attempts (profile_id, challenge, score, stars, passed, replay_hash, replay, at, attempt_id, attestation)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, a.Challenge, a.Score, a.Stars, a.Passed, a.ReplayHash, a.Replay, a.At.UTC().Format(timeFormat), attemptID, attestation)
	if err != nil {
		return fmt.Errorf("record attempt: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil // already recorded
	}
	if err := useTicket(ctx, tx, id, name, a); err != nil {
		return err
	}
	if err := insertAwards(ctx, tx, id, awards, attestation); err != nil {
		return err
	}
	return tx.Commit()
}

// useTicket uses up the attempt's ticket: it must be this profile's and
// unused (the check and the use are one statement, in Record's
// transaction, so two submissions cannot both use it).
func useTicket(ctx context.Context, tx *sql.Tx, profileID int64, name string, a profiles.Attempt) error {
	if a.AttemptID == "" {
		return nil
	}
	res, err := tx.ExecContext(ctx, `UPDATE attempt_ids SET used_at = ? WHERE id = ? AND profile_id = ? AND used_at IS NULL`,
		a.At.UTC().Format(timeFormat), a.AttemptID, profileID)
	if err != nil {
		return fmt.Errorf("use attempt id: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: attempt id %q is not an unused attempt id of %s", training.ErrAttempt, a.AttemptID, name)
	}
	return nil
}

// IssueAttempt implements profiles.Store.
func (s *Store) IssueAttempt(ctx context.Context, t training.Ticket) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var id int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM profiles WHERE name = ?`, t.Learner).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %q", profiles.ErrNotFound, t.Learner)
	} else if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO attempt_ids (id, profile_id, challenge, issued_at) VALUES (?, ?, ?, ?)`,
		t.ID, id, t.Challenge, t.Issued.UTC().Format(timeFormat)); err != nil {
		return fmt.Errorf("issue attempt id: %w", err)
	}
	return tx.Commit()
}

// Ticket implements profiles.Store.
func (s *Store) Ticket(ctx context.Context, id string) (*training.Ticket, error) {
	t := &training.Ticket{ID: id}
	var issued string
	var used sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT p.name, t.challenge, t.issued_at, t.used_at FROM attempt_ids t JOIN profiles p ON p.id = t.profile_id
		WHERE t.id = ?`, id).Scan(&t.Learner, &t.Challenge, &issued, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("read attempt id: %w", err)
	}
	t.Issued, t.Used = parseTime(issued), used.Valid
	return t, nil
}
