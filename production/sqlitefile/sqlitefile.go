//go:build !js

// Package sqlitefile opens a SQLite file the way prodos's stores do. It
// connects once, with foreign keys, synchronous=FULL (a committed write
// survives power loss), a busy timeout and BEGIN IMMEDIATE for every
// transaction, and reads the file's identity (application_id, user_version,
// journal mode, tables) in one query. Before anything can write to the file
// it refuses one that is not SQLite, that another store stamped with its
// PRAGMA application_id, or whose schema is newer than the program; only
// then does it switch the file to WAL, stamp the store's application_id and
// apply the embedded migrations not yet recorded in PRAGMA user_version, each
// in its own transaction. A file already current is only read: no lock, no
// write, no fsync. Paths are escaped in the SQLite URI, so "a?b.db" and
// "pct%41.db" name those files.
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
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// Driver is the database/sql driver name Open uses: go-sqlite3 with a hook
// that bounds the WAL file (PRAGMA journal_size_limit) on every connection.
const Driver = "sqlite3_prodos"

// BusyTimeout is how long a connection waits for another process's lock.
const BusyTimeout = 30 * time.Second

// WALLimit is the size the WAL file is truncated to after a checkpoint.
const WALLimit = 8 << 20

func init() {
	sql.Register(Driver, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_, err := c.Exec(fmt.Sprintf("PRAGMA journal_size_limit = %d", WALLimit), nil)
		return err
	}})
}

// App identifies one store's files: its PRAGMA application_id, a name for
// messages, and a table only it has (a file from before application ids
// were stamped is adopted when it has that table, refused when it has
// tables but not that one).
type App struct {
	ID     int32
	Name   string
	Marker string
}

// The stores of prodos. The ids spell "PDLG", "PDPR", "PDCL", "PDCM",
// "PDAB", "PDIN" and "PDST".
var (
	Ledger      = App{ID: 0x50444c47, Name: "ledger", Marker: "accounts"}
	Profiles    = App{ID: 0x50445052, Name: "profiles", Marker: "profiles"}
	Classroom   = App{ID: 0x5044434c, Name: "classroom", Marker: "classes"}
	Commons     = App{ID: 0x5044434d, Name: "commons", Marker: "commons_versions"}
	AsBuilt     = App{ID: 0x50444142, Name: "as-built", Marker: "asbuilt_records"}
	Inspections = App{ID: 0x5044494e, Name: "inspections", Marker: "inspections"}
	Store       = App{ID: 0x50445354, Name: "store", Marker: "enterprises"}
)

var known = []App{Ledger, Profiles, Classroom, Commons, AsBuilt, Inspections, Store}

// ErrNotSQLite, ErrOtherApp and ErrNewerSchema say why a file was refused.
var (
	ErrNotSQLite   = errors.New("not a SQLite database")
	ErrOtherApp    = errors.New("belongs to another store")
	ErrNewerSchema = errors.New("schema is newer than this program")
)

var magic = []byte("SQLite format 3\x00")

