package profilestest

import (
	"crypto/ed25519"
	"errors"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/training/badge"
	"github.com/opensourceecology/prodos/production/training/profiles"
	"github.com/opensourceecology/prodos/production/training/signoff"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Key returns a fixed Ed25519 key from a seed byte (tests only).
func Key(seed byte) ed25519.PrivateKey {
	s := make([]byte, ed25519.SeedSize)
	s[0] = seed
	return ed25519.NewKeyFromSeed(s)
}

// gate is the qualifications, the embedded policy and issuer key 1.
func (s *suite) gate(t *testing.T) profiles.Gate {
	pol, err := levels.Policy()
	require.NoError(t, err)
	return profiles.Gate{Quals: s.q, Policy: pol, Issuer: badge.DIDKey(Key(1).Public().(ed25519.PublicKey))}
}

// signOffs checks the practical part: the challenge alone does not earn
// wall-framer; an appointed assessor's sign-off does; forged and
// out-of-limit sign-offs are refused with the reason; an assessor who holds
// the qualification leads crews only while their lead-build-crew permission
// is in good standing.
func (s *suite) signOffs(t *testing.T) {
	st := s.open(t)
	defer st.Close()
	g := s.gate(t)
	for _, n := range []string{"al", "marcin", "bob"} {
		_, err := st.Create(s.ctx, n, s.day)
		require.NoError(t, err)
	}
	v, data := s.attempt(t, st, "al", "c03-wall-module", 20)
	awards, err := profiles.Submit(s.ctx, st, s.q, "al", v, data, s.day.Add(time.Minute))
	require.NoError(t, err)
	assert.Empty(t, awards, "the challenge alone does not earn a qualification with a practical part")

	// marcin is appointed by the installation and records his key.
	require.NoError(t, st.SetKey(s.ctx, "marcin", badge.DIDKey(Key(2).Public().(ed25519.PublicKey))))
	assert.True(t, errors.Is(st.SetKey(s.ctx, "marcin", badge.DIDKey(Key(3).Public().(ed25519.PublicKey))), profiles.ErrKeyRecorded))
	require.NoError(t, st.SetKey(s.ctx, "bob", badge.DIDKey(Key(4).Public().(ed25519.PublicKey))))
	forgedAppt := signoff.Appoint(Key(9), "bob", "wall-framer", s.day)
	assert.ErrorIs(t, profiles.Appoint(s.ctx, st, g, forgedAppt), signoff.ErrSignature, "only the installation's key appoints")
	require.NoError(t, profiles.Appoint(s.ctx, st, g, signoff.Appoint(Key(1), "marcin", "wall-framer", s.day)))

	att := signoff.Attestation{Learner: "al", Assessor: "marcin", Qualification: "wall-framer", Module: "wall-ext-4x8",
		Date: "2026-11-21", Minutes: 52, Notes: "square within 1/8 in", SignedAt: s.day.Add(time.Hour)}
	sign := func(key ed25519.PrivateKey, a signoff.Attestation) signoff.Attestation {
		out, err := signoff.Sign(key, a)
		require.NoError(t, err)
		return out
	}
	refusals := []struct {
		name string
		a    signoff.Attestation
		want error
		msg  string
	}{
		{"assessor not qualified", sign(Key(4), func() signoff.Attestation { a := att; a.Assessor = "bob"; return a }()), signoff.ErrNotQualified, "bob does not hold Wall framer"},
		{"signed with a key that is not the assessor's", sign(Key(4), att), signoff.ErrSignature, "not marcin's recorded key"},
		{"edited after signing", func() signoff.Attestation { a := sign(Key(2), att); a.Minutes = 40; return a }(), signoff.ErrSignature, "the signature does not match"},
		{"time over the limit", sign(Key(2), func() signoff.Attestation { a := att; a.Minutes = 75; return a }()), profiles.ErrPractical, "measured time 75 minutes is over the 60-minute limit"},
		{"another module", sign(Key(2), func() signoff.Attestation { a := att; a.Module = "roof-4x8"; return a }()), profiles.ErrPractical, "not roof-4x8"},
		{"a build dated after the sign-off", sign(Key(2), func() signoff.Attestation { a := att; a.Date = "2026-12-25"; return a }()), signoff.ErrMalformed, "the build date 2026-12-25 is after the sign-off (2026-11-21)"},
	}
	for _, tc := range refusals {
		t.Run(tc.name, func(t *testing.T) {
			_, err := profiles.SignOff(s.ctx, st, g, tc.a)
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.want)
			assert.Contains(t, err.Error(), tc.msg)
		})
	}
	p, err := st.Get(s.ctx, "al")
	require.NoError(t, err)
	assert.Empty(t, p.Attestations, "a refused sign-off records nothing")

	good := sign(Key(2), att)
	awards, err = profiles.SignOff(s.ctx, st, g, good)
	require.NoError(t, err)
	require.Len(t, awards, 1)
	assert.Equal(t, "wall-framer", awards[0].Qualification)
	assert.Equal(t, v.Hash, awards[0].Evidence, "the challenge part's replay stays the evidence")
	assert.Equal(t, good.ID(), awards[0].Practical)
	p, err = st.Get(s.ctx, "al")
	require.NoError(t, err)
	require.Len(t, p.Attestations, 1)
	assert.NoError(t, p.Attestations[0].Verify())
	w, ok := p.Award("wall-framer")
	require.True(t, ok)
	assert.Equal(t, good.ID(), w.Practical)
	m, err := st.Get(s.ctx, "marcin")
	require.NoError(t, err)
	require.Len(t, m.Given, 1)
	got, err := profiles.Attestation(s.ctx, st, s.q, p, good.ID())
	require.NoError(t, err)
	assert.Equal(t, 52, got.Minutes)
}

// leadLevel checks the other way to be an assessor: holding the
// qualification and the lead-build-crew permission, which lapses 180 days
// after the last verified contribution.
func (s *suite) leadLevel(t *testing.T) {
	st := s.open(t)
	defer st.Close()
	g := s.gate(t)
	for _, n := range []string{"al", "cy"} {
		_, err := st.Create(s.ctx, n, s.day)
		require.NoError(t, err)
	}
	al, err := st.Get(s.ctx, "al")
	require.NoError(t, err)
	lead := &profiles.Profile{Name: "cy", Awards: []profiles.Award{
		{Qualification: "wall-framer", At: s.day}, {Qualification: "crew-lead", At: s.day}}}
	assert.NoError(t, g.CanAssess(lead, "wall-framer", s.day.AddDate(0, 0, 100)))
	err = g.CanAssess(lead, "wall-framer", s.day.AddDate(0, 0, 200))
	assert.ErrorIs(t, err, signoff.ErrNotQualified)
	assert.ErrorContains(t, err, "the lead-build-crew permission is lapsed since 2027-05-20")
	noLead := &profiles.Profile{Name: "cy", Awards: []profiles.Award{{Qualification: "wall-framer", At: s.day}}}
	assert.ErrorContains(t, g.CanAssess(noLead, "wall-framer", s.day), "not at lead level")
	st1 := g.Standing(lead, training.PermLeadBuildCrew, s.day)
	assert.Equal(t, "active, lapses on 2027-05-20", st1.String())
	assert.Equal(t, "not held", g.Standing(al, training.PermLeadBuildCrew, s.day).String())
}
