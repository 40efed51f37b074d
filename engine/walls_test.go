package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWallOn(t *testing.T) {
	cat := testCatalog(t)
	d := layout(t,
		"+ + + + + + + +",
		"               ",
		"+ +-+-+w+-+-+ +",
		"  |F F FiF F|  ",
		"+ + + + + + + +",
		"  |F F FoF F|  ",
		"+ +-+w+d+w+-+ +",
		"               ",
		"+ + + + + + + +",
	)
	e, err := FromDesign(d, cat, Options{})
	require.NoError(t, err)
	for _, c := range []struct {
		x, y   int
		side   string
		module string // "" when no wall stands there
	}{
		{3, 2, "s", "wall-door-4x8"},
		{3, 3, "n", "wall-door-4x8"}, // the same edge read from the other cell
		{1, 1, "w", "wall-ext-4x8"},
		{1, 1, "n", "wall-ext-4x8"},
		{3, 1, "e", "wall-int-4x8"},
		{4, 2, "w", "wall-int-door-4x8"},
		{2, 1, "e", ""},
		{3, 1, "n", "wall-window-4x8"},
		{0, 0, "n", ""},
		{-1, 0, "e", ""}, // outside the grid
		{0, 9, "n", ""},
		{1, 1, "x", ""}, // not a side
	} {
		p, ok := e.WallOn(c.x, c.y, c.side)
		assert.Equal(t, c.module != "", ok, "%d,%d %s", c.x, c.y, c.side)
		if ok {
			assert.Equal(t, c.module, p.Module.ID, "%d,%d %s", c.x, c.y, c.side)
		}
	}
}