// Open opens (creating on first use, mode 0600) the database at path for app
// and applies the *.sql files of migrations in name order. Nothing is
// written to a file it refuses.
func Open(path string, app App, migrations fs.FS) (*sql.DB, error) {
	names, err := fs.Glob(migrations, "*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	db, size, err := Connect(path)
	if err != nil {
		return nil, err
	}
	if err := setUp(db, path, app, migrations, names, size); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Connect is the first half of Open, for a store that applies its own
// migrations (the ledger's record each in a migrations table and finish some
// in Go): it checks the file (Prepare), then connects to it with the stores'
// settings (escaped path, foreign keys, synchronous=FULL, busy timeout,
// immediate transactions, the WAL bound) but no journal mode, so nothing is
// written to the file yet. It returns the connection and the file's size
// before connecting (0: a new file). The caller reads the file's identity
// (Identify), refuses it (Identity.Check) before anything else, then calls
// Identity.EnsureWAL, migrates and stamps (Stamp).
func Connect(path string) (*sql.DB, int64, error) {
	size, err := Prepare(path)
	if err != nil {
		return nil, 0, err
	}
	db, err := sql.Open(Driver, connDSN(path))
	if err != nil {
		return nil, 0, fmt.Errorf("open %s: %w", path, err)
	}
	return db, size, nil
}

// setUp checks the file's identity over db, then (only when something is
// missing) switches it to WAL, stamps app's id and migrates.
func setUp(db *sql.DB, path string, app App, migrations fs.FS, names []string, size int64) error {
	var id Identity
	if size > 0 {
		var err error
		if id, err = Identify(db, path, app.Marker); err != nil {
			return err
		}
		if err := id.Check(path, app, len(names)); err != nil {
			return err
		}
	}
	if err := id.EnsureWAL(db, path); err != nil {
		return err
	}
	if id.ID != app.ID {
		if err := stamp(db, path, app); err != nil {
			return err
		}
	}
	if id.Version == len(names) {
		return nil
	}
	return migrate(db, path, migrations, names)
}

// DSN is the connection string for path: the path escaped as a URI path,
// then foreign keys, WAL, synchronous=FULL, a 30 s busy timeout (another
// process's writer) and
// immediate transactions; extra overrides or adds parameters.
func DSN(path string, extra url.Values) string {
	q := dsnValues()
	q.Set("_journal_mode", "WAL")
	for k, v := range extra {
		q[k] = v
	}
	return "file:" + escapePath(path) + "?" + q.Encode()
}

// connDSN is DSN without the journal mode: connecting must not turn a file
// WAL (a write) before the file is checked; Open sets WAL afterwards, and
// the mode is then recorded in the file for every later connection.
func connDSN(path string) string {
	return "file:" + escapePath(path) + "?" + dsnValues().Encode()
}

func dsnValues() url.Values {
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_synchronous", "FULL")
	q.Set("_busy_timeout", fmt.Sprint(BusyTimeout.Milliseconds()))
	q.Set("_txlock", "immediate")
	return q
}

// escapePath escapes a file path for a SQLite URI: '?', '#' and '%' would
// otherwise end the path or be decoded.
func escapePath(path string) string {
	p := (&url.URL{Path: path}).EscapedPath()
	// A relative path whose first segment holds ':' must not read as a scheme.
	if i := strings.IndexAny(p, ":/"); i >= 0 && p[i] == ':' {
		p = "./" + p
	}
	return p
}

// Preflight checks the file before any read-write connection touches it: it
// must be empty, absent or SQLite; its application_id must be app's (or
// unset on a file that is new or has app's marker table); and its schema
// version must be at most known. It creates an absent file with mode 0600
// and tightens a wider mode to 0600. It returns the file's schema version.
func Preflight(path string, app App, known int) (int, error) {
	size, err := Prepare(path)
	if err != nil || size == 0 {
		return 0, err
	}
	ro, err := sql.Open("sqlite3", "file:"+escapePath(path)+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", path, err)
	}
	defer ro.Close()
	id, err := Identify(ro, path, app.Marker)
	if err != nil {
		return 0, err
	}
	return id.Version, id.Check(path, app, known)
}

// Prepare checks that path is absent, empty or SQLite (by its header, so a
// text file is refused before SQLite opens it), creates an absent file with
// mode 0600 and tightens a wider mode to 0600. It returns the file's size.
func Prepare(path string) (int64, error) {
	if err := checkHeader(path); err != nil {
		return 0, err
	}
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o600)
		if err != nil {
			return 0, fmt.Errorf("create %s: %w", path, err)
		}
		return 0, f.Close()
	} else if err != nil {
		return 0, fmt.Errorf("open %s: %w", path, err)
	}
	if fi.Mode().IsRegular() && fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(path, 0o600); err != nil {
			return 0, fmt.Errorf("%s: make it private (0600): %w", path, err)
		}
	}
	return fi.Size(), nil
}

// Identity is what a database file says about itself.
type Identity struct {
	// ID is its PRAGMA application_id (0: unset).
	ID int32
	// Version is its PRAGMA user_version, the migrations applied.
	Version int
	// WAL is set when its journal mode is WAL.
	WAL bool
	// Tables is set when it has any table, Marker when it has the store's
	// marker table.
	Tables, Marker bool
}

// identifyQuery reads a file's identity in one statement.
const identifyQuery = `SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version),
 (SELECT journal_mode FROM pragma_journal_mode), count(*), count(CASE WHEN name = ? THEN 1 END)
 FROM sqlite_schema WHERE type = 'table'`

// Identify reads the identity of the database open in q (path names it in
// messages) with one query, which writes nothing. A file SQLite cannot read
// is ErrNotSQLite.
func Identify(q interface {
	QueryRow(string, ...any) *sql.Row
}, path, marker string) (Identity, error) {
	var id Identity
	var mode string
	var n, m int
	if err := q.QueryRow(identifyQuery, marker).Scan(&id.ID, &id.Version, &mode, &n, &m); err != nil {
		var se sqlite3.Error
		if errors.As(err, &se) && se.Code == sqlite3.ErrNotADB {
			return id, fmt.Errorf("%s is %w", path, ErrNotSQLite)
		}
		return id, fmt.Errorf("%s: read application id and schema version: %w", path, err)
	}
	id.WAL = strings.EqualFold(mode, "wal")
	id.Tables, id.Marker = n > 0, m > 0
	return id, nil
}

