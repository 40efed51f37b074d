package game

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// browserClick is one click of the browser end-to-end test, in page pixels
// of a 1280 x 720 viewport.
type browserClick struct {
	What string  `json:"what"`
	X    float64 `json:"x"`
	Y    float64 `json:"y"`
}

// TestShedClicksForTheBrowser plays the first design level, the shed, from
// the title screen with clicks only, as a learner does, and checks that they
// finish it. The clicks are kept in testdata/browser-shed-clicks.json, which
// the headless Chromium test of cmd/prodos replays in the page (it cannot
// import this package): when the layout changes this test fails and -update
// writes the new points for both.
func TestShedClicksForTheBrowser(t *testing.T) {
	g, _ := newTestGame(t)
	g.SetSize(BaseWidth, BaseHeight, 1)
	d := driver{t, g}
	var clicks []browserClick
	click := func(what string, x, y float64) {
		x, y = math.Round(x), math.Round(y)
		clicks = append(clicks, browserClick{what, x, y})
		d.click(x, y)
	}
	d.step(Frame{})
	ts, ok := g.Scene().(*TitleScene)
	require.True(t, ok, "scene %T", g.Scene())
	b := ts.buttons(g)[0]
	click("Play", b.x+b.w/2, b.y+b.h/2)
	sel, ok := g.Scene().(*SelectScene)
	require.True(t, ok, "scene %T", g.Scene())
	for i, c := range sel.cards(g) {
		if g.Levels[i].ID == "shed" {
			click("level shed", c.x+c.w/2, c.y+c.h/2)
		}
	}
	ds := d.design()
	require.Equal(t, "shed", ds.level.ID)
	module := func(id string) {
		x, y := ds.PaletteItem(g, id)
		click("palette "+id, x, y)
		require.Equal(t, id, ds.Selected())
	}
	module("wall-ext-4x8")
	for _, w := range []struct {
		x, y int
		side string
	}{{2, 2, "n"}, {3, 2, "n"}, {3, 2, "e"}, {3, 3, "e"}, {3, 3, "s"}, {2, 3, "w"}, {2, 2, "w"}} {
		x, y := ds.EdgePoint(g, w.x, w.y, w.side)
		click("exterior wall", x, y)
	}
	module("wall-door-4x8")
	x, y := ds.EdgePoint(g, 2, 3, "s")
	click("door", x, y)
	module("roof-4x8")
	for _, cx := range []float64{2.5, 3.5} {
		x, y := ds.ToScreen(g, cx, 2.5)
		click("roof panel", x, y)
	}
	for i := 0; i < frames(resultsDelay)+1; i++ { // the finished house shows, then the results
		d.step(Frame{})
	}
	_, done := g.Scene().(*ResultsScene)
	require.True(t, done, "the clicks finish the level (scene %T)", g.Scene())
	assert.Equal(t, 3, g.Progress.Stars["shed"])

	got, err := json.MarshalIndent(clicks, "", "  ")
	require.NoError(t, err)
	file := filepath.Join("testdata", "browser-shed-clicks.json")
	if *update {
		require.NoError(t, os.WriteFile(file, append(got, '\n'), 0o644))
	}
	want, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(got), "run go test ./game -run TestShedClicksForTheBrowser -update")
}
