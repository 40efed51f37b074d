package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/opensourceecology/prodos/production/classroom/submission"
	"github.com/opensourceecology/prodos/production/training/attempts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// startClassAttempt asks the class server for a one-time attempt id, as
// the game does (through the page) when a challenge's clock starts.
func startClassAttempt(t testing.TB, url, token, level string) classroom.AttemptResponse {
	t.Helper()
	var a classroom.AttemptResponse
	require.Equal(t, http.StatusCreated, postJSON(t, url+"/api/attempts", token, classroom.AttemptRequest{Kind: classroom.KindChallenge, Level: level}, &a))
	require.NotEmpty(t, a.AttemptID)
	return a
}

// playClassAttempt plays the attempt's challenge with think ticks a
// decision, starting when the id was issued, and returns its replay.
func playClassAttempt(t testing.TB, a classroom.AttemptResponse, think int) string {
	t.Helper()
	set, _, err := attempts.Challenges()
	require.NoError(t, err)
	s := training.AutoPlay(set.Level(a.Level), think)
	return string(training.ReplayAttempt(s, training.Attempt{ID: a.AttemptID, Learner: a.Learner, Started: a.IssuedAt, Ended: a.IssuedAt.Add(training.TicksTime(s.Tick()))}))
}

// classReplay is an honest class attempt: started on the server, played
// by a quick, faultless player (a fraction of a second of ticks, so it may
// be sent at once).
func classReplay(t testing.TB, url, token, level string) string {
	t.Helper()
	return playClassAttempt(t, startClassAttempt(t, url, token, level), 1)
}

// TestClassAttemptForgeries walks the forgeries through a real `prodos
// serve` over HTTP on a SQLite file: each is refused with its reason, the
// copies are flagged on the facilitator's class page, and the honest
// attempt is recorded as verified.
func TestClassAttemptForgeries(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(tokenEnv, "facilitator-token-1")
	addr, stop := startServe(t, "--db", filepath.Join(dir, "class.db"))
	defer stop()
	url := "http://" + addr
	var c classroom.CreateClassResponse
	require.Equal(t, http.StatusCreated, postJSON(t, url+"/api/classes", "facilitator-token-1", map[string]string{"name": "Saturday"}, &c))
	join := func(name string) classroom.JoinResponse {
		var j classroom.JoinResponse
		require.Equal(t, http.StatusCreated, postJSON(t, url+"/api/join", "", map[string]string{"code": c.Code, "name": name}, &j))
		return j
	}
	ana, bo := join("Ana"), join("Bo")
	submit := func(who classroom.JoinResponse, replay string) (int, string, classroom.SubmitResponse) {
		var raw map[string]any
		status := postJSON(t, url+"/api/submissions", who.Token, classroom.SubmitRequest{Kind: classroom.KindChallenge, Level: "c01-groundwork", Replay: replay}, &raw)
		var res classroom.SubmitResponse
		if status < 300 {
			res.Attestation, _ = raw["attestation"].(string)
			res.Qualifications = []string{}
			if qs, ok := raw["qualifications"].([]any); ok {
				for _, q := range qs {
					res.Qualifications = append(res.Qualifications, q.(string))
				}
			}
		}
		msg, _ := raw["error"].(string)
		return status, msg, res
	}

	// The honest path: start, play, submit; recorded as verified.
	honest := classReplay(t, url, ana.Token, "c01-groundwork")
	status, msg, res := submit(ana, honest)
	require.Equal(t, http.StatusCreated, status, msg)
	assert.Equal(t, "verified", res.Attestation)
	assert.Equal(t, []string{"foundation-crew"}, res.Qualifications)

	require.Equal(t, exitOK, first(runCmd(t, "replay", "demo", "c01-groundwork", "--out", filepath.Join(dir, "demo.replay"))))
	demo, err := os.ReadFile(filepath.Join(dir, "demo.replay"))
	require.NoError(t, err)
	anas := startClassAttempt(t, url, ana.Token, "c01-groundwork") // started, never sent by Ana
	slowStart := startClassAttempt(t, url, bo.Token, "c01-groundwork")
	long := playClassAttempt(t, startClassAttempt(t, url, bo.Token, "c01-groundwork"), 60) // 7 s of ticks, sent at once
	ticks := playClassAttempt(t, slowStart, 1)
	i := strings.Index(ticks, "ended ")
	j := strings.Index(ticks[i:], "\n")
	ticks = ticks[:i] + "ended " + slowStart.IssuedAt.Add(time.Minute).UTC().Format(time.RFC3339) + ticks[i+j:]
	reused := strings.Replace(honest, "\nend ", "\n# once more\nend ", 1)
	for _, c := range []struct {
		name   string
		replay string
		status int
		want   string
	}{
		{"a demo replay", string(demo), http.StatusUnprocessableEntity, "marked as a demonstration"},
		{"another learner's replay", honest, http.StatusConflict, "already credited to another learner"},
		{"a replay of another learner's attempt", playClassAttempt(t, anas, 1), http.StatusUnprocessableEntity, "was issued to another learner, not Bo"},
		{"ticks that disagree with the wall-clock times", ticks, http.StatusUnprocessableEntity, "but its clock shows"},
		{"a replay that ends after it was sent", long, http.StatusUnprocessableEntity, "after it was submitted"},
		{"no attempt id", string(training.ReplayWall(training.AutoPlay(mustLevel(t, "c01-groundwork"), 1), 100*time.Millisecond)), http.StatusUnprocessableEntity, "the replay has no attempt id"},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, msg, _ := submit(bo, c.replay)
			assert.Equal(t, c.status, status, msg)
			assert.Contains(t, msg, c.want)
		})
	}
	t.Run("a reused attempt id", func(t *testing.T) {
		status, msg, _ := submit(ana, reused)
		assert.Equal(t, http.StatusUnprocessableEntity, status, msg)
		assert.Contains(t, msg, "was already used")
	})

	req, err := http.NewRequest("GET", url+"/dashboard/classes/1", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer facilitator-token-1")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Contains(t, string(page), "<h2>Flagged submissions</h2>")
	assert.Contains(t, string(page), "<td>Bo</td><td>Challenge 1: Groundwork</td><td>sent a replay already credited to Ana</td>")
	assert.Contains(t, string(page), "<td>Bo</td><td>Challenge 1: Groundwork</td><td>sent a replay of attempt "+anas.AttemptID+", issued to Ana</td>")
	assert.Contains(t, string(page), "qualifications <span class=\"muted\">(verified)</span>")
	assert.Equal(t, 1, strings.Count(string(page), "<span class=\"tag\">foundation-crew</span>"), "only Ana's honest attempt earned")
}

func mustLevel(t testing.TB, id string) *training.Level {
	set, _, err := attempts.Challenges()
	require.NoError(t, err)
	l := set.Level(id)
	require.NotNil(t, l)
	return l
}

// pageClassReplay starts a challenge attempt through the page
// (window.prodosStartAttempt, as the game does when the clock starts) and
// plays it: the replay carries the class's attempt id and learner name.
func pageClassReplay(t *testing.T, ctx context.Context, level string) string {
	t.Helper()
	req, err := json.Marshal(string(submission.ForAttempt(level).JSON()))
	require.NoError(t, err)
	body, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.prodosStartAttempt(`+string(req)+`).then(r => r.body)`, chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	var a classroom.AttemptResponse
	require.NoError(t, json.Unmarshal([]byte(body), &a), body)
	require.NotEmpty(t, a.AttemptID, body)
	return playClassAttempt(t, a, 1)
}
