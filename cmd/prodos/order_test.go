package main

import (
	"encoding/json"
	"testing"

	"github.com/opensourceecology/prodos/production/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A customer orders the cabin's kit through the CLI on real SQLite files:
// the order copies the kit offer's breakdown to the cent, records the
// deposit and the delivery site, and reads back with order show.
func TestOrderCreateShow(t *testing.T) {
	db, hash := storeWorld(t)
	code, _, errs := storeRun(t, db, "enterprise", "create", "mo-mf", "--site", storeSite(t, "Missouri Microfactory", "24"), "--as", "bob")
	require.Equal(t, exitOK, code, errs)
	code, _, errs = storeRun(t, db, "enterprise", "sell", "mo-mf", hash)
	require.Equal(t, exitOK, code, errs)
	kit := *enterpriseShow(t, db, "mo-mf").Products[0].Quote.Offer("kit")

	code, out, errs := storeRun(t, db, "order", "create", "mo-mf", hash[:8], "--level", "1", "--kind", "kit",
		"--customer", "Ana Ruiz", "--contact", "ana@example.org", "--site", "12 Oak Lane, Maysville", "--deposit", "1000.50")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "order mo-mf-1: mo-mf/"+hash[:12]+", level 1 (kit), total "+kit.Total.StringFixed(2)+", deposit 1000.50")

	code, out, errs = storeRun(t, db, "order", "show", "mo-mf-1", "--format", "json")
	require.Equal(t, exitOK, code, errs)
	var got store.Order
	require.NoError(t, json.Unmarshal([]byte(out), &got), out)
	assert.Equal(t, "kit", got.Kind)
	assert.Equal(t, "12 Oak Lane, Maysville", got.Site)
	assert.Equal(t, "1000.50", got.Deposit.StringFixed(2))
	assert.True(t, got.Total.Equal(kit.Total), "%s vs %s", got.Total, kit.Total)
	require.Len(t, got.Lines, len(kit.Lines))
	for i, l := range kit.Lines {
		assert.Equal(t, l.Name, got.Lines[i].Name)
		assert.True(t, l.Amount.Equal(got.Lines[i].Amount), "%s: %s vs %s", l.Name, l.Amount, got.Lines[i].Amount)
	}
	code, out, _ = storeRun(t, db, "order", "show", "mo-mf-1")
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "Customer: Ana Ruiz (ana@example.org)")
	assert.Contains(t, out, "balance due")

	code, out, errs = storeRun(t, db, "order", "create", "mo-mf", hash, "--level", "3", "--customer", "Co-op", "--site", "Kansas")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "order mo-mf-2: mo-mf/"+hash[:12]+", level 3 (licence), total 2500.00, deposit 0.00")
}

// Bad input is refused with exit 2 (malformed) or 1 (refused), and no
// order is stored.
func TestOrderCreateRefuses(t *testing.T) {
	db, hash := storeWorld(t)
	code, _, errs := storeRun(t, db, "enterprise", "create", "mo-mf", "--site", storeSite(t, "Missouri Microfactory", "24"), "--as", "bob")
	require.Equal(t, exitOK, code, errs)
	code, _, errs = storeRun(t, db, "enterprise", "sell", "mo-mf", hash, "--levels", "1,3")
	require.Equal(t, exitOK, code, errs)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"mo-mf", hash, "--site", "X"}, exitUsage, "--customer NAME and --site PLACE are required"},
		{[]string{"mo-mf", hash, "--customer", "A", "--site", "X", "--kind", "shed"}, exitUsage, `--kind "shed"`},
		{[]string{"mo-mf", hash, "--customer", "A", "--site", "X", "--deposit", "ten"}, exitUsage, `--deposit "ten"`},
		{[]string{"mo-mf", hash, "--customer", "A", "--site", "X", "--deposit", "10.001"}, exitUsage, "not whole cents"},
		{[]string{"mo-mf", hash, "--customer", "A", "--site", "X", "--level", "3", "--deposit", "2500.01"}, exitUsage, "not between 0 and the total 2500"},
		{[]string{"mo-mf", hash, "--customer", "A", "--site", "X", "--level", "2"}, exitProblems, "does not offer level 2"},
		{[]string{"nope", hash, "--customer", "A", "--site", "X"}, exitProblems, "no enterprise"},
	} {
		code, _, errs := storeRun(t, db, append([]string{"order", "create"}, tc.args...)...)
		assert.Equal(t, tc.code, code, "%v: %s", tc.args, errs)
		assert.Contains(t, errs, tc.want, tc.args)
	}
	code, _, errs = storeRun(t, db, "order", "show", "mo-mf-1")
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errs, `no order "mo-mf-1"`)
}
