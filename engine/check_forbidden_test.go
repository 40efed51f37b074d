package engine

import "testing"

func TestForbiddenCheck(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "a forbidden window", layout: cabin, rules: []Rule{{ID: "no-windows", Check: CheckForbidden, Modules: []string{"wall-window-4x8"}}},
			want: []string{"no-windows"}, msg: "window wall 4x8 on the north edge of (2,1) may not be used here"},
		{name: "no forbidden kitchen", layout: cabin, rules: []Rule{{ID: "no-kitchen", Check: CheckForbidden, Modules: []string{"core-kitchen"}}}, want: []string{}},
	})
}
