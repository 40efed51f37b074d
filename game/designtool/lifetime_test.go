package designtool

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
	"github.com/opensourceecology/prodos/levels"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The HUD's whole-house figures for the 32x32 house: the phase costs add
// up to the finished house, the life-cycle cost and the repairability are
// the catalog's and the engine's, and the lines read as the HUD shows them.
func TestLifetimeHUD(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	d, err := designs.LoadDesign("../../designs/examples/seed-home-32x32.toml", cat)
	require.NoError(t, err)
	for _, scope := range []string{designs.ScopeShell, designs.ScopeFinished} {
		e, err := engine.FromDesign(d, cat, engine.Options{Scope: scope})
		require.NoError(t, err)
		l := MeasureLifetime(e)
		assert.Equal(t, scope, l.Scope)
		require.Len(t, l.Phases, 7)
		var sum decimal.Decimal
		for _, p := range l.Phases {
			sum = sum.Add(p.Total)
		}
		assert.Equal(t, cat.ScopeCost(d, decimal.Zero, scope).Total().StringFixed(6), sum.StringFixed(6))
		assert.Equal(t, cat.LifeCycleCost(d, decimal.Zero, scope).Total().StringFixed(6), l.LifeCycle.Total().StringFixed(6))
		assert.Equal(t, 179, l.Modules)
		assert.Equal(t, "34% (61 of 179 modules)", l.RepairLine())
		assert.False(t, l.OverBudget(), "no budget")
		if scope == designs.ScopeShell {
			assert.Equal(t, "A $5.0k · B $21.7k · D $17.0k", l.PhaseLine(), "a shell has no C, E, F or G work")
		} else {
			assert.Equal(t, "A $10.1k · B $22.1k · C $6.5k · D $24.7k · E $1.0k · F $11.7k · G $1.5k", l.PhaseLine())
			assert.Equal(t, "$119.4k", l.LifeLine())
		}
	}
}

// The two-bedroom level asks for a finished house within a life-cycle
// budget: the HUD's figures start empty, follow each placement (the cache
// recomputes only when the design changes) and compare with the budget.
func TestLifetimeLevelBudget(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	lv, err := levels.DesignLevel("two-bedroom")
	require.NoError(t, err)
	e, err := engine.FromLevel(lv, cat)
	require.NoError(t, err)
	var c LifetimeCache
	l := c.Get(e)
	assert.Equal(t, designs.ScopeFinished, l.Scope)
	assert.Equal(t, "90000", l.Budget.String())
	assert.Equal(t, "nothing built yet", l.PhaseLine())
	assert.Equal(t, "$0 / $90.0k", l.LifeLine())
	_, err = e.Apply(engine.Place(1, designs.Placement{Module: "foundation-cell", X: 2, Y: 2}))
	require.NoError(t, err)
	l = c.Get(e)
	assert.Contains(t, l.PhaseLine(), "A $")
	assert.Equal(t, 1, l.Modules)
	assert.Equal(t, 1, l.Replaceable, "nothing rests on a lone foundation cell")
	assert.False(t, l.OverBudget())
	l.Budget = decimal.NewFromInt(10)
	assert.True(t, l.OverBudget())

	// a saved design opened on the level (the level's options, no
	// FromLevel) keeps the level's house and budget
	opts, err := lv.Options(cat)
	require.NoError(t, err)
	d, err := designs.LoadDesign("../../designs/examples/two-bedroom-24x32.toml", cat)
	require.NoError(t, err)
	e2, err := engine.FromDesign(d, cat, opts)
	require.NoError(t, err)
	l = MeasureLifetime(e2)
	assert.Equal(t, designs.ScopeFinished, l.Scope)
	assert.Equal(t, "$86.8k / $90.0k", l.LifeLine())
	assert.False(t, l.OverBudget())
}
