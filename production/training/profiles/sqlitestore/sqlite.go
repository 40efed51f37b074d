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
	rows, err := tx.QueryContext(ctx, `SELECT challenge, score, stars, passed, replay_hash, replay, at FROM attempts WHERE profile_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var a profiles.Attempt
		var at string
		if err := rows.Scan(&a.Challenge, &a.Score, &a.Stars, &a.Passed, &a.ReplayHash, &a.Replay, &at); err != nil {
			return nil, err
		}
		a.At = parseTime(at)
		p.Attempts = append(p.Attempts, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.QueryContext(ctx, `SELECT qualification, earned_at, evidence, practical FROM qualifications WHERE profile_id = ? ORDER BY earned_at, rowid`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var w profiles.Award
		var at string
		if err := rows.Scan(&w.Qualification, &at, &w.Evidence, &w.Practical); err != nil {
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
	res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO attempts (profile_id, challenge, score, stars, passed, replay_hash, replay, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, a.Challenge, a.Score, a.Stars, a.Passed, a.ReplayHash, a.Replay, a.At.UTC().Format(timeFormat))
	if err != nil {
		return fmt.Errorf("record attempt: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil // already recorded
	}
	if err := insertAwards(ctx, tx, id, awards); err != nil {
		return err
	}
	return tx.Commit()
}
