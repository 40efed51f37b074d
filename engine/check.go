package engine

import (
	"fmt"
	"sort"

	"github.com/opensourceecology/prodos/designs"
)

// Check is one kind of rule check, named by the `check` key of a rule in a
// rule set (levels/rules/*.toml). Each kind lives in its own file
// (check_<kind>.go) and registers itself from init with registerCheck; the
// engine finds it by name, so a new kind is one file plus its test.
//
// A check is a placement check or a design check. Placement checks look at
// one module and its neighbours and run on every command: a command that
// would add a hard violation of one of them is refused. Design checks look
// at the whole design (a house under construction is open until its last
// wall stands), so they never block a single command; their hard
// violations make the design invalid (prodos validate exits 1, a level
// earns no star). Embed placementCheck or designCheck to get the part a
// kind does not have.
type Check interface {
	// Name is the kind name rules use (`check = "span"`).
	Name() string
	// Placement is true for a placement check, false for a design check.
	Placement() bool
	// Validate checks the kind's own fields of rule r (layers, min, ...)
	// after the common ones are checked and compiled. It returns the key
	// of the offending field and a message, or "" when the rule is good.
	// cat is nil when no catalog is at hand.
	Validate(r *Rule, cat *designs.Catalog) (key, msg string)
	// Place reports, through rep.add, the violations of rule r by subject
	// g under view v (the placement part).
	Place(e *Engine, v *view, g *placed, r *Rule, rep *report)
	// Design reports, through rep.add, the violations of rule r by the
	// whole design, analysed as a with metrics m (the whole-design part).
	Design(e *Engine, a *analysis, m *Metrics, r *Rule, rep *report)
}

// affecter is implemented by placement checks whose verdict on a module
// depends on modules that share no cell with it (the span of a panel on
// walls along its line, an opening's corner on the floor around it). When
// g is added (under view v) or removed, affected appends the modules whose
// verdict under rule r may change; before accepting a command the engine
// re-checks them, with those sharing a cell with g, against every rule.
type affecter interface {
	affected(e *Engine, r *Rule, v *view, g *placed, added bool, out []*placed) []*placed
}

// placementCheck is embedded by placement checks: no whole-design part.
type placementCheck struct{}

// Placement is true.
func (placementCheck) Placement() bool { return true }

// Design does nothing.
func (placementCheck) Design(*Engine, *analysis, *Metrics, *Rule, *report) {}

// designCheck is embedded by design checks: no placement part.
type designCheck struct{}

// Placement is false.
func (designCheck) Placement() bool { return false }

// Place does nothing.
func (designCheck) Place(*Engine, *view, *placed, *Rule, *report) {}

// noFields is embedded by checks that have no fields of their own.
type noFields struct{}

// Validate accepts every rule.
func (noFields) Validate(*Rule, *designs.Catalog) (string, string) { return "", "" }

// report collects the violations a check finds for one rule. The engine
// keeps one and reuses it, so running a check allocates nothing more than
// the violations.
type report struct {
	out   []Violation
	ri    int   // index of r in the rule set
	r     *Rule // the rule being run
	keyed bool  // placement violations carry a key ("is this one new")
}

// add reports a violation of the rule with message msg, blaming modules
// ids (none for a design-wide one).
func (p *report) add(msg string, ids ...ID) {
	v := Violation{Rule: p.r.ID, Check: p.r.Check, Severity: p.r.sev, Modules: ids, Message: msg}
	if p.keyed {
		v.key = vkey{rule: p.ri, a: ids[0]}
		if len(ids) > 1 {
			v.key.b = ids[1]
			if v.key.b < v.key.a {
				v.key.a, v.key.b = v.key.b, v.key.a
			}
		}
	}
	p.out = append(p.out, v)
}

// checks is the registry of check kinds by name.
var checks = map[string]Check{}

// registerCheck adds a check kind to the registry; it panics on an empty
// or duplicate name (a programming error, found by any test).
func registerCheck(c Check) {
	n := c.Name()
	if n == "" {
		panic("engine: check with no name")
	}
	if _, dup := checks[n]; dup {
		panic(fmt.Sprintf("engine: check %q registered twice", n))
	}
	checks[n] = c
}

// lookupCheck returns the check kind registered as name.
func lookupCheck(name string) (Check, bool) {
	c, ok := checks[name]
	return c, ok
}

// CheckNames lists the registered check kinds: placement checks first,
// then design checks, each group sorted by name.
func CheckNames() []string {
	names := make([]string, 0, len(checks))
	for n := range checks {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		pi, pj := checks[names[i]].Placement(), checks[names[j]].Placement()
		if pi != pj {
			return pi
		}
		return names[i] < names[j]
	})
	return names
}

// IsPlacementCheck reports whether name is a registered placement check.
func IsPlacementCheck(name string) bool {
	c, ok := checks[name]
	return ok && c.Placement()
}
