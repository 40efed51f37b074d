package designtool

import (
	"math"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
)

// Tool is the design tool's state: what is selected, how it is turned, the
// drag run in progress and the undo groups.
type Tool struct {
	Selected string // selected module id ("" = none)
	Rotation int    // rotation of cell modules, degrees: 0, 90, 180, 270
	Run      Run
	History  History
}

// Select picks a palette module, unturned.
func (t *Tool) Select(id string) {
	t.Selected, t.Rotation = id, 0
}

// Deselect drops the selection; it reports whether there was one.
func (t *Tool) Deselect() bool {
	if t.Selected == "" {
		return false
	}
	t.Selected = ""
	return true
}

// Rotate turns the selected module a quarter turn.
func (t *Tool) Rotate() {
	t.Rotation = (t.Rotation + 90) % 360
}

// Step selects the next (forward) or previous module of ids, wrapping
// around; from no selection it starts at the first or the last.
func (t *Tool) Step(ids []string, forward bool) {
	if len(ids) == 0 {
		return
	}
	i := -1
	for j, id := range ids {
		if id == t.Selected {
			i = j
			break
		}
	}
	if forward {
		i = (i + 1) % len(ids)
	} else if i <= 0 {
		i = len(ids) - 1
	} else {
		i--
	}
	t.Selected = ids[i]
}

// Snap turns a cell coordinate (cx, cy) into a placement of module m, as
// the rules of e allow: walls take the nearest edge (along the run's
// direction while dragging), cell modules the cell under the point.
func (t *Tool) Snap(e *engine.Engine, m *designs.Module, cx, cy float64) designs.Placement {
	if m.Placement == designs.OnEdge {
		return t.snapEdge(e, m.ID, cx, cy)
	}
	return t.snapCell(e, m, cx, cy)
}

func allowed(e *engine.Engine, p designs.Placement) bool { return e.Preview(p).Allowed }

func (t *Tool) snapEdge(e *engine.Engine, id string, cx, cy float64) designs.Placement {
	ix, iy := int(math.Floor(cx)), int(math.Floor(cy))
	fx, fy := cx-float64(ix), cy-float64(iy)
	side, best := "", math.Inf(1)
	for _, c := range []struct {
		s     string
		d     float64
		horiz bool
	}{{designs.North, fy, true}, {designs.South, 1 - fy, true}, {designs.West, fx, false}, {designs.East, 1 - fx, false}} {
		// While dragging a run, keep to the run's direction.
		if t.Run.Orient != "" && c.horiz != (t.Run.Orient == "h") {
			continue
		}
		if c.d < best {
			side, best = c.s, c.d
		}
	}
	// The same edge seen from the neighbour cell: use it if only it is allowed
	// (a wall stands on the edge of the cell that has the floor).
	p := designs.Placement{Module: id, X: ix, Y: iy, Edge: side}
	q := p
	switch side {
	case designs.North:
		q.Y, q.Edge = iy-1, designs.South
	case designs.South:
		q.Y, q.Edge = iy+1, designs.North
	case designs.West:
		q.X, q.Edge = ix-1, designs.East
	case designs.East:
		q.X, q.Edge = ix+1, designs.West
	}
	if !allowed(e, p) && allowed(e, q) {
		return q
	}
	return p
}

// snapCell places a cell module (floor cassette, roof panel, core) with its
// first cell on the cell under the pointer, so a click lands where the
// player points. When the rules refuse that but allow another placement
// that still covers the hovered cell (a cassette on the last row of a
// foundation reaches back into it), that one is taken, as a wall takes the
// same edge seen from the neighbour cell.
func (t *Tool) snapCell(e *engine.Engine, m *designs.Module, cx, cy float64) designs.Placement {
	ix, iy := int(math.Floor(cx)), int(math.Floor(cy))
	p := designs.Placement{Module: m.ID, X: ix, Y: iy, Rotation: t.Rotation}
	w, h := m.Footprint(t.Rotation)
	if w*h == 1 || allowed(e, p) {
		return p
	}
	for dy := 0; dy < h; dy++ {
		for dx := 0; dx < w; dx++ {
			if dx == 0 && dy == 0 {
				continue
			}
			q := p
			q.X, q.Y = ix-dx, iy-dy
			if allowed(e, q) {
				return q
			}
		}
	}
	return p
}
