//go:build !js

package sqlitestore

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// copyFixture copies the schema-2 ledger written by the previous version
// into a temporary directory.
func copyFixture(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile("testdata/v2-ledger.db")
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "ledger.db")
	require.NoError(t, os.WriteFile(path, raw, 0o600))
	return path
}

func fixtureEvents(t *testing.T) []ledger.Event {
	t.Helper()
	f, err := os.Open("testdata/v2-events.jsonl")
	require.NoError(t, err)
	defer f.Close()
	var evs []ledger.Event
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e ledger.Event
		require.NoError(t, json.Unmarshal(sc.Bytes(), &e))
		evs = append(evs, e)
	}
	require.NoError(t, sc.Err())
	return evs
}

// An event posted by the previous version (schema 2, digest of the Go
// struct's JSON) and retried by this one is the same event.
func TestRetryOfEventPostedByPreviousVersion(t *testing.T) {
	db, svc := openTest(t, copyFixture(t))
	ctx := context.Background()
	for _, e := range fixtureEvents(t) {
		res, err := svc.Post(ctx, e)
		require.NoError(t, err, e.Key)
		assert.True(t, res.Duplicate, e.Key)
		changed := e
		changed.Memo = "other content"
		_, err = svc.Post(ctx, changed)
		assert.ErrorIs(t, err, ledger.ErrKeyConflict, e.Key)
	}
	var n int
	require.NoError(t, db.SQL().QueryRow(`SELECT COUNT(*) FROM transactions`).Scan(&n))
	assert.Equal(t, 9, n, "nothing new recorded")
}

// Migrating a schema-2 ledger links its entries into the hash chain and
// gives its accounts their flags; it verifies, and new postings extend it.
func TestMigrationBackfillsChain(t *testing.T) {
	db, svc := openTest(t, copyFixture(t))
	ctx := context.Background()
	r, err := svc.Verify(ctx)
	require.NoError(t, err)
	assert.Empty(t, r.Problems)
	assert.Equal(t, int64(11), r.Entries, "9 transactions and 2 production records")
	assert.Len(t, r.ChainHead, 64)
	rows, err := db.SQL().Query(`SELECT name, flags FROM accounts`)
	require.NoError(t, err)
	defer rows.Close()
	for rows.Next() {
		var name string
		var f ledger.AccountFlags
		require.NoError(t, rows.Scan(&name, &f))
		assert.Equal(t, ledger.DefaultAccountFlags(name), f, name)
	}
	require.NoError(t, rows.Err())
	_, err = svc.Post(ctx, ledger.Event{Key: "h2:po", Type: ledger.EventPOIssued, House: "h2", Supplier: "valley", Amount: dec("10")})
	require.NoError(t, err)
	r2, err := svc.Verify(ctx)
	require.NoError(t, err)
	assert.Empty(t, r2.Problems)
	assert.Equal(t, int64(12), r2.Entries)
	assert.NotEqual(t, r.ChainHead, r2.ChainHead)
}

// A key names one event: a transaction's key cannot be reused by a
// production record, nor the other way round.
func TestOneIdempotencyNamespace(t *testing.T) {
	db, svc := openTest(t, "")
	ctx := context.Background()
	po := ledger.Event{Key: "k1", Type: ledger.EventPOIssued, House: "h", Supplier: "s", Amount: dec("5")}
	built := ledger.Event{Key: "k2", Type: ledger.EventModuleBuilt, House: "h", Person: "ann", Module: "wall", Count: 1}
	_, err := svc.Post(ctx, po)
	require.NoError(t, err)
	_, err = svc.Post(ctx, built)
	require.NoError(t, err)
	asRecord := built
	asRecord.Key = po.Key
	_, err = svc.Post(ctx, asRecord)
	assert.ErrorIs(t, err, ledger.ErrKeyConflict, "a record reusing a transaction's key")
	asTx := po
	asTx.Key = built.Key
	_, err = svc.Post(ctx, asTx)
	assert.ErrorIs(t, err, ledger.ErrKeyConflict, "a transaction reusing a record's key")
	_, err = db.SQL().Exec(`INSERT INTO production_records (idem_key, digest, house, person, module, op, count, recorded_at)
		VALUES ('k1', '', 'h', 'ann', 'wall', 'build', 1, '')`)
	require.ErrorContains(t, err, "idempotency key already used by a transaction", "the database refuses it too")
	_, err = db.SQL().Exec(`DROP TRIGGER records_one_key; INSERT INTO production_records (idem_key, digest, house, person, module, op, count, recorded_at)
		VALUES ('k1', '', 'h', 'ann', 'wall', 'build', 1, '')`)
	require.NoError(t, err)
	r, err := svc.Verify(ctx)
	require.NoError(t, err)
	assert.Contains(t, fmt.Sprint(r.Problems), "key k1 names both transaction 1 and production record 2 (one idempotency namespace)")
}

