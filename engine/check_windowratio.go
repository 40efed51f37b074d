package engine

import (
	"fmt"

	"github.com/opensourceecology/prodos/designs"
)

// CheckWindowRatio names the design check: window area / floor area >= min.
const CheckWindowRatio = "window-ratio"

func init() { registerCheck(windowRatioCheck{}) }

type windowRatioCheck struct{ designCheck }

func (windowRatioCheck) Name() string { return CheckWindowRatio }

func (windowRatioCheck) Validate(r *Rule, _ *designs.Catalog) (string, string) { return needMin(r) }

func (windowRatioCheck) Design(_ *Engine, a *analysis, m *Metrics, r *Rule, rep *report) {
	if a.floorN > 0 && m.WindowRatio.LessThan(*r.Min) {
		rep.add(fmt.Sprintf("windows are %s of the floor area (%s of %d sq ft); at least %s is needed", pct(m.WindowRatio), m.WindowAreaSqFt.Round(1).String()+" sq ft", m.FloorAreaSqFt, pct(*r.Min)))
	}
}

// needMin checks a rule with a lower limit (window-ratio, floor-area,
// rooms): min is given and not negative.
func needMin(r *Rule) (string, string) {
	if r.Min == nil || r.Min.Sign() < 0 {
		return "min", fmt.Sprintf("rule %q: %s needs a non-negative min", r.ID, r.Check)
	}
	return "", ""
}
