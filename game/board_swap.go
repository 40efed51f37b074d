package game

import (
	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
)

// Swapping a placed module for another in place (a solid wall for a
// window, one floor cassette for another): one engine command, undone and
// replayed like any other.

// occupant is the module standing in placement p's slot that p's module
// could take the place of: the same kind of placement on the same edge
// slots, or the same cells on the same layer, and another module.
func (b *EngineBoard) occupant(p designs.Placement) (engine.Placed, bool) {
	m := b.cat.Modules[p.Module]
	if m == nil {
		return engine.Placed{}, false
	}
	for _, q := range b.E.At(p.X, p.Y) {
		if q.Module.ID == m.ID || q.Module.Placement != m.Placement {
			continue
		}
		if m.Placement == designs.OnEdge {
			if sameSlots(edgeSlots(q.Module, q.Placement), edgeSlots(m, p)) {
				return q, true
			}
			continue
		}
		x0, y0, x1, y1 := q.Cells()
		w, h := m.Footprint(p.Rotation)
		if q.Module.Layer == m.Layer && x0 == p.X && y0 == p.Y && x1-x0 == w && y1-y0 == h {
			return q, true
		}
	}
	return engine.Placed{}, false
}

func sameSlots(a, b []edgeKey) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// SwapCheck implements Board.
func (b *EngineBoard) SwapCheck(p designs.Placement) (Check, bool) {
	q, ok := b.occupant(p)
	if !ok {
		return Check{}, false
	}
	pv := b.E.PreviewSwap(q.ID, p.Module)
	c := Check{OK: pv.Allowed, Reason: pv.Reason, Delta: pv.CostDelta, Swap: q.Module.Name}
	if !pv.Allowed && c.Reason == "" {
		for _, v := range pv.Violations {
			if v.Severity == engine.Hard {
				c.Reason = v.Message
				break
			}
		}
	}
	return c, true
}

// Swap implements Board.
func (b *EngineBoard) Swap(p designs.Placement) error {
	q, ok := b.occupant(p)
	if !ok {
		return errNothingToSwap
	}
	_, err := b.E.Apply(engine.Swap(b.tick(), q.ID, p.Module))
	return err
}
