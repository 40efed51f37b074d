package engine

import (
	"math"
	"sort"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

// Preview is what placing a candidate would do, computed without changing
// the state.
type Preview struct {
	// Allowed is false when the placement is malformed (Reason says why)
	// or would add hard violations.
	Allowed bool
	Reason  string
	// Violations are the hard violations it would add and the soft
	// placement warnings the candidate itself would carry.
	Violations []Violation
	// Cost is what the module adds: materials, labour, machine.
	Cost designs.Cost
	// CostDelta is the change of the total, e.g. 412.50.
	CostDelta decimal.Decimal
}

// Preview checks a candidate placement against the rules and prices it.
func (e *Engine) Preview(p designs.Placement) Preview {
	g, err := e.prepare(p)
	if err != nil {
		return Preview{Reason: err.Error()}
	}
	g.id = e.nextID
	c := e.costs[g.mi]
	pv := Preview{Cost: c, CostDelta: c.Total()}
	pv.Violations = e.newHard(nil, g)
	pv.Allowed = len(pv.Violations) == 0
	v := &e.after // newHard is done with it
	*v = view{add: g}
	for _, x := range e.localChecks(v, g, false, nil) {
		if x.Severity == Soft {
			pv.Violations = append(pv.Violations, x)
		}
	}
	*v = view{}
	return pv
}

// PreviewCost is the cost a placement would add, without checks beyond the
// module and the grid. It does not allocate and does not depend on the
// design's size.
func (e *Engine) PreviewCost(p designs.Placement) (designs.Cost, bool) {
	i, ok := e.modIndex[p.Module]
	if !ok {
		return designs.Cost{}, false
	}
	m := e.cat.Modules[p.Module]
	g := placed{m: m, p: p}
	if m.Placement == designs.OnEdge {
		if p.Edge == "" {
			return designs.Cost{}, false
		}
		g = geometry(m, p)
	} else {
		w, h := m.Footprint(p.Rotation)
		g.x0, g.y0, g.x1, g.y1 = p.X, p.Y, p.X+w, p.Y+h
	}
	if !e.inGrid(&g) {
		return designs.Cost{}, false
	}
	return e.costs[i], true
}

// FormatDelta prints a cost change for the player: "+$412.50", "-$38.10".
func FormatDelta(d decimal.Decimal) string {
	if d.Sign() < 0 {
		return "-$" + d.Neg().StringFixed(2)
	}
	return "+$" + d.StringFixed(2)
}

// Viewport maps screen pixels to the grid: the pixel position of the grid's
// top-left corner and the size of one cell in pixels.
type Viewport struct {
	OriginX, OriginY float64
	PixelsPerCell    float64
}

// ToInches converts a pixel position to a position on the grid.
func (v Viewport) ToInches(px, py float64) (x, y designs.Length) {
	if v.PixelsPerCell <= 0 {
		return 0, 0
	}
	f := float64(designs.CellSize) / v.PixelsPerCell
	return designs.Length(math.Round((px - v.OriginX) * f)), designs.Length(math.Round((py - v.OriginY) * f))
}

// ToPixels converts a grid position to pixels.
func (v Viewport) ToPixels(x, y designs.Length) (px, py float64) {
	f := v.PixelsPerCell / float64(designs.CellSize)
	return v.OriginX + float64(x)*f, v.OriginY + float64(y)*f
}

// Snap finds the slot for module nearest the pointer at (x, y), measured
// from the grid's top-left corner: a cell origin for cell modules (the
// footprint centred on the pointer, rotation 0), an edge for walls. Of the
// slots within about one cell it prefers the nearest one the rules allow;
// ok is false when none is allowed (p is then the nearest slot in the grid)
// or the module is unknown.
func (e *Engine) Snap(moduleID string, x, y designs.Length) (designs.Placement, bool) {
	return e.SnapRotated(moduleID, x, y, 0)
}

// SnapPixels is Snap for a pointer position in pixels.
func (e *Engine) SnapPixels(moduleID string, px, py float64, v Viewport, rotation int) (designs.Placement, bool) {
	x, y := v.ToInches(px, py)
	return e.SnapRotated(moduleID, x, y, rotation)
}

type slot struct {
	p    designs.Placement
	dist int64
}

// SnapRotated is Snap for a cell module turned by rotation.
func (e *Engine) SnapRotated(moduleID string, x, y designs.Length, rotation int) (designs.Placement, bool) {
	m, ok := e.cat.Modules[moduleID]
	if !ok || e.w == 0 || e.h == 0 {
		return designs.Placement{}, false
	}
	cs := int64(designs.CellSize)
	var cands []slot
	sq := func(a int64) int64 { return a * a }
	if m.Placement == designs.OnEdge {
		n := int64(m.Cells)
		// horizontal edges: line ly, run starting at column cx, centre (cx*cs + n*cs/2, ly*cs)
		ly0 := int64(math.Round(float64(y) / float64(cs)))
		cx0 := int64(math.Round(float64(x)/float64(cs) - float64(n)/2))
		for ly := ly0 - 1; ly <= ly0+1; ly++ {
			for cx := cx0 - 1; cx <= cx0+1; cx++ {
				if ly < 0 || ly > int64(e.h) || cx < 0 || cx+n > int64(e.w) {
					continue
				}
				p := designs.Placement{Module: moduleID, X: int(cx), Y: int(ly), Edge: designs.North}
				if ly == int64(e.h) {
					p.Y, p.Edge = int(ly-1), designs.South
				}
				d := sq(cx*cs+n*cs/2-int64(x)) + sq(ly*cs-int64(y))
				cands = append(cands, slot{p, d})
			}
		}
		lx0 := int64(math.Round(float64(x) / float64(cs)))
		cy0 := int64(math.Round(float64(y)/float64(cs) - float64(n)/2))
		for lx := lx0 - 1; lx <= lx0+1; lx++ {
			for cy := cy0 - 1; cy <= cy0+1; cy++ {
				if lx < 0 || lx > int64(e.w) || cy < 0 || cy+n > int64(e.h) {
					continue
				}
				p := designs.Placement{Module: moduleID, X: int(lx), Y: int(cy), Edge: designs.West}
				if lx == int64(e.w) {
					p.X, p.Edge = int(lx-1), designs.East
				}
				d := sq(lx*cs-int64(x)) + sq(cy*cs+n*cs/2-int64(y))
				cands = append(cands, slot{p, d})
			}
		}
	} else {
		rotation = ((rotation % 360) + 360) % 360
		rotation -= rotation % 90
		w, h := m.Footprint(rotation)
		ox := int64(math.Round(float64(x)/float64(cs) - float64(w)/2))
		oy := int64(math.Round(float64(y)/float64(cs) - float64(h)/2))
		// clamp into the grid so a pointer off the edge still finds a slot
		ox = max(0, min(ox, int64(e.w-w)))
		oy = max(0, min(oy, int64(e.h-h)))
		for cy := oy - 1; cy <= oy+1; cy++ {
			for cx := ox - 1; cx <= ox+1; cx++ {
				if cx < 0 || cy < 0 || cx+int64(w) > int64(e.w) || cy+int64(h) > int64(e.h) {
					continue
				}
				d := sq(cx*cs+int64(w)*cs/2-int64(x)) + sq(cy*cs+int64(h)*cs/2-int64(y))
				cands = append(cands, slot{designs.Placement{Module: moduleID, X: int(cx), Y: int(cy), Rotation: rotation}, d})
			}
		}
	}
	if len(cands) == 0 {
		return designs.Placement{}, false
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].dist < cands[j].dist })
	for _, c := range cands {
		g, err := e.prepare(c.p)
		if err != nil {
			continue
		}
		g.id = e.nextID
		if len(e.newHard(nil, g)) == 0 {
			return c.p, true
		}
	}
	return cands[0].p, false
}
