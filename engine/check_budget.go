package engine

import (
	"fmt"

	"github.com/opensourceecology/prodos/designs"
)

// CheckBudget names the design check: total cost <= max (USD), for the
// session's scope (a finished house counts its whole-house items).
const CheckBudget = "budget"

func init() { registerCheck(budgetCheck{}) }

type budgetCheck struct{ designCheck }

func (budgetCheck) Name() string { return CheckBudget }

func (budgetCheck) Validate(r *Rule, _ *designs.Catalog) (string, string) {
	if r.Max == nil || r.Max.Sign() < 0 {
		return "max", fmt.Sprintf("rule %q: budget needs a non-negative max", r.ID)
	}
	return "", ""
}

func (budgetCheck) Design(e *Engine, _ *analysis, _ *Metrics, r *Rule, rep *report) {
	if t := e.ScopeCost().Total(); t.GreaterThan(*r.Max) {
		rep.add(fmt.Sprintf("the design costs $%s, $%s over the budget of $%s", t.StringFixed(2), t.Sub(*r.Max).StringFixed(2), r.Max.StringFixed(2)))
	}
}
