package engine

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func in(inches float64) designs.Length { return designs.Length(inches * 16) }

func TestSnap(t *testing.T) {
	cat := testCatalog(t)
	// the cabin's floor with its north and west walls missing
	e, err := FromDesign(layout(t,
		"+ + + + + +",
		"           ",
		"+ + + + + +",
		"   F F F|  ",
		"+ + + + + +",
		"   F F F|  ",
		"+ +-+d+-+ +",
		"           ",
		"+ + + + + +",
	), cat, Options{Rules: standardRules(t)})
	require.NoError(t, err)
	tests := []struct {
		name   string
		module string
		x, y   designs.Length
		rot    int
		want   designs.Placement
		ok     bool
	}{
		{"wall near the north edge of (2,1)", "wall-ext-4x8", in(2*48 + 20), in(48 + 5), 0,
			designs.Placement{Module: "wall-ext-4x8", X: 2, Y: 1, Edge: "n"}, true},
		{"wall near the west edge of (1,2)", "wall-ext-4x8", in(48 + 3), in(2*48 + 30), 0,
			designs.Placement{Module: "wall-ext-4x8", X: 1, Y: 2, Edge: "w"}, true},
		{"wall pointed at the occupied east edge moves to a free one", "wall-ext-4x8", in(4*48 - 2), in(48 + 24), 0,
			designs.Placement{Module: "wall-ext-4x8", X: 4, Y: 1, Edge: "w"}, false},
		{"core centred on the pointer", "core-bath", in(2*48 + 10), in(2*48 + 2), 0,
			designs.Placement{Module: "core-bath", X: 1, Y: 1}, true},
		{"floor off the grid clamps in", "floor-4x8", in(-500), in(-500), 0,
			designs.Placement{Module: "floor-4x8", X: 0, Y: 0}, false},
		{"turned roof panel", "roof-4x8", in(2*48 + 1), in(48 + 24), 90,
			designs.Placement{Module: "roof-4x8", X: 1, Y: 1, Rotation: 90}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := e.SnapRotated(tt.module, tt.x, tt.y, tt.rot)
			if tt.ok {
				assert.Equal(t, tt.want, p)
				assert.True(t, ok)
				assert.True(t, e.Preview(p).Allowed)
				return
			}
			if ok {
				assert.True(t, e.Preview(p).Allowed, "snap said ok for %+v", p)
			} else {
				assert.Equal(t, tt.want, p, "the nearest slot when none is allowed")
			}
		})
	}
	_, ok := e.Snap("no-such-module", 0, 0)
	assert.False(t, ok)
}

func TestSnapPixels(t *testing.T) {
	cat := testCatalog(t)
	e, err := New(cat, Options{Grid: designs.Grid{Width: 4, Height: 4}})
	require.NoError(t, err)
	v := Viewport{OriginX: 100, OriginY: 50, PixelsPerCell: 32}
	x, y := v.ToInches(100+32*1.5, 50+32*2)
	assert.Equal(t, in(72), x)
	assert.Equal(t, in(96), y)
	px, py := v.ToPixels(x, y)
	assert.InDelta(t, 148, px, 1e-9)
	assert.InDelta(t, 114, py, 1e-9)
	p, ok := e.SnapPixels("wall-ext-4x8", 100+32*1.5, 50+32*2+3, v, 0)
	require.True(t, ok, "no rules: every slot is allowed")
	assert.Equal(t, designs.Placement{Module: "wall-ext-4x8", X: 1, Y: 2, Edge: "n"}, p)
}

func TestPreview(t *testing.T) {
	cat := testCatalog(t)
	e, err := FromDesign(layout(t, cabin...), cat, Options{Rules: standardRules(t)})
	require.NoError(t, err)
	before := snapshot(e)
	pv := e.Preview(designs.Placement{Module: "core-bath", X: 1, Y: 1})
	assert.True(t, pv.Allowed, pv.Violations)
	c, _ := e.ModuleCost("core-bath")
	assert.True(t, c.Total().Equal(pv.CostDelta))
	assert.Equal(t, "+$"+c.Total().StringFixed(2), FormatDelta(pv.CostDelta))
	assert.Equal(t, "-$412.50", FormatDelta(*dec("-412.5")))
	pv = e.Preview(designs.Placement{Module: "core-bath", X: 0, Y: 0})
	assert.False(t, pv.Allowed)
	assert.Equal(t, "core-on-floor", pv.Violations[0].Rule)
	pv = e.Preview(designs.Placement{Module: "core-bath", X: 4, Y: 3})
	assert.False(t, pv.Allowed)
	assert.Contains(t, pv.Reason, "outside the 5x4 grid")
	assert.Equal(t, before, snapshot(e), "previews change nothing")
	got, ok := e.PreviewCost(designs.Placement{Module: "core-bath", X: 1, Y: 1})
	assert.True(t, ok)
	assert.Equal(t, c, got)
	_, ok = e.PreviewCost(designs.Placement{Module: "core-bath", X: 4, Y: 3})
	assert.False(t, ok)
}
