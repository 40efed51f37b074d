//go:build !js

// Package sqlitestore keeps the open design commons in a SQLite file
// (production/sqlitefile: its own application_id, embedded migrations in
// PRAGMA user_version, WAL, foreign keys, busy timeout, BEGIN IMMEDIATE).
// Each call is one transaction; versions are immutable (triggers refuse
// UPDATE and DELETE).
package sqlitestore

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/sqlitefile"
	"github.com/shopspring/decimal"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is the commons store.
type DB struct {
	db *sql.DB
}

var _ commons.Store = (*DB)(nil)

// Open opens or creates the commons database at path and migrates it. A
// file that is not SQLite, belongs to another store or has a newer schema
// is refused and nothing is written to it.
func Open(path string) (*DB, error) {
	migrations, _ := fs.Sub(migrationFS, "migrations")
	db, err := sqlitefile.Open(path, sqlitefile.Commons, migrations)
	if err != nil {
		return nil, err
	}
	return &DB{db: db}, nil
}

// Close checkpoints the WAL and closes the database.
func (s *DB) Close() error { return sqlitefile.Close(s.db) }

const cols = "hash, parent, name, description, author, license, published_at, status, problems, floor_area_sq_ft, bedrooms, modules, cost_cents, cost_per_sq_ft_cents, length(design)"

const timeFormat = time.RFC3339Nano

func cents(d decimal.Decimal) int64 { return d.Shift(2).Round(0).IntPart() }

// Put stores a version in one transaction (see commons.Store).
func (s *DB) Put(ctx context.Context, v commons.Version, design []byte) (commons.Version, bool, error) {
	if len(design) > commons.MaxUpload {
		return commons.Version{}, false, fmt.Errorf("%w: %d bytes, more than %d", commons.ErrTooLarge, len(design), commons.MaxUpload)
	}
	if got := commons.Hash(design); got != v.Hash {
		return commons.Version{}, false, fmt.Errorf("%w: version %s, design file %s", commons.ErrHash, v.Hash, got)
	}
	problems, err := json.Marshal(append([]string{}, v.Problems...))
	if err != nil {
		return commons.Version{}, false, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return commons.Version{}, false, fmt.Errorf("commons: %w", err)
	}
	defer tx.Rollback()
	if old, err := get(ctx, tx, v.Hash); err == nil {
		return old, false, nil
	} else if !errors.Is(err, commons.ErrNotFound) {
		return commons.Version{}, false, err
	}
	var parent any
	if v.Parent != "" {
		if _, err := get(ctx, tx, v.Parent); err != nil {
			return commons.Version{}, false, fmt.Errorf("%w: parent %s: %w", commons.ErrParent, v.Parent, err)
		}
		parent = v.Parent
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO commons_versions (hash, parent, name, description, author, license, published_at,
		status, problems, floor_area_sq_ft, bedrooms, modules, cost_cents, cost_per_sq_ft_cents, design)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		v.Hash, parent, v.Name, v.Description, v.Author, v.Licence, v.Published.UTC().Format(timeFormat), v.Status, string(problems),
		v.FloorArea, v.Bedrooms, v.Modules, cents(v.Cost), cents(v.CostPerSqFt), design)
	if err != nil {
		return commons.Version{}, false, fmt.Errorf("commons: store %s: %w", v.Hash, err)
	}
	stored, err := get(ctx, tx, v.Hash)
	if err != nil {
		return commons.Version{}, false, err
	}
	if err := tx.Commit(); err != nil {
		return commons.Version{}, false, fmt.Errorf("commons: store %s: %w", v.Hash, err)
	}
	return stored, true, nil
}

type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

func get(ctx context.Context, q querier, hash string) (commons.Version, error) {
	vs, err := query(ctx, q, "SELECT "+cols+" FROM commons_versions WHERE hash = ?", hash)
	if err != nil {
		return commons.Version{}, err
	}
	if len(vs) == 0 {
		return commons.Version{}, fmt.Errorf("%w: %s", commons.ErrNotFound, hash)
	}
	return vs[0], nil
}

