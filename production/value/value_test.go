package value

import (
	"strings"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestAllocate(t *testing.T) {
	for _, tc := range []struct {
		name    string
		total   int64
		weights []string
		want    []int64
	}{
		{"even", 100, []string{"1", "1"}, []int64{50, 50}},
		{"thirds: the cent left goes to the first of equal remainders", 100, []string{"1", "1", "1"}, []int64{34, 33, 33}},
		{"largest remainder wins", 10000, []string{"798", "570", "136.8", "480"}, []int64{4021, 2872, 689, 2418}},
		{"zero weight gets nothing", 7, []string{"0", "2", "5"}, []int64{0, 2, 5}},
		{"no weight: all zero", 500, []string{"0", "0"}, []int64{0, 0}},
		{"fine decimals", 1, []string{"0.0001", "0.00015"}, []int64{0, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := make([]decimal.Decimal, len(tc.weights))
			for i, w := range tc.weights {
				ws[i] = dec(w)
			}
			got := Allocate(tc.total, ws)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestParsePolicy(t *testing.T) {
	p, err := DefaultPolicy()
	require.NoError(t, err)
	assert.Equal(t, "0.1", p.Design.Credit.String())
	assert.Equal(t, "lead-build-crew", p.Claims.WitnessPermission)
	const minimal = `[work]
rationale = "w"
[design]
credit = "0.10"
rationale = "d"
[claims]
witness_permission = "lead-build-crew"
rationale = "c"
[reputation]
rationale = "r"
`
	_, err = ParsePolicy("v.toml", []byte(minimal))
	require.NoError(t, err)
	for _, tc := range []struct{ name, old, edit, want string }{
		{"credit above 1", `credit = "0.10"`, `credit = "1.5"`, "v.toml: design.credit must be between 0 and 1, got 1.5"},
		{"no witness permission", `witness_permission = "lead-build-crew"`, `witness_permission = ""`, "v.toml: claims.witness_permission is empty"},
		{"unknown field", `credit = "0.10"`, "credit = \"0.10\"\ncredits = 1", "v.toml: unknown field design.credits"},
		{"a rule without its rationale", `rationale = "w"`, `rationale = " "`, "v.toml: work.rationale is empty"},
		{"malformed", `credit = "0.10"`, `credit = "0.10`, "v.toml: toml:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParsePolicy("v.toml", []byte(strings.Replace(minimal, tc.old, tc.edit, 1)))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// valueInput is one completed, sold house (h1, value added 1000.00, by
// carol's design) and an open house h2.
func valueInput(t *testing.T, check Checker) Input {
	t.Helper()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	pol, err := DefaultPolicy()
	require.NoError(t, err)
	at := time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC)
	vd := &ledger.ValueData{
		Houses:        []ledger.House{{ID: "h1", Design: "d", Author: "carol"}, {ID: "h2", Design: "d", Author: "carol"}},
		Completed:     map[string]bool{"h1": true},
		Sales:         map[string]int64{"h1": 300000},
		MaterialsCost: map[string]int64{"h1": 200000},
		Records: []ledger.ProductionRecord{
			{Key: "r1", At: at, House: "h1", Person: "ann", Module: "wall-ext-4x8", Op: "build", Count: 10, Witness: "lee"},
			{Key: "r2", At: at, House: "h2", Person: "ann", Module: "wall-ext-4x8", Op: "build", Count: 5, Witness: "lee"},
			{Key: "r3", At: at, House: "h1", Person: "ann", Module: "no-such-module", Op: "build", Count: 1},
		},
		Contributions: []ledger.Contribution{
			{Key: "c-none", At: at, House: "h1", Person: "dana", Kind: "design", Minutes: 2400},
			{Key: "c-self", At: at, House: "h1", Person: "lee", Kind: "labour", Minutes: 600, Witness: "lee"},
			{Key: "c-lead", At: at, House: "h1", Person: "erin", Kind: "labour", Minutes: 90, Witness: "lee"},
			{Key: "c-notlead", At: at, House: "h1", Person: "fay", Kind: "labour", Minutes: 60, Witness: "mallory"},
			{Key: "c-open", At: at, House: "h2", Person: "erin", Kind: "labour", Minutes: 30, Witness: "lee"},
			{Key: "c-twice", At: at, House: "h1", Person: "ann", Kind: "labour", Skill: "framing", Minutes: 210, Witness: "lee"},
		},
	}
	return Input{Data: vd, Catalog: cat, Policy: pol, Check: check}
}

func leadIsLee(w string) (bool, string) { return w == "lee", w + " does not hold lead-build-crew" }

func TestComputeRules(t *testing.T) {
	r, err := Compute(valueInput(t, leadIsLee))
	require.NoError(t, err)
	rules := map[string]Rule{}
	credited := map[string]string{}
	for _, p := range r.People {
		for _, l := range p.Lines {
			rules[p.Name+"/"+l.Key] = l.Rule
			credited[p.Name+"/"+l.Key] = l.Credited.String()
		}
	}
	for _, tc := range []struct {
		line     string
		rule     Rule
		credited string
	}{
		{"ann/r1", RuleStandardTime, "210"}, // 10 walls * 7 members * 3 min
		{"ann/r2", RuleNotCompleted, "0"},
		{"ann/r3", RuleNotInCatalog, "0"},
		{"carol/r1", RuleDesignCredit, "21"},
		{"dana/c-none", RuleNoWitness, "0"},
		{"lee/c-self", RuleSelfWitnessed, "0"},
		{"erin/c-lead", RuleWitnessed, "90"},
		{"fay/c-notlead", RuleWitnessNotLead, "0"},
		{"erin/c-open", RuleNotCompleted, "0"},
		{"ann/c-twice", RuleCoveredByRecords, "0"},
	} {
		assert.Equal(t, tc.rule, rules[tc.line], tc.line)
		assert.Equal(t, tc.credited, credited[tc.line], tc.line)
	}
	// 321 minutes share 1000.00: ann 210, erin 90, carol 21.
	want := map[string][2]string{"ann": {"654.21", "0.6542"}, "erin": {"280.37", "0.2804"}, "carol": {"65.42", "0.0654"},
		"dana": {"0.00", "0.0000"}, "fay": {"0.00", "0.0000"}, "lee": {"0.00", "0.0000"}}
	var bp int64
	for _, p := range r.People {
		assert.Equal(t, want[p.Name][0], p.Attributed.StringFixed(2), p.Name)
		assert.Equal(t, want[p.Name][1], p.Share().StringFixed(4), p.Name)
		bp += p.ShareBP
	}
	assert.Equal(t, int64(10000), bp+r.UnattributedBP)
	ann := r.Person("ann")
	assert.Equal(t, "3.5", ann.Reputation.String(), "210 verified minutes")
	assert.Equal(t, 1, ann.WitnessedEvents)
	assert.Equal(t, 10, ann.ModulesBuilt)
	assert.Equal(t, 10, r.Person("carol").DesignUses)
	assert.Equal(t, "1.5", r.Person("erin").Reputation.String())
	assert.Contains(t, r.Person("fay").Lines[0].Note, "mallory does not hold")
}

// Without a profile store, witnessed hours count toward value as
// witnessed-unverified but never toward reputation.
func TestComputeUncheckedWitness(t *testing.T) {
	r, err := Compute(valueInput(t, nil))
	require.NoError(t, err)
	erin := r.Person("erin")
	assert.Equal(t, RuleWitnessUnchecked, erin.Lines[0].Rule)
	assert.Equal(t, "90", erin.Credited.String())
	assert.True(t, erin.Reputation.IsZero(), "unverified witnesses add no reputation")
	assert.Equal(t, "0.0000", r.Person("lee").Share().StringFixed(4), "self-witnessed hours stay out")
	assert.False(t, r.Checked)
	fay := r.Person("fay")
	assert.Equal(t, "60", fay.Credited.String(), "mallory cannot be checked either")
}

// A sold house nobody is credited on is unattributed, and the shares with
// it still sum to 100 %.
func TestComputeUnattributed(t *testing.T) {
	in := valueInput(t, leadIsLee)
	in.Data.Completed["h2"] = true
	in.Data.Houses = append(in.Data.Houses, ledger.House{ID: "h3"})
	in.Data.Completed["h3"] = true
	in.Data.Sales["h3"] = 100000
	r, err := Compute(in)
	require.NoError(t, err)
	assert.Equal(t, "1000.00", r.Unattributed.StringFixed(2))
	assert.Equal(t, "2000.00", r.Produced.StringFixed(2))
	var sum int64
	for _, p := range r.People {
		sum += p.ShareBP
	}
	assert.Equal(t, int64(5000), r.UnattributedBP)
	assert.Equal(t, int64(10000), sum+r.UnattributedBP)
}
