package engine

import (
	"fmt"

	"github.com/opensourceecology/prodos/designs"
)

// CheckForbidden names the placement check: `modules` may not be used.
const CheckForbidden = "forbidden"

func init() { registerCheck(forbiddenCheck{}) }

type forbiddenCheck struct{ placementCheck }

func (forbiddenCheck) Name() string { return CheckForbidden }

func (forbiddenCheck) Validate(r *Rule, cat *designs.Catalog) (string, string) {
	return needModules(r, cat)
}

func (forbiddenCheck) Place(_ *Engine, _ *view, g *placed, r *Rule, rep *report) {
	if indexOf(r.Modules, g.m.ID) >= 0 {
		rep.add(fmt.Sprintf("%s may not be used here", describe(g)), g.id)
	}
}

// needModules checks a rule that names modules (forbidden, required): it
// names at least one, and each is in the catalog when there is one.
func needModules(r *Rule, cat *designs.Catalog) (string, string) {
	if len(r.Modules) == 0 {
		return "modules", fmt.Sprintf("rule %q: %s needs modules", r.ID, r.Check)
	}
	if cat != nil {
		for _, id := range r.Modules {
			if cat.Modules[id] == nil {
				return "modules", fmt.Sprintf("rule %q: unknown module %q", r.ID, id)
			}
		}
	}
	return "", ""
}
