package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/opensourceecology/prodos/production/classroom/sqlitestore"
	"github.com/opensourceecology/prodos/production/classroom/submission"
	"github.com/opensourceecology/prodos/production/training/attempts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// classroomServer is the server prodos serve runs, with the real verifiers,
// over a real SQLite file.
func classroomServer(t testing.TB, lim ...classroom.Limits) *httptest.Server {
	db, err := sqlitestore.Open(filepath.Join(t.TempDir(), "class.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	s := &classroom.Server{Store: db, Verifier: attempts.Verify, Award: attempts.AwardQualifications, LevelName: attempts.LevelName, Challenge: attempts.IsChallenge, Token: "facilitator-token-1"}
	if len(lim) > 0 {
		s.Limits = lim[0]
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv
}

func postJSON(t testing.TB, url, bearer string, body any, out any) int {
	b, err := json.Marshal(body)
	require.NoError(t, err)
	req, err := http.NewRequest("POST", url, bytes.NewReader(b))
	require.NoError(t, err)
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	if out != nil {
		require.NoError(t, json.NewDecoder(resp.Body).Decode(out))
	}
	return resp.StatusCode
}

// demoReplay is a real, passing play of a challenge by the training
// package's auto-player, bound to no attempt (it verifies but earns
// nothing; see classReplay for one that earns).
func demoReplay(t testing.TB, level string) string {
	set, _, err := attempts.Challenges()
	require.NoError(t, err)
	l := set.Level(level)
	require.NotNil(t, l, level)
	s := training.AutoPlay(l, 30)
	return string(training.ReplayWall(s, training.TicksTime(s.Tick())))
}

// newClass creates a class through the facilitator API and returns its code.
func newClass(t testing.TB, srv *httptest.Server) string {
	var c classroom.CreateClassResponse
	require.Equal(t, http.StatusCreated, postJSON(t, srv.URL+"/api/classes", "facilitator-token-1", map[string]string{"name": "Saturday"}, &c))
	return c.Code
}

func joinClass(t testing.TB, srv *httptest.Server, code, name string) classroom.JoinResponse {
	var j classroom.JoinResponse
	require.Equal(t, http.StatusCreated, postJSON(t, srv.URL+"/api/join", "", map[string]string{"code": code, "name": name}, &j))
	return j
}

func TestClassroomVerifiesChallengeReplays(t *testing.T) {
	srv := classroomServer(t)
	ana := joinClass(t, srv, newClass(t, srv), "Ana")
	replay := classReplay(t, srv.URL, ana.Token, "c01-groundwork")

	var res classroom.SubmitResponse
	require.Equal(t, http.StatusCreated, postJSON(t, srv.URL+"/api/submissions", ana.Token, classroom.SubmitRequest{Kind: "challenge", Level: "c01-groundwork", Replay: replay}, &res))
	assert.True(t, res.Passed)
	assert.Greater(t, res.Score, 1200)
	assert.Equal(t, []string{"foundation-crew"}, res.Qualifications)

	// A retry of the same replay is the same submission (200, same id).
	first, firstScore := res.ID, res.Score
	require.Equal(t, http.StatusOK, postJSON(t, srv.URL+"/api/submissions", ana.Token, classroom.SubmitRequest{Kind: "challenge", Level: "c01-groundwork", Replay: replay}, &res))
	assert.Equal(t, first, res.ID)
	// Another passing attempt does not earn it twice.
	other := playClassAttempt(t, startClassAttempt(t, srv.URL, ana.Token, "c01-groundwork"), 3)
	require.Equal(t, http.StatusCreated, postJSON(t, srv.URL+"/api/submissions", ana.Token, classroom.SubmitRequest{Kind: "challenge", Level: "c01-groundwork", Replay: other}, &res))
	assert.Empty(t, res.Qualifications)

	// An edited claim is refused with the reason, and nothing is recorded.
	tampered := strings.Replace(replay, fmt.Sprintf("score %d", firstScore), "score 5000", 1)
	require.NotEqual(t, replay, tampered)
	var e map[string]string
	assert.Equal(t, http.StatusUnprocessableEntity, postJSON(t, srv.URL+"/api/submissions", ana.Token, classroom.SubmitRequest{Kind: "challenge", Level: "c01-groundwork", Replay: tampered}, &e))
	assert.Contains(t, e["error"], "replay does not verify")

	// A replay of one challenge sent as another is refused.
	assert.Equal(t, http.StatusUnprocessableEntity, postJSON(t, srv.URL+"/api/submissions", ana.Token, classroom.SubmitRequest{Kind: "challenge", Level: "c02-floor-cassette", Replay: replay}, &e))
	assert.Contains(t, e["error"], `the replay is of challenge "c01-groundwork", not "c02-floor-cassette"`)

	// The clock must have run on real time: a replay that does not say how
	// long it took, or whose ticks ran ten times slower than real time (a
	// browser at 6 frames a second), is refused.
	lines := strings.Split(demoReplay(t, "c01-groundwork"), "\n")
	var noWall, slow []string
	for _, l := range lines {
		if ms, ok := strings.CutPrefix(l, "wall "); ok {
			n, err := strconv.Atoi(ms)
			require.NoError(t, err)
			slow = append(slow, fmt.Sprintf("wall %d", 10*n))
			continue
		}
		noWall, slow = append(noWall, l), append(slow, l)
	}
	require.Len(t, noWall, len(lines)-1, "the demo replay has a wall line")
	assert.Equal(t, http.StatusUnprocessableEntity, postJSON(t, srv.URL+"/api/submissions", ana.Token, classroom.SubmitRequest{Kind: "challenge", Level: "c01-groundwork", Replay: strings.Join(noWall, "\n")}, &e))
	assert.Contains(t, e["error"], "the replay does not say how long the attempt took in real time")
	assert.Equal(t, http.StatusUnprocessableEntity, postJSON(t, srv.URL+"/api/submissions", ana.Token, classroom.SubmitRequest{Kind: "challenge", Level: "c01-groundwork", Replay: strings.Join(slow, "\n")}, &e))
	assert.Contains(t, e["error"], "s of real time but its clock shows")

	req, _ := http.NewRequest("GET", srv.URL+"/dashboard/classes/1/results.csv", nil)
	req.Header.Set("Authorization", "Bearer facilitator-token-1")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	assert.Equal(t, 2, strings.Count(buf.String(), "\n"), "header and Ana's best result:\n%s", buf.String())
	assert.Contains(t, buf.String(), "c01-groundwork,Ana,")
}

// BenchmarkClassroomLoad: 200 simulated learners join and post a real replay
// at once over loopback; every request must succeed, a 503 (all
// verification slots busy) being retried after its Retry-After as the game
// does. Reports the 99th percentile submission time and the retries.
// Bounded: 200 learners per iteration. They share one address, so the join
// limit is raised as for a school whose learners sit behind one router.
func BenchmarkClassroomLoad(b *testing.B) {
	const learners = 200
	var all []time.Duration
	var retries atomic.Int64
	for i := 0; i < b.N; i++ {
		srv := classroomServer(b, classroom.Limits{JoinBurst: 2 * learners})
		code := newClass(b, srv)
		lat := make([]time.Duration, learners)
		errs := make(chan error, learners)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for n := 0; n < learners; n++ {
			wg.Add(1)
			go func(n int) {
				defer wg.Done()
				<-start
				j := joinClass(b, srv, code, fmt.Sprintf("learner-%03d", n))
				replay := classReplay(b, srv.URL, j.Token, "c03-wall-module") // each learner's own attempt
				t0 := time.Now()
				var res classroom.SubmitResponse
				status := postJSON(b, srv.URL+"/api/submissions", j.Token, classroom.SubmitRequest{Kind: "challenge", Level: "c03-wall-module", Replay: replay}, &res)
				for status == http.StatusServiceUnavailable {
					retries.Add(1)
					time.Sleep(time.Second) // the server's Retry-After
					status = postJSON(b, srv.URL+"/api/submissions", j.Token, classroom.SubmitRequest{Kind: "challenge", Level: "c03-wall-module", Replay: replay}, &res)
				}
				lat[n] = time.Since(t0)
				if status != http.StatusCreated || !res.Passed {
					errs <- fmt.Errorf("learner %d: status %d", n, status)
				}
			}(n)
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			b.Fatal(err)
		}
		all = append(all, lat...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "ms-p99-submit")
	b.ReportMetric(0, "errors")
	b.ReportMetric(float64(retries.Load())/float64(b.N), "retries-503/op")
}

// shedReplay plays the first design level with the reference shed (a 2x2
// cell room closed by walls and a door, two roof panels) on the engine and
// returns its session log, encoded as the game encodes it.
func shedReplay(t testing.TB) string {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	lvl, err := levels.DesignLevel("shed")
	require.NoError(t, err)
	e, err := engine.FromLevel(lvl, cat)
	require.NoError(t, err)
	plan, err := engine.Layout("shed",
		"+ + + + + + +",
		"",
		"+ + + + + + +",
		"",
		"+ + +-+-+ + +",
		"    |F F|",
		"+ + + + + + +",
		"    |F F|",
		"+ + +d+-+ + +",
		"",
		"+ + + + + + +",
		"",
		"+ + + + + + +")
	require.NoError(t, err)
	places := append(plan.Placements, designs.Placement{Module: "roof-4x8", X: 2, Y: 2}, designs.Placement{Module: "roof-4x8", X: 3, Y: 2})
	tick := int64(0)
	for _, p := range places {
		if e.Len() > 0 && hasPlacement(e.Design(), p) {
			continue
		}
		tick += 30
		_, err := e.Apply(engine.Place(tick, p))
		require.NoError(t, err, "%+v", p)
	}
	require.True(t, e.Evaluate(lvl).Complete, "the reference shed completes the level")
	return submission.ForLevel("shed", e.Log()).Replay
}

func hasPlacement(d *designs.Design, p designs.Placement) bool {
	for _, q := range d.Placements {
		if q == p {
			return true
		}
	}
	return false
}

func TestClassroomVerifiesDesignLevelReplays(t *testing.T) {
	srv := classroomServer(t)
	ana := joinClass(t, srv, newClass(t, srv), "Ana")
	replay := shedReplay(t)

	var res classroom.SubmitResponse
	require.Equal(t, http.StatusCreated, postJSON(t, srv.URL+"/api/submissions", ana.Token, classroom.SubmitRequest{Kind: "level", Level: "shed", Replay: replay}, &res))
	assert.True(t, res.Passed)
	assert.GreaterOrEqual(t, res.Stars, 1)
	assert.NotEqual(t, "0.00", res.Cost)
	assert.NotEqual(t, "0.0", res.LabourHours)

	// A hand-edited log that moves the last roof panel off the grid is
	// refused by the engine on replay.
	lines := strings.Split(strings.TrimSpace(replay), "\n")
	last := lines[len(lines)-1]
	lines[len(lines)-1] = strings.Replace(last, "roof-4x8 3 2", "roof-4x8 9 9", 1)
	require.NotEqual(t, last, lines[len(lines)-1], "the log ends with the second roof panel: %s", last)
	var e map[string]string
	assert.Equal(t, http.StatusUnprocessableEntity, postJSON(t, srv.URL+"/api/submissions", ana.Token, classroom.SubmitRequest{Kind: "level", Level: "shed", Replay: strings.Join(lines, "\n")}, &e))
	assert.Contains(t, e["error"], "replay does not verify")

	assert.Equal(t, http.StatusUnprocessableEntity, postJSON(t, srv.URL+"/api/submissions", ana.Token, classroom.SubmitRequest{Kind: "level", Level: "cabin", Replay: replay}, &e))
	assert.Contains(t, e["error"], `the replay is of level "shed", not "cabin"`)
}
