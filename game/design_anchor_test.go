package game

import (
	"testing"

	"github.com/opensourceecology/prodos/engine"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTwoCellModulesAnchorOnTheHoveredCell: a floor cassette (one cell by
// two) starts at the cell under the pointer, wherever in the cell the
// pointer is, so a newcomer's click lands where they point (issue 11.8).
func TestTwoCellModulesAnchorOnTheHoveredCell(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	plan, err := engine.Layout("foundation",
		"+ + + + + + + +",
		"               ",
		"+ + + + + + + +",
		"               ",
		"+ + + + + + + +",
		"     f f f     ",
		"+ + + + + + + +",
		"     f f f     ",
		"+ + + + + + + +",
		"     f f f     ",
		"+ + + + + + + +",
		"     f f f     ",
		"+ + + + + + + +",
		"               ",
		"+ + + + + + + +",
		"               ",
		"+ + + + + + + +",
	)
	require.NoError(t, err)
	s, err := g.OpenLevel("cabin", plan)
	require.NoError(t, err)
	d.step(Frame{})
	d.selectModule("floor-4x8")
	for _, tc := range []struct {
		name   string
		cx, cy float64 // pointer, in cells
		x, y   int     // the cassette's first cell
	}{
		{"top of the cell", 2.5, 2.15, 2, 2},
		{"middle of the cell", 3.5, 2.5, 3, 2},
		{"bottom of the cell", 4.5, 2.85, 4, 2},
		{"last row: the cassette reaches back into the foundation", 2.5, 5.2, 2, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			px, py := s.ToScreen(g, tc.cx, tc.cy)
			d.step(Frame{X: px, Y: py})
			require.NotNil(t, s.ghost)
			assert.Equal(t, [2]int{tc.x, tc.y}, [2]int{s.ghost.X, s.ghost.Y}, "got the ghost at (%d,%d)", s.ghost.X, s.ghost.Y)
			assert.True(t, s.check.OK, "the ghost is green: %s", s.check.Reason)
		})
	}
	px, py := s.ToScreen(g, 2.5, 2.15)
	d.click(px, py)
	assert.Equal(t, 1, countModule(s.Board(), "floor-4x8"), "%s", g.toast)
	assert.Equal(t, 2, s.Board().Design().Placements[len(s.Board().Design().Placements)-1].Y)
}
