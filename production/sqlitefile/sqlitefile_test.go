//go:build !js

package sqlitefile

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var two = fstest.MapFS{
	"001_a.sql": {Data: []byte("CREATE TABLE a (id INTEGER PRIMARY KEY);")},
	"002_b.sql": {Data: []byte("CREATE TABLE b (a_id INTEGER NOT NULL REFERENCES a(id));")},
}

func TestOpenMigratesOnceAndEnforcesForeignKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	db, err := Open(path, testApp, two)
	require.NoError(t, err)
	var v int
	require.NoError(t, db.QueryRow("PRAGMA user_version").Scan(&v))
	assert.Equal(t, 2, v)
	var mode string
	require.NoError(t, db.QueryRow("PRAGMA journal_mode").Scan(&mode))
	assert.Equal(t, "wal", mode)
	_, err = db.Exec("INSERT INTO b (a_id) VALUES (42)")
	assert.Error(t, err, "foreign keys are on")
	require.NoError(t, db.Close())

	db, err = Open(path, testApp, two) // again: nothing to apply
	require.NoError(t, err)
	db.Close()
}

func TestOpenRefuses(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.db")
	require.NoError(t, os.WriteFile(text, []byte("shopping list"), 0o644))
	_, err := Open(text, testApp, two)
	require.Error(t, err)
	assert.Equal(t, text+" is not a SQLite database", err.Error())
	b, _ := os.ReadFile(text)
	assert.Equal(t, "shopping list", string(b))

	newer := filepath.Join(dir, "newer.db")
	db, err := Open(newer, testApp, two)
	require.NoError(t, err)
	_, err = db.Exec("PRAGMA user_version = 7")
	require.NoError(t, err)
	db.Close()
	_, err = Open(newer, testApp, two)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "schema version 7, newer than this program's 2")

	empty := filepath.Join(dir, "empty.db")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	db, err = Open(empty, testApp, two)
	require.NoError(t, err, "an empty file is a new database")
	db.Close()
}
