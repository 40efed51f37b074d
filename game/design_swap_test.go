package game

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCornerGhostAndSwapInPlace (issue 11.4), level 3 (studio, floor at
// cells (1,1)-(4,4)): a window's ghost at a corner of the floor is red
// with the corner reason, and the correct walls meeting there go up green;
// a window clicked over a placed solid wall swaps it in place, one undo
// step, and a swap the rules refuse says why.
func TestCornerGhostAndSwapInPlace(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	s, err := g.OpenLevel("studio", nil)
	require.NoError(t, err)
	d.step(Frame{})

	d.selectModule("wall-window-4x8")
	px, py := s.EdgePoint(g, 1, 1, designs.North)
	d.step(Frame{X: px, Y: py})
	require.NotNil(t, s.ghost)
	assert.False(t, s.check.OK, "the window's own ghost is red at the corner")
	assert.Contains(t, s.check.Reason, "corner")
	shot(t, g, "design-corner-ghost")
	d.click(px, py)
	assert.Equal(t, 0, countModule(s.Board(), "wall-window-4x8"))

	d.selectModule("wall-ext-4x8")
	for _, e := range []struct {
		x, y int
		side string
	}{{1, 1, designs.North}, {1, 1, designs.West}, {2, 1, designs.North}} {
		px, py := s.EdgePoint(g, e.x, e.y, e.side)
		d.step(Frame{X: px, Y: py})
		assert.True(t, s.check.OK, "the wall at %d,%d %s is green: %s", e.x, e.y, e.side, s.check.Reason)
		d.click(px, py)
	}
	require.Equal(t, 3, countModule(s.Board(), "wall-ext-4x8"))
	assert.Empty(t, cornerProblems(s.Board()), "no piece is blamed for the corner")

	// a window over the middle wall swaps it in place
	d.selectModule("wall-window-4x8")
	px, py = s.EdgePoint(g, 2, 1, designs.North)
	d.step(Frame{X: px, Y: py})
	assert.True(t, s.check.OK, "%s", s.check.Reason)
	assert.Equal(t, "Exterior wall 4x8", s.check.Swap)
	shot(t, g, "design-swap-ghost")
	d.click(px, py)
	assert.Equal(t, 1, countModule(s.Board(), "wall-window-4x8"))
	assert.Equal(t, 2, countModule(s.Board(), "wall-ext-4x8"))
	d.intent(IntentUndo)
	assert.Equal(t, 0, countModule(s.Board(), "wall-window-4x8"), "one undo takes the swap back")
	assert.Equal(t, 3, countModule(s.Board(), "wall-ext-4x8"))
	d.intent(IntentRedo)
	assert.Equal(t, 1, countModule(s.Board(), "wall-window-4x8"))

	// over the corner wall, the swap is refused with the reason
	px, py = s.EdgePoint(g, 1, 1, designs.North)
	d.step(Frame{X: px, Y: py})
	assert.False(t, s.check.OK)
	assert.Contains(t, s.check.Reason, "corner")
	d.click(px, py)
	assert.Equal(t, 1, countModule(s.Board(), "wall-window-4x8"))
}

func cornerProblems(b Board) []Violation {
	var out []Violation
	for _, v := range b.Violations() {
		if v.Rule == "opening-not-at-corner" {
			out = append(out, v)
		}
	}
	return out
}
