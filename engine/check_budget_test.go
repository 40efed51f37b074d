package engine

import "testing"

func TestBudgetCheck(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "over budget", layout: cabin, rules: []Rule{{ID: "budget", Check: CheckBudget, Max: dec("1000")}},
			want: []string{"budget"}, msg: "the design costs $2648.59, $1648.59 over the budget of $1000.00"},
		{name: "within budget", layout: cabin, rules: []Rule{{ID: "budget", Check: CheckBudget, Max: dec("1000000")}}, want: []string{}},
	})
}
