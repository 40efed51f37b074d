package designtool

import (
	"fmt"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
	"github.com/shopspring/decimal"
)

// PhaseCost is one build phase's cost for the HUD.
type PhaseCost struct {
	ID, Name string
	Total    decimal.Decimal
}

// Lifetime is what the HUD shows of the whole house and its lifetime: the
// cost of each build phase (for the level's house, shell or finished), the
// 50-year life-cycle cost against the level's life-cycle budget, and how
// many modules can be replaced without disturbing another.
type Lifetime struct {
	Scope     string
	Phases    []PhaseCost
	LifeCycle designs.LifeCycle
	// Budget is the level's life-cycle budget; zero when it sets none.
	Budget      decimal.Decimal
	Replaceable int
	Modules     int
}

// MeasureLifetime reads the figures from the engine (its options carry the
// level's life-cycle budget).
func MeasureLifetime(e *engine.Engine) Lifetime {
	l := Lifetime{Scope: e.Scope(), LifeCycle: e.LifeCycle(), Budget: e.LifeCycleBudget()}
	for _, pc := range e.PhaseCosts() {
		l.Phases = append(l.Phases, PhaseCost{ID: pc.Phase.ID, Name: pc.Phase.Name, Total: pc.Cost.Total()})
	}
	l.Replaceable, l.Modules = e.Repairability()
	return l
}

// RepairPercent is the share of modules replaceable alone, in percent,
// rounded to a whole number; 0 without modules.
func (l Lifetime) RepairPercent() int {
	if l.Modules == 0 {
		return 0
	}
	return int(decimal.NewFromInt(int64(100 * l.Replaceable)).Div(decimal.NewFromInt(int64(l.Modules))).Round(0).IntPart())
}

// OverBudget reports whether the life-cycle cost is above the level's
// life-cycle budget.
func (l Lifetime) OverBudget() bool {
	return !l.Budget.IsZero() && l.LifeCycle.Total().GreaterThan(l.Budget)
}

// PhaseLine is the cost by phase in a line: "A $5.0k · B $22.1k · ...",
// leaving out phases with no cost.
func (l Lifetime) PhaseLine() string {
	var parts []string
	for _, p := range l.Phases {
		if p.Total.Sign() > 0 {
			parts = append(parts, p.ID+" $"+kilo(p.Total))
		}
	}
	if len(parts) == 0 {
		return "nothing built yet"
	}
	return strings.Join(parts, " · ")
}

// LifeLine is the life-cycle line: "$119.4k" or "$119.4k / $125.0k".
func (l Lifetime) LifeLine() string {
	s := "$" + kilo(l.LifeCycle.Total())
	if !l.Budget.IsZero() {
		s += " / $" + kilo(l.Budget)
	}
	return s
}

// RepairLine is "34% (61 of 179 modules)".
func (l Lifetime) RepairLine() string {
	return fmt.Sprintf("%d%% (%d of %d modules)", l.RepairPercent(), l.Replaceable, l.Modules)
}

// kilo is dollars in thousands with one decimal: 22071 is "22.1k"; below
// $1,000 whole dollars.
func kilo(d decimal.Decimal) string {
	if d.Abs().LessThan(decimal.NewFromInt(1000)) {
		return d.StringFixed(0)
	}
	return d.Div(decimal.NewFromInt(1000)).StringFixed(1) + "k"
}

// LifetimeCache keeps the lifetime figures of an engine until its version
// moves, so the HUD does not recompute them every frame.
type LifetimeCache struct {
	e   *engine.Engine
	ver uint64
	val Lifetime
}

// Get returns the engine's lifetime figures, recomputed after a change.
func (c *LifetimeCache) Get(e *engine.Engine) Lifetime {
	if c.e != e || c.ver != e.Version() {
		c.e, c.ver, c.val = e, e.Version(), MeasureLifetime(e)
	}
	return c.val
}
