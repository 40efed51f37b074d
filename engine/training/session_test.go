package training_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPickMistakesExplainAndCostTime(t *testing.T) {
	_, set, _ := load(t)
	l := set.Level("c01-groundwork") // F1-F4 foundation, FL1 FL2 floor
	s := training.NewSession(l)
	steps := []struct {
		pick, msg string
		ok        bool
	}{
		{"FL1", "floor panel FL1 needs foundation cell F1 in place first (-5 s)", false},
		{"F1", "", true},
		{"F3", "", true},
		{"F1", "foundation cell F1 is already done", false},
		{"FL1", "", true},
		{"FL2", "floor panel FL2 needs foundation cell F2 in place first (-5 s)", false},
		{"F2", "", true},
		{"F4", "", true},
		{"FL2", "", true},
	}
	for _, st := range steps {
		s.AdvanceTo(s.Tick() + 30)
		o := s.Pick(st.pick)
		assert.Equal(t, st.ok, o.OK, st.pick)
		assert.Equal(t, st.msg, o.Msg, st.pick)
	}
	r := s.Result()
	assert.Equal(t, training.Won, r.Status)
	assert.Equal(t, 2, r.Mistakes)
	assert.Equal(t, 3600-9*30-2*300, r.TimeLeft)
	assert.Equal(t, 1000+1000*r.TimeLeft/3600-200, r.Score)
	assert.Len(t, s.Log(), 8, "the already-done pick changes nothing and is not logged")
}

func TestCrewAssignments(t *testing.T) {
	_, set, _ := load(t)
	l := set.Level("c09-crew-cabin")
	s := training.NewSession(l)
	tests := []struct{ task, member, msg string }{
		{"F1", "ben", "ben lacks the foundation skill that foundation cell F1 needs (-5 s)"},
		{"F1", "cy", ""},
		{"F2", "cy", "cy is busy with F1 for 2 more s (-5 s)"},
		{"FL1", "ana", "floor panel FL1 needs foundation cell F1 in place first (cy is still on it) (-5 s)"},
		{"F1", "ana", "foundation cell F1 is already in hand (cy)"},
		{"F2", "ana", ""},
		{"F3", "nobody", `there is no crew member "nobody"`},
	}
	for _, tc := range tests {
		o := s.Assign(tc.task, tc.member)
		assert.Equal(t, tc.msg, o.Msg, tc.task+" "+tc.member)
	}
	assert.Contains(t, s.Pick("F3").Msg, "assign it", "a crew level refuses picks")
	f1 := l.Graph().Index("F1")
	assert.Equal(t, training.Working, s.State(f1))
	s.AdvanceTo(l.Duration(f1))
	assert.Equal(t, training.Done, s.State(f1))
	assert.Equal(t, 3, s.Mistakes())
}

func TestTimeRunsOut(t *testing.T) {
	_, set, _ := load(t)
	l := set.Level("c05-roof-panel")
	s := training.NewSession(l)
	s.AdvanceTo(l.LimitTicks() - 1)
	assert.Equal(t, training.Playing, s.Status())
	s.Pick("SH1") // a mistake: the penalty ends the attempt
	assert.Equal(t, training.Lost, s.Status())
	r := s.Result()
	assert.Equal(t, 0, r.Score)
	assert.False(t, r.Passed)
}

