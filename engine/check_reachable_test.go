package engine

import "testing"

func TestReachableCheck(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "no door", layout: []string{
			"+ + + + + +",
			"           ",
			"+ +-+w+-+ +",
			"  |F F F|  ",
			"+ + + + + +",
			"  |F F F|  ",
			"+ +-+-+-+ +",
			"           ",
			"+ + + + + +",
		}, want: []string{"rooms-reachable"}, msg: "the room of 6 cells (96 sq ft) from (1,1) to (3,2) has no way in from outside through doors"},
		{name: "second room without a door", layout: []string{
			"+ + + + + +",
			"           ",
			"+ +-+w+-+ +",
			"  |F FiF|  ",
			"+ + + + + +",
			"  |F FiF|  ",
			"+ +-+d+-+ +",
			"           ",
			"+ + + + + +",
		}, want: []string{"rooms-reachable"}, msg: "the room of 2 cells (32 sq ft) from (3,1) to (3,2) has no way in from outside through doors"},
		{name: "second room through an interior door", layout: []string{
			"+ + + + + +",
			"           ",
			"+ +-+w+-+ +",
			"  |F FoF|  ",
			"+ + + + + +",
			"  |F FiF|  ",
			"+ +-+d+-+ +",
			"           ",
			"+ + + + + +",
		}, want: []string{}},
	})
}
