package game

import (
	"strings"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestChallengeClockRunsOnRealTime: on a slow machine (the browser build at
// 6 frames a second) the challenge clock still follows real time: 11 s of
// real time in 66 frames take 11 s off the clock, and the replay keeps the
// ticks and says how long the attempt really took, which verifies.
func TestChallengeClockRunsOnRealTime(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	g.Now = func() time.Time { return now }
	frame := func() { // one frame at 6 frames a second
		now = now.Add(time.Second / 6)
		d.step(Frame{})
	}
	require.NoError(t, g.CreateProfile("rita"))
	s, err := g.OpenChallenge("c01-groundwork", false)
	require.NoError(t, err)
	for i := 0; i < 30; i++ {
		frame()
	}
	assert.Equal(t, 0, s.Session().Tick(), "the clock waits for the start")
	d.intent(IntentConfirm)
	for i := 0; i < 66; i++ {
		frame()
	}
	assert.Equal(t, 11*training.TicksPerSecond, s.Session().Tick(), "ticks follow real time, not frames")
	assert.InDelta(t, s.level.LimitTicks()-s.Session().Tick(), s.Session().Remaining(), 0)

	gr := s.level.Graph()
	for _, i := range gr.Order() {
		d.pick(gr.Tasks[i].ID)
	}
	require.True(t, s.Ended())
	set, _ := g.Training()
	v, err := training.VerifyReplay("attempt", s.replay, set)
	require.NoError(t, err)
	assert.InDelta(t, training.TicksTime(s.result.Tick).Seconds(), v.Wall.Seconds(), 0.2, "the replay's real time agrees with its ticks")
	assert.Contains(t, string(s.replay), "\nwall ")
	assert.True(t, strings.HasPrefix(string(s.replay), training.ReplayHeader))
}
