package classroom_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/opensourceecology/prodos/production/classroom/sqlitestore"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// kindVerifier stands in for the engine: a design level has a cost, labour
// and sheet waste; a challenge has a time and mistakes and nothing else.
var kindVerifier = classroom.VerifierFunc(func(_ context.Context, kind, level string, replay []byte) (classroom.Verified, error) {
	if kind == classroom.KindChallenge { // the replay is "ATTEMPT-ID LEARNER", played just now
		id, who, _ := strings.Cut(string(replay), " ")
		now := time.Now()
		return classroom.Verified{Score: 1800, Stars: 2, Passed: true, Ticks: 42*60 - 30, Mistakes: 2,
			Attempt: training.Attempt{ID: id, Learner: who, Started: now, Ended: now}}, nil
	}
	return classroom.Verified{Score: 3000, Stars: 3, Passed: true, Cost: decimal.RequireFromString("2291.79"),
		LabourMinutes: decimal.NewFromInt(696), SheetWastePct: decimal.RequireFromString("5.2")}, nil
})

var names = map[string]string{"shed": "Close a one-room shed", "c01-groundwork": "Challenge 1: Groundwork"}

// TestDashboardShowsWhatEachLevelMeasures (issue 11 item 11): a challenge
// row shows score, stars, time and mistakes, not a "$0.00" cost or
// standings; levels are shown by name; the class page refreshes itself.
func TestDashboardShowsWhatEachLevelMeasures(t *testing.T) {
	db, err := sqlitestore.Open(filepath.Join(t.TempDir(), "class.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	h := &harness{s: &classroom.Server{Store: db, Verifier: kindVerifier, Token: "facilitator-secret",
		LevelName: func(id string) string { return names[id] }}}
	h.srv = httptest.NewServer(h.s)
	t.Cleanup(h.srv.Close)
	var c classroom.CreateClassResponse
	require.Equal(t, http.StatusCreated, h.do(t, "POST", "/api/classes", "facilitator-secret", `{"name":"Saturday"}`, &c))
	h.code = c.Code
	ana := h.join(t, "Ana")
	var a classroom.AttemptResponse
	require.Equal(t, http.StatusCreated, h.do(t, "POST", "/api/attempts", ana.Token, `{"kind":"challenge","level":"c01-groundwork"}`, &a))
	require.Equal(t, http.StatusCreated, h.do(t, "POST", "/api/submissions", ana.Token, `{"kind":"challenge","level":"c01-groundwork","replay":"`+a.AttemptID+` Ana"}`, nil))
	require.Equal(t, http.StatusCreated, h.do(t, "POST", "/api/submissions", ana.Token, `{"kind":"level","level":"shed","replay":"x"}`, nil))

	req, err := http.NewRequest("GET", h.srv.URL+"/dashboard/classes/1", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer facilitator-secret")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var b strings.Builder
	_, err = io.Copy(&b, resp.Body)
	require.NoError(t, err)
	page := b.String()
	assert.Equal(t, "15", resp.Header.Get("Refresh"), "the class page reloads itself")
	assert.Contains(t, page, "refreshes itself every 15 s")

	design, challenge, ok := strings.Cut(page, "<h3>Challenge 1: Groundwork <span class=\"muted\">(c01-groundwork)</span></h3>")
	require.True(t, ok, "the challenge is shown by name, after the design levels:\n%s", page)
	assert.Contains(t, design, `<h3>Close a one-room shed <span class="muted">(shed)</span></h3>`)
	assert.Contains(t, design, `<td>Ana</td><td class="n">3000</td><td class="n">3</td><td class="n">$2291.79</td><td class="n">100%</td><td class="n">11.6</td><td class="n">100%</td><td class="n">5.2%</td><td class="n">100%</td>`)
	assert.Contains(t, challenge, `<tr><th>learner</th><th class="n">score</th><th class="n">stars</th><th class="n">time</th><th class="n">mistakes</th></tr>`)
	assert.Contains(t, challenge, `<td>Ana</td><td class="n">1800</td><td class="n">2</td><td class="n">0:42</td><td class="n">2</td></tr>`)
	assert.NotContains(t, challenge, "$0.00")
	assert.NotContains(t, challenge, "better than")
	assert.Contains(t, page, `<span class="tag">Close a one-room shed</span>`, "the roster names the levels passed")
	assert.Contains(t, page, `<span class="tag">Challenge 1: Groundwork</span>`)

	csv := get(t, h, "/dashboard/classes/1/results.csv")
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	require.Len(t, lines, 3, csv)
	assert.True(t, strings.HasSuffix(lines[0], ",kind,time_s,mistakes"), lines[0])
	assert.Regexp(t, `^c01-groundwork,Ana,1800,2,,,,,,,[0-9a-f]*,[-0-9T:Z]+,challenge,41.5,2$`, lines[1], "no cost or standings for a challenge")
	assert.Regexp(t, `^shed,Ana,3000,3,2291.79,11.6,5.2,100,100,100,[0-9a-f]*,[-0-9T:Z]+,level,,$`, lines[2])
}

func get(t *testing.T, h *harness, path string) string {
	var out string
	require.Equal(t, http.StatusOK, h.do(t, "GET", path, "facilitator-secret", "", &out))
	return out
}
