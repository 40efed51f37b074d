//go:build !js

package sqlitestore

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/production/sqlitefile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOpenCurrentLedgerTakesNoLock: issue 14: opening a ledger whose schema
// is current only reads its identity. It must not take the write lock
// (BEGIN IMMEDIATE per migration), so it neither waits for another
// process's writer nor changes the file.
func TestOpenCurrentLedgerTakesNoLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.db")
	db := NewDB(path)
	require.NoError(t, db.Open())
	require.NoError(t, db.Close())
	before, err := os.ReadFile(path)
	require.NoError(t, err)

	writer, err := sql.Open("sqlite3", "file:"+path+"?_txlock=immediate")
	require.NoError(t, err)
	defer writer.Close()
	tx, err := writer.Begin() // another process's writer holds the lock
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() {
		db := NewDB(path)
		err := db.Open()
		if err == nil {
			var n int
			err = db.SQL().QueryRow(`SELECT COUNT(*) FROM transactions`).Scan(&n)
			db.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		require.NoError(t, tx.Rollback())
		<-done
		t.Fatal("Open waited for another writer's lock")
	}
	require.NoError(t, tx.Rollback())
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, before, after, "opening a current ledger writes nothing")
}

// A current ledger another tool switched to a rollback journal is switched
// back to WAL on open.
func TestOpenRestoresWAL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.db")
	db := NewDB(path)
	require.NoError(t, db.Open())
	_, err := db.SQL().Exec("PRAGMA journal_mode = DELETE")
	require.NoError(t, err)
	require.NoError(t, db.Close())

	db = NewDB(path)
	require.NoError(t, db.Open())
	defer db.Close()
	var mode string
	require.NoError(t, db.SQL().QueryRow("PRAGMA journal_mode").Scan(&mode))
	assert.Equal(t, "wal", mode)
}

// TestOpenThroughSqlitefile: issue 15 section 4: the ledger opens its file
// through production/sqlitefile like every other store, so its connection
// carries the stores' settings, among them the bound on the WAL file.
func TestOpenThroughSqlitefile(t *testing.T) {
	db := NewDB(filepath.Join(t.TempDir(), "ledger.db"))
	require.NoError(t, db.Open())
	defer db.Close()
	var limit int
	require.NoError(t, db.SQL().QueryRow("PRAGMA journal_size_limit").Scan(&limit))
	assert.Equal(t, sqlitefile.WALLimit, limit)
}
