//go:build !js

package sqlitestore

import (
	"path/filepath"
	"testing"

	"github.com/opensourceecology/prodos/production/ledger/ledgertest"
	"github.com/stretchr/testify/require"
)

// TestConformance runs the ledger conformance suite on SQLite files.
func TestConformance(t *testing.T) {
	ledgertest.Run(t, ledgertest.Factory{
		New: func(t testing.TB) string { return filepath.Join(t.TempDir(), "sub", "ledger.db") },
		Open: func(t testing.TB, path string) ledgertest.Store {
			db := NewDB(path)
			db.Now = ledgertest.FixedNow
			require.NoError(t, db.Open())
			t.Cleanup(func() { db.Close() })
			return ledgertest.Store{Ledger: NewLedgerService(db), SQL: db.SQL(), Close: db.Close}
		},
	})
}

// BenchmarkLedgerPostSQLite: one posting per op on an SQLite file, the
// same work as pgstore's BenchmarkLedgerPostPG.
func BenchmarkLedgerPostSQLite(b *testing.B) {
	db, svc := openTest(b, "")
	ledgertest.BenchPost(b, ledgertest.Store{Ledger: svc, SQL: db.SQL(), Close: db.Close})
}
