package training

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/opensourceecology/prodos/designs"
)

// Production permissions a qualification can grant.
const (
	PermExportBuildPackage = "export-build-package" // prodos export --as PROFILE
	PermOperateCNCRouter   = "operate-cnc-router"   // run machine jobs on the CNC router
	PermLeadBuildCrew      = "lead-build-crew"      // be named crew lead of a build schedule
	PermInspectModules     = "inspect-modules"      // record module inspections (prodos inspect record)
)

// Permissions lists every known permission.
var Permissions = []string{PermExportBuildPackage, PermOperateCNCRouter, PermLeadBuildCrew, PermInspectModules}

// Requirement is a challenge level to pass with at least a score.
type Requirement struct {
	Challenge string `toml:"id"`
	MinScore  int    `toml:"min_score"`
}

// Qualification is a named qualification: what earns it and what it
// unlocks.
type Qualification struct {
	ID          string `toml:"id"`
	Name        string `toml:"name"`
	Description string `toml:"description"`
	Source      string `toml:"source"`
	// Challenges must all be passed with at least their minimum score, and
	// Requires are qualifications held already.
	Challenges []Requirement `toml:"challenge"`
	Requires   []string      `toml:"requires"`
	// Unlocks: design level ids, palette categories, production permissions.
	Levels      []string `toml:"levels"`
	Categories  []string `toml:"categories"`
	Permissions []string `toml:"permissions"`
	// Practical, when set, is a timed module build an assessor must sign
	// off (practical.go): the qualification is earned only with it.
	Practical *Practical `toml:"practical"`
}

// Quals is the loaded qualifications, in file order.
type Quals struct {
	List []*Qualification
	byID map[string]*Qualification
	set  *Set
	// load gives set on first need (ParseQualificationsLazy).
	load func() (*Set, error)
}

// challenges is the challenge set, loaded on first need (once, safe for
// concurrent use) when the qualifications were parsed without it; nil when
// it cannot be loaded.
func (q *Quals) challenges() *Set {
	if q.set != nil || q.load == nil {
		return q.set
	}
	set, _ := q.load()
	return set
}

// Get returns the qualification or nil.
func (q *Quals) Get(id string) *Qualification { return q.byID[id] }

// ParseQualifications reads qualifications and checks every reference:
// challenge ids, minimum scores, required qualifications (without
// cycles), palette categories and permissions.
func ParseQualifications(file string, data []byte, set *Set) (*Quals, error) {
	return parseQuals(file, data, set)
}

// ParseQualificationsLazy is ParseQualifications for a caller that only
// checks what people hold (a permission check on every post, issue 14):
// it checks every reference but the challenges', and calls load for the
// challenge set (once) only when HowToEarn names a challenge. The
// challenge references of the embedded qualifications are checked by
// ParseQualifications in the tests and in the commands that load the
// challenges.
func ParseQualificationsLazy(file string, data []byte, load func() (*Set, error)) (*Quals, error) {
	q, err := parseQuals(file, data, nil)
	if q != nil && load != nil {
		q.load = sync.OnceValues(load)
	}
	return q, err
}

