package attempts_test

import (
	"context"
	"testing"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/opensourceecology/prodos/production/training/attempts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLevelName(t *testing.T) {
	for id, want := range map[string]string{"shed": "Close a one-room shed", "c01-groundwork": "Challenge 1: Groundwork", "nope": ""} {
		assert.Equal(t, want, attempts.LevelName(id), id)
	}
}

func TestVerifyDispatchesByKind(t *testing.T) {
	_, err := attempts.Verify(context.Background(), "essay", "shed", []byte("x"))
	require.Error(t, err)
	assert.Equal(t, "this server cannot verify essay replays", err.Error())

	set, _, err := attempts.Challenges()
	require.NoError(t, err)
	s := training.AutoPlay(set.Level("c01-groundwork"), 30)
	replay := training.ReplayWall(s, training.TicksTime(s.Tick()))
	v, err := attempts.Verify(context.Background(), classroom.KindChallenge, "c01-groundwork", replay)
	require.NoError(t, err)
	assert.True(t, v.Passed)
	assert.Positive(t, v.Score)
	_, err = attempts.Verify(context.Background(), classroom.KindChallenge, "c02-floor-cassette", replay)
	assert.ErrorContains(t, err, `the replay is of challenge "c01-groundwork", not "c02-floor-cassette"`)
	_, err = attempts.Verify(context.Background(), classroom.KindLevel, "shed", replay)
	assert.Error(t, err, "a challenge replay is not a design level's session log")
}

func TestAwardQualifications(t *testing.T) {
	best := func(level string, score int) map[string]map[string]int {
		return map[string]map[string]int{classroom.KindChallenge: {level: score}}
	}
	tests := []struct {
		name string
		p    classroom.Progress
		v    classroom.Verified
		want []string
	}{
		{"passed above the minimum", classroom.Progress{},
			classroom.Verified{Kind: classroom.KindChallenge, Level: "c01-groundwork", Score: 1300, Passed: true}, []string{"foundation-crew"}},
		{"below the minimum", classroom.Progress{},
			classroom.Verified{Kind: classroom.KindChallenge, Level: "c01-groundwork", Score: 1100, Passed: true}, nil},
		{"not passed", classroom.Progress{},
			classroom.Verified{Kind: classroom.KindChallenge, Level: "c01-groundwork", Score: 1300}, nil},
		{"an earlier best counts", classroom.Progress{Best: best("c01-groundwork", 1250)},
			classroom.Verified{Kind: classroom.KindChallenge, Level: "c02-floor-cassette", Score: 10, Passed: true}, []string{"foundation-crew"}},
		{"already held", classroom.Progress{Held: map[string]bool{"foundation-crew": true}},
			classroom.Verified{Kind: classroom.KindChallenge, Level: "c01-groundwork", Score: 1300, Passed: true}, nil},
		{"a design level earns no challenge qualification", classroom.Progress{},
			classroom.Verified{Kind: classroom.KindLevel, Level: "c01-groundwork", Score: 3000, Passed: true}, nil},
		{"requires a held qualification", classroom.Progress{Held: map[string]bool{"wall-framer": true}},
			classroom.Verified{Kind: classroom.KindChallenge, Level: "c04-window-module", Score: 1300, Passed: true}, []string{"opening-framer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, attempts.AwardQualifications(tt.p, tt.v))
		})
	}
}
