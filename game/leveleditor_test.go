package game

import (
	"crypto/sha256"
	"encoding/hex"
	"image/color"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/engine"
	"github.com/opensourceecology/prodos/levels/leveledit"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A facilitator sets a level's site, budget, rules and a required module
// with the editor's buttons and test-plays it: the design scene opens on
// that level, with the budget and the required door as objectives.
func TestLevelEditorTestPlay(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	d.step(Frame{})
	shot(t, g, "title")
	d.click(40, 40) // the title's Level editor button
	s, ok := g.Scene().(*LevelEditorScene)
	require.True(t, ok, "scene is %T", g.Scene())
	press := func(label string, times int) {
		t.Helper()
		for i := 0; i < times; i++ {
			found := false
			for _, a := range s.Buttons(g) {
				if a.label == label {
					d.click(a.x+5, a.y+5)
					found = true
					break
				}
			}
			require.True(t, found, "button %q", label)
		}
	}
	press("width +", 2)
	press("depth -", 1)
	press("budget +", 5)
	press("rules", 1)
	press("wall-door-4x8", 1)
	assert.Equal(t, []int{8, 5}, []int{s.Model.Width, s.Model.Height})
	assert.Equal(t, "2500", s.Model.Budget.String())
	assert.Equal(t, "standard", s.Model.Rules)

	img := shot(t, g, "level-editor")
	lit := 0
	for i := 0; i+3 < len(img.Pix); i += 4 {
		if (color.RGBA{img.Pix[i], img.Pix[i+1], img.Pix[i+2], 255}) == colLight {
			lit++
		}
	}
	assert.Greater(t, lit, 200, "the editor's text is drawn")

	press("Test play", 1)
	ds := d.design()
	assert.Equal(t, "class-level", ds.level.ID)
	assert.Equal(t, 8, ds.level.Grid.Width)
	var metrics []string
	for _, o := range ds.level.Objectives {
		metrics = append(metrics, o.Metric)
	}
	assert.Equal(t, []string{"cost", "module.wall-door-4x8", "closed"}, metrics)
	assert.Equal(t, "2500", ds.level.Objectives[0].Max.String())
}

// A level the parser refuses is not played: the editor says why.
func TestLevelEditorRefusesABadLevel(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	s := g.OpenLevelEditor()
	d.step(Frame{})
	s.Model.Required = []string{"no-such-module"}
	d.intent(IntentConfirm)
	assert.Same(t, s, g.Scene(), "still in the editor")
	assert.Contains(t, s.msg, `unknown metric "module.no-such-module"`)
}

// A level downloaded from the commons plays only when its SHA-256 is the
// hash it was assigned under, and its finished session is submitted under
// that hash, a replay of the level's own id that the server verifies.
func TestPlayPublishedLevel(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	m := leveledit.New("class-shed")
	_, data, err := m.Build("class-shed.toml")
	require.NoError(t, err)
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])

	tampered := append([]byte{}, data...)
	tampered[len(tampered)-2] = '2'
	err = g.PlayPublished(tampered, hash)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "it was altered; not played")

	require.NoError(t, g.PlayPublished(data, hash))
	d.step(Frame{})
	ds := d.design()
	req := ds.submission()
	assert.Equal(t, hash, req.Level)
	id, _, err := engine.ParseSession("replay", strings.NewReader(req.Replay))
	require.NoError(t, err)
	assert.Equal(t, "class-shed", id)
}

// The facilitator clicks the title field, types, erases a letter and
// presses Enter: the level's title is what was typed, and the keys typed
// did not press the editor's buttons.
func TestLevelEditorTitle(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	s := g.OpenLevelEditor()
	d.step(Frame{})
	box := s.titleBox()
	d.click(box.x+5, box.y+5)
	require.True(t, s.Typing())
	for i := 0; i < len("A level for my class"); i++ {
		d.step(Frame{Text: TextInput{Backspace: true}})
	}
	d.step(Frame{Text: TextInput{Chars: []rune("Roof shedz")}})
	d.step(Frame{Text: TextInput{Backspace: true}})
	d.step(Frame{Text: TextInput{Chars: []rune("é")}})
	assert.Contains(t, s.msg, "cannot have")
	d.intent(IntentConfirm)
	assert.False(t, s.Typing())
	assert.Same(t, s, g.Scene(), "Enter ended the typing, it did not test-play")
	assert.Equal(t, "Roof shed", s.Model.Title)
	l, _, err := s.Model.Build("x.toml")
	require.NoError(t, err)
	assert.Equal(t, "Roof shed", l.Title)
}

// pressLabel clicks the editor's button with this label, times times.
func pressLabel(t *testing.T, d driver, s *LevelEditorScene, label string, times int) {
	t.Helper()
	for i := 0; i < times; i++ {
		found := false
		for _, a := range s.Buttons(d.g) {
			if a.label == label {
				d.click(a.x+5, a.y+5)
				found = true
				break
			}
		}
		require.True(t, found, "button %q", label)
	}
}

// The facilitator composes objectives (cycle the metric, move the target,
// add; remove the last) and sets the star thresholds; the built level
// carries them.
func TestLevelEditorObjectivesAndStars(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	s := g.OpenLevelEditor()
	d.step(Frame{})
	pressLabel(t, d, s, "floor_area_m2 at least 20", 1) // cycle to rooms
	pressLabel(t, d, s, "target +", 2)
	pressLabel(t, d, s, "add", 1)
	pressLabel(t, d, s, "rooms at least 4", 1) // cycle to reachable_rooms
	pressLabel(t, d, s, "add", 1)
	pressLabel(t, d, s, "remove last", 1)
	pressLabel(t, d, s, "reachable_rooms at least 2", 1)
	pressLabel(t, d, s, "window_ratio at least 0.08", 1) // to labor
	pressLabel(t, d, s, "target -", 1)
	pressLabel(t, d, s, "add", 1)
	pressLabel(t, d, s, "2 stars +", 4)
	pressLabel(t, d, s, "3 stars +", 2)
	pressLabel(t, d, s, "3 stars -", 1)
	shot(t, g, "level-editor-goals")

	l, _, err := s.Model.Build("x.toml")
	require.NoError(t, err)
	var got []string
	for _, o := range l.Objectives {
		b := o.Min
		if b == nil {
			b = o.Max
		}
		got = append(got, o.Metric+" "+b.String())
	}
	assert.Equal(t, []string{"closed 1", "rooms 4", "labor 30"}, got)
	require.Len(t, l.TwoStars, 1)
	assert.Equal(t, "2000", l.TwoStars[0].Max.String())
	require.Len(t, l.ThreeStars, 1)
	assert.Equal(t, "500", l.ThreeStars[0].Max.String())
	pressLabel(t, d, s, "3 stars -", 1)
	assert.Empty(t, s.Model.ThreeStars, "down to no threshold")
}
