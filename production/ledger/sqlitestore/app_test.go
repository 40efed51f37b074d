//go:build !js

package sqlitestore

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/opensourceecology/prodos/production/sqlitefile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOpenRefusesAnotherStoresFile: issue 12 item 11: `ledger post --db
// profiles.db` must not add ledger tables to the profiles database.
func TestOpenRefusesAnotherStoresFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "profiles.db")
	p, err := sqlitefile.Open(path, sqlitefile.Profiles, fstest.MapFS{"001.sql": {Data: []byte("CREATE TABLE profiles (id INTEGER PRIMARY KEY);")}})
	require.NoError(t, err)
	require.NoError(t, sqlitefile.Close(p))
	before, err := os.ReadFile(path)
	require.NoError(t, err)

	err = NewDB(path).Open()
	require.Error(t, err)
	assert.ErrorIs(t, err, sqlitefile.ErrOtherApp)
	assert.Contains(t, err.Error(), "is a profiles database, not a ledger database")
	after, _ := os.ReadFile(path)
	assert.Equal(t, before, after, "no ledger tables added")

	// A ledger is stamped, and a store refuses it in turn.
	lpath := filepath.Join(t.TempDir(), "ledger.db")
	l := NewDB(lpath)
	require.NoError(t, l.Open())
	var id int32
	require.NoError(t, l.SQL().QueryRow("PRAGMA application_id").Scan(&id))
	assert.Equal(t, sqlitefile.Ledger.ID, id)
	require.NoError(t, l.Close())
	_, err = sqlitefile.Preflight(lpath, sqlitefile.Classroom, 1)
	assert.ErrorIs(t, err, sqlitefile.ErrOtherApp)
}
