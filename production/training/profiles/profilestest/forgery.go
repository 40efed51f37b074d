package profilestest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/training/profiles"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// forgeries submits each way round the attempt binding and checks that it
// is refused with its reason and records nothing.
func (s *suite) forgeries(t *testing.T) {
	st := s.open(t)
	defer st.Close()
	for _, n := range []string{"al", "bo"} {
		_, err := st.Create(s.ctx, n, s.day)
		require.NoError(t, err)
	}
	later := s.day.Add(time.Hour)
	demo := training.ReplayDemo(training.AutoPlay(s.set.Level("c01-groundwork"), 20))
	bosV, bosData := s.attempt(t, st, "bo", "c01-groundwork", 20)

	// A replay whose wall-clock times disagree with its ticks never verifies.
	tk, err := profiles.StartAttempt(s.ctx, st, s.set, "al", "c01-groundwork", s.day)
	require.NoError(t, err)
	se := training.AutoPlay(s.set.Level("c01-groundwork"), 20)
	fast := training.ReplayAttempt(se, training.Attempt{ID: tk.ID, Learner: "al", Started: s.day, Ended: s.day.Add(5 * training.TicksTime(se.Tick()))})
	_, err = training.VerifyReplay("r", fast, s.set)
	assert.True(t, errors.Is(err, training.ErrClock), "ticks disagree with wall-clock times: %v", err)

	// A replay played before its attempt id was issued.
	early := training.ReplayAttempt(se, training.Attempt{ID: tk.ID, Learner: "al", Started: s.day.Add(-time.Hour), Ended: s.day.Add(-time.Hour + training.TicksTime(se.Tick()))})
	earlyV, err := training.VerifyReplay("r", early, s.set)
	require.NoError(t, err)

	alV, alData := s.attempt(t, st, "al", "c01-groundwork", 20)
	_, err = profiles.Submit(s.ctx, st, s.q, "al", alV, alData, later)
	require.NoError(t, err)
	// The same attempt id in a second (edited) replay: the id is used.
	reuse := []byte(strings.Replace(string(alData), "\nend ", "\n# again\nend ", 1))
	reuse = append([]byte("# a second replay of the same attempt id\n"), reuse...)
	reuseV, err := training.VerifyReplay("r", reuse, s.set)
	require.NoError(t, err)
	require.NotEqual(t, alV.Hash, reuseV.Hash)

	demoV, err := training.VerifyReplay("r", demo, s.set)
	require.NoError(t, err)
	for _, c := range []struct {
		name string
		v    *training.Verified
		data []byte
		kind error
		want string
	}{
		{"a demo replay", demoV, demo, training.ErrDemo, "marked as a demonstration"},
		{"another learner's replay", bosV, bosData, training.ErrAttempt, "issued to another learner, not al"},
		{"a reused attempt id", reuseV, reuse, training.ErrAttempt, "was already used"},
		{"started before its attempt id was issued", earlyV, early, training.ErrClock, "before its attempt id was issued"},
	} {
		t.Run(c.name, func(t *testing.T) {
			awards, err := profiles.Submit(s.ctx, st, s.q, "al", c.v, c.data, later)
			require.Error(t, err)
			assert.True(t, errors.Is(err, c.kind), "%v", err)
			assert.Contains(t, err.Error(), c.want)
			assert.Empty(t, awards)
		})
	}
	p, err := st.Get(s.ctx, "al")
	require.NoError(t, err)
	assert.Len(t, p.Attempts, 1, "only the honest attempt is recorded")

	// bo's own replay, recorded for al by hand, is refused by the store too.
	err = st.Record(s.ctx, "al", profiles.Attempt{Challenge: "c01-groundwork", ReplayHash: bosV.Hash, Replay: string(bosData), At: later}, nil)
	require.NoError(t, err, "not yet credited to bo")
	_, err = profiles.Submit(s.ctx, st, s.q, "bo", bosV, bosData, later)
	assert.True(t, errors.Is(err, profiles.ErrCredited), "a replay already credited to another learner: %v", err)
}

// selfAttested checks that offline attempts and their awards say so.
func (s *suite) selfAttested(t *testing.T) {
	st := s.open(t)
	defer st.Close()
	_, err := st.Create(s.ctx, "al", s.day)
	require.NoError(t, err)
	v, data := s.attempt(t, st, "al", "c01-groundwork", 20)
	_, err = profiles.Submit(s.ctx, st, s.q, "al", v, data, s.day.Add(time.Hour))
	require.NoError(t, err)
	p, err := st.Get(s.ctx, "al")
	require.NoError(t, err)
	require.Len(t, p.Attempts, 1)
	assert.Equal(t, profiles.SelfAttested, p.Attempts[0].Attestation)
	assert.Equal(t, v.Attempt.ID, p.Attempts[0].AttemptID)
	w, ok := p.Award("foundation-crew")
	require.True(t, ok)
	assert.Equal(t, profiles.SelfAttested, w.Attestation)
	tk, err := st.Ticket(s.ctx, v.Attempt.ID)
	require.NoError(t, err)
	require.NotNil(t, tk)
	assert.True(t, tk.Used)
	tk, err = st.Ticket(s.ctx, "NEVERISSUED")
	require.NoError(t, err)
	assert.Nil(t, tk)
}
