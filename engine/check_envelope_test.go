package engine

import "testing"

func TestEnvelopeCheck(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "open envelope", layout: []string{
			"+ + + + + +",
			"           ",
			"+ +-+w+-+ +",
			"  |F F F|  ",
			"+ + + + + +",
			"  |F F F   ",
			"+ +-+d+-+ +",
			"           ",
			"+ + + + + +",
		}, want: []string{"envelope-closed"}, msg: "the envelope is open at 1 outside edge(s) of the floor with no wall: the east edge of (3,2)"},
		{name: "interior wall on the envelope", layout: []string{
			"+ + + + + +",
			"           ",
			"+ +-+w+-+ +",
			"  |F F Fi  ",
			"+ + + + + +",
			"  |F F F|  ",
			"+ +-+d+-+ +",
			"           ",
			"+ + + + + +",
		}, want: []string{"envelope-closed"}, msg: "interior wall 4x8 on the west edge of (4,1) is an interior wall on the outside of the envelope; use an exterior wall module"},
	})
}
