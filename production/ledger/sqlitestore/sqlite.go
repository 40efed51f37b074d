//go:build !js

// Package sqlitestore is the SQLite implementation of the production ledger
// (ledger.Ledger), after the shape of benbjohnson/wtf's sqlite package:
// embedded migrations applied in order and recorded, WAL, foreign keys, a
// busy timeout, BEGIN IMMEDIATE for writers and one transaction per service
// call. Money is stored as integer cents.
package sqlitestore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
	"github.com/opensourceecology/prodos/production/sqlitefile"
)

//go:embed migration/*.sql
var migrationFS embed.FS

// Errors for a file that cannot be used as a ledger.
var (
	ErrNotSQLite   = errors.New("not an SQLite database")
	ErrNewerSchema = errors.New("ledger schema is newer than this program")
)

// BusyTimeout is how long a writer waits for another process's lock (the
// busy timeout of every store's connection, set by production/sqlitefile).
const BusyTimeout = sqlitefile.BusyTimeout

// DB is a ledger database file.
type DB struct {
	db *sql.DB
	// Path is the database file.
	Path string
	// Now returns the current time; tests replace it.
	Now func() time.Time
}

// NewDB returns a DB for path; call Open before use.
func NewDB(path string) *DB { return &DB{Path: path, Now: time.Now} }

// Open checks the file, connects, and applies pending migrations. A file
// that is not an SQLite database, is another store's, or whose schema is
// newer than this program is refused before anything is written to it. It
// uses one connection throughout: the file's identity (application_id,
// user_version, journal mode) is read with one query, and a ledger already
// current is only read, with no lock taken and nothing written.
func (db *DB) Open() error {
	if db.Path == "" {
		return fmt.Errorf("ledger: database path required")
	}
	if err := os.MkdirAll(filepath.Dir(db.Path), 0o700); err != nil {
		return fmt.Errorf("ledger %s: %w", db.Path, err)
	}
	conn, size, err := sqlitefile.Connect(db.Path)
	if errors.Is(err, sqlitefile.ErrNotSQLite) {
		return fmt.Errorf("ledger %s: %w", db.Path, ErrNotSQLite)
	} else if err != nil {
		return err
	}
	// One connection: writers serialize in-process, prepared statements
	// stay on it, and other processes wait on the busy timeout.
	conn.SetMaxOpenConns(1)
	db.db = conn
	if err := db.setUp(size); err != nil {
		conn.Close()
		db.db = nil
		return err
	}
	return nil
}

// setUp refuses a file that is not a ledger this program can use, then
// (only when something is missing) switches it to WAL, migrates it and
// stamps its application_id.
func (db *DB) setUp(size int64) error {
	n := SchemaVersion()
	var id sqlitefile.Identity
	if size > 0 {
		var err error
		if id, err = sqlitefile.Identify(db.db, db.Path, sqlitefile.Ledger.Marker); errors.Is(err, sqlitefile.ErrNotSQLite) {
			return fmt.Errorf("ledger %s: %w", db.Path, ErrNotSQLite)
		} else if err != nil {
			return err
		}
		if id.Version > n {
			return fmt.Errorf("ledger %s: schema version %d, this program knows %d: %w", db.Path, id.Version, n, ErrNewerSchema)
		}
		if err := id.Check(db.Path, sqlitefile.Ledger, n); err != nil {
			return err // another store's file (issue 12 item 11), untouched
		}
	}
	if err := id.EnsureWAL(db.db, db.Path); err != nil {
		return err
	}
	if id.Version < n {
		if err := db.migrate(); err != nil {
			return fmt.Errorf("ledger %s: migrate: %w", db.Path, err)
		}
	}
	if id.ID != sqlitefile.Ledger.ID {
		return sqlitefile.Stamp(db.db, db.Path, sqlitefile.Ledger)
	}
	return nil
}

func migrationNames() []string {
	names, _ := fs.Glob(migrationFS, "migration/*.sql")
	sort.Strings(names)
	return names
}

// SchemaVersion is the number of migrations this program knows; it is
// recorded in PRAGMA user_version.
func SchemaVersion() int { return len(migrationNames()) }

// migrate applies every migration not yet recorded in the migrations table,
// each in its own BEGIN IMMEDIATE transaction that also records it and sets
// user_version, so a crash or a concurrent process never half-applies one.
func (db *DB) migrate() error {
	for i, name := range migrationNames() {
		if err := db.migrateFile(name, i+1); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// migrationHooks finish a migration in its transaction where SQL alone
// cannot (the hashes of the entries already recorded).
var migrationHooks = map[string]func(context.Context, *sql.Tx) error{
	"migration/0003_chain.sql": backfillChain,
}

func (db *DB) migrateFile(name string, version int) error {
	tx, err := db.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// The migrations table is made inside the migration's transaction, so
	// another process opening the new file at the same moment sees either
	// no table or the first migration's tables (the accounts marker among
	// them), never a lone migrations table it would refuse as another
	// program's database.
	if _, err := tx.Exec(`CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY)`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	var n int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM migrations WHERE name = ?`, name).Scan(&n); err != nil {
		return err
	} else if n != 0 {
		// Applied before user_version was kept: record it, so the next
		// open finds the ledger current without a transaction.
		var v int
		if err := tx.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil || v >= version {
			return err
		}
		if _, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, version)); err != nil {
			return err
		}
		return tx.Commit()
	}
	buf, err := fs.ReadFile(migrationFS, name)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(string(buf)); err != nil {
		return err
	}
	if hook := migrationHooks[name]; hook != nil {
		if err := hook(context.Background(), tx); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(`INSERT INTO migrations (name) VALUES (?)`, name); err != nil {
		return err
	}
	if _, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, version)); err != nil {
		return err
	}
	return tx.Commit()
}

// Close closes the database.
func (db *DB) Close() error {
	if db.db != nil {
		return db.db.Close()
	}
	return nil
}

// SQL is the underlying handle (for benchmarks and checks).
func (db *DB) SQL() *sql.DB { return db.db }

// prepare prepares a statement on the open database. The schema is
// migrated by then, so a failure is a programming error and panics.
func (db *DB) prepare(q string) *sql.Stmt {
	st, err := db.db.Prepare(q)
	if err != nil {
		panic(fmt.Sprintf("ledger: prepare %q: %v", q, err))
	}
	return st
}

// beginTx starts a writer transaction (BEGIN IMMEDIATE through _txlock).
func (db *DB) beginTx(ctx context.Context) (*sql.Tx, error) {
	return db.db.BeginTx(ctx, nil)
}
