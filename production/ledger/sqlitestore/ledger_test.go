//go:build !js

package sqlitestore

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/opensourceecology/prodos/production/ledger/ledgertest"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var fixedNow = func() time.Time { return time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC) }

func openTest(t testing.TB, path string) (*DB, *LedgerService) {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "ledger.db")
	}
	db := NewDB(path)
	db.Now = fixedNow
	require.NoError(t, db.Open())
	t.Cleanup(func() { db.Close() })
	return db, NewLedgerService(db)
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// script is the conformance suite's house life (ledgertest.Script).
func script() []ledger.Event { return ledgertest.Script() }

func postAll(t testing.TB, svc *LedgerService, evs []ledger.Event) {
	t.Helper()
	for _, e := range evs {
		_, err := svc.Post(context.Background(), e)
		require.NoError(t, err, e.Key)
	}
}

func TestVerifyFindsProblems(t *testing.T) {
	db, svc := openTest(t, "")
	postAll(t, svc, script()[:2])
	// Forge an unbalanced transaction and an orphan posting behind the
	// service's back.
	_, err := db.SQL().Exec(`INSERT INTO transactions (idem_key, event, memo, digest, posted_at) VALUES ('forged', 'po-issued', '', '', '')`)
	require.NoError(t, err)
	_, err = db.SQL().Exec(`INSERT INTO postings (tx_id, seq, account_id, amount) VALUES ((SELECT id FROM transactions WHERE idem_key = 'forged'), 1, 1, 500)`)
	require.NoError(t, err)
	_, err = db.SQL().Exec(`PRAGMA foreign_keys = OFF; INSERT INTO postings (tx_id, seq, account_id, amount) VALUES (999, 1, 1, -7); PRAGMA foreign_keys = ON;`)
	require.NoError(t, err)
	// A "reversal" that repeats its original instead of cancelling it.
	_, err = db.SQL().Exec(`INSERT INTO transactions (idem_key, event, memo, digest, posted_at, reverses)
		VALUES ('bad-reversal', 'reversal', '', '', '', (SELECT id FROM transactions WHERE idem_key = 'po-valley'));
		INSERT INTO postings (tx_id, seq, account_id, amount)
		SELECT (SELECT id FROM transactions WHERE idem_key = 'bad-reversal'), seq, account_id, amount
		FROM postings WHERE tx_id = (SELECT id FROM transactions WHERE idem_key = 'po-valley')`)
	require.NoError(t, err)
	r, err := svc.Verify(context.Background())
	require.NoError(t, err)
	assert.False(t, r.OK())
	joined := fmt.Sprint(r.Problems)
	assert.Contains(t, joined, "reversal")
	assert.Contains(t, joined, "bad-reversal")
	assert.Contains(t, joined, "forged")
	assert.Contains(t, joined, "orphaned")
	assert.Contains(t, joined, "total debits")
}

func TestOpenRefusesNonSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	content := []byte("this is a text file, not a ledger\n")
	require.NoError(t, os.WriteFile(path, content, 0o644))
	err := NewDB(path).Open()
	assert.ErrorIs(t, err, ErrNotSQLite)
	got, _ := os.ReadFile(path)
	assert.Equal(t, content, got, "file untouched")
	entries, _ := os.ReadDir(filepath.Dir(path))
	assert.Len(t, entries, 1, "no -wal or -shm files created")
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.db")
	db := NewDB(path)
	require.NoError(t, db.Open())
	_, err := db.SQL().Exec(fmt.Sprintf(`PRAGMA user_version = %d`, SchemaVersion()+1))
	require.NoError(t, err)
	require.NoError(t, db.Close())
	before, err := os.ReadFile(path)
	require.NoError(t, err)
	err = NewDB(path).Open()
	assert.ErrorIs(t, err, ErrNewerSchema)
	after, _ := os.ReadFile(path)
	assert.Equal(t, before, after, "file untouched")
}

// BenchmarkPosting posts a two-posting transaction per op through the
// service and, interleaved in blocks so disk noise hits both alike, a raw
// prepared INSERT (one row per autocommit) into the same file. It reports
// both rates and their ratio (posting / raw; the target is at least 0.5).
func BenchmarkPosting(b *testing.B) {
	db, svc := openTest(b, "")
	ctx := context.Background()
	_, err := db.SQL().Exec(`CREATE TABLE raw_bench (id INTEGER PRIMARY KEY, tx INTEGER NOT NULL, amount INTEGER NOT NULL)`)
	require.NoError(b, err)
	stmt, err := db.SQL().Prepare(`INSERT INTO raw_bench (tx, amount) VALUES (?, ?)`)
	require.NoError(b, err)
	defer stmt.Close()
	const block = 25
	var post, raw time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i += block {
		n := min(block, b.N-i)
		start := time.Now()
		for j := i; j < i+n; j++ {
			_, err := svc.Post(ctx, ledger.Event{Key: fmt.Sprint("bench-", j), Type: ledger.EventPOIssued, Supplier: "s", Amount: dec("12.34")})
			if err != nil {
				b.Fatal(err)
			}
		}
		post += time.Since(start)
		start = time.Now()
		for j := i; j < i+n; j++ {
			if _, err := stmt.Exec(j, 1234); err != nil {
				b.Fatal(err)
			}
		}
		raw += time.Since(start)
	}
	b.ReportMetric(float64(b.N)/post.Seconds(), "posts/s")
	b.ReportMetric(float64(b.N)/raw.Seconds(), "raw-inserts/s")
	b.ReportMetric(raw.Seconds()/post.Seconds(), "ratio")
}

func TestOpenRefusesCorruptSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corrupt.db")
	data := append([]byte("SQLite format 3\x00"), bytes.Repeat([]byte{0xff}, 4080)...)
	require.NoError(t, os.WriteFile(path, data, 0o644))
	err := NewDB(path).Open()
	assert.ErrorIs(t, err, ErrNotSQLite)
	got, _ := os.ReadFile(path)
	assert.Equal(t, data, got)
}
