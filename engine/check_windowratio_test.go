package engine

import "testing"

func TestWindowRatioCheck(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "too few windows", layout: []string{
			"+ + + + + + + +",
			"               ",
			"+ +-+-+-+-+-+ +",
			"  |F F F F F|  ",
			"+ + + + + + + +",
			"  |F F F F F|  ",
			"+ +-+-+d+-+-+ +",
			"               ",
			"+ + + + + + + +",
		}, want: []string{"daylight"}, msg: "windows are 0% of the floor area (0 sq ft of 160 sq ft); at least 8% is needed"},
	})
}