func TestReplayRoundTripAndTamper(t *testing.T) {
	_, set, _ := load(t)
	for _, l := range set.Levels {
		t.Run(l.ID, func(t *testing.T) {
			s := training.AutoPlay(l, 25)
			data := training.Replay(s)
			v, err := training.VerifyReplay("a.replay", data, set)
			require.NoError(t, err)
			assert.Equal(t, s.Result(), v.Result, "re-simulation gives the same result")
			assert.Equal(t, training.ReplayHash(data), v.Hash)
			again := training.ReplayWall(v.Session, v.Wall)
			assert.Equal(t, string(data), string(again), "replaying the log reproduces it byte for byte")
		})
	}
	l := set.Level("c03-wall-module")
	data := string(training.Replay(training.AutoPlay(l, 90)))
	r := training.AutoPlay(l, 90).Result()
	require.Less(t, r.Stars, 3)
	faster := data
	for tick := 90; tick <= 90*l.Graph().Len(); tick += 90 {
		faster = strings.ReplaceAll(faster, "\n"+strconv.Itoa(tick)+" pick", "\n"+strconv.Itoa(tick/2)+" pick")
	}
	tampers := []struct {
		name, old, new, want string
	}{
		{"claim a better score", "score " + itoa(r.Score), "score " + itoa(r.Score+100), "re-simulation gives"},
		{"claim three stars", "stars " + itoa(r.Stars), "stars 3", "re-simulation gives"},
		{"faster picks", data, faster, "re-simulation gives"},
		{"drop a pick", "\n180 pick P2\n", "\n", "re-simulation gives"},
		{"another level", "level c03-wall-module", "level c05-roof-panel", "has changed since this attempt"},
		{"unknown task", "pick P2", "pick Z9", `there is no task "Z9"`},
	}
	for _, tc := range tampers {
		t.Run(tc.name, func(t *testing.T) {
			require.Contains(t, data, tc.old)
			bad := strings.Replace(data, tc.old, tc.new, 1)
			_, err := training.VerifyReplay("a.replay", []byte(bad), set)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			if tc.want == "re-simulation gives" {
				assert.True(t, errors.Is(err, training.ErrClaim))
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestReplayWallClock: a replay's real time must agree with its ticks. The
// browser build once ran the clock on frames: at 6 frames a second, 11 s of
// real time showed as 1 s; such a replay is refused, a frame of lag is not.
func TestReplayWallClock(t *testing.T) {
	_, set, _ := load(t)
	s := training.AutoPlay(set.Level("c01-groundwork"), 30)
	ticks := training.TicksTime(s.Tick())
	require.GreaterOrEqual(t, ticks, 3*time.Second)
	for _, c := range []struct {
		name string
		wall time.Duration
		want string // "" when it verifies
	}{
		{"the same", ticks, ""},
		{"a frame late", ticks + 50*time.Millisecond, ""},
		{"1.9 s early", ticks - 1900*time.Millisecond, ""},
		{"2.5 s late", ticks + 2500*time.Millisecond, "may differ by 2.0 s at most"},
		{"the clock ran on frames", 11 * ticks, fmt.Sprintf("the attempt took %.1f s of real time but its clock shows %.1f s", (11 * ticks).Seconds(), ticks.Seconds())},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := training.ReplayWall(s, c.wall)
			require.Contains(t, string(data), fmt.Sprintf("\nwall %d\nclaim ", c.wall.Milliseconds()))
			v, err := training.VerifyReplay("a.replay", data, set)
			if c.want == "" {
				require.NoError(t, err)
				assert.Equal(t, c.wall.Milliseconds(), v.Wall.Milliseconds())
				assert.Equal(t, string(data), string(training.ReplayWall(v.Session, v.Wall)), "byte for byte")
				return
			}
			require.Error(t, err)
			assert.True(t, errors.Is(err, training.ErrClaim), "%v", err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
	v, err := training.VerifyReplay("a.replay", training.Replay(s), set)
	require.NoError(t, err)
	assert.Equal(t, time.Duration(-1), v.Wall, "no wall line")

	good := string(training.ReplayWall(s, ticks))
	endLine := "end " + itoa(s.Tick()) + "\n"
	wallLine := fmt.Sprintf("wall %d\n", ticks.Milliseconds())
	for _, bad := range []string{
		strings.Replace(good, wallLine, "wall -5\n", 1),
		strings.Replace(good, wallLine, "wall 1.5 s\n", 1),
		strings.Replace(good, wallLine, wallLine+wallLine, 1),
		strings.Replace(strings.Replace(good, wallLine, "", 1), endLine, wallLine+endLine, 1),
	} {
		_, err := training.VerifyReplay("a.replay", []byte(bad), set)
		if assert.Error(t, err, bad) {
			assert.Regexp(t, `^a\.replay:\d+:1: want one "wall MILLISECONDS" after the end line$`, err.Error())
		}
	}
}

// BenchmarkVerifyReplay re-simulates the largest crew level's replay.
func BenchmarkVerifyReplay(b *testing.B) {
	_, set, _ := load(b)
	data := training.Replay(training.AutoPlay(set.Level("c10-crew-house"), 1))
	b.ReportMetric(float64(len(data)), "replay-bytes")
	for b.Loop() {
		if _, err := training.VerifyReplay("r", data, set); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRandomPlayReplaysExactly plays every level with random (often wrong)
// moves and checks the replay re-simulates to the same result.
func TestRandomPlayReplaysExactly(t *testing.T) {
	_, set, _ := load(t)
	rng := rand.New(rand.NewPCG(7, 11))
	for _, l := range set.Levels {
		for round := 0; round < 5; round++ {
			s := training.NewSession(l)
			g := l.Graph()
			for s.Status() == training.Playing && len(s.Log()) < 400 {
				s.AdvanceTo(s.Tick() + rng.IntN(90))
				id := g.Tasks[rng.IntN(g.Len())].ID
				if l.CrewMode() {
					s.Assign(id, l.Crew[rng.IntN(len(l.Crew))].Name)
				} else {
					s.Pick(id)
				}
				if rng.IntN(500) == 0 {
					s.Quit()
				}
			}
			data := training.Replay(s)
			v, err := training.VerifyReplay("r", data, set)
			require.NoError(t, err, "%s\n%s", l.ID, data)
			assert.Equal(t, s.Result(), v.Result, l.ID)
		}
	}
}
