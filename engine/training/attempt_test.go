package training_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReplayAttemptLines: an attempt's replay carries its attempt id,
// learner and wall-clock start and end; they read back as written, and the
// hash changes when one is removed or edited.
func TestReplayAttemptLines(t *testing.T) {
	_, set, _ := load(t)
	s := training.AutoPlay(set.Level("c01-groundwork"), 30)
	start := time.Date(2026, 12, 1, 20, 0, 0, 0, time.UTC)
	a := training.Attempt{ID: "K7PM3QXD", Learner: "Ana María", Started: start, Ended: start.Add(training.TicksTime(s.Tick()))}
	data := training.ReplayAttempt(s, a)
	assert.Contains(t, string(data), "\nattempt K7PM3QXD\nlearner Ana María\nstarted 2026-12-01T20:00:00.000Z\nended ")
	v, err := training.VerifyReplay("a.replay", data, set)
	require.NoError(t, err)
	assert.Equal(t, a.ID, v.Attempt.ID)
	assert.Equal(t, a.Learner, v.Attempt.Learner)
	assert.True(t, a.Started.Equal(v.Attempt.Started) && a.Ended.Equal(v.Attempt.Ended), "got %v", v.Attempt)
	assert.False(t, v.Demo)

	stripped := strings.Replace(string(data), "attempt K7PM3QXD\n", "", 1)
	_, err = training.VerifyReplay("a.replay", []byte(stripped), set)
	assert.ErrorContains(t, err, "want all four of the attempt, learner, started and ended lines")
	for _, bad := range []struct{ from, to, want string }{
		{"learner Ana María\n", "learner Ana María\nlearner Bo\n", "want one learner line"},
		{"attempt K7PM3QXD", "attempt K7 PM", "want \"attempt ID\""},
		{"started 2026-12-01T20:00:00.000Z", "started yesterday", "RFC 3339 time"},
	} {
		_, err := training.VerifyReplay("a.replay", []byte(strings.Replace(string(data), bad.from, bad.to, 1)), set)
		assert.ErrorContains(t, err, bad.want)
	}
}

// TestReplayDemoIsMarked: `prodos replay demo` writes a marked replay; the
// mark is in the hashed bytes, and a marked replay is refused by CheckTicket.
func TestReplayDemoIsMarked(t *testing.T) {
	_, set, _ := load(t)
	s := training.AutoPlay(set.Level("c01-groundwork"), 30)
	data := training.ReplayDemo(s)
	v, err := training.VerifyReplay("demo.replay", data, set)
	require.NoError(t, err)
	assert.True(t, v.Demo)
	assert.NotEqual(t, v.Hash, training.ReplayHash([]byte(strings.Replace(string(data), "demo\n", "", 1))))
	err = v.CheckTicket(&training.Ticket{ID: "x"}, "al", time.Now())
	assert.True(t, errors.Is(err, training.ErrDemo), "%v", err)
	assert.ErrorContains(t, err, "marked as a demonstration")
}

// TestCheckTicket: each forgery is refused with its reason; the honest
// attempt passes.
func TestCheckTicket(t *testing.T) {
	_, set, _ := load(t)
	s := training.AutoPlay(set.Level("c01-groundwork"), 30)
	took := training.TicksTime(s.Tick())
	issued := time.Date(2026, 12, 1, 20, 0, 0, 0, time.UTC)
	play := func(id, learner string, started time.Time, took time.Duration) *training.Verified {
		v, err := training.VerifyReplay("a", training.ReplayAttempt(s, training.Attempt{ID: id, Learner: learner, Started: started, Ended: started.Add(took)}), set)
		require.NoError(t, err)
		return v
	}
	ticket := &training.Ticket{ID: "A1", Learner: "al", Challenge: "c01-groundwork", Issued: issued}
	submitted := issued.Add(took + time.Second)
	honest := play("A1", "al", issued.Add(time.Second), took)
	require.NoError(t, honest.CheckTicket(ticket, "al", submitted))

	noID, err := training.VerifyReplay("a", training.ReplayWall(s, took), set)
	require.NoError(t, err)
	used := *ticket
	used.Used = true
	bos := *ticket
	bos.Learner = "bo"
	other := *ticket
	other.Challenge = "c02-floor-cassette"
	for _, c := range []struct {
		name   string
		v      *training.Verified
		ticket *training.Ticket
		kind   error
		want   string
	}{
		{"no attempt id", noID, ticket, training.ErrAttempt, "the replay has no attempt id"},
		{"unknown attempt id", honest, nil, training.ErrAttempt, `unknown attempt id "A1"`},
		{"reused attempt id", honest, &used, training.ErrAttempt, `attempt id "A1" was already used`},
		{"another learner's attempt id", honest, &bos, training.ErrAttempt, "was issued to another learner, not al"},
		{"another learner's replay", play("A1", "bo", issued.Add(time.Second), took), ticket, training.ErrAttempt, "the replay is bo's attempt, not al's"},
		{"another challenge", honest, &other, training.ErrAttempt, "issued for challenge c02-floor-cassette, not c01-groundwork"},
		{"started before the id was issued", play("A1", "al", issued.Add(-time.Hour), took), ticket, training.ErrClock, "before its attempt id was issued"},
		{"ended after it was submitted", play("A1", "al", issued.Add(time.Hour), took), ticket, training.ErrClock, "after it was submitted"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.v.CheckTicket(c.ticket, "al", submitted)
			assert.True(t, errors.Is(err, c.kind), "%v", err)
			assert.ErrorContains(t, err, c.want)
		})
	}
}

// TestReplayAttemptTicksDisagree: wall-clock start and end that disagree
// with the ticks are refused by VerifyReplay itself.
func TestReplayAttemptTicksDisagree(t *testing.T) {
	_, set, _ := load(t)
	s := training.AutoPlay(set.Level("c01-groundwork"), 30)
	start := time.Date(2026, 12, 1, 20, 0, 0, 0, time.UTC)
	data := training.ReplayAttempt(s, training.Attempt{ID: "A1", Learner: "al", Started: start, Ended: start.Add(training.TicksTime(s.Tick()) / 10)})
	// The wall line alone would catch it; the started/ended check must too.
	data = []byte(strings.Replace(string(data), "\nwall ", "\n# wall ", 1))
	_, err := training.VerifyReplay("a.replay", data, set)
	require.Error(t, err)
	assert.True(t, errors.Is(err, training.ErrClock) && errors.Is(err, training.ErrClaim), "%v", err)
	assert.ErrorContains(t, err, "but its clock shows")
	assert.ErrorContains(t, err, "started at 2026-12-01T20:00:00.000Z")
}
