//go:build !js

package sqlitestore

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

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

// script is a house's whole life plus a mistaken order that is reversed.
func script() []ledger.Event {
	h := ledger.Event{House: "cabin-1", Design: "Cabin", Author: "dana"}
	ev := func(key string, f func(e *ledger.Event)) ledger.Event {
		e := h
		e.Key = key
		f(&e)
		return e
	}
	return []ledger.Event{
		ev("po-valley", func(e *ledger.Event) {
			e.Type, e.Supplier, e.Amount = ledger.EventPOIssued, "valley", dec("1200.50")
		}),
		ev("po-midwest", func(e *ledger.Event) {
			e.Type, e.Supplier, e.Amount = ledger.EventPOIssued, "midwest", dec("800.25")
		}),
		ev("po-wrong", func(e *ledger.Event) {
			e.Type, e.Supplier, e.Amount = ledger.EventPOIssued, "midwest", dec("99.99")
		}),
		ev("fix-po-wrong", func(e *ledger.Event) { e.Type, e.Reverses = ledger.EventReversal, "po-wrong" }),
		ev("gr-valley", func(e *ledger.Event) {
			e.Type, e.Supplier, e.Amount = ledger.EventGoodsReceived, "valley", dec("1200.50")
		}),
		ev("gr-midwest", func(e *ledger.Event) {
			e.Type, e.Supplier, e.Amount = ledger.EventGoodsReceived, "midwest", dec("800.25")
		}),
		ev("pay-valley", func(e *ledger.Event) {
			e.Type, e.Supplier, e.Amount = ledger.EventSupplierPaid, "valley", dec("1200.50")
		}),
		ev("issue", func(e *ledger.Event) { e.Type, e.Amount = ledger.EventMaterialsIssued, dec("2000.75") }),
		ev("ann-frame", func(e *ledger.Event) {
			e.Type, e.Person, e.Kind, e.Skill, e.Minutes, e.Rate, e.Witness = ledger.EventLabour, "ann", "labour", "framing", 600, dec("35"), "lee"
		}),
		ev("bo-train", func(e *ledger.Event) {
			e.Type, e.Person, e.Kind, e.Skill, e.Minutes, e.Rate = ledger.EventLabour, "bo", "training", "framing", 90, dec("35")
		}),
		ev("ann-built", func(e *ledger.Event) {
			e.Type, e.Person, e.Module, e.Count, e.Witness = ledger.EventModuleBuilt, "ann", "wall-ext-4x8", 9, "lee"
		}),
		ev("done", func(e *ledger.Event) { e.Type = ledger.EventHouseCompleted }),
		ev("sold", func(e *ledger.Event) { e.Type, e.Amount = ledger.EventHouseSold, dec("30000") }),
	}
}

func postAll(t testing.TB, svc *LedgerService, evs []ledger.Event) {
	t.Helper()
	for _, e := range evs {
		_, err := svc.Post(context.Background(), e)
		require.NoError(t, err, e.Key)
	}
}

func formatBalance(bals []ledger.Balance) []byte {
	var b bytes.Buffer
	var sum int64
	for _, x := range bals {
		fmt.Fprintf(&b, "%-42s %-9s %12s\n", x.Account, x.Type, ledger.FromCents(x.Amount).StringFixed(2))
		sum += x.Amount
	}
	fmt.Fprintf(&b, "%-42s %-9s %12s\n", "sum", "", ledger.FromCents(sum).StringFixed(2))
	return b.Bytes()
}

func TestTrialBalanceGolden(t *testing.T) {
	_, svc := openTest(t, "")
	postAll(t, svc, script())
	bals, err := svc.TrialBalance(context.Background())
	require.NoError(t, err)
	got := formatBalance(bals)
	path := filepath.Join("testdata", "trial-balance.txt")
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
	r, err := svc.Verify(context.Background())
	require.NoError(t, err)
	assert.Empty(t, r.Problems)
	assert.Equal(t, r.Debits, r.Credits)
}

