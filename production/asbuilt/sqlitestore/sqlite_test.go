//go:build !js

package sqlitestore_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/opensourceecology/prodos/production/asbuilt"
	"github.com/opensourceecology/prodos/production/asbuilt/asbuilttest"
	"github.com/opensourceecology/prodos/production/asbuilt/sqlitestore"
	"github.com/opensourceecology/prodos/production/sqlitefile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSQLiteStore(t *testing.T) {
	asbuilttest.Run(t, func(t *testing.T) asbuilt.Store {
		st, err := sqlitestore.Open(filepath.Join(t.TempDir(), "asbuilt.db"))
		require.NoError(t, err)
		return st
	})
}

func TestRecordsAreNeverChanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "asbuilt.db")
	st, err := sqlitestore.Open(path)
	require.NoError(t, err)
	_, _, err = st.Add(context.Background(), asbuilttest.Sample("h1", "W1", "k", 10))
	require.NoError(t, err)
	require.NoError(t, st.Close())
	db, err := sql.Open(sqlitefile.Driver, sqlitefile.DSN(path, nil))
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Exec(`UPDATE asbuilt_records SET actual_minutes = '1'`)
	assert.ErrorContains(t, err, "never changed")
	_, err = db.Exec(`DELETE FROM asbuilt_records`)
	assert.ErrorContains(t, err, "never deleted")
}

func TestOpenRefusesAnotherStoresFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	db, err := sqlitefile.Open(path, sqlitefile.Profiles, fstest.MapFS{"001.sql": {Data: []byte("CREATE TABLE profiles (id INTEGER PRIMARY KEY);")}})
	require.NoError(t, err)
	require.NoError(t, db.Close())
	_, err = sqlitestore.Open(path)
	assert.ErrorIs(t, err, sqlitefile.ErrOtherApp)
}
