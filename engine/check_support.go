package engine

import (
	"fmt"

	"github.com/opensourceecology/prodos/designs"
)

// CheckSupport names the placement check: modules on `layers` need a
// module on `on` under every cell.
const CheckSupport = "support"

func init() { registerCheck(supportCheck{}) }

type supportCheck struct{ placementCheck }

func (supportCheck) Name() string { return CheckSupport }

func (supportCheck) Validate(r *Rule, _ *designs.Catalog) (string, string) {
	if len(r.Layers) == 0 || len(r.On) == 0 {
		return "check", fmt.Sprintf("rule %q: a support check needs layers and on", r.ID)
	}
	return "", ""
}

func (supportCheck) Place(e *Engine, v *view, g *placed, r *Rule, rep *report) {
	if g.edge || r.layerMask&(1<<uint(g.layer)) == 0 {
		return
	}
	missing, fx, fy := 0, 0, 0
	for cy := g.y0; cy < g.y1; cy++ {
		for cx := g.x0; cx < g.x1; cx++ {
			if e.cellModule(v, cx, cy, r.onMask, g) == nil {
				if missing == 0 {
					fx, fy = cx, cy
				}
				missing++
			}
		}
	}
	if missing > 0 {
		rep.add(fmt.Sprintf("%s has no %s under %d of its %d cells (first: (%d,%d))", describe(g), r.onText, missing, (g.x1-g.x0)*(g.y1-g.y0), fx, fy), g.id)
	}
}
