package profiles

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/opensourceecology/prodos/engine/training"
)

// Attestations: who vouches for an attempt and the awards it earned.
const (
	// SelfAttested is an attempt recorded offline by the local profile
	// store: the replay re-simulates and is bound to an attempt id the store
	// issued, but nobody else watched the clock.
	SelfAttested = "self-attested"
	// Verified is an attempt a classroom server verified: it issued the
	// attempt id, timed the attempt on its own clock and re-simulated it.
	Verified = "verified"
	// Legacy is an attempt recorded before attempts were bound to attempt
	// ids (profiles made by earlier versions); it counts as self-attested.
	Legacy = "legacy"
)

// AttestationLabel is how an attestation is shown: "self-attested",
// "verified", or "self-attested (legacy)" for legacy (and unset) records.
func AttestationLabel(a string) string {
	switch a {
	case SelfAttested, Verified:
		return a
	}
	return "self-attested (legacy)"
}

// Refusals of Submit besides training.CheckTicket's.
var (
	// ErrCredited marks a replay already credited to another learner.
	ErrCredited = errors.New("replay already credited to another learner")
)

// NewAttemptID makes a one-time attempt id: 80 random bits, 16 letters
// and digits.
func NewAttemptID() (string, error) {
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("attempt id: %w", err)
	}
	return base32.StdEncoding.EncodeToString(b), nil
}

// StartAttempt issues a one-time attempt id to the learner name for a
// challenge, at the time the attempt starts. The replay of the attempt
// must carry it (training.ReplayAttempt) to earn anything.
func StartAttempt(ctx context.Context, st Store, set *training.Set, name, challenge string, at time.Time) (training.Ticket, error) {
	if err := CheckChallenge(set, challenge); err != nil {
		return training.Ticket{}, err
	}
	id, err := NewAttemptID()
	if err != nil {
		return training.Ticket{}, err
	}
	t := training.Ticket{ID: id, Learner: name, Challenge: challenge, Issued: at.UTC()}
	if err := st.IssueAttempt(ctx, t); err != nil {
		return training.Ticket{}, err
	}
	return t, nil
}

// CheckChallenge says that a challenge id is unknown, listing the known ones.
func CheckChallenge(set *training.Set, challenge string) error {
	if set.Level(challenge) != nil {
		return nil
	}
	var ids []string
	for _, l := range set.Levels {
		ids = append(ids, l.ID)
	}
	return fmt.Errorf("no challenge %q (challenges: %s)", challenge, strings.Join(ids, ", "))
}
