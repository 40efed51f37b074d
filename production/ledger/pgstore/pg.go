//go:build !js

// Package pgstore is the PostgreSQL implementation of the production
// ledger (ledger.Ledger), for many sites and many server processes on one
// database. It keeps the SQLite ledger's tables and invariants
// (production/ledger/sqlitestore) and passes the same conformance suite
// (production/ledger/ledgertest):
//   - the ledger's tables live in their own PostgreSQL schema, "ledger",
//     so other stores can share the database;
//   - migrations are embedded, applied in order under an advisory lock
//     and recorded in ledger.schema_migrations; a database whose schema
//     is newer than this program is refused (ErrNewerSchema);
//   - triggers refuse UPDATE, DELETE and TRUNCATE on every ledger table;
//   - writers take one transaction-scoped advisory lock, so however many
//     processes post at once the hash chain stays one line and an
//     idempotency key is seen by the next writer as soon as it commits;
//   - money is integer cents (BIGINT).
package pgstore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

//go:embed migration/*.sql
var migrationFS embed.FS

// ErrNewerSchema is returned by Open for a ledger whose schema is newer
// than this program.
var ErrNewerSchema = errors.New("ledger schema is newer than this program")

// Schema is the PostgreSQL schema (namespace) holding the ledger's tables.
const Schema = "ledger"

// Advisory lock keys (pg_advisory_xact_lock(lockSpace, key)).
const (
	lockSpace   = 0x70726f64 // "prod"
	lockWriter  = 1          // one ledger writer at a time: a linear hash chain
	lockMigrate = 2          // one migration at a time
)

// IsURL reports whether s names a PostgreSQL database (a postgres:// or
// postgresql:// URL) rather than an SQLite file.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// DB is a ledger in a PostgreSQL database.
type DB struct {
	db *sql.DB
	// URL is the postgres:// URL of the database.
	URL string
	// Now returns the current time; tests replace it.
	Now func() time.Time
}

// NewDB returns a DB for url; call Open before use.
func NewDB(url string) *DB { return &DB{URL: url, Now: time.Now} }

// Open connects and applies pending migrations. A database whose ledger
// schema is newer than this program is refused before anything is
// written to it.
func (db *DB) Open() error {
	cfg, err := pgx.ParseConfig(db.URL)
	if err != nil {
		return fmt.Errorf("ledger %s: %w", redact(db.URL), err)
	}
	cfg.RuntimeParams["search_path"] = Schema
	conn := stdlib.OpenDB(*cfg)
	conn.SetMaxIdleConns(4)
	db.db = conn
	if err := db.migrate(context.Background()); err != nil {
		conn.Close()
		db.db = nil
		return fmt.Errorf("ledger %s: %w", redact(db.URL), err)
	}
	return nil
}

// redact drops the password from a URL for messages.
func redact(u string) string {
	if cfg, err := pgx.ParseConfig(u); err == nil && cfg.Password != "" {
		return strings.Replace(u, ":"+cfg.Password+"@", ":xxxxx@", 1)
	}
	return u
}

func migrationNames() []string {
	names, _ := fs.Glob(migrationFS, "migration/*.sql")
	sort.Strings(names)
	return names
}

// SchemaVersion is the number of migrations this program knows.
func SchemaVersion() int { return len(migrationNames()) }

// migrate applies the migrations not yet recorded, all in one transaction
// under the migration lock, so processes opening a new database at once
// apply each exactly once.
func (db *DB) migrate(ctx context.Context) error {
	if v, err := db.version(ctx); err == nil && v == SchemaVersion() {
		return nil // current: nothing to lock or write
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1, $2)`, lockSpace, lockMigrate); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `CREATE SCHEMA IF NOT EXISTS `+Schema+`;
		CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("migrations table: %w", err)
	}
	var v int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return err
	}
	if v > SchemaVersion() {
		return fmt.Errorf("schema version %d, this program knows %d: %w", v, SchemaVersion(), ErrNewerSchema)
	}
	for i, name := range migrationNames()[v:] {
		buf, err := fs.ReadFile(migrationFS, name)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(buf)); err != nil {
			return fmt.Errorf("migrate %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, v+i+1, name); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// version is the recorded schema version (an error when there is none).
func (db *DB) version(ctx context.Context) (int, error) {
	var v int
	err := db.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// Close closes the connections.
func (db *DB) Close() error {
	if db.db != nil {
		return db.db.Close()
	}
	return nil
}

// SQL is the underlying handle (for benchmarks, checks and migrate).
func (db *DB) SQL() *sql.DB { return db.db }

// beginTx starts a writer transaction holding the writer lock until it
// ends: writers from every process come one at a time, so each sees the
// last one's entries and keys.
func (db *DB) beginTx(ctx context.Context) (*sql.Tx, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1, $2)`, lockSpace, lockWriter); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// readTx starts a read-only transaction on one snapshot.
func (db *DB) readTx(ctx context.Context) (*sql.Tx, error) {
	return db.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
}

// BeginWriter starts a transaction holding the ledger's writer lock (as
// every posting does), for bulk writers such as a move from SQLite.
func (db *DB) BeginWriter(ctx context.Context) (*sql.Tx, error) { return db.beginTx(ctx) }
