package designs

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestOccurrences(t *testing.T) {
	for every, want := range map[int]int64{1: 49, 10: 4, 13: 3, 15: 3, 25: 1, 30: 1, 49: 1, 50: 0, 75: 0, 0: 0} {
		assert.Equal(t, want, Occurrences(every), "every %d years", every)
	}
}

// The 50-year life-cycle cost of a tiny design, by hand: a foundation cell
// and a roof panel as a shell, and with one whole-house item (the smoke
// alarms) as a finished house.
func TestLifeCycleCostByHand(t *testing.T) {
	cat, err := DefaultCatalog()
	require.NoError(t, err)
	d := &Design{Grid: Grid{Width: 2, Height: 2}, Placements: []Placement{
		{Module: "foundation-cell", X: 0, Y: 0}, {Module: "roof-4x8", X: 1, Y: 0}}}
	// foundation cell: 0.22 yd3 concrete at 165, 0.2 yd3 gravel at 48, one
	// rebar at 9.48; 40 min at $35/h; 100-year life, no upkeep
	foundation := dec("36.30").Add(dec("9.60")).Add(dec("9.48")).Add(dec("40").Mul(dec("35")).Div(dec("60")))
	// roof panel: 4 2x8 at 8.98, 1 OSB at 12.50, 32 sq ft each of R-30 at
	// 1.18 and metal at 3.85, 44 nails at 0.08, 8 screws at 0.15; build 3
	// min x 5 members + 20, install 20: 55 min at $35/h; 3 min of miter saw
	// at $8/h; 75-year life; every 15 years (3 times in 50) a quarter tube of
	// sealant at 9.48 and 10 min
	roofMat := dec("35.92").Add(dec("12.50")).Add(dec("37.76")).Add(dec("123.20")).Add(dec("3.52")).Add(dec("1.20"))
	roof := roofMat.Add(dec("55").Mul(dec("35")).Div(dec("60"))).Add(dec("3").Mul(dec("8")).Div(dec("60")))
	upkeep := dec("3").Mul(dec("2.37").Add(dec("10").Mul(dec("35")).Div(dec("60"))))

	lc := cat.LifeCycleCost(d, decimal.Zero, ScopeShell)
	assert.Equal(t, foundation.Add(roof).StringFixed(6), lc.First.StringFixed(6))
	assert.Equal(t, upkeep.StringFixed(6), lc.Maintenance.StringFixed(6))
	assert.True(t, lc.Replacement.IsZero(), "nothing wears out within 50 years: %s", lc.Replacement)
	assert.Equal(t, "349.91", lc.Total().StringFixed(2))
	assert.True(t, cat.DesignCost(d, decimal.Zero).Total().Equal(lc.First), "first cost is the design's cost")

	// finished, with the alarms alone: five at 44.98 and 60 min at $35/h,
	// replaced every 10 years (4 times in 50)
	one := *cat
	for _, it := range cat.HouseItems {
		if it.ID == "alarms" {
			one.HouseItems = []*HouseItem{it}
		}
	}
	require.Len(t, one.HouseItems, 1)
	alarms := dec("224.90").Add(dec("35"))
	fin := one.LifeCycleCost(d, decimal.Zero, ScopeFinished)
	assert.Equal(t, lc.First.Add(alarms).StringFixed(6), fin.First.StringFixed(6))
	assert.Equal(t, alarms.Mul(dec("4")).StringFixed(6), fin.Replacement.StringFixed(6))
	assert.Equal(t, lc.Maintenance.StringFixed(6), fin.Maintenance.StringFixed(6))
	assert.True(t, one.ScopeCost(d, decimal.Zero, ScopeFinished).Total().Equal(fin.First))
}

// Every module and item carries a phase, a service life with its source,
// and a maintenance schedule whose tasks have sources.
func TestLifetimeData(t *testing.T) {
	cat, err := DefaultCatalog()
	require.NoError(t, err)
	check := func(what string, l Lifetime) {
		assert.NotNil(t, cat.PhaseByID(l.Phase), what)
		assert.Positive(t, l.ServiceLife, what)
		assert.NotEmpty(t, l.LifeSource, what)
		for _, m := range l.Maintenance {
			assert.NotEmpty(t, m.Source, what)
		}
	}
	for id, m := range cat.Modules {
		check(id, m.Lifetime)
	}
	for _, it := range cat.HouseItems {
		check(it.ID, it.Lifetime)
	}
	require.Len(t, cat.Phases, 7)
	assert.Equal(t, "A", cat.Phases[0].ID)
	assert.Equal(t, 70, cat.Phases[0].HoursLow)
	assert.Equal(t, 25, cat.Phases[6].HoursHigh)
}
