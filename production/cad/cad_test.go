package cad

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func in(n int) Length { return designs.Inches(n) }

// A small design, one of each kind, placed where the grid says, with the
// catalog's heights and the walls' framing depth.
func TestBuildPlacesModulesFromCatalogGeometry(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	d := &designs.Design{Name: "t", Grid: designs.Grid{Width: 4, Height: 4}, Placements: []designs.Placement{
		{Module: "foundation-cell", X: 1, Y: 1},
		{Module: "floor-4x8", X: 1, Y: 1},
		{Module: "wall-window-4x8", X: 1, Y: 1, Edge: designs.North},
		{Module: "wall-door-4x8", X: 1, Y: 1, Edge: designs.East},
		{Module: "roof-4x8", X: 1, Y: 1, Rotation: 90},
	}}
	h, err := Build(cat, d)
	require.NoError(t, err)
	require.Len(t, h.Elements, 5)
	floorAt := in(8)                                           // foundation-cell height
	wallAt := floorAt + in(7) + 15*designs.Sixteenth           // floor-4x8 height 7 15/16
	thick := in(5) + 8*designs.Sixteenth + 7*designs.Sixteenth // 2x6 plate 5 1/2 + OSB 7/16
	cell := designs.CellSize
	for _, tc := range []struct {
		i    int
		kind string
		box  Box
	}{
		{0, Foundation, Box{cell, cell, 0, cell, cell, in(8)}},
		{1, Floor, Box{cell, cell, floorAt, cell, 2 * cell, in(7) + 15*designs.Sixteenth}},
		{2, Wall, Box{cell, cell - thick/2, wallAt, cell, thick, in(96)}},
		{3, Wall, Box{2*cell - thick/2, cell, wallAt, thick, cell, in(96)}},
		{4, Roof, Box{cell, cell, wallAt + in(96), 2 * cell, cell, in(8) + 12*designs.Sixteenth}},
	} {
		e := h.Elements[tc.i]
		assert.Equal(t, tc.kind, e.Kind, "element %d", tc.i)
		assert.Equal(t, tc.box, e.Box, "element %d (%s)", tc.i, e.Module)
		assert.NotEmpty(t, e.PlacementID)
	}
	win, door := h.Elements[2], h.Elements[3]
	require.Len(t, win.Openings, 1)
	assert.Equal(t, Opening{Kind: "window", Along: in(6), Sill: in(36), W: in(36), H: in(48)}, win.Openings[0])
	require.Len(t, door.Openings, 1)
	assert.Equal(t, Opening{Kind: "door", Along: in(6), Sill: 0, W: in(36), H: in(80)}, door.Openings[0])
	// a window leaves four pieces (beside, below, above), a door three
	assert.Len(t, win.Pieces(), 4)
	assert.Len(t, door.Pieces(), 3)
	assert.Equal(t, Box{X: in(6), Z: in(36), DX: in(36), DY: thick, DZ: in(48)}, win.Fill(win.Openings[0]))
	assert.Equal(t, Box{Y: in(6), DX: thick, DY: in(36), DZ: in(80)}, door.Fill(door.Openings[0]))
}

// The pieces of a wall and its fills add up to the whole wall.
func TestPiecesAndFillsCoverTheWall(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	for _, id := range []string{"wall-ext-4x8", "wall-window-4x8", "wall-door-4x8", "wall-slider-8", "wall-int-door-4x8"} {
		for _, edge := range []string{designs.North, designs.West} {
			d := &designs.Design{Name: "t", Grid: designs.Grid{Width: 4, Height: 4}, Placements: []designs.Placement{{Module: id, X: 1, Y: 1, Edge: edge}}}
			h, err := Build(cat, d)
			require.NoError(t, err)
			e := h.Elements[0]
			vol := func(b Box) int64 { return int64(b.DX) * int64(b.DY) * int64(b.DZ) }
			var sum int64
			for _, p := range e.Pieces() {
				sum += vol(p)
			}
			for _, o := range e.Openings {
				sum += vol(e.Fill(o))
			}
			assert.Equal(t, vol(e.Box), sum, "%s on %s", id, edge)
		}
	}
}

func TestMetresIsExact(t *testing.T) {
	assert.Equal(t, 1.2192, Metres(designs.CellSize))
	assert.Equal(t, 0.0254, Metres(designs.Inch))
}
