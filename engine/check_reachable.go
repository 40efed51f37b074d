package engine

import "fmt"

// CheckReachable names the design check: every enclosed room is reachable
// from outside through doors.
const CheckReachable = "reachable"

func init() { registerCheck(reachableCheck{}) }

type reachableCheck struct {
	designCheck
	noFields
}

func (reachableCheck) Name() string { return CheckReachable }

func (reachableCheck) Design(_ *Engine, a *analysis, _ *Metrics, _ *Rule, rep *report) {
	for _, rm := range a.rooms {
		if !rm.open && !rm.reachable {
			rep.add(fmt.Sprintf("the room of %d cells (%d sq ft) from (%d,%d) to (%d,%d) has no way in from outside through doors", rm.cells, rm.cells*16, rm.x0, rm.y0, rm.x1, rm.y1))
		}
	}
}
