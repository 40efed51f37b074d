package engine

import (
	"fmt"
	"strings"

	"github.com/opensourceecology/prodos/designs"
)

// CheckRequired names the design check: each of `modules` is used at
// least once.
const CheckRequired = "required"

func init() { registerCheck(requiredCheck{}) }

type requiredCheck struct{ designCheck }

func (requiredCheck) Name() string { return CheckRequired }

func (requiredCheck) Validate(r *Rule, cat *designs.Catalog) (string, string) {
	return needModules(r, cat)
}

func (requiredCheck) Design(e *Engine, a *analysis, _ *Metrics, r *Rule, rep *report) {
	for _, id := range r.Modules {
		if a.byMod[id] == 0 {
			rep.add(fmt.Sprintf("the design needs at least one %s", strings.ToLower(e.cat.Modules[id].Name)))
		}
	}
}
