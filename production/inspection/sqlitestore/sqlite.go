//go:build !js

// Package sqlitestore is the SQLite implementation of inspection.Store,
// opened through production/sqlitefile (WAL, foreign keys, busy timeout,
// BEGIN IMMEDIATE, embedded migrations recorded in PRAGMA user_version).
// Each Store call is one transaction.
package sqlitestore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/opensourceecology/prodos/production/inspection"
	"github.com/opensourceecology/prodos/production/sqlitefile"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store is an inspection.Store over one SQLite file.
type Store struct{ db *sql.DB }

var _ inspection.Store = (*Store)(nil)

// Open opens (creating on first use) the inspections database at path and
// migrates it; a file that is not SQLite, another store's, or newer is
// refused untouched.
func Open(path string) (*Store, error) {
	migrations, _ := fs.Sub(migrationFS, "migrations")
	db, err := sqlitefile.Open(path, sqlitefile.Inspections, migrations)
	if err != nil {
		return nil, err
	}
	return &Store{db: db}, nil
}

// Close checkpoints and closes the database.
func (s *Store) Close() error { return sqlitefile.Close(s.db) }

type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// Add implements inspection.Store.
func (s *Store) Add(ctx context.Context, in inspection.Inspection) (inspection.Inspection, bool, error) {
	if err := in.Validate(); err != nil {
		return in, false, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return in, false, err
	}
	defer tx.Rollback()
	old, err := list(ctx, tx, `WHERE key = ?`, in.Key)
	if err != nil {
		return in, false, err
	}
	if len(old) == 1 {
		return old[0], true, nil
	}
	in.At = in.At.UTC()
	res, err := tx.ExecContext(ctx, `INSERT INTO inspections (key, house, placement, module, inspector, passed, photo_hash, notes, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, in.Key, in.House, in.Placement, in.Module, in.Inspector, in.Passed, in.PhotoHash, in.Notes,
		in.At.Format(time.RFC3339Nano))
	if err != nil {
		return in, false, fmt.Errorf("record inspection of %s in house %s: %w", in.Placement, in.House, err)
	}
	if in.ID, err = res.LastInsertId(); err != nil {
		return in, false, err
	}
	for i, v := range in.Values {
		if _, err := tx.ExecContext(ctx, `INSERT INTO inspection_values (inspection_id, seq, checkpoint, value, pass, fix) VALUES (?, ?, ?, ?, ?, ?)`,
			in.ID, i, v.Checkpoint, v.Value, v.Pass, v.Fix); err != nil {
			return in, false, fmt.Errorf("record inspection value %s: %w", v.Checkpoint, err)
		}
	}
	return in, false, tx.Commit()
}

// House implements inspection.Store.
func (s *Store) House(ctx context.Context, house string) ([]inspection.Inspection, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return list(ctx, tx, `WHERE house = ?`, house)
}

// list reads the inspections matching where, with their values, in id
// order.
func list(ctx context.Context, q querier, where string, arg any) ([]inspection.Inspection, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, key, house, placement, module, inspector, passed, photo_hash, notes, at FROM inspections `+where+` ORDER BY id`, arg)
	if err != nil {
		return nil, err
	}
	var out []inspection.Inspection
	byID := map[int64]int{}
	for rows.Next() {
		var in inspection.Inspection
		var at string
		if err := rows.Scan(&in.ID, &in.Key, &in.House, &in.Placement, &in.Module, &in.Inspector, &in.Passed, &in.PhotoHash, &in.Notes, &at); err != nil {
			rows.Close()
			return nil, err
		}
		if in.At, err = time.Parse(time.RFC3339Nano, at); err != nil {
			rows.Close()
			return nil, fmt.Errorf("inspection %d: time %q: %w", in.ID, at, err)
		}
		byID[in.ID] = len(out)
		out = append(out, in)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	vals, err := q.QueryContext(ctx, `SELECT v.inspection_id, v.checkpoint, v.value, v.pass, v.fix FROM inspection_values v
		JOIN inspections i ON i.id = v.inspection_id `+where+` ORDER BY v.inspection_id, v.seq`, arg)
	if err != nil {
		return nil, err
	}
	defer vals.Close()
	for vals.Next() {
		var id int64
		var v inspection.Value
		if err := vals.Scan(&id, &v.Checkpoint, &v.Value, &v.Pass, &v.Fix); err != nil {
			return nil, err
		}
		i, ok := byID[id]
		if !ok {
			return nil, errors.New("inspection value without its inspection")
		}
		out[i].Values = append(out[i].Values, v)
	}
	return out, vals.Err()
}
