package engine

import (
	"fmt"

	"github.com/opensourceecology/prodos/designs"
)

// CheckWallSupport names the placement check: a wall stands on an edge of
// a cell with a module on `on`.
const CheckWallSupport = "wall-support"

func init() { registerCheck(wallSupportCheck{}) }

type wallSupportCheck struct{ placementCheck }

func (wallSupportCheck) Name() string { return CheckWallSupport }

func (wallSupportCheck) Validate(r *Rule, _ *designs.Catalog) (string, string) {
	if len(r.On) == 0 {
		return "check", fmt.Sprintf("rule %q: a wall-support check needs on", r.ID)
	}
	return "", ""
}

func (wallSupportCheck) Place(e *Engine, v *view, g *placed, r *Rule, rep *report) {
	if !g.edge || r.layerMask != 0 && r.layerMask&(1<<uint(g.layer)) == 0 {
		return
	}
	missing := 0
	for a := g.a0; a < g.a1; a++ {
		c1x, c1y, c2x, c2y := a, g.line-1, a, g.line
		if !g.horiz {
			c1x, c1y, c2x, c2y = g.line-1, a, g.line, a
		}
		if e.cellModule(v, c1x, c1y, r.onMask, nil) == nil && e.cellModule(v, c2x, c2y, r.onMask, nil) == nil {
			missing++
		}
	}
	switch {
	case missing == g.a1-g.a0:
		rep.add(fmt.Sprintf("%s stands on no %s", describe(g), r.onText), g.id)
	case missing > 0:
		rep.add(fmt.Sprintf("%s stands on no %s along %d of its %d cells", describe(g), r.onText, missing, g.a1-g.a0), g.id)
	}
}
