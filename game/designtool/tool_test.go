package designtool

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSelection(t *testing.T) {
	ids := []string{"floor-4x8", "wall-ext-4x8", "roof-4x8"}
	tests := []struct {
		name string
		act  func(tl *Tool)
		sel  string
		rot  int
	}{
		{"picking a module selects it unturned", func(tl *Tool) { tl.Rotation = 180; tl.Select("roof-4x8") }, "roof-4x8", 0},
		{"deselect clears it", func(tl *Tool) { tl.Select("roof-4x8"); tl.Deselect() }, "", 0},
		{"next from nothing is the first", func(tl *Tool) { tl.Step(ids, true) }, "floor-4x8", 0},
		{"previous from nothing is the last", func(tl *Tool) { tl.Step(ids, false) }, "roof-4x8", 0},
		{"next wraps around", func(tl *Tool) { tl.Select("roof-4x8"); tl.Step(ids, true) }, "floor-4x8", 0},
		{"previous wraps around", func(tl *Tool) { tl.Select("floor-4x8"); tl.Step(ids, false) }, "roof-4x8", 0},
		{"previous steps back", func(tl *Tool) { tl.Select("roof-4x8"); tl.Step(ids, false) }, "wall-ext-4x8", 0},
		{"stepping keeps the rotation", func(tl *Tool) { tl.Rotate(); tl.Step(ids, true) }, "floor-4x8", 90},
		{"nothing offered keeps the selection", func(tl *Tool) { tl.Select("roof-4x8"); tl.Step(nil, true) }, "roof-4x8", 0},
		{"rotation turns a quarter", func(tl *Tool) { tl.Rotate() }, "", 90},
		{"four turns come round", func(tl *Tool) { tl.Rotate(); tl.Rotate(); tl.Rotate(); tl.Rotate() }, "", 0},
		{"three turns", func(tl *Tool) { tl.Rotate(); tl.Rotate(); tl.Rotate() }, "", 270},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tl Tool
			tt.act(&tl)
			assert.Equal(t, tt.sel, tl.Selected)
			assert.Equal(t, tt.rot, tl.Rotation)
		})
	}
	var tl Tool
	assert.False(t, tl.Deselect(), "nothing to deselect")
	tl.Select("roof-4x8")
	assert.True(t, tl.Deselect())
}

func newEngine(t *testing.T) (*engine.Engine, *designs.Catalog) {
	t.Helper()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	e, err := engine.New(cat, engine.Options{Grid: designs.Grid{Width: 6, Height: 6}})
	require.NoError(t, err)
	return e, cat
}

func TestSnap(t *testing.T) {
	wall := designs.Placement{Module: "wall-ext-4x8"}
	at := func(p designs.Placement, x, y int, edge string, rot int) designs.Placement {
		p.X, p.Y, p.Edge, p.Rotation = x, y, edge, rot
		return p
	}
	roof := designs.Placement{Module: "roof-4x8"}
	tests := []struct {
		name   string
		module string
		rot    int
		orient string
		cx, cy float64
		want   designs.Placement
	}{
		{"a wall takes the nearest edge", "wall-ext-4x8", 0, "", 2.3, 1.1, at(wall, 2, 1, designs.North, 0)},
		{"near the east side, the east edge", "wall-ext-4x8", 0, "", 2.95, 1.5, at(wall, 2, 1, designs.East, 0)},
		{"a vertical run keeps to vertical edges", "wall-ext-4x8", 0, "v", 2.3, 1.1, at(wall, 2, 1, designs.West, 0)},
		{"a horizontal run keeps to horizontal edges", "wall-ext-4x8", 0, "h", 2.95, 1.6, at(wall, 2, 1, designs.South, 0)},
		{"past the site's west side, the edge of the cell inside", "wall-ext-4x8", 0, "", -0.05, 1.5, at(wall, 0, 1, designs.West, 0)},
		{"past the site's north side, likewise", "wall-ext-4x8", 0, "", 2.5, -0.1, at(wall, 2, 0, designs.North, 0)},
		{"a roof panel starts on the cell pointed at", "roof-4x8", 0, "", 3.5, 2.5, at(roof, 3, 2, "", 0)},
		{"with the tool's rotation", "roof-4x8", 90, "", 3.5, 2.5, at(roof, 3, 2, "", 90)},
		{"on the last row it reaches back into the site", "roof-4x8", 0, "", 3.5, 5.5, at(roof, 3, 4, "", 0)},
		{"turned, on the last column it reaches back", "roof-4x8", 90, "", 5.5, 1.5, at(roof, 4, 1, "", 90)},
	}
	e, cat := newEngine(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := Tool{Selected: tt.module, Rotation: tt.rot, Run: Run{Orient: tt.orient}}
			assert.Equal(t, tt.want, tl.Snap(e, cat.Modules[tt.module], tt.cx, tt.cy))
		})
	}
}

