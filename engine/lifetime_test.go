package engine

import (
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/buildseq"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const levelHead = `id = "t"
title = "T"
briefing = "b"
rules = "standard"
[grid]
width = 6
height = 5
[[objective]]
text = "o"
metric = "modules"
min = 1
`

// A level's house field: a finished house's cost metrics and score count
// the whole-house items; a shell's do not. A life-cycle budget becomes an
// objective on the lcc metric.
func TestLevelHouse(t *testing.T) {
	cat := testCatalog(t)
	sets := levelRuleSets(t)
	d := layout(t, cabin...)
	shellCost := cat.DesignCost(d, decimal.Zero)
	finished := shellCost.Add(cat.WholeHouseCost(d, decimal.Zero))
	for _, tc := range []struct {
		extra string
		cost  designs.Cost
		scope string
	}{
		{"", shellCost, designs.ScopeShell},
		{`house = "shell"` + "\n", shellCost, designs.ScopeShell},
		{`house = "finished"` + "\n", finished, designs.ScopeFinished},
	} {
		l, err := ParseLevel("t.toml", []byte(tc.extra+levelHead), cat, sets)
		require.NoError(t, err)
		l.Start = d.Placements
		e, err := FromLevel(l, cat)
		require.NoError(t, err)
		assert.Equal(t, tc.scope, e.Scope())
		for metric, want := range map[string]decimal.Decimal{"cost": tc.cost.Total(), "materials": tc.cost.Materials, "labor": tc.cost.Labour, "machine": tc.cost.Machine} {
			got, ok := e.Metric(metric)
			require.True(t, ok)
			assert.Equal(t, want.StringFixed(6), got.StringFixed(6), "%s %s", tc.scope, metric)
		}
		sc, _ := e.Score()
		assert.Equal(t, tc.cost.Total().StringFixed(6), sc.Cost.StringFixed(6))
		lcc, ok := e.Metric("lcc")
		require.True(t, ok)
		assert.Equal(t, cat.LifeCycleCost(d, decimal.Zero, tc.scope).Total().StringFixed(6), lcc.StringFixed(6))
		n, total, err := buildseq.Repairability(d, cat)
		require.NoError(t, err)
		rep, ok := e.Metric("repairability")
		require.True(t, ok)
		assert.Equal(t, decimal.NewFromInt(int64(100*n)).Div(decimal.NewFromInt(int64(total))).Round(1).String(), rep.String())
		assert.True(t, rep.Sign() > 0 && rep.LessThan(decimal.NewFromInt(100)), "some but not all modules carry others: %s", rep)
	}
	assert.True(t, finished.Total().GreaterThan(shellCost.Total().Mul(decimal.NewFromInt(2))), "a finished house costs more than twice its shell")

	l, err := ParseLevel("t.toml", []byte(`life_cycle_budget = "90000"`+"\n"+levelHead), cat, sets)
	require.NoError(t, err)
	last := l.Objectives[len(l.Objectives)-1]
	assert.Equal(t, "lcc", last.Metric)
	assert.Equal(t, "50-year life-cycle cost of $90,000 or less", last.Text)
	assert.Equal(t, "90000", last.Max.String())

	for extra, want := range map[string]string{
		`house = "mansion"` + "\n":        `t.toml:1:9: house: house must be "shell" or "finished", got "mansion"`,
		`life_cycle_budget = "-5"` + "\n": `t.toml:1:21: life_cycle_budget: life_cycle_budget must be positive, got -5`,
	} {
		_, err := ParseLevel("t.toml", []byte(extra+levelHead), cat, sets)
		require.Error(t, err)
		assert.True(t, strings.Contains(err.Error(), want), "%v", err)
	}
}
