// Package profilestest is the conformance test every profiles.Store
// implementation runs (MemStore, SQLite, the browser's).
package profilestest

import (
	"context"
	"crypto/ed25519"
	"errors"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/training/badge"
	"github.com/opensourceecology/prodos/production/training/profiles"
	"github.com/opensourceecology/prodos/production/training/signoff"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Run runs the suite; open returns a new, empty store.
func Run(t *testing.T, open func(t *testing.T) profiles.Store) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	set, err := levels.Challenges(cat)
	require.NoError(t, err)
	q, err := levels.Qualifications(set)
	require.NoError(t, err)
	s := &suite{open: open, set: set, q: q, ctx: context.Background(), day: time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)}
	t.Run("create, list, get", s.createListGet)
	t.Run("submit awards qualifications with evidence, once", s.submitAwards)
	t.Run("permissions follow qualifications", s.permissions)
	t.Run("a failed attempt is recorded but earns nothing", s.failedAttempt)
	t.Run("practical sign-offs: refused forgeries, then the honest path", s.signOffs)
	t.Run("lead level follows the contribution gate", s.leadLevel)
	t.Run("forged attempts are refused with the reason", s.forgeries)
	t.Run("awards are self-attested", s.selfAttested)
}

// suite is what every sub-test shares: the store opener, the challenges
// and qualifications, and the day profiles are made.
type suite struct {
	open func(t *testing.T) profiles.Store
	set  *training.Set
	q    *training.Quals
	ctx  context.Context
	day  time.Time
}

// attempt starts an attempt at level for learner (an attempt id from the
// store, issued at s.day), plays it with the given thinking time, starting
// a second after the id was issued, and verifies the replay. Submit it at
// s.day plus an hour or later.
func (s *suite) attempt(t *testing.T, st profiles.Store, learner, level string, think int) (*training.Verified, []byte) {
	t.Helper()
	return s.play(t, st, learner, level, training.AutoPlay(s.set.Level(level), think))
}

// play binds an ended session to a new attempt id of learner.
func (s *suite) play(t *testing.T, st profiles.Store, learner, level string, se *training.Session) (*training.Verified, []byte) {
	t.Helper()
	tk, err := profiles.StartAttempt(s.ctx, st, s.set, learner, level, s.day)
	require.NoError(t, err)
	start := s.day.Add(time.Second)
	data := training.ReplayAttempt(se, training.Attempt{ID: tk.ID, Learner: learner, Started: start, Ended: start.Add(training.TicksTime(se.Tick()))})
	v, err := training.VerifyReplay("r", data, s.set)
	require.NoError(t, err)
	return v, data
}

// createListGet creates, lists and gets profiles; names are unique and well formed.
func (s *suite) createListGet(t *testing.T) {
	st := s.open(t)
	defer st.Close()
	for _, n := range []string{"bo", "al"} {
		_, err := st.Create(s.ctx, n, s.day)
		require.NoError(t, err)
	}
	_, err := st.Create(s.ctx, "al", s.day)
	assert.True(t, errors.Is(err, profiles.ErrExists), "got %v", err)
	_, err = st.Create(s.ctx, "no spaces", s.day)
	assert.Error(t, err)
	names, err := st.List(s.ctx)
	require.NoError(t, err)
	assert.Equal(t, []string{"al", "bo"}, names)
	_, err = st.Get(s.ctx, "cy")
	assert.True(t, errors.Is(err, profiles.ErrNotFound), "got %v", err)
	p, err := st.Get(s.ctx, "al")
	require.NoError(t, err)
	assert.True(t, p.Created.Equal(s.day))
}

