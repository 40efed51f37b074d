package profiles

import (
	"context"
	"errors"
	"time"
)

// ErrListFull is returned when every index of the status list is taken.
var ErrListFull = errors.New("the revocation status list is full")

// Credential is a badge this installation issued, with its index in the
// revocation status list.
type Credential struct {
	Index         int    // statusListIndex, from 1
	ID            string // the credential's id (urn:uuid:...)
	Learner       string
	Qualification string
	IssuedAt      time.Time
	RevokedAt     time.Time // zero while valid
	Reason        string
}

// Revoked reports whether the credential is revoked.
func (c Credential) Revoked() bool { return !c.RevokedAt.IsZero() }

// CredentialStore records issued badges and revocations: the SQLite store
// keeps them next to the profiles.
type CredentialStore interface {
	// AddCredential records a badge about to be issued and gives it the next
	// free status list index (below limit); ErrListFull when none is left.
	AddCredential(ctx context.Context, c Credential, limit int) (Credential, error)
	// Revoke marks the credential with id revoked (the first revocation is
	// kept); ErrNotFound for an id never issued here.
	Revoke(ctx context.Context, id, reason string, at time.Time) (Credential, error)
	// Credentials lists every issued badge by index.
	Credentials(ctx context.Context) ([]Credential, error)
}
