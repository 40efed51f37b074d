// Package ledgertest is the conformance suite of ledger.Ledger: the tests
// every database adapter (production/ledger/sqlitestore for SQLite,
// production/ledger/pgstore for PostgreSQL) must pass, through the
// adapter's own Open and its raw SQL handle. Each adapter's tests call
// Run with a Factory that opens its store.
package ledgertest

import (
	"bytes"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update-ledgertest", false, "rewrite the conformance suite's golden files")

// FixedNow is the clock a Factory's stores must use, so outputs are golden.
func FixedNow() time.Time { return time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC) }

// Store is one open handle on a ledger database.
type Store struct {
	// Ledger is the service under test.
	Ledger ledger.Ledger
	// SQL is the raw handle on the same database, with the ledger's
	// tables on its search path (for counts and tampering attempts).
	SQL *sql.DB
	// Close closes the handle.
	Close func() error
}

// Factory makes and opens ledgers of one adapter.
type Factory struct {
	// New makes a location for a new, empty ledger (a file path, a
	// database URL) and returns it.
	New func(t testing.TB) string
	// Open opens the ledger at a location, with FixedNow as its clock; the
	// test closes it at cleanup (closing it twice must be harmless).
	Open func(t testing.TB, where string) Store
}

// Run runs the conformance suite.
func Run(t *testing.T, f Factory) {
	tests := []struct {
		name string
		run  func(*testing.T, Factory)
	}{
		{"TrialBalanceGolden", testTrialBalanceGolden},
		{"PostTwiceRecordsOnce", testPostTwiceRecordsOnce},
		{"KeyConflict", testKeyConflict},
		{"AppendOnly", testAppendOnly},
		{"Reversal", testReversal},
		{"Statement", testStatement},
		{"ReopenKeepsData", testReopenKeepsData},
		{"ConcurrentWriters", testConcurrentWriters},
		{"OneIdempotencyNamespace", testOneNamespace},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, f) })
	}
}

func open(t testing.TB, f Factory) Store { return f.Open(t, f.New(t)) }

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// Script is a house's whole life plus a mistaken order that is reversed.
func Script() []ledger.Event {
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

// PostAll posts events one by one and requires each to succeed.
func PostAll(t testing.TB, svc ledger.Ledger, evs []ledger.Event) {
	t.Helper()
	for _, e := range evs {
		_, err := svc.Post(context.Background(), e)
		require.NoError(t, err, e.Key)
	}
}

// FormatBalance prints a trial balance, one account a line, and its sum.
func FormatBalance(bals []ledger.Balance) []byte {
	var b bytes.Buffer
	var sum int64
	for _, x := range bals {
		fmt.Fprintf(&b, "%-42s %-9s %12s\n", x.Account, x.Type, ledger.FromCents(x.Amount).StringFixed(2))
		sum += x.Amount
	}
	fmt.Fprintf(&b, "%-42s %-9s %12s\n", "sum", "", ledger.FromCents(sum).StringFixed(2))
	return b.Bytes()
}

// RequireVerified runs Verify and requires no problems.
func RequireVerified(t testing.TB, svc ledger.Ledger) *ledger.VerifyReport {
	t.Helper()
	r, err := svc.Verify(context.Background())
	require.NoError(t, err)
	require.True(t, r.OK(), "verify: %v", r.Problems)
	return r
}

// goldenDir is this package's testdata folder, wherever the suite runs.
func goldenDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "testdata")
}

func testTrialBalanceGolden(t *testing.T, f Factory) {
	s := open(t, f)
	PostAll(t, s.Ledger, Script())
	bals, err := s.Ledger.TrialBalance(context.Background())
	require.NoError(t, err)
	got := FormatBalance(bals)
	path := filepath.Join(goldenDir(), "trial-balance.txt")
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
	r := RequireVerified(t, s.Ledger)
	assert.Equal(t, r.Debits, r.Credits)
	assert.Equal(t, int64(len(Script())), r.Entries, "one hash-chain entry per transaction and record")
}

func testPostTwiceRecordsOnce(t *testing.T, f Factory) {
	s := open(t, f)
	ctx := context.Background()
	for _, e := range Script() {
		first, err := s.Ledger.Post(ctx, e)
		require.NoError(t, err)
		second, err := s.Ledger.Post(ctx, e)
		require.NoError(t, err)
		assert.True(t, second.Duplicate, e.Key)
		assert.False(t, first.Duplicate, e.Key)
	}
	var n int
	require.NoError(t, s.SQL.QueryRow(`SELECT COUNT(*) FROM transactions`).Scan(&n))
	assert.Equal(t, len(Script())-1, n, "every transaction once (module-built is a record)")
	require.NoError(t, s.SQL.QueryRow(`SELECT COUNT(*) FROM production_records`).Scan(&n))
	assert.Equal(t, 1, n)
}

func testKeyConflict(t *testing.T, f Factory) {
	s := open(t, f)
	ctx := context.Background()
	e := Script()[0]
	_, err := s.Ledger.Post(ctx, e)
	require.NoError(t, err)
	e.Amount = dec("1.00")
	_, err = s.Ledger.Post(ctx, e)
	assert.ErrorIs(t, err, ledger.ErrKeyConflict)
}

