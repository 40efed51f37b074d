package game

import (
	"image/color"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/game/isometric"
	"github.com/stretchr/testify/require"
)

// isoCabin opens the cabin level with the in-progress cabin (one open
// edge) as a player continuing it would.
func isoCabin(t *testing.T) (driver, *DesignScene) {
	t.Helper()
	g, _ := newTestGame(t)
	d, err := designs.LoadDesign("testdata/cabin-in-progress.toml", g.Cat)
	require.NoError(t, err)
	s, err := g.OpenLevel("cabin", d)
	require.NoError(t, err)
	dr := driver{t, g}
	dr.step(Frame{})
	return dr, s
}

// topButton clicks the top bar's button with this label.
func clickTop(d driver, label string) {
	d.t.Helper()
	for _, b := range d.design().topButtons(d.g) {
		if b.label == label {
			d.click(b.x+b.w/2, b.y+b.h/2)
			return
		}
	}
	d.t.Fatalf("no top-bar button %q", label)
}

// isoScreen is where a point of the (turned) house is on screen.
func isoScreen(d driver, x, y, z float64) (float64, float64) {
	return d.design().isoTo(d.g)(isometric.Project(x, y, z))
}

// TestIsoViewToggleTurnCutAndHover walks the isometric view as a player:
// the 3D view button shows it, R and the Turn button turn it, C cuts the
// roof and near walls away, the module under the pointer is highlighted
// in it and, back on the plan, in the plan too; clicks place nothing.
func TestIsoViewToggleTurnCutAndHover(t *testing.T) {
	d, s := isoCabin(t)
	clickTop(d, "3D view")
	on, rot, cut := s.IsoView()
	require.True(t, on, "the 3D view button shows the isometric view")
	d.intent(IntentRotate)
	tb := s.isoButtons(d.g)
	d.click(tb[0].x+5, tb[0].y+5)
	_, rot, _ = s.IsoView()
	require.Equal(t, 2, rot, "R and the Turn view button each turn a quarter")
	boxes, _ := s.isoBoxes(d.g)
	roofs := 0
	for _, b := range boxes {
		if b.Kind == isometric.Roof {
			roofs++
		}
	}
	require.Positive(t, roofs, "roof panels stand on the walls")
	d.intent(IntentCutaway)
	_, _, cut = s.IsoView()
	require.True(t, cut)
	boxes, _ = s.isoBoxes(d.g)
	for _, b := range boxes {
		require.NotEqual(t, isometric.Roof, b.Kind, "the cut-away hides the roof")
	}

	// Hover the middle of a floor cassette's top.
	var floor isometric.Box
	for _, b := range boxes {
		if b.Kind == isometric.Floor {
			floor = b
			break
		}
	}
	px, py := isoScreen(d, (floor.X0+floor.X1)/2, (floor.Y0+floor.Y1)/2, floor.Z1)
	before := len(s.Board().Design().Placements)
	d.click(px, py)
	require.Equal(t, floor.ID, s.Hovered(), "the floor under the pointer is hovered")
	require.Len(t, s.Board().Design().Placements, before, "a click in the 3D view places nothing")

	// Drawn: the hovered floor in the highlight, in few draw calls.
	screen := ebiten.NewImage(BaseWidth, BaseHeight)
	d.g.Render(screen) // the panels are drawn into their caches
	d.step(Frame{X: px, Y: py + 1})
	calls := d.g.Render(screen)
	require.LessOrEqual(t, calls, 11, "the isometric view is batched, as the plan from its caches (8-11)")
	hov := screen.At(int(px), int(py)+4).(color.RGBA)
	d.step(Frame{X: 300, Y: 700}) // the pointer off the house
	require.Equal(t, -1, s.Hovered())
	d.g.Render(screen)
	plain := screen.At(int(px), int(py)+4).(color.RGBA)
	require.Greater(t, int(hov.G)+int(hov.R)-int(hov.B), int(plain.G)+int(plain.R)-int(plain.B)+40,
		"hovered floor drawn in the yellow highlight: %v, unhovered %v", hov, plain)
	d.step(Frame{X: px, Y: py})

	// Back to the plan, with the pointer on the same floor's cell: the
	// plan shows it hovered too.
	d.intent(IntentIsoView)
	on, _, _ = s.IsoView()
	require.False(t, on)
	p := s.Board().Design().Placements[floor.ID]
	x, y := s.ToScreen(d.g, float64(p.X)+0.5, float64(p.Y)+0.5)
	d.step(Frame{X: x, Y: y})
	require.Equal(t, floor.ID, s.Hovered(), "hover is shared with the plan")
}

// TestIsoViewMarksOpenEdge checks a rule problem shows in the isometric
// view: the cabin's open east edge stands as a red wall.
func TestIsoViewMarksOpenEdge(t *testing.T) {
	d, s := isoCabin(t)
	d.intent(IntentIsoView)
	var open *Violation
	var b Board = s.Board()
	for _, v := range b.(interface{ OpenEdges() []Violation }).OpenEdges() {
		if v.Side != "" {
			v := v
			open = &v
			break
		}
	}
	require.NotNil(t, open, "the in-progress cabin has an open edge")
	x1, y1, x2, y2 := edgeLine(designs.Placement{X: open.X, Y: open.Y, Edge: open.Side}, 1)
	_, floorTop, wallTop := isoLevels(d.g.Cat, s.Board().Design())
	px, py := isoScreen(d, (x1+x2)/2, (y1+y2)/2, (floorTop+wallTop)/2)
	d.step(Frame{X: 0, Y: 0})
	screen := ebiten.NewImage(BaseWidth, BaseHeight)
	d.g.Render(screen)
	c := screen.At(int(px), int(py)).(color.RGBA)
	require.Greater(t, int(c.R), int(c.G)+40, "the open edge is marked red at (%.0f, %.0f), got %v", px, py, c)
}
