package buildseq_test

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/buildseq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A 4 x 8 ft room: two foundation cells, a floor cassette, six exterior
// walls and a roof panel whose rafters run north-south onto the north and
// south walls. Replaceable alone: the roof and the four side walls it does
// not bear on; the foundation, the floor and the two bearing walls carry
// something.
//
//	  N
//	+---+
//	W F E   (0,0)
//	W F E   (0,1)
//	+---+
//	  S
func TestRepairabilityTiny(t *testing.T) {
	cat := catalog(t)
	d := &designs.Design{Grid: designs.Grid{Width: 1, Height: 2}, Placements: []designs.Placement{
		{Module: "foundation-cell", X: 0, Y: 0},                     // 0
		{Module: "foundation-cell", X: 0, Y: 1},                     // 1
		{Module: "floor-4x8", X: 0, Y: 0},                           // 2
		{Module: "wall-ext-4x8", X: 0, Y: 0, Edge: designs.North},   // 3
		{Module: "wall-ext-4x8", X: 0, Y: 1, Edge: designs.South},   // 4
		{Module: "wall-ext-4x8", X: 0, Y: 0, Edge: designs.West},    // 5
		{Module: "wall-ext-4x8", X: 0, Y: 1, Edge: designs.West},    // 6
		{Module: "wall-ext-4x8", X: 0, Y: 0, Edge: designs.East},    // 7
		{Module: "wall-window-4x8", X: 0, Y: 1, Edge: designs.East}, // 8
		{Module: "roof-4x8", X: 0, Y: 0},                            // 9
	}}
	rests, err := buildseq.RestsOn(d, cat)
	require.NoError(t, err)
	assert.Equal(t, [][]int{nil, nil, {0, 1}, {2}, {2}, {2}, {2}, {2}, {2}, {3, 4}}, rests)
	n, total, err := buildseq.Repairability(d, cat)
	require.NoError(t, err)
	assert.Equal(t, 10, total)
	assert.Equal(t, 5, n, "roof and the four side walls")

	// a solar roof panel's PV would not change it; a loft under the roof
	// makes the roof rest on the loft too
	d.Placements = append(d.Placements, designs.Placement{Module: "loft-4x8", X: 0, Y: 0})
	rests, err = buildseq.RestsOn(d, cat)
	require.NoError(t, err)
	assert.Equal(t, []int{3, 4, 10}, rests[9])
	n, _, err = buildseq.Repairability(d, cat)
	require.NoError(t, err)
	assert.Equal(t, 5, n, "the loft carries the roof; the roof is still free")
}
