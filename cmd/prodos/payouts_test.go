package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/production/store"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An order of the cabin is built and sold in the ledger as house mo-mf-1
// (the order id); payouts splits its surplus (sale less the order's full
// cost) between the people credited on that house and the 10 % default
// R&D share, adding up to the surplus to the cent, each share within a
// cent of its exact value and explained by its ledger entries.
func TestPayoutsOfASoldOrder(t *testing.T) {
	db, hash := storeWorld(t)
	code, _, errs := storeRun(t, db, "enterprise", "create", "mo-mf", "--site", storeSite(t, "Missouri Microfactory", "24"), "--as", "bob")
	require.Equal(t, exitOK, code, errs)
	code, _, errs = storeRun(t, db, "enterprise", "sell", "mo-mf", hash)
	require.Equal(t, exitOK, code, errs)
	code, _, errs = storeRun(t, db, "order", "create", "mo-mf", hash, "--level", "1", "--customer", "Ana Ruiz", "--site", "Maysville")
	require.Equal(t, exitOK, code, errs)

	code, _, errs = storeRun(t, db, "payouts", "mo-mf-1")
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errs, "house mo-mf-1 of order mo-mf-1 is not sold")

	ledgerDB := db[3]
	for _, step := range prodChain {
		args := append(append([]string{"ledger", "post", prodExample("cabin-12x16"), "--db", ledgerDB, "--house", "mo-mf-1", "--today", "2026-11-21"}, prodWithCrew(t)...), step...)
		code, _, errs := prodRun(args...)
		require.Equal(t, exitOK, code, "%v: %s", step, errs)
	}
	code, out, errs := storeRun(t, db, "payouts", "mo-mf-1", "--format", "json")
	require.Equal(t, exitOK, code, errs)
	var plan store.PayoutPlan
	require.NoError(t, json.Unmarshal([]byte(out), &plan), out)
	assert.Equal(t, "212000", plan.Sale.String())
	assert.True(t, plan.Surplus.Equal(plan.Sale.Sub(plan.FullCost)))
	assert.True(t, plan.Surplus.IsPositive())
	sum := decimal.Zero
	people := []string{}
	cent := decimal.New(1, -2)
	for _, p := range plan.Payouts {
		sum = sum.Add(p.Amount)
		people = append(people, p.Person)
		assert.True(t, p.Amount.Sub(p.Exact).Abs().LessThan(cent), "%s: %s vs exact %s", p.Person, p.Amount, p.Exact)
	}
	assert.True(t, sum.Equal(plan.Surplus), "payouts %s, surplus %s", sum, plan.Surplus)
	assert.Contains(t, people, "alice")
	assert.Contains(t, people, "bob")
	assert.Equal(t, "", people[len(people)-1], "the R&D share comes last")
	// By hand: surplus 212000.00 - 8022.71 = 203977.29 (20397729 cents);
	// 1991 credited minutes: alice 910, bob 900, dana (the cabin's designer,
	// 10 % design credit) 181. Weights with R&D at 10 %: alice 819, bob 810,
	// dana 162.9, R&D 199.1 of 1991. Exact cents: 8390627.85, 8298423.15,
	// 1668905.10, 2039772.90; the floors leave 2 cents, to R&D (.90) and
	// alice (.85).
	got := map[string]string{}
	for _, p := range plan.Payouts {
		got[p.Person] = p.Amount.StringFixed(2)
	}
	assert.Equal(t, map[string]string{"alice": "83906.28", "bob": "82984.23", "dana": "16689.05", "": "20397.73"}, got)
	rd := plan.Payouts[len(plan.Payouts)-1]
	assert.True(t, rd.Exact.Equal(plan.Surplus.Mul(decimal.RequireFromString("0.1"))), rd.Exact.String())

	code, out, errs = storeRun(t, db, "payouts", "mo-mf-1")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "R&D share 10% (site profile rd_share)")
	assert.Contains(t, out, "module-built")

	// Posted: one balanced transaction per share, keyed per order and
	// person; posting again records nothing new; ledger verify passes.
	for i := 0; i < 2; i++ {
		code, _, errs = storeRun(t, db, "payouts", "mo-mf-1", "--post")
		require.Equal(t, exitOK, code, errs)
	}
	code, out, errs = prodRun("ledger", "verify", "--db", ledgerDB)
	assert.Equal(t, exitOK, code, out+errs)
	code, out, errs = prodRun("ledger", "balance", "--db", ledgerDB, "--format", "csv")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "equity:surplus-distributed")
	assert.Contains(t, out, "liabilities:surplus-owed:alice")
	assert.Contains(t, out, "equity:research-and-development:mo-mf")
	code, out, errs = prodRun("ledger", "statement", "equity:surplus-distributed", "--db", ledgerDB)
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, 4, strings.Count(out, "surplus-paid"), "posted once: "+out)
	assert.Contains(t, out, "203977.29", "the payouts add up to the surplus")
}
