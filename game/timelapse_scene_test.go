package game

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// From the results of a finished level, "Watch it go up" plays the build:
// the clock runs, modules go up until all stand, the scrub bar jumps, speed
// steps, and Back returns to the results.
func TestWatchItGoUp(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	s := completeShed(t, d)
	for i := 0; i < 200 && g.Scene() == Scene(s); i++ {
		d.step(Frame{X: 700, Y: 400})
	}
	res, ok := g.Scene().(*ResultsScene)
	require.True(t, ok, "results, scene %T", g.Scene())
	var watch button
	for _, a := range res.buttons(g) {
		if a.label == "Watch it go up" {
			watch = a.button
		}
	}
	require.NotEmpty(t, watch.label)
	d.click(watch.x+watch.w/2, watch.y+watch.h/2)
	tl, ok := g.Scene().(*TimelapseScene)
	require.True(t, ok, "timelapse, scene %T", g.Scene())
	require.Empty(t, tl.err)
	p := tl.player
	assert.True(t, p.Playing, "it plays at once")
	n := len(p.Model.Pieces)
	assert.Equal(t, len(res.design.board.Design().Placements), n)

	for range 60 {
		d.step(Frame{X: 10, Y: 10})
	}
	assert.Positive(t, p.T, "one second in, the clock has run")
	assert.Contains(t, drawnJoined(g, tl), "modules up")

	d.intent(IntentZoomIn) // faster
	assert.Equal(t, 2.0, p.Speed())
	for i := 0; i < 2000 && p.Playing; i++ {
		d.step(Frame{X: 10, Y: 10})
	}
	assert.False(t, p.Playing, "stops at the end")
	assert.Equal(t, n, p.Model.At(p.T).Standing, "the whole house stands at the end")

	// scrub to halfway through the modules going up (whole-house work follows them)
	last := p.Model.Pieces[n-1].End
	f := float64(last) / 2 / float64(p.Model.Schedule.Makespan)
	bar := tl.scrubBar(g)
	d.step(Frame{X: bar.x + bar.w*f, Y: bar.y + bar.h/2, Pressed: Buttons{Left: true}, Held: Buttons{Left: true}})
	assert.InDelta(t, f, p.Fraction(), 0.01, "the scrub bar jumps where it is clicked")
	assert.Less(t, p.Model.At(p.T).Standing, n)
	shot(t, g, "timelapse")

	d.intent(IntentBack)
	assert.Equal(t, Scene(res), g.Scene(), "Back returns to the results")
}
