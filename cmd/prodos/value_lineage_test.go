//go:build !js

package main

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A house built from a remix published in the commons: the ledger records
// the design file's hash, and prodos value shares the design credit along
// the remix's lineage, bo (the remixer) 0.60 and ana (the original) 0.40.
func TestValueCreditsTheLineage(t *testing.T) {
	db := commonsWorld(t)
	cabin := publishJSON(t, prodExample("cabin-12x16"), "--as", "ana", "--db", db)
	remix := filepath.Join(t.TempDir(), "remix.toml")
	code, _, stderr := prodos(t, "commons", "fork", cabin.Version.Hash, "--out", remix, "--db", db)
	require.Equal(t, exitOK, code, stderr)
	changed := editDesign(t, remix, "name = \"One-room cabin 12x16\"", "name = \"Cabin with a porch\"")
	rv := publishJSON(t, changed, "--as", "bo", "--db", db)
	require.Equal(t, cabin.Version.Hash, rv.Version.Parent)

	ledgerDB := filepath.Join(t.TempDir(), "ledger.db")
	prodPostChain(t, ledgerDB, changed)
	credit := func(commonsDB string) map[string][2]string {
		code, out, errs := prodRun("value", "--db", ledgerDB, "--commons-db", commonsDB, "--format", "json")
		require.Equal(t, exitOK, code, errs)
		var r valueReportJSON
		require.NoError(t, json.Unmarshal([]byte(out), &r), out)
		got := map[string][2]string{}
		for _, p := range r.People {
			got[p.Person] = [2]string{p.CreditedMinutes, p.Attributed}
		}
		return got
	}
	with := credit(db)
	without := credit(filepath.Join(t.TempDir(), "none.db"))
	bo, ana := decimal.RequireFromString(with["bo"][0]), decimal.RequireFromString(with["ana"][0])
	require.True(t, bo.IsPositive(), "%v", with)
	assert.Equal(t, "1.5", bo.Div(ana).String(), "bo keeps 0.60 of the design credit, ana gets 0.40")
	_, credited := without["bo"]
	assert.False(t, credited, "without the commons nobody along the lineage is credited: %v", without)
	author := decimal.RequireFromString(without["Production OS examples"][0])
	assert.True(t, bo.Add(ana).Equal(author), "the lineage shares the design credit the file's author had alone: %s + %s, want %s", bo, ana, author)
	_, credited = with["Production OS examples"]
	assert.False(t, credited, "the commons' profiles take the design credit: %v", with)
	assert.Equal(t, with["alice"], without["alice"], "the builders' credit does not change")
}
