package engine

import (
	"fmt"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/bearing"
)

// CheckSpan names the placement check: panels on `layers` lie within max
// span of bearing walls.
const CheckSpan = "span"

func init() { registerCheck(spanCheck{}) }

type spanCheck struct{ placementCheck }

func (spanCheck) Name() string { return CheckSpan }

func (spanCheck) Validate(r *Rule, _ *designs.Catalog) (string, string) {
	if len(r.Layers) == 0 {
		return "check", fmt.Sprintf("rule %q: a span check needs layers", r.ID)
	}
	if r.MaxSpan < 0 {
		return "max_span", fmt.Sprintf("rule %q: max_span must not be negative", r.ID)
	}
	return "", ""
}

func (spanCheck) Place(e *Engine, v *view, g *placed, r *Rule, rep *report) {
	if g.edge || r.layerMask&(1<<uint(g.layer)) == 0 {
		return
	}
	limit := r.MaxSpan
	if limit == 0 {
		limit = g.m.MaxSpan
	}
	if limit == 0 {
		return
	}
	span, side := e.span(v, g)
	name := strings.ToLower(g.m.Name)
	switch {
	case side != "":
		rep.add(fmt.Sprintf("%s has no bearing wall to the %s; the %s's limit is %s", describe(g), side, name, feet(limit)), g.id)
	case span > limit:
		rep.add(fmt.Sprintf("%s spans %s between bearing walls; the %s's limit is %s", describe(g), feet(span), name, feet(limit)), g.id)
	}
}

// affected: removing a wall changes the span of the panels along its line
// (in its column or row) on the rule's layers.
func (spanCheck) affected(e *Engine, r *Rule, _ *view, g *placed, added bool, out []*placed) []*placed {
	if added || !g.edge {
		return out
	}
	v := &e.noView
	panel := func(q *placed) bool {
		if !q.edge && r.layerMask&(1<<uint(q.layer)) != 0 && q != g {
			out = append(out, q)
		}
		return true
	}
	for a := g.a0; a < g.a1; a++ {
		if g.horiz {
			for cy := 0; cy < e.h; cy++ { // panels in this column
				e.forCell(v, a, cy, panel)
			}
		} else {
			for cx := 0; cx < e.w; cx++ { // panels in this row
				e.forCell(v, cx, a, panel)
			}
		}
	}
	return out
}

// span is the longest distance between the bearing walls on either side of
// any cell of panel g, along its rafters; side names a direction with no
// bearing wall at all. The bearing walls are those engine/bearing finds,
// the same the build order makes the panel wait for.
func (e *Engine) span(v *view, g *placed) (designs.Length, string) {
	worst, side := bearing.Walls(g.x0, g.y0, g.x1, g.y1, e.w, e.h, func(s bearing.Slot) bool {
		return e.edgeModule(v, s.Horiz, s.Line, s.A, nil) != nil
	}, nil)
	if side != "" {
		return 0, side
	}
	return designs.Length(worst) * designs.CellSize, ""
}
