package game

import (
	"math"

	"github.com/opensourceecology/prodos/designs"
)

// snapCell places a cell module (floor cassette, roof panel, core) with its
// first cell on the cell under the pointer, so a click lands where the
// player points. When the rules refuse that but allow another placement
// that still covers the hovered cell (a cassette on the last row of a
// foundation reaches back into it), that one is taken, as a wall takes the
// same edge seen from the neighbour cell.
func (s *DesignScene) snapCell(m *designs.Module, cx, cy float64) designs.Placement {
	ix, iy := int(math.Floor(cx)), int(math.Floor(cy))
	p := designs.Placement{Module: m.ID, X: ix, Y: iy, Rotation: s.rot}
	w, h := m.Footprint(s.rot)
	if w*h == 1 || s.board.Check(p).OK {
		return p
	}
	for dy := 0; dy < h; dy++ {
		for dx := 0; dx < w; dx++ {
			if dx == 0 && dy == 0 {
				continue
			}
			q := p
			q.X, q.Y = ix-dx, iy-dy
			if s.board.Check(q).OK {
				return q
			}
		}
	}
	return p
}
