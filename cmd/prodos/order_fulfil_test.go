package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Fulfilling an order runs source, jobs and schedule on the order's
// design with the crew's verified profiles, writes their outputs to one
// folder and posts the purchase orders to the ledger on the order's house
// (its id). A crew nobody of which may run the CNC job is refused with
// nothing written, nothing posted and the order still placed.
func TestOrderFulfil(t *testing.T) {
	db, hash := storeWorld(t)
	ledgerDB := db[3]
	code, _, errs := storeRun(t, db, "enterprise", "create", "mo-mf", "--site", storeSite(t, "Missouri Microfactory", "24"), "--as", "bob")
	require.Equal(t, exitOK, code, errs)
	code, _, errs = storeRun(t, db, "enterprise", "sell", "mo-mf", hash)
	require.Equal(t, exitOK, code, errs)
	code, _, errs = storeRun(t, db, "order", "create", "mo-mf", hash, "--customer", "Ana Ruiz", "--site", "Maysville")
	require.Equal(t, exitOK, code, errs)

	out := filepath.Join(t.TempDir(), "mo-mf-1")
	code, _, errs = storeRun(t, db, "order", "fulfil", "mo-mf-1", "--out", out, "--crew-profiles", "alice,bob")
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errs, `needs qualification "cnc-operator"`)
	_, err := os.Stat(out)
	assert.True(t, os.IsNotExist(err), "nothing written")
	code, stmt, _ := prodRun("ledger", "statement", "assets:on-order:national-home", "--db", ledgerDB)
	assert.NotContains(t, stmt, "mo-mf-1", "nothing posted")

	code, msg, errs := storeRun(t, db, "order", "fulfil", "mo-mf-1", "--out", out, "--crew-profiles", "alice,bob,cam", "--today", "2026-11-21")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, msg, "order mo-mf-1 in production")
	for _, f := range []string{"design.toml", "purchase-orders.csv", "jobs.txt", "jobs/queues.json", "schedule.csv", "ledger.txt"} {
		st, err := os.Stat(filepath.Join(out, f))
		require.NoError(t, err, f)
		assert.Positive(t, st.Size(), f)
	}
	posted, err := os.ReadFile(filepath.Join(out, "ledger.txt"))
	require.NoError(t, err)
	assert.Contains(t, string(posted), "po-issued")
	code, bal, errs := prodRun("ledger", "balance", "--db", ledgerDB, "--format", "csv")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, bal, "assets:on-order:")
	code, show, _ := storeRun(t, db, "order", "show", "mo-mf-1")
	require.Equal(t, exitOK, code)
	assert.Contains(t, show, "(in-production)")
	code, ver, errs := prodRun("ledger", "verify", "--db", ledgerDB)
	assert.Equal(t, exitOK, code, ver+errs)
	assert.True(t, strings.Contains(string(posted), "mo-mf-1"), "the events are on the order's house: %s", posted)
}

// The whole path on real files: an order is fulfilled (purchase orders
// posted on its house), the rest of the build and the sale are posted on
// that house, the payouts are posted and add up to the surplus, and
// ledger verify passes.
func TestOrderFulfilSellPayouts(t *testing.T) {
	db, hash := storeWorld(t)
	ledgerDB := db[3]
	for _, c := range [][]string{
		{"enterprise", "create", "mo-mf", "--site", storeSite(t, "Missouri Microfactory", "24"), "--as", "bob"},
		{"enterprise", "sell", "mo-mf", hash},
		{"order", "create", "mo-mf", hash, "--customer", "Ana Ruiz", "--site", "Maysville", "--deposit", "1000"},
		{"order", "fulfil", "mo-mf-1", "--out", filepath.Join(t.TempDir(), "out"), "--crew-profiles", "alice,bob,cam", "--today", "2026-11-21"},
	} {
		code, _, errs := storeRun(t, db, c...)
		require.Equal(t, exitOK, code, "%v: %s", c, errs)
	}
	for _, step := range prodChain[1:] {
		args := append(append([]string{"ledger", "post", prodExample("cabin-12x16"), "--db", ledgerDB, "--house", "mo-mf-1", "--today", "2026-11-21"}, prodWithCrew(t)...), step...)
		code, _, errs := prodRun(args...)
		require.Equal(t, exitOK, code, "%v: %s", step, errs)
	}
	code, _, errs := storeRun(t, db, "payouts", "mo-mf-1", "--post")
	require.Equal(t, exitOK, code, errs)
	code, out, errs := prodRun("ledger", "statement", "equity:surplus-distributed", "--db", ledgerDB)
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, 4, strings.Count(out, "surplus-paid"), out)
	assert.Contains(t, out, "203977.29", "212000.00 less the full cost 8022.71")
	code, out, errs = prodRun("ledger", "verify", "--db", ledgerDB)
	assert.Equal(t, exitOK, code, out+errs)
}
