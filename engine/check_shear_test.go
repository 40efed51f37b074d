package engine

import "testing"

func TestShearCheck(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "half-solid wall runs pass", layout: []string{
			"+ + + + + + +",
			"             ",
			"+ +-+w+w+-+ +",
			"  |F F F F|  ",
			"+ + + + + + +",
			"  |F F F F|  ",
			"+ +-+d+w+-+ +",
			"             ",
			"+ + + + + + +",
		}, want: []string{}},
		{name: "too many openings in a run", layout: []string{
			"+ + + + + + +",
			"             ",
			"+ +-+w+w+w+ +",
			"  |F F F F|  ",
			"+ + + + + + +",
			"  |F F F F|  ",
			"+ +-+d+-+-+ +",
			"             ",
			"+ + + + + + +",
		}, want: []string{"opening-not-at-corner", "shear-walls"}, msg: "the exterior wall run along grid line y=1 from x=1 to x=5 is 25% solid (1 of 4 panels); at least 50% must be solid panels for shear"},
	})
}
