package engine

import (
	"fmt"

	"github.com/opensourceecology/prodos/designs"
)

// CheckClearInside names the placement check: no wall stands inside the
// footprint of a module on `layers`.
const CheckClearInside = "clear-inside"

func init() { registerCheck(clearInsideCheck{}) }

type clearInsideCheck struct{ placementCheck }

func (clearInsideCheck) Name() string { return CheckClearInside }

func (clearInsideCheck) Validate(r *Rule, _ *designs.Catalog) (string, string) {
	if len(r.Layers) == 0 {
		return "check", fmt.Sprintf("rule %q: a clear-inside check needs layers", r.ID)
	}
	return "", ""
}

func (clearInsideCheck) Place(e *Engine, v *view, g *placed, r *Rule, rep *report) {
	if g.edge || r.layerMask&(1<<uint(g.layer)) == 0 {
		return
	}
	if q := e.wallInside(v, g); q != nil {
		rep.add(fmt.Sprintf("%s has %s standing inside it", describe(g), describe(q)), g.id)
	}
}

// affected: a new wall may stand inside a module on either side of it.
func (clearInsideCheck) affected(e *Engine, _ *Rule, v *view, g *placed, added bool, out []*placed) []*placed {
	if !added || !g.edge {
		return out
	}
	for a := g.a0; a < g.a1; a++ {
		cx, cy := a, g.line
		if !g.horiz {
			cx, cy = g.line, a
		}
		e.forCell(v, cx, cy, func(q *placed) bool {
			if !q.edge && q != g {
				out = append(out, q)
			}
			return true
		})
	}
	return out
}

// wallInside is a wall on an edge inside cell module g's footprint.
func (e *Engine) wallInside(v *view, g *placed) *placed {
	for l := g.y0 + 1; l < g.y1; l++ {
		for a := g.x0; a < g.x1; a++ {
			if q := e.edgeModule(v, true, l, a, nil); q != nil {
				return q
			}
		}
	}
	for l := g.x0 + 1; l < g.x1; l++ {
		for a := g.y0; a < g.y1; a++ {
			if q := e.edgeModule(v, false, l, a, nil); q != nil {
				return q
			}
		}
	}
	return nil
}
