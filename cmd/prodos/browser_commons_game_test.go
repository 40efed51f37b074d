package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/opensourceecology/prodos/production/classroom"
	classdb "github.com/opensourceecology/prodos/production/classroom/sqlitestore"
	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/commons/web"
	"github.com/opensourceecology/prodos/production/training/attempts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// browserCommonsServer serves the built game, the classroom and the
// commons as `prodos serve` mounts them, with ana's cabin published; it
// returns the server and the cabin's version.
func browserCommonsServer(t *testing.T) (*httptest.Server, commons.Version) {
	t.Helper()
	web0 := os.DirFS(buildWeb(t))
	path := commonsWorld(t)
	db, err := classdb.Open(filepath.Join(t.TempDir(), "class.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	st, err := openCommonsStore(path)
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	cat, ok := loadCatalog(&env{stderr: os.Stderr})
	require.True(t, ok)
	cm := &servedCommons{h: commonsHandler(st, cat, "facilitator-token-1", nil)}
	cm.allowLearners(db)
	srv := httptest.NewServer(cm.mount(&classroom.Server{Store: db, Verifier: attempts.Verify, Award: attempts.AwardQualifications,
		LevelName: attempts.LevelName, Token: "facilitator-token-1", Web: web0}))
	t.Cleanup(srv.Close)
	data, err := os.ReadFile(repoPath("designs/examples/cabin-12x16.toml"))
	require.NoError(t, err)
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/api/commons/designs?as=ana&file=cabin.toml", bytes.NewReader(data))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer facilitator-token-1")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var p web.PublishJSON
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&p))
	require.Equal(t, http.StatusCreated, resp.StatusCode)
	return srv, p.Version
}

// TestBrowserCommonsRemixAndPublish: a learner joins a class in the page,
// opens the game's Commons scene, remixes the cabin and presses Publish;
// the server then holds the remix, authored by the learner, with the
// cabin as its parent.
func TestBrowserCommonsRemixAndPublish(t *testing.T) {
	srv, cabin := browserCommonsServer(t) // builds the game first
	ctx := newBrowser(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 720+classBarH)))
	_, _, err := waitFirstFrame(ctx, srv.URL+"/")
	require.NoError(t, err)
	pageJoin(t, ctx, newClass(t, srv), "Ana Browser")

	data, err := os.ReadFile(repoPath("game/testdata/browser-commons-clicks.json"))
	require.NoError(t, err)
	var clicks []struct {
		What string
		X, Y float64
	}
	require.NoError(t, json.Unmarshal(data, &clicks))
	for _, c := range clicks {
		require.NoError(t, chromedp.Do(ctx, click(c.X, c.Y)), c.What)
		if c.What != "Play" {
			time.Sleep(2 * time.Second) // the commons answers over the network
		}
	}
	var found []commons.Version
	for i := 0; i < 100 && len(found) == 0; i++ {
		resp, err := http.Get(srv.URL + "/api/commons/designs?author=Ana-Browser")
		require.NoError(t, err)
		var s web.SearchJSON
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&s))
		resp.Body.Close()
		found = s.Designs
		time.Sleep(100 * time.Millisecond)
	}
	require.Len(t, found, 1, "the learner's remix on the server")
	assert.Equal(t, cabin.Hash, found[0].Parent)
	assert.Equal(t, cabin.Licence, found[0].Licence)
	assert.Equal(t, commons.StatusDraft, found[0].Status)

	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	out := filepath.Join(os.TempDir(), "prodos-browser-commons-publish.png")
	require.NoError(t, os.WriteFile(out, shot, 0o644))
	t.Logf("screenshot saved to %s", out)
}
