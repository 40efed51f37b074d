package profiles

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/training/signoff"
)

// ErrPractical marks a sign-off whose build does not meet the practical
// part (wrong module, time over the limit).
var ErrPractical = errors.New("practical part not met")

// Gate is what practical sign-offs are checked against: the
// qualifications, the contribution gate and this installation's issuer
// did:key (which signs assessor appointments).
type Gate struct {
	Quals  *training.Quals
	Policy *training.Policy
	Issuer string
}

// ValidPracticals returns, per qualification, the id of a practical
// sign-off of p that still verifies: its signature is good, it is signed
// with the key recorded for its assessor, and it meets the practical part.
// (Whether the assessor was qualified is checked when it is recorded.)
func ValidPracticals(ctx context.Context, st Store, q *training.Quals, p *Profile) map[string]string {
	out := map[string]string{}
	keys := map[string]string{}
	for _, a := range p.Attestations {
		x := q.Get(a.Qualification)
		if x == nil || a.Learner != p.Name || a.Verify() != nil || x.PracticalOK(a.Module, a.Minutes) != nil {
			continue
		}
		key, ok := keys[a.Assessor]
		if !ok {
			if as, err := st.Get(ctx, a.Assessor); err == nil {
				key = as.PublicKey
			}
			keys[a.Assessor] = key
		}
		if key != "" && key == a.AssessorKey {
			if _, dup := out[a.Qualification]; !dup {
				out[a.Qualification] = a.ID()
			}
		}
	}
	return out
}

func practicalSet(m map[string]string) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}

// EarnedAt is when p earned each qualification held.
func (p *Profile) EarnedAt() map[string]time.Time {
	out := map[string]time.Time{}
	for _, a := range p.Awards {
		out[a.Qualification] = a.At
	}
	return out
}

// Contributions are p's verified contributions the contribution gate
// counts: practical sign-offs given and received (with good signatures)
// and qualifications earned.
func (p *Profile) Contributions() []training.Contribution {
	var out []training.Contribution
	for _, a := range p.Given {
		if a.Verify() == nil {
			out = append(out, training.Contribution{Kind: training.ContribSignOffGiven, At: a.SignedAt, What: "signed off " + a.Learner + " on " + a.Qualification})
		}
	}
	for _, a := range p.Attestations {
		if a.Verify() == nil {
			out = append(out, training.Contribution{Kind: training.ContribSignOffReceived, At: a.SignedAt, What: "signed off by " + a.Assessor + " on " + a.Qualification})
		}
	}
	for _, w := range p.Awards {
		out = append(out, training.Contribution{Kind: training.ContribQualification, At: w.At, What: "earned " + w.Qualification})
	}
	return out
}

// Standing is p's standing with a permission at now.
func (g Gate) Standing(p *Profile, permission string, now time.Time) training.Standing {
	return g.Policy.Standing(g.Quals, permission, p.EarnedAt(), p.Contributions(), now)
}

// CanAssess is nil when assessor may sign off qual's practical part at at:
// they hold qual at lead level, that is they hold qual and the
// lead-build-crew permission in active standing (the contribution gate),
// or the installation appointed them assessor for qual. Else the error
// wraps signoff.ErrNotQualified and says why.
func (g Gate) CanAssess(assessor *Profile, qual string, at time.Time) error {
	for _, ap := range assessor.Appointments {
		if ap.Qualification == qual && !ap.SignedAt.After(at) && ap.Verify(g.Issuer) == nil {
			return nil
		}
	}
	x := g.Quals.Get(qual)
	if x == nil {
		return fmt.Errorf("%w: no qualification %q", signoff.ErrNotQualified, qual)
	}
	if w, ok := assessor.Award(qual); !ok || w.At.After(at) {
		return fmt.Errorf("%w: %s does not hold %s (%s), and the installation has not appointed them its assessor", signoff.ErrNotQualified, assessor.Name, x.Name, qual)
	}
	s := g.Standing(assessor, training.PermLeadBuildCrew, at)
	if !s.Active() {
		return fmt.Errorf("%w: %s holds %s but not at lead level: the %s permission is %s (an assessor holds the qualification and leads crews, or is appointed with prodos qualify appoint)",
			signoff.ErrNotQualified, assessor.Name, x.Name, training.PermLeadBuildCrew, s)
	}
	return nil
}