// Get returns a version and its design file. Versions never change once
// stored, so the two reads need no transaction (and take no write lock).
func (s *DB) Get(ctx context.Context, hash string) (commons.Version, []byte, error) {
	v, err := get(ctx, s.db, hash)
	if err != nil {
		return v, nil, err
	}
	var design []byte
	if err := s.db.QueryRowContext(ctx, "SELECT design FROM commons_versions WHERE hash = ?", hash).Scan(&design); err != nil {
		return commons.Version{}, nil, fmt.Errorf("commons: read %s: %w", hash, err)
	}
	return v, design, nil
}

// Children returns the remixes of hash, oldest first.
func (s *DB) Children(ctx context.Context, hash string) ([]commons.Version, error) {
	return query(ctx, s.db, "SELECT "+cols+" FROM commons_versions WHERE parent = ? ORDER BY published_at, hash", hash)
}

// Search returns the versions matching f, newest first.
func (s *DB) Search(ctx context.Context, f commons.Filter) ([]commons.Version, error) {
	var where []string
	var args []any
	add := func(cond string, a any) { where = append(where, cond); args = append(args, a) }
	if f.MinArea > 0 {
		add("floor_area_sq_ft >= ?", f.MinArea)
	}
	if f.MaxArea > 0 {
		add("floor_area_sq_ft <= ?", f.MaxArea)
	}
	if f.MinBedrooms > 0 {
		add("bedrooms >= ?", f.MinBedrooms)
	}
	if !f.MinCost.IsZero() {
		add("cost_cents >= ?", cents(f.MinCost))
	}
	if !f.MaxCost.IsZero() {
		add("cost_cents <= ?", cents(f.MaxCost))
	}
	if !f.MaxPerSqFt.IsZero() {
		add("floor_area_sq_ft > 0 AND cost_per_sq_ft_cents <= ?", cents(f.MaxPerSqFt))
	}
	for col, val := range map[string]string{"license": f.Licence, "status": f.Status, "author": f.Author} {
		if val != "" {
			add(col+" = ?", val)
		}
	}
	for _, w := range strings.Fields(strings.ToLower(f.Query)) {
		add("instr(lower(name || char(10) || description || char(10) || author), ?) > 0", w)
	}
	q := "SELECT " + cols + " FROM commons_versions"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	limit := f.Limit
	if limit <= 0 || limit > commons.MaxResults {
		limit = commons.MaxResults
	}
	q += " ORDER BY published_at DESC, hash LIMIT ?"
	return query(ctx, s.db, q, append(args, limit)...)
}

func query(ctx context.Context, q querier, sqlText string, args ...any) ([]commons.Version, error) {
	rows, err := q.QueryContext(ctx, sqlText, args...)
	if err != nil {
		return nil, fmt.Errorf("commons: %w", err)
	}
	defer rows.Close()
	var out []commons.Version
	for rows.Next() {
		var v commons.Version
		var parent sql.NullString
		var published, problems string
		var cost, perSqFt int64
		if err := rows.Scan(&v.Hash, &parent, &v.Name, &v.Description, &v.Author, &v.Licence, &published, &v.Status, &problems,
			&v.FloorArea, &v.Bedrooms, &v.Modules, &cost, &perSqFt, &v.Size); err != nil {
			return nil, fmt.Errorf("commons: %w", err)
		}
		v.Parent = parent.String
		if v.Published, err = time.Parse(timeFormat, published); err != nil {
			return nil, fmt.Errorf("commons: %s: published_at %q: %w", v.Hash, published, err)
		}
		if err := json.Unmarshal([]byte(problems), &v.Problems); err != nil {
			return nil, fmt.Errorf("commons: %s: problems: %w", v.Hash, err)
		}
		v.Cost, v.CostPerSqFt = decimal.New(cost, -2), decimal.New(perSqFt, -2)
		out = append(out, v)
	}
	return out, rows.Err()
}
