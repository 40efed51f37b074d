// Package signoff is the practical part of a qualification: an assessor's
// attestation that a learner built a module in a measured time, signed with
// the assessor's own Ed25519 key, and the installation's appointment of an
// assessor, signed with its issuer key. Signatures cover a fixed, versioned
// JSON payload, so a record edited after signing (in the database or in
// transit) fails Verify. The rules of who may sign are in rules.go.
package signoff

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/opensourceecology/prodos/production/training/badge"
)

// Errors (wrapped) for refused sign-offs.
var (
	ErrSignature    = errors.New("bad signature")
	ErrNotQualified = errors.New("assessor not qualified")
	ErrMalformed    = errors.New("malformed attestation")
)

// MaxNotes is the longest note an attestation carries, in bytes.
const MaxNotes = 1000

// DateFormat is the attestation's build date: YYYY-MM-DD.
const DateFormat = "2006-01-02"

// Attestation says that Assessor saw Learner build Module on Date in
// Minutes, for Qualification's practical part.
type Attestation struct {
	Learner       string    `json:"learner"`
	Assessor      string    `json:"assessor"`
	Qualification string    `json:"qualification"`
	Module        string    `json:"module"`
	Date          string    `json:"date"`
	Minutes       int       `json:"minutes"`
	Notes         string    `json:"notes,omitempty"`
	PhotoHash     string    `json:"photo_hash,omitempty"` // "sha256:<64 hex>" of a photo of the build
	AssessorKey   string    `json:"assessor_key"`         // did:key of the signing key
	SignedAt      time.Time `json:"signed_at"`
	Signature     string    `json:"signature,omitempty"` // base64url Ed25519 over Payload
}

// Payload is the byte string the signature covers: a version line, then
// the attestation without its signature as JSON (fields in a fixed order,
// the time in UTC, second precision).
func (a Attestation) Payload() []byte {
	a.Signature = ""
	a.SignedAt = a.SignedAt.UTC().Truncate(time.Second)
	b, _ := json.Marshal(a) // plain strings and ints: cannot fail
	return append([]byte("prodos practical attestation v1\n"), b...)
}

// ID is the attestation's identifier: "sha256:<hex>" of its payload. A
// badge's evidence cites it.
func (a Attestation) ID() string {
	sum := sha256.Sum256(a.Payload())
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Check is nil when the fields are well formed (not the signature).
func (a Attestation) Check() error {
	bad := func(f string, v ...any) error { return fmt.Errorf("%w: %s", ErrMalformed, fmt.Sprintf(f, v...)) }
	switch {
	case a.Learner == "" || a.Assessor == "":
		return bad("learner and assessor must both be named")
	case a.Learner == a.Assessor:
		return bad("%s cannot sign off their own practical", a.Assessor)
	case a.Qualification == "" || a.Module == "":
		return bad("qualification and module must both be named")
	case a.Minutes <= 0:
		return bad("measured time %d minutes: give the minutes the build took", a.Minutes)
	case len(a.Notes) > MaxNotes || !utf8.ValidString(a.Notes):
		return bad("notes must be UTF-8 text of at most %d bytes", MaxNotes)
	}
	if _, err := time.Parse(DateFormat, a.Date); err != nil {
		return bad("date %q is not YYYY-MM-DD", a.Date)
	}
	if a.PhotoHash != "" && !IsHash(a.PhotoHash) {
		return bad("photo hash %q is not sha256: and 64 lower-case hex digits (sha256sum of the photo)", a.PhotoHash)
	}
	return nil
}

// IsHash reports whether s is "sha256:" and 64 lower-case hex digits.
func IsHash(s string) bool {
	h, ok := strings.CutPrefix(s, "sha256:")
	return ok && len(h) == 64 && strings.Trim(h, "0123456789abcdef") == ""
}

// Sign returns a signed with key: AssessorKey is set to key's did:key.
func Sign(key ed25519.PrivateKey, a Attestation) (Attestation, error) {
	if err := a.Check(); err != nil {
		return Attestation{}, err
	}
	a.SignedAt = a.SignedAt.UTC().Truncate(time.Second)
	a.AssessorKey = badge.DIDKey(key.Public().(ed25519.PublicKey))
	a.Signature = base64.RawURLEncoding.EncodeToString(ed25519.Sign(key, a.Payload()))
	return a, nil
}

// Verify is nil when the fields are well formed and the signature is
// AssessorKey's over the payload; else an error wrapping ErrSignature or
// ErrMalformed.
func (a Attestation) Verify() error {
	if err := a.Check(); err != nil {
		return err
	}
	return verify(a.AssessorKey, a.Signature, a.Payload(), "attestation of "+a.Learner+" by "+a.Assessor)
}

func verify(did, signature string, payload []byte, what string) error {
	pub, err := badge.PublicKey(did)
	if err != nil {
		return fmt.Errorf("%w: %s: signing key %q is not an Ed25519 did:key", ErrSignature, what, did)
	}
	sig, err := base64.RawURLEncoding.DecodeString(signature)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return fmt.Errorf("%w: %s: the signature is not a base64url Ed25519 signature", ErrSignature, what)
	}
	if !ed25519.Verify(pub, payload, sig) {
		return fmt.Errorf("%w: %s: the signature does not match (changed after signing, or signed with another key)", ErrSignature, what)
	}
	return nil
}

// Appointment makes Assessor an assessor for Qualification, signed by the
// installation's issuer key (the key that signs its badges): the way the
// first assessors are named, before anyone holds a qualification at lead
// level.
type Appointment struct {
	Assessor      string    `json:"assessor"`
	Qualification string    `json:"qualification"`
	IssuerKey     string    `json:"issuer_key"` // did:key of the installation
	SignedAt      time.Time `json:"signed_at"`
	Signature     string    `json:"signature,omitempty"`
}

// Payload is the byte string an appointment's signature covers.
func (p Appointment) Payload() []byte {
	p.Signature = ""
	p.SignedAt = p.SignedAt.UTC().Truncate(time.Second)
	b, _ := json.Marshal(p)
	return append([]byte("prodos assessor appointment v1\n"), b...)
}

// Appoint signs an appointment with the installation's issuer key.
func Appoint(issuer ed25519.PrivateKey, assessor, qual string, at time.Time) Appointment {
	p := Appointment{Assessor: assessor, Qualification: qual, SignedAt: at.UTC().Truncate(time.Second),
		IssuerKey: badge.DIDKey(issuer.Public().(ed25519.PublicKey))}
	p.Signature = base64.RawURLEncoding.EncodeToString(ed25519.Sign(issuer, p.Payload()))
	return p
}

// Verify is nil when the appointment is signed by the issuer did:key.
func (p Appointment) Verify(issuer string) error {
	what := "appointment of " + p.Assessor + " for " + p.Qualification
	if p.IssuerKey != issuer {
		return fmt.Errorf("%w: %s: signed by %s, not by this installation's issuer key %s", ErrSignature, what, p.IssuerKey, issuer)
	}
	return verify(p.IssuerKey, p.Signature, p.Payload(), what)
}