// SignOff checks a signed practical attestation and records it with the
// qualifications it completes. Refused, with the reason: a bad signature
// or a key that is not the assessor's recorded key (signoff.ErrSignature),
// an assessor not qualified (signoff.ErrNotQualified), a build that does
// not meet the practical part, such as a time over the limit
// (ErrPractical), an unknown learner or assessor (ErrNotFound).
func SignOff(ctx context.Context, st Store, g Gate, a signoff.Attestation) ([]Award, error) {
	if err := a.Verify(); err != nil {
		return nil, err
	}
	x := g.Quals.Get(a.Qualification)
	if x == nil {
		return nil, fmt.Errorf("%w: no qualification %q", signoff.ErrMalformed, a.Qualification)
	}
	if err := x.PracticalOK(a.Module, a.Minutes); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPractical, err)
	}
	if d, _ := time.Parse(signoff.DateFormat, a.Date); d.After(a.SignedAt.Add(24 * time.Hour)) {
		return nil, fmt.Errorf("%w: the build date %s is after the sign-off (%s)", signoff.ErrMalformed, a.Date, a.SignedAt.Format(time.DateOnly))
	}
	p, err := st.Get(ctx, a.Learner)
	if err != nil {
		return nil, err
	}
	as, err := st.Get(ctx, a.Assessor)
	if err != nil {
		return nil, err
	}
	if as.PublicKey == "" {
		return nil, fmt.Errorf("%w: %s has no signing key recorded: run prodos qualify keygen %s", signoff.ErrSignature, as.Name, as.Name)
	}
	if as.PublicKey != a.AssessorKey {
		return nil, fmt.Errorf("%w: signed with %s, which is not %s's recorded key %s", signoff.ErrSignature, a.AssessorKey, as.Name, as.PublicKey)
	}
	if err := g.CanAssess(as, a.Qualification, a.SignedAt); err != nil {
		return nil, err
	}
	signed := ValidPracticals(ctx, st, g.Quals, p)
	if _, ok := signed[a.Qualification]; !ok {
		signed[a.Qualification] = a.ID()
	}
	results := make([]training.Scored, 0, len(p.Attempts))
	for _, x := range p.Attempts {
		results = append(results, training.Scored{Challenge: x.Challenge, Score: x.Score, Passed: x.Passed})
	}
	var awards []Award
	for _, id := range g.Quals.AwardSigned(results, p.Holds(), practicalSet(signed)) {
		ev := evidenceFor(p, g.Quals.Get(id))
		if ev == nil {
			continue
		}
		awards = append(awards, Award{Qualification: id, At: a.SignedAt, Evidence: ev.ReplayHash, Attestation: ev.Attestation, Practical: signed[id]})
	}
	if err := st.AddAttestation(ctx, a, awards); err != nil {
		return nil, err
	}
	return awards, nil
}

// evidenceFor is the replay that earned x's challenge part: p's best
// passed attempt at x's first challenge, else p's latest passed attempt.
func evidenceFor(p *Profile, x *training.Qualification) *Attempt {
	best := p.Best()
	if len(x.Challenges) > 0 {
		if b, ok := best[x.Challenges[0].Challenge]; ok && b.Passed {
			return &b
		}
	}
	for i := len(p.Attempts) - 1; i >= 0; i-- {
		if p.Attempts[i].Passed {
			return &p.Attempts[i]
		}
	}
	return nil
}

// Appoint records an appointment after checking its signature against the
// installation's issuer key and that the assessor exists.
func Appoint(ctx context.Context, st Store, g Gate, ap signoff.Appointment) error {
	if err := ap.Verify(g.Issuer); err != nil {
		return err
	}
	if x := g.Quals.Get(ap.Qualification); x == nil || x.Practical == nil {
		return fmt.Errorf("%w: %q is not a qualification with a practical part", signoff.ErrMalformed, ap.Qualification)
	}
	if _, err := st.Get(ctx, ap.Assessor); err != nil {
		return err
	}
	return st.AddAppointment(ctx, ap)
}

// Attestation returns p's sign-off with the id, checked as ValidPracticals
// does, or an ErrEvidence error.
func Attestation(ctx context.Context, st Store, q *training.Quals, p *Profile, id string) (*signoff.Attestation, error) {
	for i := range p.Attestations {
		a := &p.Attestations[i]
		if a.ID() != id {
			continue
		}
		if ValidPracticals(ctx, st, q, &Profile{Name: p.Name, Attestations: []signoff.Attestation{*a}})[a.Qualification] != id {
			return nil, fmt.Errorf("%w: the practical sign-off %s does not verify (signature, assessor key or limits)", ErrEvidence, id)
		}
		return a, nil
	}
	return nil, fmt.Errorf("%w: profile %q has no valid practical sign-off %s (missing, or edited after it was signed)", ErrEvidence, p.Name, id)
}

// Now is the clock permission checks read standing at (tests move it).
var Now = time.Now

// policy is the embedded contribution gate, loaded once.
var policy = sync.OnceValues(levels.Policy)

// checkStanding is nil unless the permission has lapsed under the
// contribution gate; then the error wraps ErrNotPermitted and says since
// when and what renews it.
func checkStanding(p *Profile, q *training.Quals, permission string, now time.Time) error {
	pol, err := policy()
	if err != nil {
		return err
	}
	s := pol.Standing(q, permission, p.EarnedAt(), p.Contributions(), now)
	if s.State == training.StandingLapsed {
		return fmt.Errorf("%w: profile %q may not %s: the permission %s without a verified contribution; renew it with %s",
			ErrNotPermitted, p.Name, permission, s, s.Renews)
	}
	return nil
}

// PermissionLines says, for the game's profile screen, each permission p
// holds or held, with its standing under the contribution gate and what
// renews it: "Permission lead-build-crew: active, lapses on 2027-05-30;
// renewed by a verified contribution within 180 days: ...".
func PermissionLines(p *Profile, q *training.Quals, now time.Time) ([]string, error) {
	pol, err := policy()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, perm := range training.Permissions {
		s := pol.Standing(q, perm, p.EarnedAt(), p.Contributions(), now)
		if s.State == training.StandingNotHeld {
			continue
		}
		line := "Permission " + perm + ": " + s.String()
		if s.Renews != "" {
			line += "; renewed by " + s.Renews
		}
		out = append(out, line)
	}
	return out, nil
}
