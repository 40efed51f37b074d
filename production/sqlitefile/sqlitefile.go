//go:build !js

// Package sqlitefile opens a SQLite file the way prodos's stores do: it
// refuses a file that is not SQLite or whose schema is newer than the
// program, turns on foreign keys and WAL with a busy timeout, makes every
// transaction BEGIN IMMEDIATE (writers never deadlock on upgrade), and
// applies embedded migrations in order, recording them in PRAGMA
// user_version, each in its own transaction.
package sqlitefile

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"sort"

	_ "github.com/mattn/go-sqlite3" // the database/sql driver "sqlite3"
)

var magic = []byte("SQLite format 3\x00")

// Open opens (creating on first use) the database at path and applies the
// *.sql files of migrations in name order. Nothing is written to a file it
// refuses.
func Open(path string, migrations fs.FS) (*sql.DB, error) {
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	names, err := fs.Glob(migrations, "*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", "5000")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite3", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := migrate(db, path, migrations, names); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// checkHeader refuses an existing, non-empty file that is not SQLite.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, len(magic))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == io.ErrUnexpectedEOF) {
		return nil
	}
	if !bytes.Equal(head[:n], magic) {
		return fmt.Errorf("%s is not a SQLite database", path)
	}
	return nil
}

func migrate(db *sql.DB, path string, migrations fs.FS, names []string) error {
	var version int
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("%s: read schema version: %w", path, err)
	}
	if version > len(names) {
		return fmt.Errorf("%s has schema version %d, newer than this program's %d: upgrade prodos", path, version, len(names))
	}
	for i := version; i < len(names); i++ {
		body, err := fs.ReadFile(migrations, names[i])
		if err != nil {
			return err
		}
		tx, err := db.Begin()
		if err != nil {
			return fmt.Errorf("%s: migrate: %w", path, err)
		}
		if _, err := tx.Exec(string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("%s: migration %s: %w", path, names[i], err)
		}
		if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("%s: migrate: %w", path, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("%s: migrate: %w", path, err)
		}
	}
	return nil
}
