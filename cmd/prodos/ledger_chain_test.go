//go:build !js

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// prodSQLite3 runs SQL on a file with the sqlite3 command-line tool.
func prodSQLite3(t *testing.T, db, sql string) string {
	t.Helper()
	if _, err := exec.LookPath("sqlite3"); err != nil {
		t.Skip("sqlite3 command-line tool not installed")
	}
	out, err := exec.Command("sqlite3", db, sql).CombinedOutput()
	require.NoError(t, err, string(out))
	return string(out)
}

// An entry changed with the sqlite3 tool after dropping the append-only
// triggers is found by `ledger verify`: exit 1, naming the entry.
func TestLedgerVerifyFindsEntryChangedBehindItsBack(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ledger.db")
	file := filepath.Join(dir, "events.jsonl")
	require.NoError(t, os.WriteFile(file, []byte(prodEventsChain), 0o644))
	code, _, errs := prodRun(append([]string{"ledger", "post", "--events", file, "--db", db}, prodWithCrew(t)...)...)
	require.Equal(t, exitOK, code, errs)
	code, out, _ := prodRun("ledger", "verify", "--db", db)
	require.Equal(t, exitOK, code, out)
	assert.Contains(t, out, "hash chain: 9 entries, head ")

	drop := prodSQLite3(t, db, `SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger'`)
	require.Contains(t, drop, "DROP TRIGGER contributions_no_update;")
	// Ann's 600 minutes become bo's: the books still balance.
	prodSQLite3(t, db, drop+`UPDATE contributions SET person = 'bo' WHERE person = 'ann'`)
	code, out, errs = prodRun("ledger", "verify", "--db", db)
	assert.Equal(t, exitProblems, code, out+errs)
	assert.Contains(t, out, "problem: hash chain: entry 5 (transaction 5, key k-ann) does not match its hash")
}

// `ledger account` opens cash so that it may not be overdrawn; paying a
// supplier with no cash is then refused (exit 2) and nothing is written.
func TestLedgerAccountCashMayNotGoNegative(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ledger.db")
	code, out, errs := prodRun("ledger", "account", "assets:cash", "--credits-must-not-exceed-debits", "--db", db)
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, "account assets:cash opened, flags credits_must_not_exceed_debits\n", out)
	code, out, _ = prodRun("ledger", "account", "assets:cash", "--credits-must-not-exceed-debits", "--db", db)
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "already open")
	code, _, errs = prodRun("ledger", "account", "assets:cash", "--db", db)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "account flags are fixed when the account is created")

	lines := strings.SplitAfter(prodEventsChain, "\n")
	file := filepath.Join(dir, "events.jsonl")
	require.NoError(t, os.WriteFile(file, []byte(strings.Join(lines[:4], "")), 0o644))
	code, _, errs = prodRun(append([]string{"ledger", "post", "--events", file, "--db", db}, prodWithCrew(t)...)...)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "events.jsonl:4: post k-pay: account limit: assets:cash would go negative (-1200.50)")
	assert.Equal(t, 2, prodCountTx(t, db), "the order and the receipt, not the payment")

	for _, bad := range [][]string{
		{"account"},
		{"account", "assets:cash", "--credits-must-not-exceed-debits", "--debits-must-not-exceed-credits"},
	} {
		code, _, _ = prodRun(append(append([]string{"ledger"}, bad...), "--db", db)...)
		assert.Equal(t, exitUsage, code, bad)
	}
	code, _, errs = prodRun("ledger", "account", "cash", "--db", db)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "must start with assets:")
}

// A ledger written by the previous version (schema 2) is migrated on open;
// posting its events again records nothing new, and it verifies.
func TestLedgerRetryOnPreviousVersionsLedger(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "production", "ledger", "sqlitestore", "testdata", "v2-ledger.db"))
	require.NoError(t, err)
	db := filepath.Join(t.TempDir(), "ledger.db")
	require.NoError(t, os.WriteFile(db, raw, 0o600))
	events := filepath.Join("..", "..", "production", "ledger", "sqlitestore", "testdata", "v2-events.jsonl")
	code, out, errs := prodRun(append([]string{"ledger", "post", "--events", events, "--db", db}, prodWithCrew(t)...)...)
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, 11, strings.Count(out, "already recorded"), out)
	code, out, errs = prodRun("ledger", "verify", "--db", db)
	assert.Equal(t, exitOK, code, out+errs)
	assert.Contains(t, out, "hash chain: 11 entries, head ")
	assert.Contains(t, out, "ledger ok: 9 transactions, 26 postings")
}
