package profiles

import (
	"errors"
	"fmt"

	"github.com/opensourceecology/prodos/engine/training"
)

// ErrEvidence marks evidence that does not name a verified, passed attempt.
var ErrEvidence = errors.New("evidence is not a verified attempt")

// VerifiedAttempt returns p's attempt whose replay hash is hash after
// re-simulating the replay stored with it: the stored text must hash to
// hash, verify against today's levels, be of the attempt's challenge and
// have passed. A row written into the database by hand (a forged award or
// attempt) fails here, because its replay does not re-simulate.
func VerifiedAttempt(p *Profile, set *training.Set, hash string) (*Attempt, error) {
	for i := range p.Attempts {
		a := &p.Attempts[i]
		if a.ReplayHash != hash {
			continue
		}
		if got := training.ReplayHash([]byte(a.Replay)); got != hash {
			return nil, fmt.Errorf("%w: %s: the stored replay hashes to %s", ErrEvidence, hash, got)
		}
		v, err := training.VerifyReplay("evidence", []byte(a.Replay), set)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrEvidence, hash, err)
		}
		if v.Level.ID != a.Challenge || !v.Result.Passed {
			return nil, fmt.Errorf("%w: %s: the replay of %s did not pass", ErrEvidence, hash, v.Level.ID)
		}
		return a, nil
	}
	return nil, fmt.Errorf("%w: profile %q has no attempt %s", ErrEvidence, p.Name, hash)
}
