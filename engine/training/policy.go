package training

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/opensourceecology/prodos/designs"
)

// Kinds of verified contribution that renew a permission (policy.toml's
// renewed_by).
const (
	// ContribSignOffGiven: signing a learner's practical off as assessor.
	ContribSignOffGiven = "signoff-given"
	// ContribSignOffReceived: being signed off on a practical build.
	ContribSignOffReceived = "signoff-received"
	// ContribQualification: earning a qualification from verified evidence.
	ContribQualification = "qualification-earned"
)

// ContributionKinds lists every kind, for messages.
var ContributionKinds = []string{ContribSignOffGiven, ContribSignOffReceived, ContribQualification}

var kindWords = map[string]string{
	ContribSignOffGiven:    "signing off a learner's practical build as assessor",
	ContribSignOffReceived: "being signed off on a practical build",
	ContribQualification:   "earning a qualification",
}

// Keep is what keeps one permission once earned.
type Keep struct {
	Permission string   `toml:"id"`
	LapseDays  int      `toml:"lapse_days"` // 0: it does not lapse
	RenewedBy  []string `toml:"renewed_by"` // contribution kinds
	Source     string   `toml:"source"`
}

// Policy is the contribution gate: levels/policy.toml.
type Policy struct {
	Keeps []*Keep `toml:"permission"`
}

// Keep returns the rule of a permission, or nil (it does not lapse).
func (p *Policy) Keep(permission string) *Keep {
	for _, k := range p.Keeps {
		if k.Permission == permission {
			return k
		}
	}
	return nil
}

// ParsePolicy reads a policy and checks it: known permissions, each once,
// non-negative lapse days, known contribution kinds, a source.
func ParsePolicy(file string, data []byte) (*Policy, error) {
	var p Policy
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&p)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &designs.Error{File: file, Pos: designs.Pos{Line: pe.Position.Line, Col: max(pe.Position.Col, 1)}, Msg: pe.Message}
		}
		return nil, &designs.Error{File: file, Pos: designs.Pos{Line: 1, Col: 1}, Msg: err.Error()}
	}
	var errs designs.ErrorList
	for _, k := range md.Undecoded() {
		errs = append(errs, &designs.Error{File: file, Pos: designs.Pos{Line: 1, Col: 1}, Msg: fmt.Sprintf("unknown key %q", k.String())})
	}
	lines := strings.Split(string(data), "\n")
	seen := map[string]bool{}
	for _, k := range p.Keeps {
		pos := designs.Pos{Line: 1, Col: 1}
		for i, l := range lines {
			if strings.Contains(l, `"`+k.Permission+`"`) && strings.HasPrefix(strings.TrimSpace(l), "id") {
				pos = designs.Pos{Line: i + 1, Col: strings.Index(l, `"`) + 1}
				break
			}
		}
		e := func(f string, a ...any) {
			errs = append(errs, &designs.Error{File: file, Pos: pos, Msg: fmt.Sprintf(f, a...)})
		}
		switch {
		case !contains(Permissions, k.Permission):
			e("unknown permission %q (want one of %s)", k.Permission, strings.Join(Permissions, ", "))
		case seen[k.Permission]:
			e("permission %q is listed twice", k.Permission)
		case k.LapseDays < 0:
			e("permission %q: lapse_days %d is negative", k.Permission, k.LapseDays)
		case k.LapseDays > 0 && len(k.RenewedBy) == 0:
			e("permission %q lapses but nothing renews it (renewed_by)", k.Permission)
		case k.Source == "":
			e("permission %q: no source for the rule", k.Permission)
		}
		for _, r := range k.RenewedBy {
			if !contains(ContributionKinds, r) {
				e("permission %q: unknown contribution %q in renewed_by (want one of %s)", k.Permission, r, strings.Join(ContributionKinds, ", "))
			}
		}
		seen[k.Permission] = true
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return &p, nil
}

// Contribution is one verified contribution of a person.
type Contribution struct {
	Kind string
	At   time.Time
	What string // for people: "signed off al on wall-framer"
}

// Standing states of a permission.
const (
	StandingNotHeld = "not held"
	StandingActive  = "active"
	StandingLapsed  = "lapsed"
)

// Standing is where a person stands with one permission at a moment.
type Standing struct {
	Permission string
	State      string    // StandingNotHeld, StandingActive or StandingLapsed
	Since      time.Time // first held (zero when not held)
	Until      time.Time // lapses on (active) or lapsed since (lapsed); zero: never lapses
	Last       *Contribution
	Renews     string // what renews it, in words ("" when it does not lapse)
}

// Active reports whether the permission may be used.
func (s Standing) Active() bool { return s.State == StandingActive }

// String is "active, lapses on 2027-05-30", "active, does not lapse",
// "lapsed since 2026-11-02" or "not held".
func (s Standing) String() string {
	switch {
	case s.State == StandingActive && s.Until.IsZero():
		return "active, does not lapse"
	case s.State == StandingActive:
		return "active, lapses on " + s.Until.Format(time.DateOnly)
	case s.State == StandingLapsed:
		return "lapsed since " + s.Until.Format(time.DateOnly)
	}
	return StandingNotHeld
}

// Standing computes a permission's standing at now for a person who earned
// the qualifications in earned (id -> when) and made the contributions.
// The permission is held from the first qualification granting it; when
// the policy makes it lapse, it lapses LapseDays after the later of that
// date and the last contribution of a renewing kind (up to now).
func (p *Policy) Standing(q *Quals, permission string, earned map[string]time.Time, contribs []Contribution, now time.Time) Standing {
	s := Standing{Permission: permission, State: StandingNotHeld}
	for _, x := range q.Unlocking(UnlockPermission, permission) {
		if at, ok := earned[x.ID]; ok && !at.After(now) && (s.Since.IsZero() || at.Before(s.Since)) {
			s.Since = at
		}
	}
	if s.Since.IsZero() {
		return s
	}
	s.State = StandingActive
	k := p.Keep(permission)
	if k == nil || k.LapseDays == 0 {
		return s
	}
	var words []string
	for _, r := range k.RenewedBy {
		words = append(words, kindWords[r])
	}
	s.Renews = fmt.Sprintf("a verified contribution within %d days: %s", k.LapseDays, strings.Join(words, ", or "))
	last := s.Since
	for i, c := range contribs {
		if contains(k.RenewedBy, c.Kind) && !c.At.After(now) && !c.At.Before(last) {
			last, s.Last = c.At, &contribs[i]
		}
	}
	s.Until = last.AddDate(0, 0, k.LapseDays)
	if !now.Before(s.Until) {
		s.State = StandingLapsed
	}
	return s
}
