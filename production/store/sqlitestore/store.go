//go:build !js

// Package sqlitestore keeps the Open Source Store (enterprises, members,
// listings) in a SQLite file (production/sqlitefile: its own
// application_id "PDST", embedded migrations in PRAGMA user_version, WAL,
// foreign keys, busy timeout, BEGIN IMMEDIATE). Each call is one
// transaction. Money is stored as integer cents.
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

	"github.com/opensourceecology/prodos/production/sqlitefile"
	"github.com/opensourceecology/prodos/production/store"
	"github.com/shopspring/decimal"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is the store's SQLite database.
type DB struct{ db *sql.DB }

var _ store.Store = (*DB)(nil)

// Open opens or creates the store database at path and migrates it.
func Open(path string) (*DB, error) {
	migrations, _ := fs.Sub(migrationFS, "migrations")
	db, err := sqlitefile.Open(path, sqlitefile.Store, migrations)
	if err != nil {
		return nil, err
	}
	return &DB{db: db}, nil
}

// Close checkpoints the WAL and closes the database.
func (s *DB) Close() error { return sqlitefile.Close(s.db) }

const timeFormat = time.RFC3339Nano

// exact converts d to an integer of 10^-places units, refusing to round.
func exact(d decimal.Decimal, places int32, what string) (int64, error) {
	v := d.Shift(places)
	if !v.IsInteger() {
		return 0, fmt.Errorf("%w: %s %s has more than %d decimal places", store.ErrInvalid, what, d, places)
	}
	return v.IntPart(), nil
}

// Create stores an enterprise and its first members (see store.Store).
func (s *DB) Create(ctx context.Context, e store.Enterprise) error {
	if err := store.ValidID("enterprise", e.ID); err != nil {
		return err
	}
	var nums [4]int64
	for i, f := range []struct {
		d      decimal.Decimal
		places int32
		what   string
	}{{e.Site.LabourRate, 2, "labour_rate"}, {e.Site.Overhead, 4, "overhead"}, {e.Site.Margin, 4, "margin"}, {e.Site.LicenceFee, 2, "licence_fee"}} {
		n, err := exact(f.d, f.places, f.what)
		if err != nil {
			return err
		}
		nums[i] = n
	}
	rest := e.Site
	rest.Name, rest.Location, rest.LicenceTerms = "", "", ""
	rest.LabourRate, rest.Overhead, rest.Margin, rest.LicenceFee = decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero
	site, err := json.Marshal(rest)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, `INSERT INTO enterprises (id, name, location, labour_rate_cents, overhead_bp, margin_bp,
		licence_fee_cents, licence_terms, site, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ID, e.Site.Name, e.Site.Location, nums[0], nums[1], nums[2], nums[3], e.Site.LicenceTerms, string(site), e.Created.UTC().Format(timeFormat))
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return fmt.Errorf("%w: enterprise %s", store.ErrExists, e.ID)
		}
		return fmt.Errorf("store: create %s: %w", e.ID, err)
	}
	for _, m := range e.Members {
		if err := join(ctx, tx, e.ID, m); err != nil {
			return err
		}
	}
	for _, l := range e.Listings {
		if err := addListing(ctx, tx, l); err != nil {
			return err
		}
	}
	return commit(tx, e.ID)
}

func commit(tx *sql.Tx, id string) error {
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: %s: %w", id, err)
	}
	return nil
}

func join(ctx context.Context, tx *sql.Tx, id string, m store.Member) error {
	if err := store.ValidID("profile", m.Profile); err != nil {
		return err
	}
	if m.Role == "" {
		return fmt.Errorf("%w: member %s has no role", store.ErrInvalid, m.Profile)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO members (enterprise, profile, role, joined_at) VALUES (?, ?, ?, ?)`,
		id, m.Profile, m.Role, m.Joined.UTC().Format(timeFormat))
	if err != nil && strings.Contains(err.Error(), "UNIQUE") {
		return fmt.Errorf("%w: %s is already a member of %s", store.ErrExists, m.Profile, id)
	}
	if err != nil {
		return fmt.Errorf("store: join %s: %w", id, err)
	}
	return nil
}

