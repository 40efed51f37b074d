// Package profiles keeps learners' progress: profiles, every attempt with
// its replay, best scores and the qualifications earned, each with its date
// and evidence (the hash of the replay that earned it). Store is the
// storage interface: sqlitestore implements it on the desktop, MemStore
// (JSON-serialisable) in the browser and in tests.
package profiles

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"sync"
	"time"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/training/signoff"
)

// Errors a Store returns (wrapped).
var (
	ErrNotFound     = errors.New("no such profile")
	ErrExists       = errors.New("profile already exists")
	ErrNotPermitted = errors.New("permission not earned")
	ErrKeyRecorded  = errors.New("another signing key is recorded")
)

var nameRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$`) })

// CheckName checks a profile name: 1 to 40 letters, digits, '.', '_' or
// '-', starting with a letter or digit.
func CheckName(name string) error {
	if !nameRE().MatchString(name) {
		return fmt.Errorf("profile name %q: use 1-40 letters, digits, '.', '_' or '-', starting with a letter or digit", name)
	}
	return nil
}

// Attempt is one recorded attempt at a challenge.
type Attempt struct {
	Challenge  string    `json:"challenge"`
	Score      int       `json:"score"`
	Stars      int       `json:"stars"`
	Passed     bool      `json:"passed"`
	ReplayHash string    `json:"replay_hash"`
	Replay     string    `json:"replay"`
	At         time.Time `json:"at"`
	// AttemptID is the one-time attempt id the replay is bound to ("" for
	// legacy attempts).
	AttemptID string `json:"attempt_id,omitempty"`
	// Attestation is SelfAttested, Verified or Legacy ("" reads as Legacy).
	Attestation string `json:"attestation,omitempty"`
}

// Award is a qualification held, with when and the evidence that earned it.
type Award struct {
	Qualification string    `json:"qualification"`
	At            time.Time `json:"earned_at"`
	Evidence      string    `json:"evidence"` // replay hash "sha256:..."
	// Practical is the id of the practical sign-off (signoff.Attestation.ID)
	// that completed a qualification with a practical part.
	Practical string `json:"practical,omitempty"`
	// Attestation is the evidence attempt's (SelfAttested, Verified or
	// Legacy; "" reads as Legacy).
	Attestation string `json:"attestation,omitempty"`
}

// Profile is one learner.
type Profile struct {
	Name     string    `json:"name"`
	Created  time.Time `json:"created_at"`
	Attempts []Attempt `json:"attempts"` // in the order recorded
	Awards   []Award   `json:"qualifications"`
	// PublicKey is the did:key of the profile's own signing key, recorded by
	// prodos qualify keygen; its attestations as assessor must be signed
	// with it.
	PublicKey string `json:"public_key,omitempty"`
	// Attestations are practical sign-offs of this learner; Given are the
	// ones this profile signed as assessor; Appointments name it assessor.
	Attestations []signoff.Attestation `json:"attestations,omitempty"`
	Given        []signoff.Attestation `json:"signed_off,omitempty"`
	Appointments []signoff.Appointment `json:"appointments,omitempty"`
}

// Best returns the best attempt per challenge (the first of equal scores).
func (p *Profile) Best() map[string]Attempt {
	out := map[string]Attempt{}
	for _, a := range p.Attempts {
		if b, ok := out[a.Challenge]; !ok || a.Score > b.Score {
			out[a.Challenge] = a
		}
	}
	return out
}

// BestScores is the best score per challenge.
func (p *Profile) BestScores() map[string]int {
	out := map[string]int{}
	for c, a := range p.Best() {
		out[c] = a.Score
	}
	return out
}

// Holds is the set of qualifications held.
func (p *Profile) Holds() map[string]bool {
	out := map[string]bool{}
	for _, a := range p.Awards {
		out[a.Qualification] = true
	}
	return out
}

// Award returns the award of a qualification, if held.
func (p *Profile) Award(qual string) (Award, bool) {
	for _, a := range p.Awards {
		if a.Qualification == qual {
			return a, true
		}
	}
	return Award{}, false
}

// Store keeps profiles. Every method is one transaction.
type Store interface {
	// Create adds a profile; ErrExists when the name is taken.
	Create(ctx context.Context, name string, at time.Time) (*Profile, error)
	// Get returns a profile with its attempts and awards; ErrNotFound.
	Get(ctx context.Context, name string) (*Profile, error)
	// List returns the profile names, sorted.
	List(ctx context.Context) ([]string, error)
	// Record stores an attempt and the awards it earned together. An
	// attempt whose replay hash the profile already has is recorded once,
	// and an award already held is kept as first earned. An attempt with an
	// AttemptID uses its ticket up in the same transaction: a ticket that
	// is unknown, used or another learner's is refused (training.ErrAttempt),
	// and so is a replay hash another profile holds (ErrCredited).
	Record(ctx context.Context, name string, a Attempt, awards []Award) error
	// SetKey records the did:key of a profile's signing key; ErrKeyRecorded
	// when another key is recorded already.
	SetKey(ctx context.Context, name, did string) error
	// AddAttestation stores a practical sign-off (checked by SignOff) and
	// the awards it completes together; the same attestation twice is
	// recorded once.
	AddAttestation(ctx context.Context, a signoff.Attestation, awards []Award) error
	// AddAppointment stores an assessor appointment (checked by Appoint).
	AddAppointment(ctx context.Context, p signoff.Appointment) error
	// IssueAttempt records a one-time attempt id (see StartAttempt);
	// ErrNotFound when the ticket's learner has no profile.
	IssueAttempt(ctx context.Context, t training.Ticket) error
	// Ticket returns an attempt id's ticket, or nil when it was never issued.
	Ticket(ctx context.Context, id string) (*training.Ticket, error)
	Close() error
}

// Submit records a verified attempt for a profile and awards every
// qualification it completes, with the replay's hash as evidence. The
// replay must be bound to an attempt id the store issued to this profile
// for this challenge, unused, and timed within it (training.CheckTicket);
// a demonstration is refused. The attempt and its awards are
// SelfAttested. Submitting the same replay again records nothing. It
// returns the new awards.
func Submit(ctx context.Context, st Store, q *training.Quals, name string, v *training.Verified, replay []byte, at time.Time) ([]Award, error) {
	p, err := st.Get(ctx, name)
	if err != nil {
		return nil, err
	}
	a := Attempt{Challenge: v.Level.ID, Score: v.Result.Score, Stars: v.Result.Stars, Passed: v.Result.Passed,
		ReplayHash: v.Hash, Replay: string(replay), At: at.UTC(), AttemptID: v.Attempt.ID, Attestation: SelfAttested}
	for _, old := range p.Attempts {
		if old.ReplayHash == a.ReplayHash {
			return nil, nil // already submitted
		}
	}
	var ticket *training.Ticket
	if v.Attempt.ID != "" && !v.Demo {
		if ticket, err = st.Ticket(ctx, v.Attempt.ID); err != nil {
			return nil, err
		}
	}
	if err := v.CheckTicket(ticket, name, at); err != nil {
		return nil, err
	}
	// Only passed attempts count towards qualifications (training.Quals.Award).
	results := make([]training.Scored, 0, len(p.Attempts)+1)
	for _, x := range append(append([]Attempt(nil), p.Attempts...), a) {
		results = append(results, training.Scored{Challenge: x.Challenge, Score: x.Score, Passed: x.Passed})
	}
	var awards []Award
	signed := ValidPracticals(ctx, st, q, p)
	for _, id := range q.AwardSigned(results, p.Holds(), practicalSet(signed)) {
		awards = append(awards, Award{Qualification: id, At: a.At, Evidence: a.ReplayHash, Attestation: a.Attestation, Practical: signed[id]})
	}
	if err := st.Record(ctx, name, a, awards); err != nil {
		return nil, err
	}
	return awards, nil
}

// Check returns nil when the profile holds a qualification that grants the
// permission and the permission has not lapsed under the contribution gate
// (levels/policy.toml, see checkStanding), else an error wrapping
// ErrNotPermitted that says which qualification grants it and how to earn
// it, or since when it lapsed and what renews it.
func Check(ctx context.Context, st Store, q *training.Quals, name, permission string) error {
	p, err := st.Get(ctx, name)
	if err != nil {
		return err
	}
	if len(q.Unlocking(training.UnlockPermission, permission)) == 0 {
		return fmt.Errorf("%w: no qualification grants %q", ErrNotPermitted, permission)
	}
	if reason := q.LockReason(p.Holds(), training.UnlockPermission, permission); reason != "" {
		return fmt.Errorf("%w: profile %q may not %s: it %s", ErrNotPermitted, name, permission, reason)
	}
	return checkStanding(p, q, permission, Now())
}

func sortAwards(a []Award) {
	sort.SliceStable(a, func(i, j int) bool { return a[i].At.Before(a[j].At) })
}