// sqliteCLI runs SQL on the ledger file with the sqlite3 command-line tool.
func sqliteCLI(t *testing.T, path, sql string) {
	t.Helper()
	if _, err := exec.LookPath("sqlite3"); err != nil {
		t.Skip("sqlite3 command-line tool not installed")
	}
	out, err := exec.Command("sqlite3", path, sql).CombinedOutput()
	require.NoError(t, err, string(out))
}

// dropTriggers is the SQL that removes the append-only triggers.
const dropTriggers = `SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger'`

// Verify finds an entry changed behind the ledger's back, with the
// append-only triggers dropped by the sqlite3 tool, and names it.
func TestVerifyDetectsEntryChangedWithTriggersDropped(t *testing.T) {
	tests := []struct {
		name, sql, want string
	}{
		{"memo", `UPDATE transactions SET memo = 'nothing to see' WHERE idem_key = 'issue'`, "entry 8 (transaction 8, key issue)"},
		{"contribution", `UPDATE contributions SET person = 'mallory' WHERE person = 'ann'`, "entry 9 (transaction 9, key ann-frame)"},
		{"posting moved to another account", `UPDATE postings SET account_id = (SELECT id FROM accounts WHERE name = 'assets:cash')
			WHERE tx_id = 8 AND seq = 1; UPDATE postings SET account_id = (SELECT id FROM accounts WHERE name = 'assets:cash') WHERE tx_id = 8 AND seq = 2`, "key issue"},
		{"account flags", `UPDATE accounts SET flags = 0 WHERE name = 'assets:materials-inventory'`, "key gr-valley"},
		{"house author", `UPDATE houses SET author = 'mallory'`, "entry 1 (transaction 1, key po-valley)"},
		{"house design hash", `UPDATE houses SET design_hash = '` + strings.Repeat("ab", 32) + `'`, "entry 1 (transaction 1, key po-valley)"},
		{"record count", `UPDATE production_records SET count = 90`, "entry 11 (record 1, key ann-built)"},
		{"record witness", `UPDATE production_records SET witness = 'mallory'`, "entry 11 (record 1, key ann-built)"},
		{"record witness removed", `UPDATE production_records SET witness = ''`, "entry 11 (record 1, key ann-built)"},
		{"contribution witness", `UPDATE contributions SET witness = 'mallory' WHERE person = 'ann'`, "entry 9 (transaction 9, key ann-frame)"},
		{"entry removed", `DELETE FROM entries WHERE seq = 5`, "entries 5 to 5 are missing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "ledger.db")
			db, svc := openTest(t, path)
			postAll(t, svc, script())
			r, err := svc.Verify(context.Background())
			require.NoError(t, err)
			require.Empty(t, r.Problems)
			require.NoError(t, db.Close())
			out, err := exec.Command("sqlite3", path, dropTriggers).Output()
			if err != nil {
				t.Skipf("sqlite3 command-line tool: %v", err)
			}
			sqliteCLI(t, path, string(out)+tc.sql)
			_, svc = openTest(t, path)
			r, err = svc.Verify(context.Background())
			require.NoError(t, err)
			assert.Contains(t, fmt.Sprint(r.Problems), tc.want)
		})
	}
}

