package engine

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
)

func TestBudgetCheck(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "over budget", layout: cabin, rules: []Rule{{ID: "budget", Check: CheckBudget, Max: dec("1000")}},
			want: []string{"budget"}, msg: "the design costs $2648.59, $1648.59 over the budget of $1000.00"},
		{name: "within budget", layout: cabin, rules: []Rule{{ID: "budget", Check: CheckBudget, Max: dec("1000000")}}, want: []string{}},
		{name: "a shell within budget", layout: cabin, rules: []Rule{{ID: "budget", Check: CheckBudget, Max: dec("3000")}}, want: []string{}},
		{name: "the finished house over it", layout: cabin, rules: []Rule{{ID: "budget", Check: CheckBudget, Max: dec("3000")}},
			opts: func(o *Options) { o.Scope = designs.ScopeFinished }, want: []string{"budget"}, msg: "the design costs $13605.00, $10605.00 over the budget of $3000.00"},
	})
}
