package engine

import (
	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/buildseq"
	"github.com/shopspring/decimal"
)

// Scope is what the session builds: designs.ScopeShell (the modules, the
// default) or designs.ScopeFinished (the modules and the whole-house items;
// Options.Scope, a level's house field).
func (e *Engine) Scope() string {
	if e.opts.Scope == designs.ScopeFinished {
		return designs.ScopeFinished
	}
	return designs.ScopeShell
}

// LifeCycleBudget is the life-cycle budget of the level the session plays
// (Options.LifeCycleBudget); zero when there is none.
func (e *Engine) LifeCycleBudget() decimal.Decimal { return e.opts.LifeCycleBudget }

// ScopeCost is the design's cost for its scope: Cost, plus the whole-house
// items for a finished house.
func (e *Engine) ScopeCost() designs.Cost {
	if e.Scope() != designs.ScopeFinished {
		return e.cost
	}
	return e.cost.Add(e.cat.WholeHouseCost(e.Design(), e.rate))
}

// PhaseCosts is the design's cost and labour by build phase A to G, for
// its scope.
func (e *Engine) PhaseCosts() []designs.PhaseCost {
	return e.cat.PhaseCosts(e.Design(), e.rate, e.Scope())
}

// LifeCycle is the design's 50-year life-cycle cost for its scope.
func (e *Engine) LifeCycle() designs.LifeCycle {
	return e.cat.LifeCycleCost(e.Design(), e.rate, e.Scope())
}

// Repairability is how many of the design's modules can be replaced
// without disturbing another (buildseq.Repairability), of how many.
func (e *Engine) Repairability() (replaceable, total int) {
	n, t, err := buildseq.Repairability(e.Design(), e.cat)
	if err != nil {
		return 0, 0
	}
	return n, t
}

// RepairabilityPercent is Repairability as a percentage to one decimal
// place; 0 for an empty design.
func (e *Engine) RepairabilityPercent() decimal.Decimal {
	n, t := e.Repairability()
	if t == 0 {
		return decimal.Zero
	}
	return decimal.NewFromInt(int64(100 * n)).Div(decimal.NewFromInt(int64(t))).Round(1)
}
