//go:build !js

package game

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/game/commonsclient"
	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/commons/sqlitestore"
	"github.com/opensourceecology/prodos/production/commons/web"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// commonsServer is a real commons (SQLite file, JSON API) with the example
// designs published by "ana" (a Designer) and the store to check against.
func commonsServer(t *testing.T, cat *designs.Catalog) (*httptest.Server, commons.Store) {
	t.Helper()
	st, err := sqlitestore.Open(filepath.Join(t.TempDir(), "commons.db"))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	p := &commons.Publisher{Store: st, Catalog: cat, Designer: func(_ context.Context, n string) (bool, error) { return n == "ana", nil }}
	for _, f := range []string{"two-bedroom-24x32.toml", "cabin-12x16.toml"} {
		data, err := os.ReadFile(filepath.Join("..", "designs", "examples", f))
		require.NoError(t, err)
		_, _, err = p.Publish(context.Background(), f, data, "ana")
		require.NoError(t, err)
	}
	srv := httptest.NewServer(&web.Handler{Publisher: p, Token: "tok"})
	t.Cleanup(srv.Close)
	return srv, st
}

// TestCommonsSceneRemixAndPublish walks the player's path: the level
// select's "Design commons" button, the list (with status and cost), a
// design's detail, Remix into the sandbox (the parent is set), the top
// bar's Publish, and the answer naming the new version, which the server
// holds with its parent.
func TestCommonsSceneRemixAndPublish(t *testing.T) {
	g, _ := newTestGame(t)
	srv, st := commonsServer(t, g.Cat)
	g.UseCommons(&commonsclient.Client{Base: srv.URL, Token: "tok", As: "bo"})
	d := driver{t, g}
	require.NoError(t, g.OpenScene(&SelectScene{}))
	cb := (&SelectScene{}).commons(g)
	d.click(cb.x+cb.w/2, cb.y+cb.h/2)
	s, ok := g.Scene().(*CommonsScene)
	require.True(t, ok, "scene is %T", g.Scene())
	s.B.Wait()
	require.Len(t, s.B.Designs, 2)
	drawn := drawnJoined(g, s)
	for _, want := range []string{"Open design commons", "One-room cabin 12x16", "BUILD-READY", "ana · CC-BY-SA-4.0 · 192 sq ft · $33.74/sq ft"} {
		assert.Contains(t, drawn, want)
	}

	i := 0
	if !strings.Contains(s.B.Designs[0].Name, "cabin") {
		i = 1
	}
	parent := s.B.Designs[i]
	row := s.rows(g)[i]
	d.click(row.x+row.w/2, row.y+row.h/2)
	s.B.Wait()
	require.NotNil(t, s.B.Detail)
	drawn = drawnJoined(g, s)
	assert.Contains(t, drawn, "version "+parent.Hash[:12])
	assert.Contains(t, drawn, "$"+money(parent.Cost))

	remix := s.actions(g)[1]
	d.click(remix.x+remix.w/2, remix.y+remix.h/2)
	s.B.Wait()
	d.step(Frame{})
	ds := d.design()
	assert.True(t, ds.level.Sandbox)
	assert.Equal(t, parent.Hash, ds.board.Design().Parent)

	d.topButton("Publish")
	ps, ok := g.Scene().(*PublishScene)
	require.True(t, ok, "scene is %T", g.Scene())
	ps.Wait()
	require.NotNil(t, ps.Outcome())
	require.NoError(t, ps.Outcome().Err)
	child := ps.Outcome().Published.Version
	assert.Equal(t, "bo", child.Author)
	assert.Equal(t, commons.StatusDraft, child.Status, "bo holds no Designer qualification")
	drawn = drawnJoined(g, ps)
	assert.Contains(t, drawn, "Published: version "+child.Hash[:12]+", DRAFT")
	assert.Contains(t, drawn, "Remix of "+parent.Hash[:12])
	got, _, err := st.Get(context.Background(), child.Hash)
	require.NoError(t, err)
	assert.Equal(t, parent.Hash, got.Parent)
	shot(t, g, "commons-publish")

	d.intent(IntentBack)
	assert.Same(t, ds, g.Scene())
}

