package engine

import "testing"

func TestSupportCheck(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "floor without foundation", layout: []string{
			"+ + + + + +",
			"           ",
			"+ +-+w+-+ +",
			"  |F F G|  ",
			"+ + + + + +",
			"  |F F G|  ",
			"+ +-+d+-+ +",
			"           ",
			"+ + + + + +",
		}, want: []string{"floor-on-foundation"}, msg: "floor cassette 4x8 at (3,1) has no foundation under 2 of its 2 cells (first: (3,1))"},
	})
}
