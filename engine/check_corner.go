package engine

import (
	"fmt"

	"github.com/opensourceecology/prodos/designs"
)

// CheckOpeningCorner names the placement check: no window or door at a
// corner of the envelope.
const CheckOpeningCorner = "opening-corner"

func init() { registerCheck(openingCornerCheck{}) }

type openingCornerCheck struct {
	placementCheck
	noFields
}

func (openingCornerCheck) Name() string { return CheckOpeningCorner }

func (openingCornerCheck) Place(e *Engine, v *view, g *placed, r *Rule, rep *report) {
	if msg := e.openingCorner(v, g, r.onMask); msg != "" {
		rep.add(msg, g.id)
	}
}

// openingCorner is why exterior opening g sits at a corner of the envelope
// ("" when it does not): against a perpendicular exterior wall, or, before
// that wall stands, where the outline of the floor (layers in mask) turns.
func (e *Engine) openingCorner(v *view, g *placed, mask uint32) string {
	if !g.edge || g.opening == "" || !g.exterior {
		return ""
	}
	if q := e.cornerWall(v, g); q != nil {
		return fmt.Sprintf("%s sits at a corner of the envelope, against %s; keep windows and doors at least one panel from a corner", describe(g), describe(q))
	}
	if e.floorCorner(v, g, mask) {
		return fmt.Sprintf("%s sits at a corner of the floor, where the envelope turns; keep windows and doors at least one panel from a corner", describe(g))
	}
	return ""
}

// cornerWall returns an exterior wall meeting opening g at a right angle at
// one of its ends (g then sits at a corner of the envelope).
func (e *Engine) cornerWall(v *view, g *placed) *placed {
	for _, end := range [2]int{g.a0, g.a1} {
		// the vertex is (end, line) for a horizontal wall, (line, end) for a vertical one;
		// the perpendicular edges meeting it lie on line `end`, along line-1 and line.
		for _, a := range [2]int{g.line - 1, g.line} {
			if q := e.edgeModule(v, !g.horiz, end, a, g); q != nil && q.exterior {
				return q
			}
		}
	}
	return nil
}

// floorCorner reports whether an end of opening g is a vertex where the
// outline of the floor turns (an outside edge of the floor meets g there at
// a right angle): the corner wall is not up yet, but the opening would sit
// at a corner once it is, so the opening is the piece to blame. The floor
// is the layers in mask, the floor layer when mask is 0.
func (e *Engine) floorCorner(v *view, g *placed, mask uint32) bool {
	if mask == 0 {
		mask = 1 << uint(indexOf(designs.Layers, "floor"))
	}
	floor := func(cx, cy int) bool {
		if !g.horiz {
			cx, cy = cy, cx
		}
		return e.cellModule(v, cx, cy, mask, nil) != nil
	}
	for _, end := range [2]int{g.a0, g.a1} {
		// the perpendicular edges at the vertex separate the cells on
		// either side of line `end`, one row (column) each side of g's line
		for _, a := range [2]int{g.line - 1, g.line} {
			if floor(end-1, a) != floor(end, a) {
				return true
			}
		}
	}
	return false
}

// affected: a floor module placed, moved or removed changes the corner
// status of the exterior openings with an end at a vertex of its footprint
// (so a floor laid next to a window that would put it at a corner is
// refused like the window would be); a new exterior wall puts at a corner
// or a T the openings meeting it.
func (openingCornerCheck) affected(e *Engine, r *Rule, v *view, g *placed, added bool, out []*placed) []*placed {
	out = e.cornerSubjects(r.onMask, g, out)
	if added && g.edge && g.exterior {
		out = e.endNeighbours(v, g, out)
	}
	return out
}

// cornerSubjects appends the exterior openings with an end at a vertex of
// floor module g's footprint; the floor is the layers in mask, the floor
// layer when mask is 0.
func (e *Engine) cornerSubjects(mask uint32, g *placed, out []*placed) []*placed {
	if g.edge {
		return out
	}
	if mask == 0 {
		mask = 1 << uint(indexOf(designs.Layers, "floor"))
	}
	if mask&(1<<uint(g.layer)) == 0 {
		return out
	}
	v := &view{}
	for cy := g.y0 - 1; cy <= g.y1; cy++ {
		for cx := g.x0 - 1; cx <= g.x1; cx++ {
			e.forCell(v, cx, cy, func(q *placed) bool {
				if q.edge && q.exterior && q.opening != "" && q != g {
					out = append(out, q)
				}
				return true
			})
		}
	}
	return out
}

// endNeighbours lists the modules standing on edges perpendicular to wall g
// that meet it at any grid vertex along it, ends and middle (the openings a
// new wall could put at a corner or a T).
func (e *Engine) endNeighbours(v *view, g *placed, out []*placed) []*placed {
	for end := g.a0; end <= g.a1; end++ {
		for _, a := range [2]int{g.line - 1, g.line} {
			if q := e.edgeModule(v, !g.horiz, end, a, g); q != nil {
				out = append(out, q)
			}
		}
	}
	return out
}
