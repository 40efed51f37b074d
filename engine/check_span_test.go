package engine

import "testing"

func TestSpanCheck(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "roof spans 20 ft", layout: []string{
			"+ + + + + + + +",
			"               ",
			"+ +-+w+-+w+-+ +",
			"  |F F F F F|  ",
			"+ + + + + + + +",
			"  |F F F F F|  ",
			"+ +-+-+d+-+-+ +",
			"               ",
			"+ + + + + + + +",
		}, extra: append(roofs(1, 4, 1, 2, 90), roofs(5, 5, 1, 2, 0)...),
			want: []string{"roof-span"}, msg: "roof panel 4x8 at (1,1) spans 20 ft between bearing walls; the roof panel 4x8's limit is 16 ft"},
		{name: "roof with a bearing wall at 12 ft", layout: []string{
			"+ + + + + + + +",
			"               ",
			"+ +-+w+-+w+-+ +",
			"  |F F FiF F|  ",
			"+ + + + + + + +",
			"  |F F FoF F|  ",
			"+ +-+-+d+-+-+ +",
			"               ",
			"+ + + + + + + +",
		}, extra: append(roofs(1, 4, 1, 2, 90), roofs(5, 5, 1, 2, 0)...), want: []string{}},
		{name: "roof with no wall to bear on", layout: []string{
			"+ + + + +",
			"         ",
			"+ + + + +",
			"   F F   ",
			"+ + + + +",
			"   F F   ",
			"+ + + + +",
		}, extra: roofs(1, 2, 1, 2, 0), want: []string{"daylight", "envelope-closed", "roof-span"}, msg: "roof panel 4x8 at (1,1) has no bearing wall to the north; the roof panel 4x8's limit is 16 ft"},
	})
}
