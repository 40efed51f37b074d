//go:build !js

package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// prodRowOf3 writes a row of three two-bedroom houses (the compact row
// example, repeated 3 times instead of 20) as row-of-3.toml in a temporary
// directory and returns its path.
func prodRowOf3(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "designs", "examples", "compact", "row-of-20-24x32.toml"))
	require.NoError(t, err)
	src := strings.Replace(string(data), "repeat = 20", "repeat = 3", 1)
	require.NotEqual(t, string(data), src)
	path := filepath.Join(t.TempDir(), "row-of-3.toml")
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	return path
}

// prodHouseChain is a house's chain without the figures that belong to one
// house (sale price, given hours): the events a row posts for all its houses.
var prodHouseChain = [][]string{
	{"--event", "po-issued"},
	{"--event", "goods-received"},
	{"--event", "supplier-paid"},
	{"--event", "materials-issued"},
	{"--event", "labour-contributed", "--person", "alice", "--skill", "framing", "--witness", "lee"},
	{"--event", "labour-contributed", "--person", "bob", "--skill", "install", "--witness", "lee"},
	{"--event", "module-built", "--person", "alice", "--witness", "lee"},
	{"--event", "module-installed", "--person", "bob", "--witness", "lee"},
	{"--event", "house-completed"},
}

func prodPost(t *testing.T, db, design string, args ...string) (int, string, string) {
	t.Helper()
	return prodRun(append(append([]string{"ledger", "post", design, "--db", db, "--today", "2026-11-21"}, prodWithCrew(t)...), args...)...)
}

// prodBalances reads the trial balance as account -> signed amount (debits
// positive).
func prodBalances(t *testing.T, db string) map[string]decimal.Decimal {
	t.Helper()
	code, out, errs := prodRun("ledger", "balance", "--db", db, "--format", "csv")
	require.Equal(t, exitOK, code, errs)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	bal := map[string]decimal.Decimal{}
	for _, r := range rows[1 : len(rows)-1] {
		v := decimal.Zero
		if r[2] != "" {
			v = decimal.RequireFromString(r[2])
		} else {
			v = decimal.RequireFromString(r[3]).Neg()
		}
		bal[r[0]] = v
	}
	return bal
}

// houseAccounts are the balances of the accounts of one house, with the
// house id replaced by "H".
func houseAccounts(bal map[string]decimal.Decimal, house string) map[string]string {
	out := map[string]string{}
	for acc, v := range bal {
		if strings.Contains(acc, ":"+house+":") {
			out[strings.Replace(acc, ":"+house+":", ":H:", 1)] = v.StringFixed(2)
		}
	}
	return out
}