func testAppendOnly(t *testing.T, f Factory) {
	s := open(t, f)
	PostAll(t, s.Ledger, Script())
	for _, q := range []string{
		`UPDATE postings SET amount = amount + 1`,
		`DELETE FROM postings`,
		`UPDATE transactions SET memo = 'x'`,
		`DELETE FROM transactions`,
		`UPDATE accounts SET name = 'x'`,
		`DELETE FROM contributions`,
		`UPDATE production_records SET count = 100`,
		`DELETE FROM houses`,
		`UPDATE entries SET hash = 'x'`,
		`DELETE FROM entries`,
	} {
		_, err := s.SQL.Exec(q)
		require.Error(t, err, q)
		assert.Contains(t, err.Error(), "append-only", q)
	}
	RequireVerified(t, s.Ledger)
}

func testReversal(t *testing.T, f Factory) {
	s := open(t, f)
	ctx := context.Background()
	PostAll(t, s.Ledger, Script()[:4])
	bals, err := s.Ledger.TrialBalance(ctx)
	require.NoError(t, err)
	found := false
	for _, b := range bals {
		if b.Account == ledger.AccountOnOrder("midwest") {
			found = true
			assert.Equal(t, int64(80025), b.Amount, "the wrong order is cancelled")
		}
	}
	assert.True(t, found, "midwest's on-order account in the trial balance")
	_, err = s.Ledger.Post(ctx, ledger.Event{Key: "again", Type: ledger.EventReversal, Reverses: "po-wrong"})
	assert.ErrorIs(t, err, ledger.ErrInvalidEvent, "a transaction is reversed at most once")
	_, err = s.Ledger.Post(ctx, ledger.Event{Key: "ghost", Type: ledger.EventReversal, Reverses: "no-such-key"})
	assert.ErrorIs(t, err, ledger.ErrNotFound)
}

func testStatement(t *testing.T, f Factory) {
	s := open(t, f)
	PostAll(t, s.Ledger, Script())
	lines, err := s.Ledger.Statement(context.Background(), ledger.AccountCash)
	require.NoError(t, err)
	require.Len(t, lines, 2)
	assert.Equal(t, int64(-120050), lines[0].Amount)
	assert.Equal(t, int64(3000000-120050), lines[1].Running)
	assert.Equal(t, FixedNow(), lines[0].PostedAt)
	_, err = s.Ledger.Statement(context.Background(), "assets:nothing")
	assert.ErrorIs(t, err, ledger.ErrNotFound)
}

func testReopenKeepsData(t *testing.T, f Factory) {
	where := f.New(t)
	s := f.Open(t, where)
	PostAll(t, s.Ledger, Script())
	head := RequireVerified(t, s.Ledger).ChainHead
	require.NoError(t, s.Close())
	r := RequireVerified(t, f.Open(t, where).Ledger)
	assert.Equal(t, int64(len(Script())-1), r.Transactions)
	assert.Equal(t, head, r.ChainHead)
}

// testConcurrentWriters: two handles on one database (as two processes
// would have) post at once, the same keys too; every event is recorded
// exactly once and the hash chain stays one line.
func testConcurrentWriters(t *testing.T, f Factory) {
	where := f.New(t)
	a, b := f.Open(t, where), f.Open(t, where)
	var wg sync.WaitGroup
	errs := make(chan error, 400)
	for w, s := range []Store{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				for _, key := range []string{fmt.Sprintf("w%d-%d", w, i), fmt.Sprintf("shared-%d", i)} {
					_, err := s.Ledger.Post(context.Background(), ledger.Event{Key: key, Type: ledger.EventPOIssued, Supplier: "s", Amount: dec("1.25")})
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
	r := RequireVerified(t, a.Ledger)
	assert.Equal(t, int64(300), r.Transactions)
	assert.Equal(t, int64(300), r.Entries)
}

// testOneNamespace: a key names a transaction or a production record,
// never both, even written behind the service's back.
func testOneNamespace(t *testing.T, f Factory) {
	s := open(t, f)
	PostAll(t, s.Ledger, Script())
	_, err := s.Ledger.Post(context.Background(), ledger.Event{Key: "ann-built", Type: ledger.EventPOIssued, Supplier: "s", Amount: dec("1")})
	assert.ErrorIs(t, err, ledger.ErrKeyConflict)
	_, err = s.SQL.Exec(`INSERT INTO transactions (idem_key, event, memo, digest, posted_at) VALUES ('ann-built', 'po-issued', '', '', '')`)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "idempotency key already used")
}

// BenchPost posts one two-posting purchase order per op (a new key each)
// through the service, as a site's server does, and reports posts/s.
func BenchPost(b *testing.B, s Store) {
	ctx := context.Background()
	amount := dec("12.34")
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		if _, err := s.Ledger.Post(ctx, ledger.Event{Key: fmt.Sprint("bench-", i), Type: ledger.EventPOIssued, Supplier: "s", Amount: amount}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "posts/s")
}
