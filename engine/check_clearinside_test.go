package engine

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
)

func TestClearInsideCheck(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "a wall through a core", layout: []string{
			"+ + + + + +",
			"           ",
			"+ +-+w+-+ +",
			"  |F FiF|  ",
			"+ + + + + +",
			"  |F FoF|  ",
			"+ +-+d+-+ +",
			"           ",
			"+ + + + + +",
		}, extra: []designs.Placement{{Module: "core-bath", X: 2, Y: 1}},
			want: []string{"nothing-through-cores"}, msg: "bathroom core 8x8 at (2,1) has interior wall 4x8 on the west edge of (3,1) standing inside it"},
	})
}