// Cash may not go negative when its account forbids it, as TigerBeetle's
// credits_must_not_exceed_debits; by default it may (paying suppliers
// before the sale draws on credit). Verify checks running balances
// against the flags.
func TestAccountFlags(t *testing.T) {
	ctx := context.Background()
	pay := script()[:7] // orders, receipts and the payment to valley
	t.Run("cash may not go negative", func(t *testing.T) {
		_, svc := openTest(t, "")
		created, err := svc.OpenAccount(ctx, ledger.AccountCash, ledger.CreditsMustNotExceedDebits)
		require.NoError(t, err)
		assert.True(t, created)
		created, err = svc.OpenAccount(ctx, ledger.AccountCash, ledger.CreditsMustNotExceedDebits)
		require.NoError(t, err)
		assert.False(t, created, "opening again with the same flags is idempotent")
		_, err = svc.OpenAccount(ctx, ledger.AccountCash, 0)
		assert.ErrorIs(t, err, ledger.ErrAccountFlags)
		postAll(t, svc, pay[:6])
		_, err = svc.Post(ctx, pay[6])
		require.ErrorIs(t, err, ledger.ErrAccountLimit)
		assert.Contains(t, err.Error(), "assets:cash would go negative (-1200.50)")
	})
	t.Run("cash allows a negative balance by default", func(t *testing.T) {
		_, svc := openTest(t, "")
		postAll(t, svc, pay)
		bals, err := svc.TrialBalance(ctx)
		require.NoError(t, err)
		assert.Contains(t, bals, ledger.Balance{Account: ledger.AccountCash, Type: ledger.Asset, Amount: -120050})
	})
	t.Run("verify checks running balances against flags", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "ledger.db")
		db, svc := openTest(t, path)
		postAll(t, svc, pay)
		require.NoError(t, db.Close())
		out, err := exec.Command("sqlite3", path, dropTriggers).Output()
		if err != nil {
			t.Skipf("sqlite3 command-line tool: %v", err)
		}
		sqliteCLI(t, path, string(out)+`UPDATE accounts SET flags = 2 WHERE name = 'assets:cash'`)
		_, svc = openTest(t, path)
		r, err := svc.Verify(ctx)
		require.NoError(t, err)
		assert.Contains(t, fmt.Sprint(r.Problems), "transaction 7 (pay-valley): account limit: assets:cash would go negative")
	})
	t.Run("flags are checked", func(t *testing.T) {
		_, svc := openTest(t, "")
		_, err := svc.OpenAccount(ctx, "cash", ledger.CreditsMustNotExceedDebits)
		assert.ErrorIs(t, err, ledger.ErrInvalidEvent)
		_, err = svc.OpenAccount(ctx, ledger.AccountCash, 3)
		assert.ErrorIs(t, err, ledger.ErrInvalidEvent)
	})
}

// The witness of a contribution and of a production record is stored and
// read back with the value data; an event without one reads "".
func TestWitnessStored(t *testing.T) {
	_, svc := openTest(t, "")
	postAll(t, svc, script())
	vd, err := svc.ValueData(context.Background())
	require.NoError(t, err)
	witness := map[string]string{}
	for _, c := range vd.Contributions {
		witness[c.Person+"/"+c.Kind] = c.Witness
	}
	assert.Equal(t, map[string]string{"ann/labour": "lee", "bo/training": ""}, witness)
	require.Len(t, vd.Records, 1)
	assert.Equal(t, "lee", vd.Records[0].Witness)
}

// Recorded tells a retry (the key recorded as the same event) from a new
// event and from other content under a used key.
func TestRecorded(t *testing.T) {
	_, svc := openTest(t, "")
	ctx := context.Background()
	evs := script()
	postAll(t, svc, evs[:11])
	for _, e := range evs[:11] {
		got, err := svc.Recorded(ctx, e)
		require.NoError(t, err)
		assert.True(t, got, e.Key)
	}
	built := evs[10]
	require.Equal(t, ledger.EventModuleBuilt, built.Type)
	other := built
	other.Witness = "mallory"
	got, err := svc.Recorded(ctx, other)
	require.NoError(t, err)
	assert.False(t, got, "other content under the key")
	got, err = svc.Recorded(ctx, evs[11])
	require.NoError(t, err)
	assert.False(t, got, "not posted yet")
}
