package main

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/levels/leveledit"
	"github.com/opensourceecology/prodos/production/classroom"
	classdb "github.com/opensourceecology/prodos/production/classroom/sqlitestore"
	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/training/attempts"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// browserAssignmentServer serves the built game, the classroom with
// assignments and the commons as `prodos serve` mounts them.
func browserAssignmentServer(t *testing.T) *httptest.Server {
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
	cm := &servedCommons{h: commonsHandler(st, cat, "facilitator-token-1", nil), cstore: st}
	cm.allowLearners(db)
	srv := httptest.NewServer(cm.mount(&classroom.Server{Store: db, Verifier: commonsLevelVerifier(st, attempts.Verify),
		Award: attempts.AwardQualifications, LevelName: attempts.LevelName, Challenge: attempts.IsChallenge,
		Token: "facilitator-token-1", Web: web0, Assignments: db, Levels: commonsLevelTitle(st)}))
	t.Cleanup(srv.Close)
	return srv
}

// TestBrowserClassPlaysAnAssignment: a facilitator makes a level in the
// editor model (the shed's site with a budget of its own), publishes it to
// the commons and sets it a class with a due date; a learner joins in the
// page, sees the assignment with its due date, presses Play, finishes the
// level in the browser game with the mouse, and the class page shows her
// result under the assignment, on time.
func TestBrowserClassPlaysAnAssignment(t *testing.T) {
	srv := browserAssignmentServer(t) // builds the game first
	shed, err := levels.DesignLevel("shed")
	require.NoError(t, err)
	m := leveledit.FromLevel(shed)
	m.Title, m.Budget = "Shed for the Saturday class", decimal.RequireFromString("2500")
	_, data, err := m.Build("class-shed.toml")
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "class-shed.toml")
	require.NoError(t, os.WriteFile(file, data, 0o644))
	t.Setenv(tokenEnv, "facilitator-token-1")
	code, _, stderr := prodos(t, "commons", "publish-level", file, "--as", "ana", "--server", srv.URL)
	require.Equal(t, exitOK, code, stderr)
	hash := commons.Hash(data)

	classCode := newClass(t, srv)
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/dashboard/classes/1/assignments",
		strings.NewReader(url.Values{"level": {hash}, "due": {"2099-01-01"}}.Encode()))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer facilitator-token-1")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)

	ctx := newBrowser(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 720+classBarH)))
	_, _, err = waitFirstFrame(ctx, srv.URL+"/")
	require.NoError(t, err)
	pageJoin(t, ctx, classCode, "Ana Browser")
	listed := waitText(t, ctx, "assignments", "Shed for the Saturday class")
	assert.Contains(t, listed, "Shed for the Saturday class (due 2099-01-01)")
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`#assignments button[data-level="`+hash+`"]`)))
	time.Sleep(time.Second) // the level downloads and opens on the game's next update
	clicks := shedClicks(t)
	require.Equal(t, "level shed", clicks[1].What, "the first two clicks reach the shed from the title screen")
	for _, c := range clicks[2:] { // past the title screen and the level select
		require.NoError(t, chromedp.Do(ctx, click(c.X, c.Y)), c.What)
	}
	var page string
	for i := 0; i < 100 && !strings.Contains(page, "<td>Ana Browser</td><td>passed</td>"); i++ {
		time.Sleep(100 * time.Millisecond)
		page = dashboard(t, srv, "/dashboard/classes/1")
	}
	assert.Regexp(t, `Shed for the Saturday class[\s\S]*<td>Ana Browser</td><td>passed</td>[\s\S]*<td>on time</td>`, page)

	// The facilitator's view of the assignment, in the browser.
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(1000, 700), chromedp.Navigate(srv.URL+"/dashboard/classes/1"),
		chromedp.SendKeys(`input[name="token"]`, "facilitator-token-1"), chromedp.Submit(`input[name="token"]`),
		chromedp.Sleep(time.Second), chromedp.Navigate(srv.URL+"/dashboard/classes/1"), chromedp.WaitVisible("#assignments")))
	shot, err := chromedp.Run(ctx, chromedp.Screenshot("#assignments"))
	require.NoError(t, err)
	dir := t.TempDir()
	if prodUpdating() {
		dir = repoPath("docs/screenshots")
	}
	out := filepath.Join(dir, "class-assignment.png")
	require.NoError(t, os.WriteFile(out, shot, 0o644))
	t.Logf("screenshot saved to %s", out)
}
