//go:build !js

package sqlitestore_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/commons/commonstest"
	"github.com/opensourceecology/prodos/production/commons/sqlitestore"
	"github.com/opensourceecology/prodos/production/sqlitefile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConformance(t *testing.T) {
	commonstest.Run(t, func(t *testing.T) commons.Store {
		st, err := sqlitestore.Open(filepath.Join(t.TempDir(), "commons.db"))
		require.NoError(t, err)
		return st
	})
}

// Versions are immutable in the file itself: UPDATE and DELETE are refused.
func TestVersionsImmutable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "commons.db")
	st, err := sqlitestore.Open(path)
	require.NoError(t, err)
	v, data := commonstest.Sample("Cabin", "ana", "CC0-1.0", commons.StatusBuildReady, "", 192, 0, "100")
	_, _, err = st.Put(context.Background(), v, data)
	require.NoError(t, err)
	require.NoError(t, st.Close())
	db, err := sql.Open(sqlitefile.Driver, path)
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Exec("UPDATE commons_versions SET author = 'mallory'")
	assert.ErrorContains(t, err, "immutable")
	_, err = db.Exec("DELETE FROM commons_versions")
	assert.ErrorContains(t, err, "immutable")
}
