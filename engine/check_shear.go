package engine

import (
	"fmt"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

// CheckShear names the design check: each straight exterior wall run keeps
// min_share solid panels.
const CheckShear = "shear"

func init() { registerCheck(shearCheck{}) }

type shearCheck struct{ designCheck }

func (shearCheck) Name() string { return CheckShear }

func (shearCheck) Validate(r *Rule, _ *designs.Catalog) (string, string) {
	if r.MinShare.Sign() < 0 || r.MinShare.GreaterThan(decimal.NewFromInt(1)) {
		return "min_share", fmt.Sprintf("rule %q: min_share %s must be between 0 and 1", r.ID, r.MinShare)
	}
	return "", ""
}

func (shearCheck) Design(e *Engine, a *analysis, _ *Metrics, r *Rule, rep *report) {
	e.shear(a, r, rep)
}

// shear checks every straight run of exterior wall: the share of solid
// panels (cells of walls with no opening) must reach r.MinShare.
func (e *Engine) shear(a *analysis, r *Rule, rep *report) {
	check := func(run []*placed, solid, total int, desc string) {
		if total == 0 {
			return
		}
		share := decimal.NewFromInt(int64(solid)).Div(decimal.NewFromInt(int64(total)))
		if share.LessThan(r.MinShare) {
			ids := make([]ID, 0, len(run))
			for _, g := range run {
				if len(ids) == 0 || ids[len(ids)-1] != g.id {
					ids = append(ids, g.id)
				}
			}
			rep.add(fmt.Sprintf("the exterior wall run %s is %s solid (%d of %d panels); at least %s must be solid panels for shear", desc, pct(share.Round(3)), solid, total, pct(r.MinShare)), ids...)
		}
	}
	scan := func(n, lines int, at func(line, t int) *placed, desc func(line, t0, t1 int) string) {
		for l := 0; l < lines; l++ {
			var run []*placed
			solid, total, t0 := 0, 0, 0
			for t := 0; t <= n; t++ {
				var g *placed
				if t < n {
					g = at(l, t)
				}
				if g != nil && g.exterior {
					if total == 0 {
						t0 = t
					}
					run = append(run, g)
					total++
					if g.opening == "" {
						solid++
					}
					continue
				}
				if total > 0 {
					check(run, solid, total, desc(l, t0, t-1))
				}
				run, solid, total = run[:0], 0, 0
			}
		}
	}
	w, h := a.w, a.h
	scan(w, h+1, func(l, t int) *placed { return a.hWall[l*w+t] }, func(l, t0, t1 int) string {
		return fmt.Sprintf("along grid line y=%d from x=%d to x=%d", l, t0, t1+1)
	})
	scan(h, w+1, func(l, t int) *placed { return a.vWall[t*(w+1)+l] }, func(l, t0, t1 int) string {
		return fmt.Sprintf("along grid line x=%d from y=%d to y=%d", l, t0, t1+1)
	})
}
