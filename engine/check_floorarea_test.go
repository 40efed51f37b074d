package engine

import "testing"

func TestFloorAreaCheck(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "too small", layout: cabin, rules: []Rule{{ID: "big-enough", Check: CheckFloorArea, Min: dec("200")}},
			want: []string{"big-enough"}, msg: "the floor area is 96 sq ft; at least 200 sq ft is needed"},
		{name: "exactly enough", layout: cabin, rules: []Rule{{ID: "big-enough", Check: CheckFloorArea, Min: dec("96")}}, want: []string{}},
	})
}
