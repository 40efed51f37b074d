package game

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeClock is a real-time clock the test moves by hand.
type fakeClock struct{ now time.Time }

func (c *fakeClock) Now() time.Time           { return c.now }
func (c *fakeClock) advance(dt time.Duration) { c.now = c.now.Add(dt) }

func withFakeClock(g *Game) *fakeClock {
	c := &fakeClock{now: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	g.Now = c.Now
	g.epoch = c.now
	return c
}

// TestUIDelaysRunOnRealTime: in the browser at a few frames a second, the
// player-facing delays follow real time, not the frame count: the
// see-the-house pause opens the results after 2 s however few frames pass
// (and not before, however many), the results' stars finish growing in
// 1 s, a toast goes after 5 s, and the autosave writes a moment after the
// last change.
func TestUIDelaysRunOnRealTime(t *testing.T) {
	t.Run("see the house, then results", func(t *testing.T) {
		g, _ := newTestGame(t)
		d := driver{t, g}
		c := withFakeClock(g)
		s := completeShed(t, d)
		for i := 0; i < 200; i++ { // many frames, no time: the house stays on show
			d.step(Frame{X: 700, Y: 400})
		}
		require.True(t, g.Scene() == Scene(s), "the pause is time, not frames: scene %T", g.Scene())
		c.advance(2100 * time.Millisecond)
		for i := 0; i < 3; i++ {
			d.step(Frame{X: 700, Y: 400})
		}
		res, ok := g.Scene().(*ResultsScene)
		require.True(t, ok, "2 s and 3 frames open the results, scene %T", g.Scene())
		d.step(Frame{X: 700, Y: 400})
		assert.True(t, res.Animating(), "the stars are growing")
		c.advance(1100 * time.Millisecond)
		d.step(Frame{X: 700, Y: 400})
		d.step(Frame{X: 700, Y: 400})
		assert.False(t, res.Animating(), "the stars have grown after 1 s, in 3 frames")
	})
	t.Run("toast", func(t *testing.T) {
		g, _ := newTestGame(t)
		d := driver{t, g}
		c := withFakeClock(g)
		g.Notify("hello", false)
		for i := 0; i < 400; i++ {
			d.step(Frame{})
		}
		msg, _ := g.Toast()
		assert.Equal(t, "hello", msg, "400 frames but no time: still shown")
		c.advance(6 * time.Second)
		d.step(Frame{})
		msg, _ = g.Toast()
		assert.Equal(t, "", msg, "a toast goes after 5 s of real time")
	})
	t.Run("autosave", func(t *testing.T) {
		g, store := newTestGame(t)
		d := driver{t, g}
		c := withFakeClock(g)
		_, err := g.OpenLevel("shed", nil)
		require.NoError(t, err)
		d.step(Frame{})
		d.selectModule("wall-ext-4x8")
		d.placeWall(2, 2, "n")
		for i := 0; i < 100; i++ {
			d.step(Frame{})
		}
		assert.NotContains(t, string(store["designs/shed.toml"]), "wall-ext-4x8", "no time passed: not saved yet")
		c.advance(time.Second)
		d.step(Frame{})
		d.step(Frame{})
		assert.Contains(t, string(store["designs/shed.toml"]), "wall-ext-4x8", "saved a second later")
	})
}

// TestStartHereCalloutOnlyForNewPlayer: the "Start here" callout shows to a
// player who has placed nothing in the level yet, and not over a design in
// progress (reopened, or loaded to look at) nor in a level already finished.
func TestStartHereCalloutOnlyForNewPlayer(t *testing.T) {
	g, store := newTestGame(t)
	d := driver{t, g}
	s, err := g.OpenLevel("shed", nil)
	require.NoError(t, err)
	d.step(Frame{})
	assert.Contains(t, drawnJoined(g, s), "Start here", "a new player sees it")

	// a design in progress, reopened: no callout
	d.selectModule("wall-ext-4x8")
	d.placeWall(2, 2, "n")
	d.topButton("< Levels")
	require.Contains(t, string(store["designs/shed.toml"]), "wall-ext-4x8")
	g.Play(LevelByID(g.Levels, "shed"))
	d.step(Frame{})
	assert.NotContains(t, drawnJoined(g, d.design()), "Start here", "reopened with a design in progress")

	// a design loaded to look at (screenshot, bench): no callout
	g3, _ := newTestGame(t)
	d3 := driver{t, g3}
	s3, err := g3.OpenLevel("sandbox", nil)
	require.NoError(t, err)
	d3.step(Frame{})
	des := BenchDesign(34)
	require.NoError(t, s3.LoadDesign(g3, des))
	d3.step(Frame{})
	assert.NotContains(t, drawnJoined(g3, s3), "Start here", "a loaded design of %d modules", len(des.Placements))

	// a level already finished, started over: no callout
	g4, _ := newTestGame(t)
	d4 := driver{t, g4}
	g4.RecordStars("shed", 3)
	s4, err := g4.OpenLevel("shed", nil)
	require.NoError(t, err)
	d4.step(Frame{})
	assert.NotContains(t, drawnJoined(g4, s4), "Start here", "the level was finished before")
}

// frames is how many frames a delay lasts when the game runs on frame time
// (Now nil, 60 frames a second).
func frames(d time.Duration) int { return int(d * 60 / time.Second) }

// TestWrongPickMarkRunsOnRealTime: a wrong pick in a challenge stays marked
// for 1.5 s of real time, however few or many frames the machine draws.
func TestWrongPickMarkRunsOnRealTime(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	c := withFakeClock(g)
	require.NoError(t, g.CreateProfile("rita"))
	s, err := g.OpenChallenge("c01-groundwork", false)
	require.NoError(t, err)
	d.step(Frame{})
	d.intent(IntentConfirm)
	d.pick("FL1") // a floor panel before its foundation
	require.Equal(t, 1, s.Session().Mistakes())
	for i := 0; i < 120; i++ {
		d.step(Frame{})
	}
	assert.True(t, s.flashOn, "120 frames but no time: still marked")
	c.advance(1600 * time.Millisecond)
	d.step(Frame{})
	assert.False(t, s.flashOn, "unmarked after 1.5 s")
}
