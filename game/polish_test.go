package game

import (
	"image"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// completeShed plays the shed to 3 stars through the pointer, as
// TestPlaceUndoRedoAndCompleteFirstLevel does, ending with the last roof
// panel's click.
func completeShed(t *testing.T, d driver) *DesignScene {
	t.Helper()
	s, err := d.g.OpenLevel("shed", nil)
	require.NoError(t, err)
	d.step(Frame{})
	d.selectModule("wall-ext-4x8")
	for _, w := range []struct {
		x, y int
		side string
	}{{2, 2, "n"}, {3, 2, "n"}, {3, 2, "e"}, {3, 3, "e"}, {3, 3, "s"}, {2, 3, "w"}, {2, 2, "w"}} {
		d.placeWall(w.x, w.y, w.side)
	}
	d.selectModule("wall-door-4x8")
	d.placeWall(2, 3, "s")
	d.selectModule("roof-4x8")
	for _, x := range []float64{2.5, 3.5} {
		px, py := s.ToScreen(d.g, x, 3)
		d.click(px, py)
	}
	require.True(t, s.Result().Complete)
	return s
}

// TestSeeTheHouseBeforeResults (11.12): when the objectives are met the
// player sees the finished house, with a banner, before the results
// dialog opens by itself (Enter opens it at once); the stars are kept at
// once. The results dialog shows no stale ghost tooltip, its buttons sit
// inside it, and back in the level the "Start here" callout stays away.
func TestSeeTheHouseBeforeResults(t *testing.T) {
	g, store := newTestGame(t)
	d := driver{t, g}
	s := completeShed(t, d)
	_, still := g.Scene().(*DesignScene)
	assert.True(t, still, "the finished house is shown first, scene %T", g.Scene())
	assert.Contains(t, string(store["progress.toml"]), `"shed" = 3`, "the stars are kept at once")
	assert.Contains(t, drawnJoined(g, s), "Level complete")
	shot(t, g, "design-level-complete")
	for i := 0; i < 200 && g.Scene() == Scene(s); i++ {
		d.step(Frame{X: 700, Y: 400})
	}
	res, ok := g.Scene().(*ResultsScene)
	require.True(t, ok, "the results open by themselves, scene %T", g.Scene())

	for i := 0; i < 70; i++ {
		d.step(Frame{X: 700, Y: 400})
	}
	shot(t, g, "design-results")
	texts := drawnJoined(g, res)
	assert.NotContains(t, texts, "+$", "no ghost tooltip over the results")
	assert.NotContains(t, texts, "Not here")
	w, h := g.Size()
	panel := image.Rect(int((w-720)/2), int((h-500)/2), int((w+720)/2), int((h+500)/2))
	for _, b := range res.buttons(g) {
		in := image.Rect(int(b.x), int(b.y), int(b.x+b.w), int(b.y+b.h))
		assert.True(t, in.In(panel.Inset(16)), "button %q %v inside the dialog %v with a margin", b.label, in, panel)
	}

	d.click(res.buttons(g)[0].x+5, res.buttons(g)[0].y+5) // keep improving
	require.Equal(t, Scene(s), g.Scene())
	d.intent(IntentBack) // drop the module
	require.Equal(t, "", s.Selected())
	assert.NotContains(t, drawnJoined(g, s), "Start here", "the callout does not return once the level is done")

	// Enter opens the results at once
	g2, _ := newTestGame(t)
	d2 := driver{t, g2}
	completeShed(t, d2)
	d2.intent(IntentConfirm)
	_, ok = g2.Scene().(*ResultsScene)
	assert.True(t, ok, "scene %T", g2.Scene())
}

// TestPlacedPieceNotHiddenAndWording (11.12): right after a click places a
// wall, the pointer over it shows no red "overlaps" ghost hiding it; the
// hint and rule messages read as English, with module names, not ids.
func TestPlacedPieceNotHiddenAndWording(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	s, err := g.OpenLevel("shed", nil)
	require.NoError(t, err)
	d.step(Frame{})
	d.selectModule("wall-ext-4x8")
	texts := drawnJoined(g, s)
	assert.NotContains(t, texts, "a Exterior")
	assert.Contains(t, texts, "put the exterior wall 4x8 there")
	d.placeWall(2, 2, designs.North)
	require.Equal(t, 1, countModule(s.Board(), "wall-ext-4x8"))
	px, py := s.EdgePoint(g, 2, 2, designs.North)
	d.step(Frame{X: px, Y: py})
	assert.False(t, s.ghostShown(), "the ghost does not cover the wall just placed")
	assert.NotContains(t, drawnJoined(g, s), "Not here")
	// moving away and back shows the red ghost with its reason again
	d.step(Frame{X: px + 200, Y: py + 200})
	d.step(Frame{X: px, Y: py})
	assert.True(t, s.ghostShown())
	assert.False(t, s.check.OK)

	// a wall standing off the floor: no "along 1 of its 1 cells"
	px, py = s.EdgePoint(g, 0, 0, designs.North)
	d.step(Frame{X: px + 3, Y: py + 3})
	require.False(t, s.check.OK)
	assert.NotContains(t, s.check.Reason, "1 of its 1")
	for _, id := range g.Cat.ModuleIDs() {
		assert.NotContains(t, s.check.Reason, id, "no internal ids in messages")
	}
}

// TestToastsKeepClearOfPointerAndButtons (11.12): a message at the bottom
// of the screen moves to the top when the pointer (and its tooltip) is
// down there, and is never wider than the space between the corner
// buttons.
func TestToastsKeepClearOfPointerAndButtons(t *testing.T) {
	g, _ := newTestGame(t)
	w, h := g.Size()
	r := &g.r
	msg := strings.Repeat("A long message that says a lot of things. ", 6)
	x, y, tw, th := toastBox(r, w, h, msg, w/2, h-80, nil)
	box := image.Rect(int(x), int(y), int(x+tw), int(y+th))
	assert.False(t, image.Pt(int(w/2), int(h-80)).In(box.Inset(-40)), "the toast %v keeps away from the pointer", box)
	ps := &ProfileScene{}
	x, y, tw, th = toastBox(r, w, h, msg, w/2, 200, ps.toastAvoid(g))
	box = image.Rect(int(x), int(y), int(x+tw), int(y+th))
	for _, b := range ps.buttons(g) {
		bb := image.Rect(int(b.x), int(b.y), int(b.x+b.w), int(b.y+b.h))
		assert.False(t, bb.Overlaps(box), "the toast %v overlaps button %q %v", box, b.label, bb)
	}
}

// TestToastClearOfResultsDialog: "Verified by your class" arrives while the
// results dialog is open and the pointer is on its buttons; the message
// keeps off the whole dialog (it used to move to the top and cover the
// "Level complete!" title).
func TestToastClearOfResultsDialog(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	s := completeShed(t, d)
	for i := 0; i < 200 && g.Scene() == Scene(s); i++ {
		d.step(Frame{X: 700, Y: 400})
	}
	rs, ok := g.Scene().(*ResultsScene)
	require.True(t, ok, "scene %T", g.Scene())
	w, h := g.Size()
	px, py, pw, ph := resultsPanel(w, h)
	panel := image.Rect(int(px), int(py), int(px+pw), int(py+ph))
	for _, ptr := range [][2]float64{{w / 2, py + ph - 40}, {w / 2, h - 30}, {w / 2, 20}} {
		x, y, tw, th := toastBox(&g.r, w, h, "Verified by your class: 3 stars, score 3000", ptr[0], ptr[1], rs.toastAvoid(g))
		box := image.Rect(int(x), int(y), int(x+tw), int(y+th))
		assert.False(t, box.Overlaps(panel), "pointer at %v: the toast %v covers the results dialog %v", ptr, box, panel)
	}
}

// TestRoomLabelClearOfDoorSwing (11.12): a room's label goes in a cell
// with no door on its sides, so it does not sit on the door's swing.
func TestRoomLabelClearOfDoorSwing(t *testing.T) {
	cat := mustCatalog(t)
	d := &designs.Design{Grid: designs.Grid{Width: 6, Height: 6}}
	for _, c := range [][2]int{{2, 2}, {3, 2}, {2, 3}, {3, 3}} {
		d.Placements = append(d.Placements, designs.Placement{Module: "foundation-cell", X: c[0], Y: c[1]})
	}
	d.Placements = append(d.Placements,
		designs.Placement{Module: "floor-4x8", X: 2, Y: 2}, designs.Placement{Module: "floor-4x8", X: 3, Y: 2})
	for _, w := range []designs.Placement{{X: 2, Y: 2, Edge: "n"}, {X: 3, Y: 2, Edge: "n"}, {X: 3, Y: 2, Edge: "e"},
		{X: 3, Y: 3, Edge: "e"}, {X: 3, Y: 3, Edge: "s"}, {X: 2, Y: 3, Edge: "w"}, {X: 2, Y: 2, Edge: "w"}} {
		w.Module = "wall-ext-4x8"
		d.Placements = append(d.Placements, w)
	}
	d.Placements = append(d.Placements, designs.Placement{Module: "wall-door-4x8", X: 2, Y: 3, Edge: "s"})
	a := planBoard(t, cat, d)
	rooms := a.Metrics().RoomList
	require.Len(t, rooms, 1)
	lx, ly := int(rooms[0].LabelX), int(rooms[0].LabelY)
	assert.NotEqual(t, [2]int{2, 3}, [2]int{lx, ly}, "not in the cell the door opens into")
	assert.Equal(t, 2, int(rooms[0].LabelY), "the label stays in the room's top row, away from the door: got %v,%v", rooms[0].LabelX, rooms[0].LabelY)
}
