package engine

import (
	"fmt"
	"sort"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

// Severity says whether a violation blocks (Hard) or only warns (Soft).
type Severity int

// Severities.
const (
	Hard Severity = iota
	Soft
)

// String is "hard" or "soft".
func (s Severity) String() string {
	if s == Soft {
		return "soft"
	}
	return "hard"
}

// Rule is one entry of a rule set.
type Rule struct {
	ID       string `toml:"id"`
	Check    string `toml:"check"`
	Severity string `toml:"severity"` // "hard" (default) or "soft"
	Disabled bool   `toml:"disabled"` // a level turns a rule of its rule set off
	// Layers and On are module layers (designs.Layers) for support checks;
	// Layers also selects the panels a span check measures.
	Layers []string `toml:"layers"`
	On     []string `toml:"on"`
	// MaxSpan overrides each module's max_span (span).
	MaxSpan designs.Length `toml:"max_span"`
	// MinShare is the least share of solid panels in a wall run (shear).
	MinShare decimal.Decimal `toml:"min_share"`
	// Min and Max are the limits of window-ratio, budget, floor-area, rooms.
	Min *decimal.Decimal `toml:"min"`
	Max *decimal.Decimal `toml:"max"`
	// Modules are module ids (forbidden, required).
	Modules []string `toml:"modules"`
	// Why explains the rule to the player.
	Why string `toml:"why"`

	sev       Severity
	layerMask uint32
	onMask    uint32
	onText    string
	place     bool
	kind      Check
}

// RuleSet is a named list of rules, loaded from TOML (levels/rules/*.toml).
type RuleSet struct {
	ID    string `toml:"id"`
	Name  string `toml:"name"`
	Rules []Rule `toml:"rule"`

	compiled bool
}

// Rule returns the rule with id.
func (rs *RuleSet) Rule(id string) (*Rule, bool) {
	for i := range rs.Rules {
		if rs.Rules[i].ID == id {
			return &rs.Rules[i], true
		}
	}
	return nil, false
}

// With returns a copy of the rule set where rules with the same id as one
// of extra are replaced and the others appended (a level's own limits).
func (rs *RuleSet) With(id string, extra []Rule) *RuleSet {
	out := &RuleSet{ID: id, Name: rs.Name, Rules: append([]Rule(nil), rs.Rules...)}
	for _, r := range extra {
		replaced := false
		for i := range out.Rules {
			if out.Rules[i].ID == r.ID {
				out.Rules[i] = r
				replaced = true
			}
		}
		if !replaced {
			out.Rules = append(out.Rules, r)
		}
	}
	return out
}

func layerMask(names []string) (uint32, error) {
	var m uint32
	for _, n := range names {
		i := indexOf(designs.Layers, n)
		if i < 0 {
			return 0, fmt.Errorf("unknown layer %q (want one of %s)", n, strings.Join(designs.Layers, ", "))
		}
		m |= 1 << uint(i)
	}
	return m, nil
}

// check validates one rule and fills its derived fields. It returns the key
// of the offending field and a message, or "" when the rule is good.
func (r *Rule) check(cat *designs.Catalog) (string, string) {
	if r.ID == "" {
		return "id", "rule has no id"
	}
	switch r.Severity {
	case "", "hard":
		r.sev = Hard
	case "soft":
		r.sev = Soft
	default:
		return "severity", fmt.Sprintf("rule %q: severity must be \"hard\" or \"soft\", got %q", r.ID, r.Severity)
	}
	kind, ok := lookupCheck(r.Check)
	if !ok {
		return "check", fmt.Sprintf("rule %q: unknown check %q (want one of %s)", r.ID, r.Check, strings.Join(CheckNames(), ", "))
	}
	r.kind, r.place = kind, kind.Placement()
	var err error
	if r.layerMask, err = layerMask(r.Layers); err != nil {
		return "layers", fmt.Sprintf("rule %q: %v", r.ID, err)
	}
	if r.onMask, err = layerMask(r.On); err != nil {
		return "on", fmt.Sprintf("rule %q: %v", r.ID, err)
	}
	r.onText = strings.Join(r.On, " or ")
	return kind.Validate(r, cat)
}

func (rs *RuleSet) compile() error {
	seen := map[string]bool{}
	for i := range rs.Rules {
		r := &rs.Rules[i]
		if key, msg := r.check(nil); key != "" {
			return fmt.Errorf("rule set %q: %s", rs.ID, msg)
		}
		if seen[r.ID] {
			return fmt.Errorf("rule set %q: duplicate rule id %q", rs.ID, r.ID)
		}
		seen[r.ID] = true
	}
	rs.compiled = true
	return nil
}

// ParseRuleSet reads a rule set file. Problems come back as
// *designs.Error values naming file, line, column and key.
func ParseRuleSet(file string, data []byte, cat *designs.Catalog) (*RuleSet, error) {
	var rs RuleSet
	pos, errs := designs.DecodeTOML(file, data, &rs)
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	if rs.ID == "" {
		errs = append(errs, &designs.Error{File: file, Pos: pos.Of("id"), Msg: "id: rule set has no id"})
	}
	errs = append(errs, checkRules(file, pos, "rule", rs.Rules, cat)...)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	rs.compiled = true
	return &rs, nil
}

func checkRules(file string, pos designs.Positions, table string, rules []Rule, cat *designs.Catalog) designs.ErrorList {
	var errs designs.ErrorList
	seen := map[string]bool{}
	for i := range rules {
		r := &rules[i]
		if key, msg := r.check(cat); key != "" {
			k := fmt.Sprintf("%s[%d].%s", table, i, key)
			errs = append(errs, &designs.Error{File: file, Pos: pos.Of(k), Msg: k + ": " + msg})
			continue
		}
		if seen[r.ID] {
			k := fmt.Sprintf("%s[%d].id", table, i)
			errs = append(errs, &designs.Error{File: file, Pos: pos.Of(k), Msg: fmt.Sprintf("%s: duplicate rule id %q", k, r.ID)})
		}
		seen[r.ID] = true
	}
	return errs
}

// Violation is one broken rule: the rule, how severe, the modules involved
// and a message with the numbers, e.g. "roof panel 4x8 at (5,3) spans 20 ft
// between bearing walls; the roof panel 4x8's limit is 16 ft".
type Violation struct {
	Rule     string
	Check    string
	Severity Severity
	Modules  []ID
	Message  string

	key vkey
}

// String is "rule: message", or "rule: warning: message" for a soft one.
func (v Violation) String() string {
	if v.Severity == Soft {
		return v.Rule + ": warning: " + v.Message
	}
	return v.Rule + ": " + v.Message
}

// vkey identifies a violation for "is this one new" comparisons.
type vkey struct {
	rule int
	a, b ID
}

func vkeyLess(x, y vkey) bool {
	if x.rule != y.rule {
		return x.rule < y.rule
	}
	if x.a != y.a {
		return x.a < y.a
	}
	return x.b < y.b
}

// view is the state as seen by a check: the engine's modules without skip,
// plus add. It lets a check look at a candidate state without changing the
// engine (previews, and commands before they are accepted).
type view struct {
	skip ID
	add  *placed
}

// forCell calls fn for every module registered in grid cell (cx, cy) under
// view v (the cell modules covering it and the walls on its edges), found
// through the grid index. fn returns false to stop.
func (e *Engine) forCell(v *view, cx, cy int, fn func(g *placed) bool) {
	if !e.ix.each(cx, cy, func(g *placed) bool {
		if g.id == v.skip && v.skip != 0 {
			return true
		}
		return fn(g)
	}) {
		return
	}
	if v.add != nil && v.add.touches(cx, cy) {
		fn(v.add)
	}
}

// first is the first module of an id-ordered list under view v, other than
// not; v.add is not in the lists and is not considered.
func first(v *view, list []*placed, not *placed) *placed {
	for _, g := range list {
		if g != not && (v.skip == 0 || g.id != v.skip) {
			return g
		}
	}
	return nil
}

// cellModule is the first cell module on one of the layers in mask covering
// (cx, cy), other than not.
func (e *Engine) cellModule(v *view, cx, cy int, mask uint32, not *placed) *placed {
	for l := range designs.Layers {
		if mask&(1<<uint(l)) == 0 {
			continue
		}
		if g := first(v, e.ix.cellAt(l, cx, cy), not); g != nil {
			return g
		}
	}
	if a := v.add; a != nil && a != not && !a.edge && mask&(1<<uint(a.layer)) != 0 && a.touches(cx, cy) {
		return a
	}
	return nil
}

// edgeModule is the wall standing on edge slot (horiz, line, a), other than not.
func (e *Engine) edgeModule(v *view, horiz bool, line, a int, not *placed) *placed {
	if g := first(v, e.ix.slotAt(horiz, line, a), not); g != nil {
		return g
	}
	if ad := v.add; ad != nil && ad != not && ad.onEdge(horiz, line, a) {
		return ad
	}
	return nil
}

func (e *Engine) hardLocal(v *view, g *placed, out []Violation) []Violation {
	return e.localChecks(v, g, true, out)
}

// localChecks appends the placement-check violations of subject g under v.
func (e *Engine) localChecks(v *view, g *placed, hardOnly bool, out []Violation) []Violation {
	rep := &e.rep
	rep.out, rep.keyed = out, true
	for ri := range e.rules.Rules {
		r := &e.rules.Rules[ri]
		if r.Disabled || !r.place || (hardOnly && r.sev != Hard) {
			continue
		}
		rep.ri, rep.r = ri, r
		r.kind.Place(e, v, g, r, rep)
	}
	out = rep.out
	*rep = report{}
	return out
}

// dependents appends the modules whose placement checks may change when g
// is removed because they share a cell with it (what it supports, what
// supports it); checks that look further add theirs (affecter).
func (e *Engine) dependents(g *placed, out []*placed) []*placed {
	v := &view{}
	add := func(q *placed) bool {
		if q != g {
			out = append(out, q)
		}
		return true
	}
	if !g.edge {
		for cy := g.y0; cy < g.y1; cy++ {
			for cx := g.x0; cx < g.x1; cx++ {
				e.forCell(v, cx, cy, add)
			}
		}
		return out
	}
	for a := g.a0; a < g.a1; a++ {
		if g.horiz {
			e.forCell(v, a, g.line-1, add)
			e.forCell(v, a, g.line, add)
		} else {
			e.forCell(v, g.line-1, a, add)
			e.forCell(v, g.line, a, add)
		}
	}
	return out
}

// affected appends, for every enabled placement rule whose check looks
// beyond the cells a module touches (an affecter), the modules whose
// verdict may change when g is added (under v) or removed.
func (e *Engine) affected(v *view, g *placed, added bool, out []*placed) []*placed {
	for ri := range e.rules.Rules {
		r := &e.rules.Rules[ri]
		if r.Disabled || !r.place {
			continue
		}
		if a, ok := r.kind.(affecter); ok {
			out = a.affected(e, r, v, g, added, out)
		}
	}
	return out
}

// newHard returns the hard placement violations that replacing old by nw
// (either may be nil) would add. Empty means the change is allowed.
func (e *Engine) newHard(old, nw *placed) []Violation {
	subjects := e.scratch[:0]
	if old != nil {
		subjects = append(subjects, old)
		subjects = e.dependents(old, subjects)
		subjects = e.affected(&e.noView, old, false, subjects)
	}
	after := &e.after
	*after = view{add: nw}
	defer func() { *after = view{} }()
	if old != nil {
		after.skip = old.id
	}
	if nw != nil {
		subjects = append(subjects, nw)
		subjects = e.affected(after, nw, true, subjects)
	}
	e.scratch = subjects[:0]
	var before, afterV []Violation
	done := make(map[ID]bool, len(subjects))
	for _, s := range subjects {
		if done[s.id] && s != nw {
			continue
		}
		done[s.id] = true
		// the subject as it is now, and as it would be
		cur := e.find(s.id)
		if cur != nil {
			before = e.hardLocal(&e.noView, cur, before)
		}
		switch {
		case nw != nil && s.id == nw.id:
			afterV = e.hardLocal(after, nw, afterV)
		case old != nil && s.id == old.id:
			// removed: no violations of its own
		case cur != nil:
			afterV = e.hardLocal(after, cur, afterV)
		}
	}
	if nw != nil && (old == nil || old.mi != nw.mi) && !e.inPalette[nw.mi] {
		// the palette limits what the player adds (or swaps in), not what the level starts with
		afterV = append(afterV, Violation{Rule: "palette", Check: "palette", Severity: Hard, Modules: []ID{nw.id},
			Message: fmt.Sprintf("%s is not offered in this level's palette", describe(nw)), key: vkey{rule: -1, a: nw.id}})
	}
	if len(afterV) == 0 {
		return nil
	}
	had := make(map[vkey]bool, len(before))
	for _, b := range before {
		had[b.key] = true
	}
	var out []Violation
	seen := map[vkey]bool{}
	for _, a := range afterV {
		if !had[a.key] && !seen[a.key] {
			seen[a.key] = true
			out = append(out, a)
		}
	}
	return out
}

// allLocal is every placement-check violation of the current design.
func (e *Engine) allLocal() []Violation {
	var out []Violation
	v := &e.noView
	for _, g := range e.mods {
		out = e.localChecks(v, g, false, out)
	}
	sort.SliceStable(out, func(i, j int) bool { return vkeyLess(out[i].key, out[j].key) })
	uniq := out[:0]
	for _, x := range out {
		if len(uniq) > 0 && x.key == uniq[len(uniq)-1].key {
			continue
		}
		uniq = append(uniq, x)
	}
	return uniq
}
