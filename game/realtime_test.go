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
// (and not before, however many), a toast goes after 5 s, and the autosave
// writes a moment after the last change.
func TestUIDelaysRunOnRealTime(t *testing.T) {
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
	_, ok := g.Scene().(*ResultsScene)
	assert.True(t, ok, "2 s and 3 frames open the results, scene %T", g.Scene())

	g.Notify("hello", false)
	d.step(Frame{})
	msg, _ := g.Toast()
	assert.Equal(t, "hello", msg)
	c.advance(6 * time.Second)
	d.step(Frame{})
	msg, _ = g.Toast()
	assert.Equal(t, "", msg, "a toast goes after 5 s of real time")

	// autosave: a change is written a moment later, in real time
	g2, store2 := newTestGame(t)
	d2 := driver{t, g2}
	c2 := withFakeClock(g2)
	_, err := g2.OpenLevel("shed", nil)
	require.NoError(t, err)
	d2.step(Frame{})
	d2.selectModule("wall-ext-4x8")
	d2.placeWall(2, 2, "n")
	for i := 0; i < 100; i++ {
		d2.step(Frame{})
	}
	assert.NotContains(t, string(store2["designs/shed.toml"]), "wall-ext-4x8", "no time passed: not saved yet")
	c2.advance(time.Second)
	d2.step(Frame{})
	d2.step(Frame{})
	assert.Contains(t, string(store2["designs/shed.toml"]), "wall-ext-4x8", "saved a second later")
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
