package engine

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
)

func TestWallSupportCheck(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "wall on nothing", layout: cabin, extra: []designs.Placement{{Module: "wall-ext-4x8", X: 0, Y: 0, Edge: "n"}},
			want: []string{"wall-on-floor"}, msg: "exterior wall 4x8 on the north edge of (0,0) stands on no floor or foundation"},
	})
}
