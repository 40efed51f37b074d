package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// storeServed is a running `prodos serve` with two enterprises listing the
// cabin: mo-mf (bob installed its modules, witnessed, on a completed house)
// at three levels and other-mf (carol, no contribution) at levels 2 and 3.
func storeServed(t *testing.T) (string, string, enterpriseJSON) {
	t.Helper()
	db, hash := storeWorld(t)
	for _, c := range [][]string{
		{"enterprise", "create", "mo-mf", "--site", storeSite(t, "Missouri Microfactory", "24"), "--as", "bob"},
		{"enterprise", "join", "mo-mf", "--as", "dana", "--role", "designer"},
		{"enterprise", "create", "other-mf", "--site", storeSite(t, "Other Microfactory", "24"), "--as", "carol"},
		{"enterprise", "sell", "mo-mf", hash}, {"enterprise", "sell", "other-mf", hash, "--levels", "2,3"},
	} {
		code, _, errs := storeRun(t, db, c...)
		require.Equal(t, exitOK, code, "%v: %s", c, errs)
	}
	mo := enterpriseShow(t, db, "mo-mf")
	t.Setenv(tokenEnv, "facilitator-token-1")
	addr, stop := startServe(t, "--db", filepath.Join(t.TempDir(), "class.db"), "--store-db", db[1], "--ledger-db", db[3])
	t.Cleanup(func() { stop() })
	return "http://" + addr, hash, mo
}

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

const markHTML = `<span class="mark"`

// The store index, a store front and product pages fetched over HTTP from
// `prodos serve`: prices as the CLI computes them, the mark only on the
// contributing enterprise's listing, no script, and only GET.
func TestStoreServePages(t *testing.T) {
	base, hash, mo := storeServed(t)
	q := mo.Products[0].Quote
	status, page := httpGet(t, base+"/store")
	require.Equal(t, http.StatusOK, status, page)
	assert.Contains(t, page, `<a href="/store/mo-mf/`+hash[:12]+`">One-room cabin 12x16</a>`)
	assert.Contains(t, page, `<a href="/store/other-mf">Other Microfactory</a>`)
	assert.Equal(t, 1, strings.Count(page, markHTML), "only mo-mf's listing shows the mark")
	assert.Contains(t, page, "$"+q.Offers[0].Total.StringFixed(2))
	assert.NotContains(t, page, "<script")

	status, page = httpGet(t, base+"/store/mo-mf")
	require.Equal(t, http.StatusOK, status, page)
	for _, o := range q.Offers {
		assert.Contains(t, page, "<td>"+o.Title+"</td><td class=\"n\">$"+o.Total.StringFixed(2)+"</td>")
	}
	assert.Contains(t, page, markHTML)
	assert.Contains(t, page, "To order, open a product's page")

	status, page = httpGet(t, base+"/store/mo-mf/"+hash[:12])
	require.Equal(t, http.StatusOK, status, page)
	for _, l := range q.Offers[0].Lines {
		assert.Contains(t, page, "$"+l.Amount.StringFixed(2))
	}
	assert.Contains(t, page, "kg CO2e")
	assert.Contains(t, page, "witnessed by lee")
	assert.Contains(t, page, `<img class="plan" src="/commons/`+hash+`/plan.svg"`)

	status, page = httpGet(t, base+"/store/other-mf/"+hash[:12])
	require.Equal(t, http.StatusOK, status, page)
	assert.NotContains(t, page, markHTML, "nobody else's listing shows the mark")
	assert.Contains(t, page, "contributions: no member (carol)")
	assert.NotContains(t, page, "The house, built to order", "level 1 not listed by other-mf")

	for _, p := range []string{"/store/nope", "/store/mo-mf/000000000000", "/store/mo-mf/" + hash[:12] + "/x"} {
		status, _ = httpGet(t, base+p)
		assert.Equal(t, http.StatusNotFound, status, p)
	}
	resp, err := http.Post(base+"/store/mo-mf", "application/x-www-form-urlencoded", strings.NewReader("a=b"))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
}

// Headless Chromium draws a store front and a product page. With -update
// the screenshots go to docs/screenshots/ (shown in README.md).
func TestStoreBrowser(t *testing.T) {
	ctx := newBrowser(t)
	base, hash, _ := storeServed(t)
	dir := t.TempDir()
	if prodUpdating() {
		dir = repoPath("docs/screenshots")
	}
	shoot := func(path, name string, height int64) {
		require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, height), chromedp.Navigate(base+path)))
		_, err := chromedp.Run(ctx, chromedp.Evaluate[int](`new Promise(ok => Promise.all([...document.images].map(i => i.decode().catch(() => {}))).then(() => ok(0)))`, chromedp.EvalAwaitPromise))
		require.NoError(t, err)
		shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		require.NoError(t, err)
		n, _, err := drawnPixels(shot)
		require.NoError(t, err)
		assert.Greater(t, n, 20000, "%s: the page is drawn", path)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), shot, 0o644))
	}
	shoot("/store/mo-mf", "store-front.png", 900)
	shoot("/store/mo-mf/"+hash[:12], "store-product.png", 1600)

	// A customer orders the kit (level 1) through the page's form.
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/store/mo-mf/"+hash[:12])))
	_, err := chromedp.Run(ctx, chromedp.Evaluate[int](`(() => { const q = s => document.querySelector(s);
		q('input[value="kit"]').checked = true; q('input[name="customer"]').value = "Ana Ruiz";
		q('input[name="site"]').value = "12 Oak Lane, Maysville"; q('form').submit(); return 0 })()`))
	require.NoError(t, err)
	var text string
	for i := 0; i < 50 && !strings.Contains(text, "placed"); i++ {
		require.NoError(t, chromedp.Do(ctx, chromedp.Sleep(100*time.Millisecond)))
		text, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
		require.NoError(t, err)
	}
	assert.Contains(t, text, "Order mo-mf-1 placed")
	assert.Contains(t, text, "Kit of cut parts")
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "store-order.png"), shot, 0o644))
}