// parseQuals is ParseQualifications; a nil set skips the challenge checks.
func parseQuals(file string, data []byte, set *Set) (*Quals, error) {
	var doc struct {
		Qualification []*Qualification `toml:"qualification"`
	}
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&doc)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &designs.Error{File: file, Pos: designs.Pos{Line: pe.Position.Line, Col: max(pe.Position.Col, 1)}, Msg: pe.Message}
		}
		return nil, &designs.Error{File: file, Pos: designs.Pos{Line: 1, Col: 1}, Msg: err.Error()}
	}
	var errs designs.ErrorList
	// Positions: the line of each qualification's id.
	idLine := map[string]designs.Pos{}
	for i, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok && strings.TrimSpace(k) == "id" {
			id := strings.Trim(strings.TrimSpace(v), `"`)
			if _, seen := idLine[id]; !seen {
				idLine[id] = designs.Pos{Line: i + 1, Col: strings.Index(line, "=") + 3}
			}
		}
	}
	e := func(id, f string, a ...any) {
		errs = append(errs, &designs.Error{File: file, Pos: idLine[id], Msg: fmt.Sprintf(f, a...)})
	}
	for _, k := range md.Undecoded() {
		errs = append(errs, &designs.Error{File: file, Pos: designs.Pos{Line: 1, Col: 1}, Msg: fmt.Sprintf("unknown key %q", k.String())})
	}
	q := &Quals{byID: map[string]*Qualification{}, set: set}
	for _, x := range doc.Qualification {
		if x.ID == "" || q.byID[x.ID] != nil {
			e(x.ID, "qualification id %q is empty or duplicate", x.ID)
			continue
		}
		if x.Name == "" {
			e(x.ID, "qualification %q has no name", x.ID)
		}
		if len(x.Challenges) == 0 && len(x.Requires) == 0 {
			e(x.ID, "qualification %q has nothing that earns it", x.ID)
		}
		q.byID[x.ID] = x
		q.List = append(q.List, x)
	}
	for _, x := range q.List {
		for _, r := range x.Challenges {
			if set == nil {
				break
			}
			l := set.Level(r.Challenge)
			switch {
			case l == nil:
				e(x.ID, "qualification %q: unknown challenge %q", x.ID, r.Challenge)
			case r.MinScore < l.Stars[0]:
				e(x.ID, "qualification %q: min_score %d for %s is below the level's pass score %d", x.ID, r.MinScore, r.Challenge, l.Stars[0])
			}
		}
		for _, r := range x.Requires {
			if q.byID[r] == nil {
				e(x.ID, "qualification %q requires unknown qualification %q", x.ID, r)
			}
		}
		for _, c := range x.Categories {
			if !contains(designs.Categories(), c) {
				e(x.ID, "qualification %q: unknown palette category %q", x.ID, c)
			}
		}
		for _, p := range x.Permissions {
			if !contains(Permissions, p) {
				e(x.ID, "qualification %q: unknown permission %q (want one of %s)", x.ID, p, strings.Join(Permissions, ", "))
			}
		}
		if msg := checkPractical(x, set); msg != "" {
			e(x.ID, "%s", msg)
		}
	}
	if len(errs) == 0 {
		for _, x := range q.List {
			if cyc := q.cycle(x.ID, nil); cyc != "" {
				e(x.ID, "qualifications require each other in a cycle: %s", cyc)
				break
			}
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return q, nil
}

func (q *Quals) cycle(id string, stack []string) string {
	for _, s := range stack {
		if s == id {
			return strings.Join(append(stack, id), " -> ")
		}
	}
	for _, r := range q.byID[id].Requires {
		if c := q.cycle(r, append(stack, id)); c != "" {
			return c
		}
	}
	return ""
}

// Earned returns the qualifications newly earned by a learner with these
// best scores per challenge and these qualifications held, in file order,
// following chains (a qualification earned now may complete another).
func (q *Quals) Earned(best map[string]int, have map[string]bool) []string {
	return q.EarnedSigned(best, have, nil)
}

// EarnedSigned is Earned for a learner with valid practical sign-offs for
// the qualifications in signed: a qualification with a practical part is
// earned only when it is in signed (and its other parts are met).
func (q *Quals) EarnedSigned(best map[string]int, have, signed map[string]bool) []string {
	held := map[string]bool{}
	for k, v := range have {
		held[k] = v
	}
	var out []string
	for changed := true; changed; {
		changed = false
		for _, x := range q.List {
			if held[x.ID] || !q.meets(x, best, held) || (x.Practical != nil && !signed[x.ID]) {
				continue
			}
			held[x.ID] = true
			out = append(out, x.ID)
			changed = true
		}
	}
	return out
}

func (q *Quals) meets(x *Qualification, best map[string]int, held map[string]bool) bool {
	for _, r := range x.Challenges {
		if s, ok := best[r.Challenge]; !ok || s < r.MinScore {
			return false
		}
	}
	for _, r := range x.Requires {
		if !held[r] {
			return false
		}
	}
	return true
}

// HowToEarn says in words what earns a qualification: "pass challenge 3
// "Frame a wall module" with a score of 1500 or more; hold Floor framer".
func (q *Quals) HowToEarn(id string) string {
	x := q.byID[id]
	if x == nil {
		return fmt.Sprintf("no qualification %q", id)
	}
	var parts []string
	set := q.challenges()
	for _, r := range x.Challenges {
		if l := set.Level(r.Challenge); l != nil {
			parts = append(parts, fmt.Sprintf("pass challenge %d %q with a score of %d or more", l.Number, l.Title, r.MinScore))
		} else {
			parts = append(parts, fmt.Sprintf("pass challenge %s with a score of %d or more", r.Challenge, r.MinScore))
		}
	}
	for _, r := range x.Requires {
		parts = append(parts, "hold "+q.byID[r].Name)
	}
	if p := x.Practical; p != nil {
		parts = append(parts, fmt.Sprintf("be signed off by an assessor for building a %s module in at most %d minutes", p.Module, p.MaxMinutes))
	}
	return strings.Join(parts, "; ")
}

// Unlock kinds for Unlocking and LockReason.
const (
	UnlockLevel      = "level"
	UnlockCategory   = "category"
	UnlockPermission = "permission"
)

// Unlocking lists the qualifications that unlock a design level, palette
// category or permission.
func (q *Quals) Unlocking(kind, name string) []*Qualification {
	var out []*Qualification
	for _, x := range q.List {
		var list []string
		switch kind {
		case UnlockLevel:
			list = x.Levels
		case UnlockCategory:
			list = x.Categories
		case UnlockPermission:
			list = x.Permissions
		}
		if contains(list, name) {
			out = append(out, x)
		}
	}
	return out
}

// Allows reports whether held qualifications unlock the thing. A thing no
// qualification unlocks is open to everyone.
func (q *Quals) Allows(have map[string]bool, kind, name string) bool {
	by := q.Unlocking(kind, name)
	for _, x := range by {
		if have[x.ID] {
			return true
		}
	}
	return len(by) == 0
}

// LockReason is "" when the thing is open to these qualifications, else
// which qualification unlocks it and how to earn it, for example
// `needs the Designer qualification: hold Wall framer; hold Module installer`.
func (q *Quals) LockReason(have map[string]bool, kind, name string) string {
	if q.Allows(have, kind, name) {
		return ""
	}
	var parts []string
	for _, x := range q.Unlocking(kind, name) {
		parts = append(parts, fmt.Sprintf("the %s qualification (%s): %s", x.Name, x.ID, q.HowToEarn(x.ID)))
	}
	return "needs " + strings.Join(parts, ", or ")
}
