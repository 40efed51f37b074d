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
	"sync"
	"time"

	"github.com/mattn/go-sqlite3"
	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/opensourceecology/prodos/production/sqlitefile"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is the classroom store.
type DB struct {
	db   *sql.DB
	path string
	now  func() time.Time
	// wmu lets one writer of this process at a time reach SQLite: waiting
	// on a Go mutex is first come, first served, where SQLite's busy handler
	// sleeps and retries (200 learners joining at once starved some past
	// the busy timeout once every commit waits for fsync). Other processes
	// still wait on the busy timeout.
	wmu sync.Mutex
}

var _ classroom.Store = (*DB)(nil)

// Open opens or creates the database at path and migrates it. A file that is
// not SQLite, or whose schema is newer than this program, is an error naming
// the file, and nothing is written to it.
func Open(path string) (*DB, error) {
	migrations, _ := fs.Sub(migrationFS, "migrations")
	db, err := sqlitefile.Open(path, sqlitefile.Classroom, migrations)
	if err != nil {
		return nil, err
	}
	return &DB{db: db, path: path, now: time.Now}, nil
}

// Close checkpoints the WAL and closes the database.
func (s *DB) Close() error { return sqlitefile.Close(s.db) }

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
	s.wmu.Lock()
	defer s.wmu.Unlock()
	now := s.now().UTC()
	res, err := s.db.ExecContext(ctx, "INSERT INTO classes (name, code, created_at) VALUES (?, ?, ?)", name, code, now.Format(timeFormat))
	if isUnique(err) {
		return classroom.Class{}, classroom.ErrDuplicate
	} else if err != nil {
		return classroom.Class{}, fmt.Errorf("create class: %w", err)
	}
	id, _ := res.LastInsertId()
	return classroom.Class{ID: id, Name: name, Code: code, Created: now, JoiningOpen: true}, nil
}

func (s *DB) classWhere(ctx context.Context, where string, arg any) (classroom.Class, error) {
	var c classroom.Class
	var created string
	err := s.db.QueryRowContext(ctx, "SELECT id, name, code, created_at, joining_open FROM classes WHERE "+where, arg).Scan(&c.ID, &c.Name, &c.Code, &created, &c.JoiningOpen)
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
	rows, err := s.db.QueryContext(ctx, "SELECT id, name, code, created_at, joining_open FROM classes ORDER BY id DESC")
	if err != nil {
		return nil, fmt.Errorf("list classes: %w", err)
	}
	defer rows.Close()
	var out []classroom.Class
	for rows.Next() {
		var c classroom.Class
		var created string
		if err := rows.Scan(&c.ID, &c.Name, &c.Code, &created, &c.JoiningOpen); err != nil {
			return nil, err
		}
		c.Created = parseTime(created)
		out = append(out, c)
	}
	return out, rows.Err()
}

// AddLearner adds a learner; only a hash of the token is stored. Names are
// unique in a class regardless of case (classroom.NameKey).
func (s *DB) AddLearner(ctx context.Context, classID int64, name, token string) (classroom.Learner, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	now := s.now().UTC()
	res, err := s.db.ExecContext(ctx, "INSERT INTO learners (class_id, name, name_key, token_hash, joined_at) VALUES (?, ?, ?, ?, ?)",
		classID, name, classroom.NameKey(name), tokenHash(token), now.Format(timeFormat))
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