// Check refuses a file that is not app's: another store's (by its
// application_id), another program's (tables but not app's marker), or one
// whose schema is newer than the known migrations.
func (id Identity) Check(path string, app App, known int) error {
	switch {
	case id.ID != 0 && id.ID != app.ID:
		return fmt.Errorf("%s is %s, not a %s database: %w", path, describe(id.ID), app.Name, ErrOtherApp)
	case id.ID == 0 && id.Tables && !id.Marker:
		return fmt.Errorf("%s is another program's database (it has no %s table), not a %s database: %w", path, app.Marker, app.Name, ErrOtherApp)
	case id.Version > known:
		return fmt.Errorf("%s has schema version %d, newer than this program's %d: upgrade prodos: %w", path, id.Version, known, ErrNewerSchema)
	}
	return nil
}

// EnsureWAL switches the file to WAL unless it already is (the mode is
// stored in the file, so later connections find it).
func (id Identity) EnsureWAL(db *sql.DB, path string) error {
	if id.WAL {
		return nil
	}
	var mode string
	if err := db.QueryRow("PRAGMA journal_mode = WAL").Scan(&mode); err != nil {
		return fmt.Errorf("%s: journal mode: %w", path, err)
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("%s: journal mode is %s, cannot switch to WAL", path, mode)
	}
	return nil
}

func describe(id int32) string {
	for _, a := range known {
		if a.ID == id {
			return "a " + a.Name + " database"
		}
	}
	return fmt.Sprintf("another program's database (application_id %#x)", uint32(id))
}

// stamp records app's application_id (a new file, or one from before ids).
func stamp(db *sql.DB, path string, app App) error {
	var id int32
	if err := db.QueryRow("PRAGMA application_id").Scan(&id); err != nil {
		return fmt.Errorf("%s: read application id: %w", path, err)
	}
	if id == app.ID {
		return nil
	}
	if _, err := db.Exec(fmt.Sprintf("PRAGMA application_id = %d", app.ID)); err != nil {
		return fmt.Errorf("%s: stamp application id: %w", path, err)
	}
	return nil
}

// Stamp records app's application_id in an open database (for a store that
// connects with Connect and migrates itself; Open does it itself).
func Stamp(db *sql.DB, path string, app App) error { return stamp(db, path, app) }

// checkHeader refuses an existing, non-empty file that is not SQLite.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return fmt.Errorf("%s is a directory, not a SQLite database", path)
	}
	head := make([]byte, len(magic))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == io.ErrUnexpectedEOF) {
		return nil
	}
	if !bytes.Equal(head[:n], magic) {
		return fmt.Errorf("%s is %w", path, ErrNotSQLite)
	}
	return nil
}

// Close checkpoints the WAL into the database and truncates it, then closes
// db: a backup of the .db file alone is then complete.
func Close(db *sql.DB) error {
	_, cerr := db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	if err := db.Close(); err != nil {
		return err
	}
	return cerr
}

// migrate applies the migrations the file lacks, one transaction each
// (BEGIN IMMEDIATE), reading user_version inside it, so that two processes
// opening a new file at once never apply one twice.
func migrate(db *sql.DB, path string, migrations fs.FS, names []string) error {
	for {
		done, err := migrateNext(db, path, migrations, names)
		if err != nil || done {
			return err
		}
	}
}

// migrateNext applies the first migration the file lacks; done reports that
// it lacked none.
func migrateNext(db *sql.DB, path string, migrations fs.FS, names []string) (done bool, err error) {
	tx, err := db.Begin()
	if err != nil {
		return false, fmt.Errorf("%s: migrate: %w", path, err)
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return false, fmt.Errorf("%s: read schema version: %w", path, err)
	}
	if version > len(names) {
		return false, fmt.Errorf("%s has schema version %d, newer than this program's %d: upgrade prodos: %w", path, version, len(names), ErrNewerSchema)
	}
	if version == len(names) {
		return true, nil
	}
	body, err := fs.ReadFile(migrations, names[version])
	if err != nil {
		return false, err
	}
	if _, err := tx.Exec(string(body)); err != nil {
		return false, fmt.Errorf("%s: migration %s: %w", path, names[version], err)
	}
	if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", version+1)); err != nil {
		return false, fmt.Errorf("%s: migrate: %w", path, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("%s: migrate: %w", path, err)
	}
	return false, nil
}
