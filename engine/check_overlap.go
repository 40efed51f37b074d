package engine

import "fmt"

// CheckOverlap names the placement check: no two modules share a cell or
// an edge slot on one layer.
const CheckOverlap = "overlap"

func init() { registerCheck(overlapCheck{}) }

type overlapCheck struct {
	placementCheck
	noFields
}

func (overlapCheck) Name() string { return CheckOverlap }

func (overlapCheck) Place(e *Engine, v *view, g *placed, _ *Rule, rep *report) {
	e.checkOverlap(v, g, rep.add)
}

// checkOverlap reports each module that shares a cell (on its layer) or an
// edge slot with an earlier one, once per cell or slot, against the first
// module there: k modules stacked in one cell give k-1 violations, not one
// per pair, so validation stays linear however many are stacked. A
// candidate (v.add) is reported against the first module already there.
func (e *Engine) checkOverlap(v *view, g *placed, mk func(string, ...ID)) {
	var seen [8]ID
	n := 0
	cand := v.add == g
	check := func(list []*placed, addHere bool) {
		q := first(v, list, g)
		if a := v.add; !cand && addHere && a != g && (q == nil || a.id < q.id) {
			q = a
		}
		if q == nil || (!cand && q.id > g.id) {
			return // g is the first here: the later ones report against it
		}
		for i := 0; i < n && i < len(seen); i++ {
			if seen[i] == q.id {
				return
			}
		}
		if n < len(seen) {
			seen[n] = q.id
		}
		n++
		mk(fmt.Sprintf("%s overlaps %s", describe(g), describe(q)), g.id, q.id)
	}
	ad := v.add
	if g.edge {
		for a := g.a0; a < g.a1; a++ {
			check(e.ix.slotAt(g.horiz, g.line, a), ad != nil && ad.onEdge(g.horiz, g.line, a))
		}
		return
	}
	for cy := g.y0; cy < g.y1; cy++ {
		for cx := g.x0; cx < g.x1; cx++ {
			check(e.ix.cellAt(g.layer, cx, cy), ad != nil && !ad.edge && ad.layer == g.layer && ad.touches(cx, cy))
		}
	}
}
