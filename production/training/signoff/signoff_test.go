package signoff

import (
	"crypto/ed25519"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func key(seed byte) ed25519.PrivateKey {
	s := make([]byte, ed25519.SeedSize)
	s[0] = seed
	return ed25519.NewKeyFromSeed(s)
}

func TestAttestationSignAndCheck(t *testing.T) {
	base := Attestation{Learner: "al", Assessor: "marcin", Qualification: "wall-framer", Module: "wall-ext-4x8",
		Date: "2026-11-21", Minutes: 52, SignedAt: time.Date(2026, 11, 21, 10, 0, 0, 5, time.UTC)}
	a, err := Sign(key(2), base)
	require.NoError(t, err)
	assert.NoError(t, a.Verify())
	assert.Len(t, a.ID(), len("sha256:")+64)
	tests := []struct {
		name string
		edit func(*Attestation)
		want string
	}{
		{"minutes changed", func(a *Attestation) { a.Minutes = 30 }, "the signature does not match"},
		{"learner changed", func(a *Attestation) { a.Learner = "eve" }, "the signature does not match"},
		{"key swapped", func(a *Attestation) { b, _ := Sign(key(3), base); a.AssessorKey = b.AssessorKey }, "the signature does not match"},
		{"signature garbage", func(a *Attestation) { a.Signature = "!!" }, "not a base64url Ed25519 signature"},
		{"own practical", func(a *Attestation) { a.Assessor = "al" }, "al cannot sign off their own practical"},
		{"bad date", func(a *Attestation) { a.Date = "21/11/2026" }, `date "21/11/2026" is not YYYY-MM-DD`},
		{"bad photo hash", func(a *Attestation) { a.PhotoHash = "abc" }, `photo hash "abc" is not sha256:`},
		{"no time", func(a *Attestation) { a.Minutes = 0 }, "measured time 0 minutes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := a
			tc.edit(&b)
			assert.ErrorContains(t, b.Verify(), tc.want)
		})
	}
}

func TestAppointment(t *testing.T) {
	p := Appoint(key(1), "marcin", "wall-framer", time.Now())
	issuer := Appoint(key(1), "x", "y", time.Now()).IssuerKey
	assert.NoError(t, p.Verify(issuer))
	q := p
	q.Assessor = "bob"
	assert.ErrorIs(t, q.Verify(issuer), ErrSignature)
	other := Appoint(key(5), "marcin", "wall-framer", time.Now())
	assert.ErrorContains(t, other.Verify(issuer), "not by this installation's issuer key")
}

func TestKeys(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	p, err := KeyPath("marcin")
	require.NoError(t, err)
	assert.Equal(t, "marcin-ed25519.pem", filepath.Base(p))
	_, err = LoadKey(p, "marcin")
	assert.ErrorContains(t, err, "run prodos qualify keygen marcin")
	k, err := CreateKey(p)
	require.NoError(t, err)
	k2, err := LoadKey(p, "marcin")
	require.NoError(t, err)
	assert.Equal(t, k, k2)
	_, err = KeyPath("../etc")
	assert.Error(t, err)
}