// submitAwards checks that a passing replay awards its qualification with the replay as evidence, once.
func (s *suite) submitAwards(t *testing.T) {
	st := s.open(t)
	defer st.Close()
	_, err := st.Create(s.ctx, "al", s.day)
	require.NoError(t, err)
	v, data := s.attempt(t, st, "al", "c01-groundwork", 20)
	awards, err := profiles.Submit(s.ctx, st, s.q, "al", v, data, s.day.Add(time.Hour))
	require.NoError(t, err)
	require.Len(t, awards, 1)
	assert.Equal(t, "foundation-crew", awards[0].Qualification)
	assert.Equal(t, v.Hash, awards[0].Evidence)
	again, err := profiles.Submit(s.ctx, st, s.q, "al", v, data, s.day.Add(2*time.Hour))
	require.NoError(t, err)
	assert.Empty(t, again, "the same replay counts once")
	p, err := st.Get(s.ctx, "al")
	require.NoError(t, err)
	require.Len(t, p.Attempts, 1)
	assert.Equal(t, string(data), p.Attempts[0].Replay)
	w, ok := p.Award("foundation-crew")
	require.True(t, ok)
	assert.True(t, w.At.Equal(s.day.Add(time.Hour)))
	assert.Equal(t, v.Hash, w.Evidence)
	assert.Equal(t, v.Result.Score, p.BestScores()["c01-groundwork"])
}

// permissions checks that a permission needs the qualifications that grant it.
func (s *suite) permissions(t *testing.T) {
	st := s.open(t)
	defer st.Close()
	_, err := st.Create(s.ctx, "al", s.day)
	require.NoError(t, err)
	err = profiles.Check(s.ctx, st, s.q, "al", training.PermExportBuildPackage)
	require.Error(t, err)
	assert.True(t, errors.Is(err, profiles.ErrNotPermitted))
	assert.Contains(t, err.Error(), "Designer")
	_, err = st.Create(s.ctx, "marcin", s.day)
	require.NoError(t, err)
	g := s.gate(t)
	require.NoError(t, st.SetKey(s.ctx, "marcin", badge.DIDKey(Key(2).Public().(ed25519.PublicKey))))
	require.NoError(t, profiles.Appoint(s.ctx, st, g, signoff.Appoint(Key(1), "marcin", "wall-framer", s.day)))
	for _, l := range []string{"c01-groundwork", "c03-wall-module", "c04-window-module", "c06-raise-the-walls", "c07-roof-on"} {
		v, data := s.attempt(t, st, "al", l, 20)
		_, err := profiles.Submit(s.ctx, st, s.q, "al", v, data, s.day.Add(time.Hour))
		require.NoError(t, err)
	}
	err = profiles.Check(s.ctx, st, s.q, "al", training.PermExportBuildPackage)
	assert.ErrorContains(t, err, "hold Wall framer", "wall-framer waits for its practical sign-off")
	a, err := signoff.Sign(Key(2), signoff.Attestation{Learner: "al", Assessor: "marcin", Qualification: "wall-framer",
		Module: "wall-ext-4x8", Date: "2026-11-21", Minutes: 48, SignedAt: s.day.Add(time.Hour)})
	require.NoError(t, err)
	awards, err := profiles.SignOff(s.ctx, st, g, a)
	require.NoError(t, err)
	var got []string
	for _, w := range awards {
		got = append(got, w.Qualification)
	}
	assert.Equal(t, []string{"wall-framer", "opening-framer", "designer", "inspector"}, got, "the sign-off completes the chain")
	assert.NoError(t, profiles.Check(s.ctx, st, s.q, "al", training.PermExportBuildPackage))
	p, err := st.Get(s.ctx, "al")
	require.NoError(t, err)
	assert.True(t, p.Holds()["designer"])
}

// failedAttempt checks that a failed attempt is kept but awards nothing.
func (s *suite) failedAttempt(t *testing.T) {
	st := s.open(t)
	defer st.Close()
	_, err := st.Create(s.ctx, "al", s.day)
	require.NoError(t, err)
	se := training.NewSession(s.set.Level("c01-groundwork"))
	se.Pick("F1")
	se.Quit()
	v, data := s.play(t, st, "al", "c01-groundwork", se)
	awards, err := profiles.Submit(s.ctx, st, s.q, "al", v, data, s.day.Add(time.Hour))
	require.NoError(t, err)
	assert.Empty(t, awards)
	p, err := st.Get(s.ctx, "al")
	require.NoError(t, err)
	assert.Len(t, p.Attempts, 1)
	assert.Empty(t, p.Awards)
}