// Issue 12.13: a design grouped into houses posts each event per house,
// with the house's own figures; each house of a row of three ends with the
// balances of the single-house design, and the shared accounts hold three
// times the single house's. Before, the row was posted as one house.
func TestLedgerRowOfHousesPostsHouseByHouse(t *testing.T) {
	row, single := prodRowOf3(t), prodExample("two-bedroom-24x32")
	rowDB, singleDB := filepath.Join(t.TempDir(), "row.db"), filepath.Join(t.TempDir(), "single.db")
	for _, step := range prodHouseChain {
		code, _, errs := prodPost(t, rowDB, row, step...)
		require.Equal(t, exitOK, code, "%v: %s", step, errs)
		code, _, errs = prodPost(t, singleDB, single, step...)
		require.Equal(t, exitOK, code, "%v: %s", step, errs)
	}
	code, _, errs := prodPost(t, singleDB, single, "--event", "house-sold", "--amount", "212000")
	require.Equal(t, exitOK, code, errs)
	for _, h := range []string{"House 1", "House 2", "House 3"} {
		code, out, errs := prodPost(t, rowDB, row, "--event", "house-sold", "--amount", "212000", "--house", h)
		require.Equal(t, exitOK, code, errs)
		assert.Contains(t, out, "house-sold", h)
	}
	rowBal, singleBal := prodBalances(t, rowDB), prodBalances(t, singleDB)
	want := houseAccounts(singleBal, "two-bedroom-24x32")
	require.NotEmpty(t, want)
	for _, h := range []string{"house-1", "house-2", "house-3"} {
		assert.Equal(t, want, houseAccounts(rowBal, "row-of-3/"+h), h)
	}
	assert.Empty(t, houseAccounts(rowBal, "row-of-3"), "no account of the row as one house")
	for acc, v := range singleBal {
		if !strings.Contains(acc, "two-bedroom-24x32") {
			assert.Equal(t, v.Mul(decimal.NewFromInt(3)).StringFixed(2), rowBal[acc].StringFixed(2), acc)
		}
	}
	code, out, _ := prodRun("ledger", "verify", "--db", rowDB)
	assert.Equal(t, exitOK, code, out)
	code, out, errs = prodRun("ledger", "statement", "assets:finished:row-of-3/house-2:materials", "--db", rowDB)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "row-of-3/house-2:house-sold")

	// A retry of the same per-house posts is recognised, house by house.
	before := prodCountTx(t, rowDB)
	for _, step := range prodHouseChain {
		code, out, errs := prodPost(t, rowDB, row, step...)
		require.Equal(t, exitOK, code, "%v: %s", step, errs)
		assert.Equal(t, 3*strings.Count(out, "row-of-3/house-1"), strings.Count(out, "already recorded"), out)
	}
	assert.Equal(t, before, prodCountTx(t, rowDB))

	code, out, errs = prodRun("value", "--db", rowDB, "--format", "json", "--profiles", filepath.Join(t.TempDir(), "none.db"))
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, `"sales": "636000.00"`, "three houses sold")
	var doc struct {
		People []struct {
			Share      string `json:"share"`
			DesignUses int    `json:"design_uses"`
		} `json:"people"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	sum, uses := decimal.Zero, 0
	for _, p := range doc.People {
		sum = sum.Add(decimal.RequireFromString(p.Share))
		uses += p.DesignUses
	}
	assert.Equal(t, "1.0000", sum.StringFixed(4), "shares of the three houses' value sum to exactly 1")
	assert.Positive(t, uses, "the design's author is credited with the modules built from it")
}

// One house of a row is sold while the others are still open; --house
// selects the house, an unknown house is exit 2 naming the houses, and a
// figure of one house needs --house.
func TestLedgerRowOfHousesOneSoldOthersOpen(t *testing.T) {
	row := prodRowOf3(t)
	db := filepath.Join(t.TempDir(), "ledger.db")
	for _, step := range prodHouseChain[:len(prodHouseChain)-1] {
		code, _, errs := prodPost(t, db, row, step...)
		require.Equal(t, exitOK, code, "%v: %s", step, errs)
	}
	code, out, errs := prodPost(t, db, row, "--event", "house-completed", "--house", "House 2")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "row-of-3/house-2:house-completed")
	assert.NotContains(t, out, "house-1")
	code, _, errs = prodPost(t, db, row, "--event", "house-sold", "--amount", "212000", "--house", "house-2")
	require.Equal(t, exitOK, code, errs)

	n := prodCountTx(t, db)
	code, _, errs = prodPost(t, db, row, "--event", "labour-contributed", "--person", "eve", "--skill", "framing", "--witness", "lee")
	assert.Equal(t, exitUsage, code, "the row's event includes the sold house")
	assert.Contains(t, errs, "row-of-3/house-2")
	assert.Contains(t, errs, "sold")
	assert.Equal(t, n, prodCountTx(t, db), "all or nothing")
	code, out, errs = prodPost(t, db, row, "--event", "labour-contributed", "--person", "eve", "--skill", "framing", "--witness", "lee", "--house", "House 3")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "row-of-3/house-3:labour-contributed:eve")
	code, _, errs = prodPost(t, db, row, "--event", "house-completed", "--house", "row-of-3/house-1")
	require.Equal(t, exitOK, code, errs)
	code, _, errs = prodPost(t, db, row, "--event", "house-completed", "--house", "House 9")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, `house "House 9" is not in`)
	assert.Contains(t, errs, "House 1, House 2, House 3")
	code, _, errs = prodPost(t, db, row, "--event", "labour-contributed", "--person", "eve", "--kind", "review", "--hours", "2")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "--house")

	vals := prodBalances(t, db)
	assert.True(t, vals["assets:finished:row-of-3/house-1:materials"].IsPositive(), "house 1 completed")
	assert.True(t, vals["assets:wip:row-of-3/house-3:materials"].IsPositive(), "house 3 still open")
	assert.True(t, vals["assets:finished:row-of-3/house-2:materials"].IsZero(), "house 2 sold")
	assert.Equal(t, "-212000.00", vals["income:house-sales"].StringFixed(2), "one house sold")

	// Completing the row completes house 3; houses 1 and 2 recognise
	// their completion as a retry.
	code, out, errs = prodPost(t, db, row, "--event", "house-completed")
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, 2, strings.Count(out, "already recorded"), out)
	assert.Contains(t, out, "row-of-3/house-3:house-completed")
	assert.True(t, prodBalances(t, db)["assets:wip:row-of-3/house-3:materials"].IsZero(), "house 3 completed")
}
