//go:build !js

package sqlitefile

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testApp = App{ID: 0x54455354, Name: "test", Marker: "a"}

// TestPathsAreEscaped: issue 15 section 4 and issue 13 item 8: '?' and '%'
// in a path name the file, they do not end or decode the URI path.
func TestPathsAreEscaped(t *testing.T) {
	for _, name := range []string{"a?b.db", "pct%41.db", "hash#1.db", "c:d.db"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			db, err := Open(filepath.Join(dir, name), testApp, two)
			require.NoError(t, err)
			require.NoError(t, Close(db))
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			var got []string
			for _, e := range entries {
				got = append(got, e.Name())
			}
			assert.Equal(t, []string{name}, got)
		})
	}
}

// TestNewerSchemaIsRefusedUntouched: issue 15 section 4: a database from a
// newer program is refused before journal_mode=WAL rewrites its header.
func TestNewerSchemaIsRefusedUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newer.db")
	raw, err := sql.Open("sqlite3", path) // rollback journal, as another program might leave it
	require.NoError(t, err)
	_, err = raw.Exec("CREATE TABLE a (id INTEGER PRIMARY KEY); PRAGMA user_version = 9")
	require.NoError(t, err)
	require.NoError(t, raw.Close())
	before, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, byte(1), before[18], "legacy (rollback) file format before")

	_, err = Open(path, testApp, two)
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrNewerSchema))
	assert.Contains(t, err.Error(), "schema version 9, newer than this program's 2")
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, before, after, "not a byte changed (bytes 18-19 would be 2 after WAL)")
	assert.NoFileExists(t, path+"-wal")
}

// TestStoresRefuseEachOthersFiles: issue 13 item 8 and issue 12 item 11.
func TestStoresRefuseEachOthersFiles(t *testing.T) {
	dir := t.TempDir()
	class := filepath.Join(dir, "classroom.db")
	db, err := Open(class, Classroom, fstest1("CREATE TABLE classes (id INTEGER PRIMARY KEY);"))
	require.NoError(t, err)
	var id int32
	require.NoError(t, db.QueryRow("PRAGMA application_id").Scan(&id))
	assert.Equal(t, Classroom.ID, id)
	require.NoError(t, Close(db))
	before, _ := os.ReadFile(class)

	_, err = Open(class, Profiles, fstest1("CREATE TABLE profiles (id INTEGER PRIMARY KEY);"))
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrOtherApp))
	assert.Contains(t, err.Error(), class+" is a classroom database, not a profiles database")
	after, _ := os.ReadFile(class)
	assert.Equal(t, before, after)

	// A file from before application ids: adopted when it has the store's
	// table, refused when it is some other program's tables.
	old := filepath.Join(dir, "old.db")
	raw, err := sql.Open("sqlite3", old)
	require.NoError(t, err)
	_, err = raw.Exec("CREATE TABLE accounts (id INTEGER PRIMARY KEY); PRAGMA user_version = 1")
	require.NoError(t, err)
	raw.Close()
	_, err = Open(old, Classroom, fstest1("CREATE TABLE classes (id INTEGER PRIMARY KEY);"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "another program's database (it has no classes table)")
	v, err := Preflight(old, Ledger, 5)
	require.NoError(t, err)
	assert.Equal(t, 1, v)
}

// TestDurableAndPrivate: issue 13 items 9 and 11: synchronous=FULL, the WAL
// bounded and checkpointed on close, the file 0600.
func TestDurableAndPrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	db, err := Open(path, testApp, two)
	require.NoError(t, err)
	var sync, limit int
	require.NoError(t, db.QueryRow("PRAGMA synchronous").Scan(&sync))
	assert.Equal(t, 2, sync, "FULL")
	require.NoError(t, db.QueryRow("PRAGMA journal_size_limit").Scan(&limit))
	assert.Equal(t, WALLimit, limit)
	for i := 0; i < 50; i++ {
		_, err := db.Exec("INSERT INTO a (id) VALUES (?)", i)
		require.NoError(t, err)
	}
	require.NoError(t, Close(db))
	if fi, err := os.Stat(path + "-wal"); err == nil {
		assert.Zero(t, fi.Size(), "the WAL was checkpointed and truncated")
	}
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())

	require.NoError(t, os.Chmod(path, 0o644))
	db, err = Open(path, testApp, two)
	require.NoError(t, err)
	Close(db)
	fi, _ = os.Stat(path)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "a world-readable database is made private")
}

func fstest1(sql string) fstest.MapFS { return fstest.MapFS{"001.sql": {Data: []byte(sql)}} }

// TestOpenCurrentFileTurnsWAL: a current file that another tool switched to
// a rollback journal is switched back to WAL, though nothing is migrated.
func TestOpenCurrentFileTurnsWAL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	db, err := Open(path, testApp, two)
	require.NoError(t, err)
	_, err = db.Exec("PRAGMA journal_mode = DELETE")
	require.NoError(t, err)
	require.NoError(t, db.Close())

	db, err = Open(path, testApp, two)
	require.NoError(t, err)
	defer db.Close()
	var mode string
	require.NoError(t, db.QueryRow("PRAGMA journal_mode").Scan(&mode))
	assert.Equal(t, "wal", mode)
	var v int
	require.NoError(t, db.QueryRow("PRAGMA user_version").Scan(&v))
	assert.Equal(t, 2, v)
}
