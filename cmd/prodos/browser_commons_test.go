package main

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Headless Chromium loads the commons gallery and a design page from a
// local server: every plan thumbnail and the plan load as images, and the
// pages are drawn. With -update the screenshots are written to
// docs/screenshots/ (shown in README.md), else to a temporary folder.
func TestCommonsBrowser(t *testing.T) {
	ctx := newBrowser(t)
	db := commonsWorld(t)
	cabin := publishJSON(t, repoPath("designs/examples/cabin-12x16.toml"), "--as", "ana", "--db", db)
	publishJSON(t, repoPath("designs/examples/two-bedroom-24x32.toml"), "--as", "bo", "--db", db)
	publishJSON(t, repoPath("designs/examples/seed-home-32x40.toml"), "--as", "ana", "--db", db)
	remix := filepath.Join(t.TempDir(), "remix.toml")
	code, _, stderr := prodos(t, "commons", "fork", cabin.Version.Hash, "--out", remix, "--db", db)
	require.Equal(t, exitOK, code, stderr)
	publishJSON(t, editDesign(t, remix, `name = "One-room cabin 12x16"`, `name = "Cabin remix"`), "--as", "bo", "--db", db)

	st, err := openCommonsStore(db)
	require.NoError(t, err)
	defer st.Close()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	srv := httptest.NewServer(commonsHandler(st, cat, "", nil))
	defer srv.Close()

	dir := t.TempDir()
	if prodUpdating() {
		dir = repoPath("docs/screenshots")
	}
	shoot := func(path, name string, height int64, images int) {
		require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, height), chromedp.Navigate(srv.URL+path)))
		loaded, err := chromedp.Run(ctx, chromedp.Evaluate[int](`new Promise(ok => {
			const imgs = [...document.images];
			const done = () => ok(imgs.filter(i => i.complete && i.naturalWidth > 0).length);
			Promise.all(imgs.map(i => i.decode().catch(() => {}))).then(done);
		})`, chromedp.EvalAwaitPromise))
		require.NoError(t, err)
		assert.Equal(t, images, loaded, "%s: every plan loads as an image", path)
		shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		require.NoError(t, err)
		n, _, err := drawnPixels(shot)
		require.NoError(t, err)
		assert.Greater(t, n, 20000, "%s: the page is drawn", path)
		out := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(out, shot, 0o644))
		t.Logf("%s: screenshot saved to %s", path, out)
	}
	shoot("/commons", "commons-gallery.png", 900, 4)
	shoot("/commons/"+cabin.Version.Hash, "commons-design.png", 1450, 1)
}
