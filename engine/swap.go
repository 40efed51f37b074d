package engine

import (
	"fmt"

	"github.com/opensourceecology/prodos/designs"
)

// swapped is g's slot taken by module id: a wall for a wall, a cell module
// for a cell module of the same footprint.
func (e *Engine) swapped(g *placed, id string) (designs.Placement, error) {
	m := e.cat.Modules[id]
	if m == nil {
		return designs.Placement{}, fmt.Errorf("unknown module %q", id)
	}
	p := g.p
	p.Module = id
	if m.Placement != g.m.Placement {
		return p, fmt.Errorf("%s and %s are not placed the same way (a wall swaps for a wall, a cell module for a cell module)", g.m.Name, m.Name)
	}
	if m.Placement == designs.OnEdge {
		return p, nil
	}
	gw, gh := g.m.Footprint(g.p.Rotation)
	if w, h := m.Footprint(p.Rotation); w != gw || h != gh {
		return p, fmt.Errorf("%s covers %dx%d cells, %s %dx%d: only a module of the same size swaps in place", m.Name, w, h, g.m.Name, gw, gh)
	}
	return p, nil
}

// PreviewSwap is what swapping module id for module would do, without
// doing it: Allowed, the hard violations it would add and the cost change.
// Reason says why when the swap is malformed (no such id, another kind of
// module).
func (e *Engine) PreviewSwap(id ID, module string) Preview {
	old := e.find(id)
	if old == nil {
		return Preview{Reason: fmt.Sprintf("no module with id %d", id)}
	}
	p, err := e.swapped(old, module)
	if err != nil {
		return Preview{Reason: err.Error()}
	}
	g, err := e.prepare(p)
	if err != nil {
		return Preview{Reason: err.Error()}
	}
	g.id = old.id
	c := e.costs[g.mi]
	pv := Preview{Cost: c, CostDelta: c.Total().Sub(e.costs[old.mi].Total())}
	pv.Violations = e.newHard(old, g)
	pv.Allowed = len(pv.Violations) == 0
	return pv
}
