package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/opensourceecology/prodos/production/classroom/submission"
	"github.com/opensourceecology/prodos/production/training/attempts"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shedClicks are the clicks that finish the first design level from the
// title screen in a 1280 x 720 page; the game's own test
// (game.TestShedClicksForTheBrowser) checks them and writes the file.
func shedClicks(t *testing.T) []struct {
	What string  `json:"what"`
	X    float64 `json:"x"`
	Y    float64 `json:"y"`
} {
	data, err := os.ReadFile(repoPath("game/testdata/browser-shed-clicks.json"))
	require.NoError(t, err)
	var clicks []struct {
		What string  `json:"what"`
		X    float64 `json:"x"`
		Y    float64 `json:"y"`
	}
	require.NoError(t, json.Unmarshal(data, &clicks))
	require.NotEmpty(t, clicks)
	return clicks
}

// classBarH is the height of the page's class bar, below the game.
const classBarH = 34

// checkClassBarClear checks that the class bar sits below the game's
// canvas, covering none of it (it covered the "Train >" button and the HUD
// corner when it floated over the canvas), and that the canvas is the
// 1280 x 720 the clicks were made for.
func checkClassBarClear(t *testing.T, ctx context.Context) {
	t.Helper()
	type rects struct{ BarTop, BarH, CanvasW, CanvasH, CanvasBottom float64 }
	var r rects
	js := `(() => { const b = document.getElementById("classbar").getBoundingClientRect(), c = document.querySelector("canvas").getBoundingClientRect();
		return {BarTop: b.top, BarH: b.height, CanvasW: c.width, CanvasH: c.height, CanvasBottom: c.bottom}; })()`
	var err error
	for i := 0; i < 20; i++ { // the game resizes its canvas on its next frame
		r, err = chromedp.Run(ctx, chromedp.Evaluate[rects](js))
		require.NoError(t, err)
		if r.CanvasH == 720 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	require.NoError(t, err)
	assert.Equal(t, float64(classBarH), r.BarH)
	require.GreaterOrEqual(t, r.BarTop, r.CanvasBottom, "the class bar (top %v) is below the canvas (bottom %v)", r.BarTop, r.CanvasBottom)
	assert.Equal(t, 1280.0, r.CanvasW)
	assert.Equal(t, 720.0, r.CanvasH)
}

// dashboard reads a facilitator page.
func dashboard(t *testing.T, srv *httptest.Server, path string) string {
	req, err := http.NewRequest("GET", srv.URL+path, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer facilitator-token-1")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	page, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(page))
	return string(page)
}

// pageJoin joins a class with the page's form, as a learner does.
func pageJoin(t *testing.T, ctx context.Context, code, name string) {
	require.NoError(t, chromedp.Do(ctx,
		chromedp.SendKeys("#code", code), chromedp.SendKeys("#name", name),
		chromedp.Click("#joinform button")))
	var joined string
	var err error
	for i := 0; i < 50 && !strings.Contains(joined, name); i++ {
		time.Sleep(100 * time.Millisecond)
		joined, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("joined").textContent`))
		require.NoError(t, err)
	}
	require.Contains(t, joined, name)
}

// TestBrowserClassFinishesADesignLevel: a learner joins a class through the
// page, finishes the first design level in the page with the mouse, and the
// game posts it; the facilitator's dashboard then shows the level with the
// verified cost, labour hours, sheet waste and the learner's standing
// against a classmate.
func TestBrowserClassFinishesADesignLevel(t *testing.T) {
	srv := browserServer(t) // builds the game first: the browser's clock starts after
	ctx := newBrowser(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 720+classBarH)))
	_, _, err := waitFirstFrame(ctx, srv.URL+"/")
	require.NoError(t, err)
	code := newClass(t, srv)
	pageJoin(t, ctx, code, "Ana Browser")
	checkClassBarClear(t, ctx)

	// A classmate posts the reference shed through the API.
	ben := joinClass(t, srv, code, "Ben")
	require.Equal(t, http.StatusCreated, postJSON(t, srv.URL+"/api/submissions", ben.Token, classroom.SubmitRequest{Kind: "level", Level: "shed", Replay: shedReplay(t)}, nil))

	for _, c := range shedClicks(t) {
		require.NoError(t, chromedp.Do(ctx, click(c.X, c.Y)), c.What)
	}
	var page string
	for i := 0; i < 100 && !strings.Contains(page, "Ana Browser</td>"); i++ {
		time.Sleep(100 * time.Millisecond)
		page = dashboard(t, srv, "/dashboard/classes/1")
	}
	// The game shows the class server's answer: wait for it to be drawn.
	require.NoError(t, chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseMoved, 640, 700), chromedp.Sleep(2*time.Second)))
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	out := filepath.Join(os.TempDir(), "prodos-browser-class.png")
	require.NoError(t, os.WriteFile(out, shot, 0o644))
	t.Logf("screenshot saved to %s", out)

	// What the server verifies for the reference shed is what Ana built.
	v, err := attempts.VerifyDesignLevel(context.Background(), "shed", []byte(shedReplay(t)))
	require.NoError(t, err)
	row := fmt.Sprintf(`<td>Ana Browser</td><td class="n">%d</td><td class="n">%d</td><td class="n">$%s</td><td class="n">50%%</td><td class="n">%s</td><td class="n">50%%</td><td class="n">%s%%</td><td class="n">50%%</td>`,
		v.Score, v.Stars, v.Cost.StringFixed(2), v.LabourMinutes.Div(decimal.NewFromInt(60)).StringFixed(1), v.SheetWastePct.StringFixed(1))
	assert.Contains(t, page, row, "the dashboard's row for Ana's shed:\n%s", page)
	assert.True(t, v.Cost.IsPositive() && v.LabourMinutes.IsPositive() && v.SheetWastePct.IsPositive(), "%+v", v)

	// Ana's browser forgets her (storage cleared): she joins again under her
	// name, is told it is taken, asks to rejoin, and is back in once the
	// facilitator lets her in on the class page.
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`localStorage.clear(), true`))
	require.NoError(t, err)
	_, _, err = waitFirstFrame(ctx, srv.URL+"/")
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys("#code", code), chromedp.SendKeys("#name", "Ana Browser"), chromedp.Click("#joinform button")))
	require.Contains(t, waitText(t, ctx, "classmsg", "already taken"), `the name "Ana Browser" is already taken in Saturday`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click("#rejoin")))
	waitText(t, ctx, "joined", "Waiting for your facilitator")
	page = dashboard(t, srv, "/dashboard/classes/1")
	m := regexp.MustCompile(`action="(/dashboard/classes/1/rejoin/\d+/approve)"`).FindStringSubmatch(page)
	require.NotNil(t, m, page)
	req, err := http.NewRequest("POST", srv.URL+m[1], nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer facilitator-token-1")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, "approved, and back on the class page")
	waitText(t, ctx, "joined", `In class “Saturday” as Ana Browser`)
	body, err := json.Marshal(string(submission.ForChallenge("c01-groundwork", []byte(pageClassReplay(t, ctx, "c01-groundwork"))).JSON()))
	require.NoError(t, err)
	answer, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.prodosSubmit(`+string(body)+`).then(r => r.status + " " + r.body)`, chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(answer, "201 "), answer)

	// The facilitator's view, for a person to look at.
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 1400), chromedp.Navigate(srv.URL+"/dashboard/classes/1?token=facilitator-token-1")))
	shot, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	out = filepath.Join(os.TempDir(), "prodos-dashboard.png")
	require.NoError(t, os.WriteFile(out, shot, 0o644))
	t.Logf("dashboard screenshot saved to %s", out)
}

// waitText waits until the element's text contains want and returns it.
func waitText(t *testing.T, ctx context.Context, id, want string) string {
	t.Helper()
	var got string
	var err error
	for i := 0; i < 100 && !strings.Contains(got, want); i++ {
		time.Sleep(100 * time.Millisecond)
		got, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("`+id+`").textContent`))
		require.NoError(t, err)
	}
	require.Contains(t, got, want)
	return got
}
