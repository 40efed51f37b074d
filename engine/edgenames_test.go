package engine

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A wall edge has two names; the engine places a wall by its grid line, so
// a wall given under both names is one slot placed twice (an overlap), and
// a design written with either name, or in canonical form, has the same
// cost and rules.
func TestWallEdgeTwoNamesOneSlot(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	g := designs.Grid{Width: 3, Height: 3}
	south := designs.Placement{Module: "wall-ext-4x8", X: 1, Y: 0, Edge: designs.South}
	north := designs.Placement{Module: "wall-ext-4x8", X: 1, Y: 1, Edge: designs.North}
	assert.Equal(t, north, south.Canonical(g))

	both := &designs.Design{Format: 1, Name: "two names", License: designs.DefaultLicense, Grid: g,
		Placements: []designs.Placement{south, north}}
	e, err := FromDesign(both, cat, Options{Rules: standardRules(t)})
	require.NoError(t, err)
	overlap := 0
	for _, v := range e.Violations() {
		if v.Rule == "no-overlap" {
			overlap++
		}
	}
	assert.Equal(t, 1, overlap, "one wall slot given twice: %v", e.Violations())

	one := &designs.Design{Format: 1, Name: "s", License: designs.DefaultLicense, Grid: g, Placements: []designs.Placement{south}}
	a, err := FromDesign(one, cat, Options{Rules: standardRules(t)})
	require.NoError(t, err)
	b, err := FromDesign(one.Canonical(), cat, Options{Rules: standardRules(t)})
	require.NoError(t, err)
	assert.Equal(t, a.Cost(), b.Cost())
	assert.Equal(t, len(a.Violations()), len(b.Violations()))
}
