package engine

import "testing"

func TestRequiredCheck(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "no kitchen", layout: cabin, rules: []Rule{{ID: "kitchen", Check: CheckRequired, Modules: []string{"core-kitchen"}}},
			want: []string{"kitchen"}, msg: "the design needs at least one kitchen core 8x8"},
		{name: "a window is there", layout: cabin, rules: []Rule{{ID: "window", Check: CheckRequired, Modules: []string{"wall-window-4x8"}}}, want: []string{}},
	})
}
