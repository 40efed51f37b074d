//go:build !js

package pgstore

import (
	"context"
	"os"
	"testing"

	"github.com/opensourceecology/prodos/production/ledger/ledgertest"
	"github.com/opensourceecology/prodos/production/pgtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// openPG opens the ledger at url with the suite's clock.
func openPG(t testing.TB, url string) (*DB, *LedgerService) {
	t.Helper()
	db := NewDB(url)
	db.Now = ledgertest.FixedNow
	require.NoError(t, db.Open())
	t.Cleanup(func() { db.Close() })
	return db, NewLedgerService(db)
}

// TestConformance runs the ledger conformance suite on a real PostgreSQL.
func TestConformance(t *testing.T) {
	ledgertest.Run(t, ledgertest.Factory{
		New: pgtest.NewDB,
		Open: func(t testing.TB, url string) ledgertest.Store {
			db, svc := openPG(t, url)
			return ledgertest.Store{Ledger: svc, SQL: db.SQL(), Close: db.Close}
		},
	})
}

// TestTruncateRefused: TRUNCATE skips row triggers, so the ledger has a
// statement trigger against it too.
func TestTruncateRefused(t *testing.T) {
	db, svc := openPG(t, pgtest.NewDB(t))
	ledgertest.PostAll(t, svc, ledgertest.Script())
	for _, table := range []string{"postings", "entries", "transactions", "accounts"} {
		_, err := db.SQL().Exec(`TRUNCATE ` + table + ` CASCADE`)
		require.Error(t, err, table)
		assert.Contains(t, err.Error(), "append-only", table)
	}
	ledgertest.RequireVerified(t, svc)
}

// TestOpenRefusesNewerSchema: a database migrated by a newer program is
// refused, and left as it was.
func TestOpenRefusesNewerSchema(t *testing.T) {
	url := pgtest.NewDB(t)
	db, _ := openPG(t, url)
	_, err := db.SQL().Exec(`INSERT INTO schema_migrations (version, name) VALUES ($1, 'migration/9999_future.sql')`, SchemaVersion()+1)
	require.NoError(t, err)
	err = NewDB(url).Open()
	assert.ErrorIs(t, err, ErrNewerSchema)
	v, err := db.version(context.Background())
	require.NoError(t, err)
	assert.Equal(t, SchemaVersion()+1, v)
}

// TestOpenTwiceMigratesOnce: many handles opening a new database at once
// apply each migration exactly once.
func TestOpenTwiceMigratesOnce(t *testing.T) {
	url := pgtest.NewDB(t)
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		go func() {
			db := NewDB(url)
			err := db.Open()
			db.Close()
			errs <- err
		}()
	}
	for i := 0; i < 4; i++ {
		require.NoError(t, <-errs)
	}
	db, _ := openPG(t, url)
	var n int
	require.NoError(t, db.SQL().QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n))
	assert.Equal(t, SchemaVersion(), n)
}

// BenchmarkLedgerPostPG: one posting per op on the test PostgreSQL (a
// Unix socket, default durability settings), to compare with
// sqlitestore's BenchmarkLedgerPostSQLite.
func BenchmarkLedgerPostPG(b *testing.B) {
	db, svc := openPG(b, pgtest.NewDB(b))
	ledgertest.BenchPost(b, ledgertest.Store{Ledger: svc, SQL: db.SQL(), Close: db.Close})
}
