//go:build !js

package sqlitestore

import (
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/opensourceecology/prodos/production/sqlitefile"
	"github.com/opensourceecology/prodos/production/store"
	"github.com/opensourceecology/prodos/production/store/storetest"
	"github.com/stretchr/testify/require"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		st, err := Open(filepath.Join(t.TempDir(), "store.db"))
		require.NoError(t, err)
		return st
	})
}

// The store's file carries its own application id: a file another store
// stamped is refused, and nothing is written to it.
func TestOwnApplicationID(t *testing.T) {
	p := filepath.Join(t.TempDir(), "commons.db")
	db, err := sqlitefile.Open(p, sqlitefile.Commons, fstest.MapFS{"001.sql": {Data: []byte("CREATE TABLE commons_versions (hash TEXT);")}})
	require.NoError(t, err)
	require.NoError(t, sqlitefile.Close(db))
	_, err = Open(p)
	require.ErrorIs(t, err, sqlitefile.ErrOtherApp)
}

func TestOrdersConformance(t *testing.T) {
	storetest.RunOrders(t, func(t *testing.T) storetest.OrderStore {
		st, err := Open(filepath.Join(t.TempDir(), "store.db"))
		require.NoError(t, err)
		return st
	})
}
