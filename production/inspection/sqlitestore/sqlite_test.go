//go:build !js

package sqlitestore_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/opensourceecology/prodos/production/inspection"
	"github.com/opensourceecology/prodos/production/inspection/inspectiontest"
	"github.com/opensourceecology/prodos/production/inspection/sqlitestore"
	"github.com/opensourceecology/prodos/production/sqlitefile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSQLiteStore(t *testing.T) {
	inspectiontest.Run(t, func(t *testing.T) inspection.Store {
		st, err := sqlitestore.Open(filepath.Join(t.TempDir(), "inspections.db"))
		require.NoError(t, err)
		return st
	})
}

func TestInspectionsAreNeverChanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "inspections.db")
	st, err := sqlitestore.Open(path)
	require.NoError(t, err)
	_, _, err = st.Add(context.Background(), inspectiontest.Sample("h1", "W1", "k", false))
	require.NoError(t, err)
	require.NoError(t, st.Close())
	db, err := sql.Open(sqlitefile.Driver, sqlitefile.DSN(path, nil))
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Exec(`UPDATE inspections SET passed = 1`)
	assert.ErrorContains(t, err, "never changed")
	_, err = db.Exec(`UPDATE inspection_values SET pass = 1`)
	assert.ErrorContains(t, err, "never changed")
	_, err = db.Exec(`DELETE FROM inspections`)
	assert.ErrorContains(t, err, "never deleted")
}
