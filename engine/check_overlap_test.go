package engine

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
)

func TestOverlapCheck(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "two walls on one edge", layout: cabin, extra: []designs.Placement{{Module: "wall-ext-4x8", X: 1, Y: 0, Edge: "s"}},
			want: []string{"no-overlap"}, msg: "exterior wall 4x8 on the south edge of (1,0) overlaps exterior wall 4x8 on the north edge of (1,1)"},
		{name: "two cores on one cell", layout: cabin, extra: []designs.Placement{{Module: "core-bath", X: 1, Y: 1}, {Module: "core-kitchen", X: 2, Y: 1}},
			want: []string{"no-overlap"}, msg: "kitchen core 8x8 at (2,1) overlaps bathroom core 8x8 at (1,1)"},
	})
}
