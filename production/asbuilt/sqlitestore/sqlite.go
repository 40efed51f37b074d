//go:build !js

// Package sqlitestore is the SQLite implementation of asbuilt.Store, opened
// through production/sqlitefile (WAL, foreign keys, busy timeout, BEGIN
// IMMEDIATE, embedded migrations recorded in PRAGMA user_version). Each
// Store call is one transaction.
package sqlitestore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/opensourceecology/prodos/production/asbuilt"
	"github.com/opensourceecology/prodos/production/sqlitefile"
	"github.com/shopspring/decimal"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store is an asbuilt.Store over one SQLite file.
type Store struct{ db *sql.DB }

var _ asbuilt.Store = (*Store)(nil)

// Open opens (creating on first use) the as-built database at path and
// migrates it; a file that is not SQLite, another store's, or newer is
// refused untouched.
func Open(path string) (*Store, error) {
	migrations, _ := fs.Sub(migrationFS, "migrations")
	db, err := sqlitefile.Open(path, sqlitefile.AsBuilt, migrations)
	if err != nil {
		return nil, err
	}
	return &Store{db: db}, nil
}

// Close checkpoints and closes the database.
func (s *Store) Close() error { return sqlitefile.Close(s.db) }

const columns = `id, key, house, task, task_name, phase, op, module, plan_minutes, actual_minutes, people, used, wasted, problems, at`

// Add implements asbuilt.Store.
func (s *Store) Add(ctx context.Context, r asbuilt.Record) (asbuilt.Record, bool, error) {
	if err := r.Validate(); err != nil {
		return r, false, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return r, false, err
	}
	defer tx.Rollback()
	old, err := scan(tx.QueryRowContext(ctx, `SELECT `+columns+` FROM asbuilt_records WHERE key = ?`, r.Key))
	if err == nil {
		return old, true, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return r, false, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO asbuilt_records (key, house, task, task_name, phase, op, module, plan_minutes,
		actual_minutes, people, used, wasted, problems, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Key, r.House, r.Task, r.TaskName, r.Phase, r.Op, r.Module, r.PlanMinutes.String(), r.ActualMinutes.String(),
		strings.Join(r.People, ","), asbuilt.FormatMaterials(r.Used), asbuilt.FormatMaterials(r.Wasted), r.Problems,
		r.At.UTC().Format(time.RFC3339Nano))
	if err != nil {
		return r, false, fmt.Errorf("record task %s of house %s: %w", r.Task, r.House, err)
	}
	if r.ID, err = res.LastInsertId(); err != nil {
		return r, false, err
	}
	r.At = r.At.UTC()
	return r, false, tx.Commit()
}

// House implements asbuilt.Store.
func (s *Store) House(ctx context.Context, house string) ([]asbuilt.Record, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+columns+` FROM asbuilt_records WHERE house = ? ORDER BY id`, house)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []asbuilt.Record
	for rows.Next() {
		r, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w for house %q", asbuilt.ErrNotFound, house)
	}
	return out, nil
}

// Houses implements asbuilt.Store.
func (s *Store) Houses(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT house FROM asbuilt_records ORDER BY house`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

func scan(row interface{ Scan(...any) error }) (asbuilt.Record, error) {
	var r asbuilt.Record
	var plan, actual, people, used, wasted, at string
	if err := row.Scan(&r.ID, &r.Key, &r.House, &r.Task, &r.TaskName, &r.Phase, &r.Op, &r.Module, &plan, &actual,
		&people, &used, &wasted, &r.Problems, &at); err != nil {
		return r, err
	}
	var err error
	if r.PlanMinutes, err = decimal.NewFromString(plan); err != nil {
		return r, fmt.Errorf("record %d: plan minutes %q: %w", r.ID, plan, err)
	}
	if r.ActualMinutes, err = decimal.NewFromString(actual); err != nil {
		return r, fmt.Errorf("record %d: actual minutes %q: %w", r.ID, actual, err)
	}
	r.People = strings.Split(people, ",")
	if r.Used, err = asbuilt.ParseMaterials(used, nil); err != nil {
		return r, fmt.Errorf("record %d: %w", r.ID, err)
	}
	if r.Wasted, err = asbuilt.ParseMaterials(wasted, nil); err != nil {
		return r, fmt.Errorf("record %d: %w", r.ID, err)
	}
	if r.At, err = time.Parse(time.RFC3339Nano, at); err != nil {
		return r, fmt.Errorf("record %d: time %q: %w", r.ID, at, err)
	}
	return r, nil
}
