//go:build !js

package game

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/opensourceecology/prodos/game/commonsclient"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCommonsClicksForTheBrowser goes from the title screen to a published
// remix with clicks only: Play, Design commons, the first design listed,
// Remix, Publish. The clicks are kept
// in testdata/browser-commons-clicks.json, which the headless Chromium test
// of cmd/prodos replays in the page; -update rewrites them.
func TestCommonsClicksForTheBrowser(t *testing.T) {
	g, _ := newTestGame(t)
	g.SetSize(BaseWidth, BaseHeight, 1)
	srv, _ := commonsServer(t, g.Cat)
	g.UseCommons(&commonsclient.Client{Base: srv.URL, Token: "tok", As: "bo"})
	d := driver{t, g}
	var clicks []browserClick
	click := func(what string, b button) {
		x, y := math.Round(b.x+b.w/2), math.Round(b.y+b.h/2)
		clicks = append(clicks, browserClick{what, x, y})
		d.click(x, y)
	}
	d.step(Frame{})
	click("Play", g.Scene().(*TitleScene).buttons(g)[0].button)
	click("Design commons", (&SelectScene{}).commons(g))
	cs, ok := g.Scene().(*CommonsScene)
	require.True(t, ok, "scene %T", g.Scene())
	cs.B.Wait()
	click("first design", cs.rows(g)[0])
	cs.B.Wait()
	click("Remix", cs.actions(g)[1].button)
	cs.B.Wait()
	d.step(Frame{})
	ds := d.design()
	require.Equal(t, cs.B.Designs[0].Hash, ds.board.Design().Parent)
	for _, b := range ds.topButtons(g) {
		if b.label == "Publish" {
			click("Publish", b.button)
		}
	}
	ps, ok := g.Scene().(*PublishScene)
	require.True(t, ok, "scene %T", g.Scene())
	ps.Wait()
	require.NoError(t, ps.Outcome().Err)

	got, err := json.MarshalIndent(clicks, "", "  ")
	require.NoError(t, err)
	file := filepath.Join("testdata", "browser-commons-clicks.json")
	if *update {
		require.NoError(t, os.WriteFile(file, append(got, '\n'), 0o644))
	}
	want, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(got), "run go test ./game -run TestCommonsClicksForTheBrowser -update")
}
