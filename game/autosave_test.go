package game

import (
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// topButton clicks the design scene's top-bar button with label.
func (d driver) topButton(label string) {
	d.t.Helper()
	for _, b := range d.design().topButtons(d.g) {
		if b.label == label {
			d.click(b.x+b.w/2, b.y+b.h/2)
			return
		}
	}
	d.t.Fatalf("no top-bar button %q", label)
}

// TestAutosaveAndStartOver (issue 11.2): leaving a level (the "< Levels"
// button, Esc) keeps the design in progress, per level and per learner, and
// reopening continues it; a change is also saved by itself a moment later;
// "Start over" asks, then clears the design for good.
func TestAutosaveAndStartOver(t *testing.T) {
	g, store := newTestGame(t)
	d := driver{t, g}
	// Esc out of a level keeps it too (a guest: designs/shed.toml; a
	// guest holds no qualification, so the sandbox's palette is locked)
	_, err := g.OpenLevel("shed", nil)
	require.NoError(t, err)
	d.step(Frame{})
	d.selectModule("wall-ext-4x8")
	d.placeWall(2, 2, "n")
	d.intent(IntentBack) // drop the module
	d.intent(IntentBack) // leave
	_, ok := g.Scene().(*SelectScene)
	require.True(t, ok, "scene %T", g.Scene())
	g.Play(LevelByID(g.Levels, "shed"))
	d.step(Frame{})
	assert.Equal(t, 1, countModule(d.design().Board(), "wall-ext-4x8"))

	assert.Contains(t, string(store["designs/shed.toml"]), "wall-ext-4x8")
	require.NoError(t, g.CreateProfile("ana"))
	s, err := g.OpenLevel("shed", nil)
	require.NoError(t, err)
	d.step(Frame{})
	d.selectModule("wall-ext-4x8")
	d.placeWall(2, 2, "n")
	d.topButton("< Levels")
	_, ok = g.Scene().(*SelectScene)
	require.True(t, ok, "scene %T", g.Scene())
	assert.Contains(t, string(store["designs/ana/shed.toml"]), "wall-ext-4x8", "saved on leaving, for ana")

	g.Play(LevelByID(g.Levels, "shed"))
	d.step(Frame{})
	s = d.design()
	assert.Equal(t, 1, countModule(s.Board(), "wall-ext-4x8"), "reopened where ana left off")

	// a change is saved by itself within a second, without leaving
	d.selectModule("wall-ext-4x8")
	d.placeWall(3, 2, "n")
	for i := 0; i < 70; i++ {
		d.step(Frame{})
	}
	assert.Equal(t, 2, strings.Count(string(store["designs/ana/shed.toml"]), "wall-ext-4x8"))

	// another learner starts the shed fresh
	require.NoError(t, g.CreateProfile("bo"))
	g.Play(LevelByID(g.Levels, "shed"))
	d.step(Frame{})
	assert.Equal(t, 0, countModule(d.design().Board(), "wall-ext-4x8"), "bo has no design yet")
	require.NoError(t, g.SelectProfile("ana"))

	// Start over asks first; "Keep my design" keeps it, "Start over" clears it
	g.Play(LevelByID(g.Levels, "shed"))
	d.step(Frame{})
	require.Equal(t, 2, countModule(d.design().Board(), "wall-ext-4x8"))
	d.topButton("Start over")
	ask, ok := g.Scene().(*StartOverScene)
	require.True(t, ok, "a question first, scene %T", g.Scene())
	b := ask.buttons(g)
	d.click(b[1].x+5, b[1].y+5) // keep
	require.Equal(t, 2, countModule(d.design().Board(), "wall-ext-4x8"))
	d.topButton("Start over")
	ask = g.Scene().(*StartOverScene)
	b = ask.buttons(g)
	d.click(b[0].x+5, b[0].y+5)
	require.Equal(t, 0, countModule(d.design().Board(), "wall-ext-4x8"))
	d.topButton("< Levels")
	g.Play(LevelByID(g.Levels, "shed"))
	d.step(Frame{})
	assert.Equal(t, 0, countModule(d.design().Board(), "wall-ext-4x8"), "started over for good")

	// a design opened to look at (--design) replaces the save only once changed
	before := string(store["designs/ana/shed.toml"])
	look := *d.design().Board().Design()
	look.Placements = append(append([]designs.Placement(nil), look.Placements...),
		designs.Placement{Module: "wall-ext-4x8", X: 2, Y: 2, Edge: "n"})
	_, err = g.OpenLevel("shed", &look)
	require.NoError(t, err)
	d.step(Frame{})
	d.topButton("< Levels")
	assert.Equal(t, before, string(store["designs/ana/shed.toml"]))
}