// drag plays a drag run of the tool over slots: the first is the press, the
// rest are reached with the button held (repeats are the pointer resting on
// a slot). It returns the placements the run made.
func drag(t *testing.T, tl *Tool, e *engine.Engine, tick int64, slots ...designs.Placement) []designs.Placement {
	t.Helper()
	for i, p := range slots {
		if i == 0 {
			tl.History.NewRun()
			tl.Run.Begin(p, p.Edge != "")
		} else if !tl.Run.Wants(p) {
			continue
		}
		if _, err := e.Apply(engine.Place(tick, p)); err == nil {
			tl.History.Push(true)
			tl.Run.Add(p)
		}
		tl.Run.Over(p)
	}
	placed := tl.Run.Placed
	tl.Run.End()
	return placed
}

func TestDragRunUndoGroup(t *testing.T) {
	w := func(x, y int, edge string) designs.Placement {
		return designs.Placement{Module: "wall-ext-4x8", X: x, Y: y, Edge: edge}
	}
	run := []designs.Placement{w(1, 1, "n"), w(1, 1, "n"), w(2, 1, "n"), w(3, 1, "n"), w(3, 1, "n")}
	click := []designs.Placement{w(1, 3, "w")}
	tests := []struct {
		name   string
		steps  []string // "undo" or "redo"
		ok     []bool
		counts []int // placements after each step
	}{
		{"undo takes back the click, then the whole run", []string{"undo", "undo", "undo"}, []bool{true, true, false}, []int{3, 0, 0}},
		{"redo puts the run back whole", []string{"undo", "undo", "redo"}, []bool{true, true, true}, []int{3, 0, 3}},
		{"redo after redo", []string{"undo", "undo", "redo", "redo", "redo"}, []bool{true, true, true, true, false}, []int{3, 0, 3, 4, 4}},
		{"nothing to redo before an undo", []string{"redo"}, []bool{false}, []int{4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := newEngine(t)
			var tl Tool
			placed := drag(t, &tl, e, 1, run...)
			assert.Equal(t, []designs.Placement{w(1, 1, "n"), w(2, 1, "n"), w(3, 1, "n")}, placed,
				"the run places each slot it passes once")
			drag(t, &tl, e, 2, click...)
			require.Len(t, e.Design().Placements, 4)
			u, r := tl.History.Steps()
			assert.Equal(t, [2]int{2, 0}, [2]int{u, r}, "a run and a click are two undo steps")
			for i, step := range tt.steps {
				var ok bool
				if step == "undo" {
					ok = tl.History.Undo(e, int64(10+i))
				} else {
					ok = tl.History.Redo(e, int64(10+i))
				}
				assert.Equal(t, tt.ok[i], ok, "step %d (%s)", i, step)
				assert.Len(t, e.Design().Placements, tt.counts[i], "step %d (%s)", i, step)
			}
		})
	}
}

func TestHistoryPush(t *testing.T) {
	tests := []struct {
		name  string
		play  func(h *History)
		undo  int
		redoN int
	}{
		{"each run is one group", func(h *History) { h.NewRun(); h.Push(true); h.Push(true); h.NewRun(); h.Push(true) }, 2, 0},
		{"removals and swaps are a group each", func(h *History) { h.NewRun(); h.Push(true); h.Push(false); h.Push(false) }, 3, 0},
		{"a swap inside a run breaks it", func(h *History) { h.NewRun(); h.Push(true); h.Push(false); h.Push(true) }, 3, 0},
		{"reset forgets all", func(h *History) { h.Push(false); h.Reset() }, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h History
			tt.play(&h)
			u, r := h.Steps()
			assert.Equal(t, tt.undo, u)
			assert.Equal(t, tt.redoN, r)
		})
	}
}