func TestPostTwiceRecordsOnce(t *testing.T) {
	db, svc := openTest(t, "")
	ctx := context.Background()
	for _, e := range script() {
		first, err := svc.Post(ctx, e)
		require.NoError(t, err)
		second, err := svc.Post(ctx, e)
		require.NoError(t, err)
		assert.True(t, second.Duplicate, e.Key)
		assert.False(t, first.Duplicate, e.Key)
	}
	var n int
	require.NoError(t, db.SQL().QueryRow(`SELECT COUNT(*) FROM transactions`).Scan(&n))
	assert.Equal(t, len(script())-1, n, "every transaction once (module-built is a record)")
	require.NoError(t, db.SQL().QueryRow(`SELECT COUNT(*) FROM production_records`).Scan(&n))
	assert.Equal(t, 1, n)
}

func TestKeyConflict(t *testing.T) {
	_, svc := openTest(t, "")
	ctx := context.Background()
	e := script()[0]
	_, err := svc.Post(ctx, e)
	require.NoError(t, err)
	e.Amount = dec("1.00")
	_, err = svc.Post(ctx, e)
	assert.ErrorIs(t, err, ledger.ErrKeyConflict)
}

func TestAppendOnly(t *testing.T) {
	db, svc := openTest(t, "")
	postAll(t, svc, script())
	for _, q := range []string{
		`UPDATE postings SET amount = amount + 1`,
		`DELETE FROM postings`,
		`UPDATE transactions SET memo = 'x'`,
		`DELETE FROM transactions`,
		`UPDATE accounts SET name = 'x'`,
		`DELETE FROM contributions`,
		`UPDATE production_records SET count = 100`,
		`DELETE FROM houses`,
	} {
		_, err := db.SQL().Exec(q)
		require.Error(t, err, q)
		assert.Contains(t, err.Error(), "append-only", q)
	}
}

func TestReversal(t *testing.T) {
	_, svc := openTest(t, "")
	ctx := context.Background()
	postAll(t, svc, script()[:4])
	bals, err := svc.TrialBalance(ctx)
	require.NoError(t, err)
	for _, b := range bals {
		if b.Account == ledger.AccountOnOrder("midwest") {
			assert.Equal(t, int64(80025), b.Amount, "the wrong order is cancelled")
		}
	}
	_, err = svc.Post(ctx, ledger.Event{Key: "again", Type: ledger.EventReversal, Reverses: "po-wrong"})
	assert.ErrorIs(t, err, ledger.ErrInvalidEvent, "a transaction is reversed at most once")
	_, err = svc.Post(ctx, ledger.Event{Key: "ghost", Type: ledger.EventReversal, Reverses: "no-such-key"})
	assert.ErrorIs(t, err, ledger.ErrNotFound)
}

func TestStatement(t *testing.T) {
	_, svc := openTest(t, "")
	postAll(t, svc, script())
	lines, err := svc.Statement(context.Background(), ledger.AccountCash)
	require.NoError(t, err)
	require.Len(t, lines, 2)
	assert.Equal(t, int64(-120050), lines[0].Amount)
	assert.Equal(t, int64(3000000-120050), lines[1].Running)
	_, err = svc.Statement(context.Background(), "assets:nothing")
	assert.ErrorIs(t, err, ledger.ErrNotFound)
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

func TestReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "dir", "ledger.db")
	db, svc := openTest(t, path)
	postAll(t, svc, script())
	require.NoError(t, db.Close())
	_, svc2 := openTest(t, path)
	r, err := svc2.Verify(context.Background())
	require.NoError(t, err)
	assert.True(t, r.OK(), r.Problems)
	assert.Equal(t, int64(len(script())-1), r.Transactions)
}

// Two handles on one file (as two processes would have) post at once; both
// succeed and every event is recorded exactly once.
func TestConcurrentWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.db")
	_, a := openTest(t, path)
	_, b := openTest(t, path)
	var wg sync.WaitGroup
	errs := make(chan error, 400)
	for w, svc := range []*LedgerService{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				// Both writers post the same keys too: idempotency across handles.
				for _, key := range []string{fmt.Sprintf("w%d-%d", w, i), fmt.Sprintf("shared-%d", i)} {
					_, err := svc.Post(context.Background(), ledger.Event{Key: key, Type: ledger.EventPOIssued, Supplier: "s", Amount: dec("1.25")})
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	r, err := a.Verify(context.Background())
	require.NoError(t, err)
	assert.True(t, r.OK(), r.Problems)
	assert.Equal(t, int64(300), r.Transactions)
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