// A refusal is shown with the server's reason: a closed licence lists the
// licences the commons accepts.
func TestPublishRefusalShown(t *testing.T) {
	g, _ := newTestGame(t)
	srv, _ := commonsServer(t, g.Cat)
	g.UseCommons(&commonsclient.Client{Base: srv.URL, Token: "tok", As: "bo"})
	d := driver{t, g}
	cabin, err := designs.LoadDesign(filepath.Join("..", "designs", "examples", "cabin-12x16.toml"), g.Cat)
	require.NoError(t, err)
	cabin.License = "All rights reserved"
	_, err = g.OpenLevel("sandbox", cabin)
	require.NoError(t, err)
	d.step(Frame{})
	d.topButton("Publish")
	ps := g.Scene().(*PublishScene)
	ps.Wait()
	drawn := drawnJoined(g, ps)
	assert.Contains(t, drawn, "Not published:")
	assert.Contains(t, drawn, "CC0-1.0")
}

// Without a commons the game says how to get one.
func TestCommonsWithoutServer(t *testing.T) {
	g, _ := newTestGame(t)
	s := g.OpenCommons()
	assert.Contains(t, drawnJoined(g, s), "--commons URL")
}

// TestCommonsSceneScreenshot draws the scene with a design selected and
// checks the status chip's green is on screen; with PRODOS_SHOTS=DIR it
// writes the PNG there (docs/screenshots).
func TestCommonsSceneScreenshot(t *testing.T) {
	g, _ := newTestGame(t)
	srv, _ := commonsServer(t, g.Cat)
	g.UseCommons(&commonsclient.Client{Base: srv.URL})
	s := g.OpenCommons()
	require.NoError(t, g.OpenScene(s))
	s.B.Wait()
	s.B.Select(0)
	s.B.Wait()
	img := shot(t, g, "commons-scene")
	greens := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			if img.RGBAAt(x, y) == colGood {
				greens++
			}
		}
	}
	assert.Greater(t, greens, 100, "the BUILD-READY chips")
}

// The search box and the status filter: typing "two" and Enter lists the
// two-bedroom house alone; the status button cycles all, build-ready,
// draft, and each listing holds only that status.
func TestCommonsSearchAndStatusFilter(t *testing.T) {
	g, _ := newTestGame(t)
	srv, _ := commonsServer(t, g.Cat)
	g.UseCommons(&commonsclient.Client{Base: srv.URL})
	d := driver{t, g}
	s := g.OpenCommons()
	d.step(Frame{})
	s.B.Wait()
	require.Len(t, s.B.Designs, 2)
	_, field, status, _ := s.controls(g)
	d.click(field.x+10, field.y+10)
	require.True(t, s.Typing())
	d.step(Frame{Text: TextInput{Chars: []rune("two")}})
	d.intent(IntentConfirm)
	assert.False(t, s.Typing())
	s.B.Wait()
	require.Len(t, s.B.Designs, 1)
	assert.Equal(t, "Two-bedroom house 24x32", s.B.Designs[0].Name)

	d.click(field.x+10, field.y+10)
	d.step(Frame{Text: TextInput{Backspace: true}})
	d.step(Frame{Text: TextInput{Backspace: true}})
	d.step(Frame{Text: TextInput{Backspace: true}})
	d.intent(IntentConfirm)
	for _, want := range []struct {
		status string
		n      int
	}{{commons.StatusBuildReady, 2}, {commons.StatusDraft, 0}, {"", 2}} {
		d.click(status.x+status.w/2, status.y+status.h/2)
		s.B.Wait()
		assert.Equal(t, want.status, s.B.Query.Status)
		assert.Len(t, s.B.Designs, want.n, want.status)
		for _, v := range s.B.Designs {
			if want.status != "" {
				assert.Equal(t, want.status, v.Status)
			}
		}
	}
	assert.Contains(t, drawnJoined(g, s), "Status: All")
	d.intent(IntentBack)
	assert.IsType(t, &SelectScene{}, g.Scene())
}