func exists(ctx context.Context, tx *sql.Tx, id string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM enterprises WHERE id = ?`, id).Scan(&n); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("%w: no enterprise %q", store.ErrNotFound, id)
	}
	return nil
}

// Join adds a member (see store.Store).
func (s *DB) Join(ctx context.Context, id string, m store.Member) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer tx.Rollback()
	if err := exists(ctx, tx, id); err != nil {
		return err
	}
	if err := join(ctx, tx, id, m); err != nil {
		return err
	}
	return commit(tx, id)
}

func addListing(ctx context.Context, tx *sql.Tx, l store.Listing) error {
	if err := exists(ctx, tx, l.Enterprise); err != nil {
		return err
	}
	if len(l.Levels) == 0 {
		return fmt.Errorf("%w: listing %s has no level", store.ErrInvalid, l.ID)
	}
	for _, lv := range l.Levels {
		if lv < store.LevelProduct || lv > store.LevelLicence {
			return fmt.Errorf("%w: listing %s: level %d (levels are 1, 2, 3)", store.ErrInvalid, l.ID, lv)
		}
	}
	levels, _ := json.Marshal(l.Levels)
	_, err := tx.ExecContext(ctx, `INSERT INTO listings (id, enterprise, design, levels, listed_at) VALUES (?, ?, ?, ?, ?)`,
		l.ID, l.Enterprise, l.Design, string(levels), l.Listed.UTC().Format(timeFormat))
	if err != nil && strings.Contains(err.Error(), "UNIQUE") {
		return fmt.Errorf("%w: %s already lists %s", store.ErrExists, l.Enterprise, l.Design)
	}
	if err != nil {
		return fmt.Errorf("store: list %s: %w", l.ID, err)
	}
	return nil
}

// AddListing stores a listing (see store.Store).
func (s *DB) AddListing(ctx context.Context, l store.Listing) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer tx.Rollback()
	if err := addListing(ctx, tx, l); err != nil {
		return err
	}
	return commit(tx, l.Enterprise)
}

// Get returns an enterprise (see store.Store).
func (s *DB) Get(ctx context.Context, id string) (store.Enterprise, error) {
	es, err := s.read(ctx, id)
	if err != nil {
		return store.Enterprise{}, err
	}
	if len(es) == 0 {
		return store.Enterprise{}, fmt.Errorf("%w: no enterprise %q", store.ErrNotFound, id)
	}
	return es[0], nil
}

// List returns every enterprise by id (see store.Store).
func (s *DB) List(ctx context.Context) ([]store.Enterprise, error) { return s.read(ctx, "") }

// read reads one enterprise (id) or all (""), in one read transaction.
func (s *DB) read(ctx context.Context, id string) ([]store.Enterprise, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	defer tx.Rollback()
	q := `SELECT id, name, location, labour_rate_cents, overhead_bp, margin_bp, licence_fee_cents, licence_terms, site, created_at FROM enterprises`
	args := []any{}
	if id != "" {
		q += ` WHERE id = ?`
		args = append(args, id)
	}
	rows, err := tx.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	var out []store.Enterprise
	for rows.Next() {
		e, err := scanEnterprise(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	for i := range out {
		if err := readMembers(ctx, tx, &out[i]); err != nil {
			return nil, err
		}
		if err := readListings(ctx, tx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func scanEnterprise(rows *sql.Rows) (store.Enterprise, error) {
	var e store.Enterprise
	var rate, over, margin, fee int64
	var site, created string
	if err := rows.Scan(&e.ID, &e.Site.Name, &e.Site.Location, &rate, &over, &margin, &fee, &e.Site.LicenceTerms, &site, &created); err != nil {
		return e, fmt.Errorf("store: %w", err)
	}
	name, loc, terms := e.Site.Name, e.Site.Location, e.Site.LicenceTerms
	if err := json.Unmarshal([]byte(site), &e.Site); err != nil {
		return e, fmt.Errorf("store: enterprise %s: site: %w", e.ID, err)
	}
	e.Site.Name, e.Site.Location, e.Site.LicenceTerms = name, loc, terms
	e.Site.LabourRate, e.Site.LicenceFee = decimal.New(rate, -2), decimal.New(fee, -2)
	e.Site.Overhead, e.Site.Margin = decimal.New(over, -4), decimal.New(margin, -4)
	t, err := time.Parse(timeFormat, created)
	if err != nil {
		return e, fmt.Errorf("store: enterprise %s: created_at: %w", e.ID, err)
	}
	e.Created = t
	return e, nil
}

func readMembers(ctx context.Context, tx *sql.Tx, e *store.Enterprise) error {
	rows, err := tx.QueryContext(ctx, `SELECT profile, role, joined_at FROM members WHERE enterprise = ? ORDER BY seq`, e.ID)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer rows.Close()
	e.Members = []store.Member{}
	for rows.Next() {
		var m store.Member
		var at string
		if err := rows.Scan(&m.Profile, &m.Role, &at); err != nil {
			return fmt.Errorf("store: %w", err)
		}
		if m.Joined, err = time.Parse(timeFormat, at); err != nil {
			return fmt.Errorf("store: member %s: %w", m.Profile, err)
		}
		e.Members = append(e.Members, m)
	}
	return rows.Err()
}

func readListings(ctx context.Context, tx *sql.Tx, e *store.Enterprise) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, design, levels, listed_at FROM listings WHERE enterprise = ? ORDER BY rowid`, e.ID)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer rows.Close()
	e.Listings = []store.Listing{}
	for rows.Next() {
		l := store.Listing{Enterprise: e.ID}
		var levels, at string
		if err := rows.Scan(&l.ID, &l.Design, &levels, &at); err != nil {
			return fmt.Errorf("store: %w", err)
		}
		if err := json.Unmarshal([]byte(levels), &l.Levels); err != nil {
			return fmt.Errorf("store: listing %s: %w", l.ID, err)
		}
		if l.Listed, err = time.Parse(timeFormat, at); err != nil {
			return fmt.Errorf("store: listing %s: %w", l.ID, err)
		}
		e.Listings = append(e.Listings, l)
	}
	if err := rows.Err(); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	return nil
}
