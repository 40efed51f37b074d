package engine

import (
	"fmt"
	"strings"
)

// CheckEnvelope names the design check: every floor cell's outside edge
// has an exterior wall.
const CheckEnvelope = "envelope"

func init() { registerCheck(envelopeCheck{}) }

type envelopeCheck struct {
	designCheck
	noFields
}

func (envelopeCheck) Name() string { return CheckEnvelope }

func (envelopeCheck) Design(_ *Engine, a *analysis, _ *Metrics, _ *Rule, rep *report) {
	if len(a.open) > 0 {
		var list []string
		for i, o := range a.open {
			if i == 6 {
				list = append(list, fmt.Sprintf("and %d more", len(a.open)-6))
				break
			}
			list = append(list, edgeText(o))
		}
		rep.add(fmt.Sprintf("the envelope is open at %d outside edge(s) of the floor with no wall: %s", len(a.open), strings.Join(list, ", ")))
	}
	seen := map[ID]bool{}
	for _, g := range a.badWall {
		if !seen[g.id] {
			seen[g.id] = true
			rep.add(fmt.Sprintf("%s is an interior wall on the outside of the envelope; use an exterior wall module", describe(g)), g.id)
		}
	}
}

func edgeText(r edgeRef) string {
	return fmt.Sprintf("the %s edge of (%d,%d)", sideName(r.side), r.x, r.y)
}
