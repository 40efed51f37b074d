package classroom_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/opensourceecology/prodos/production/classroom/sqlitestore"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sumVerifier re-simulates a toy replay: lines of moves ("+N") and a final
// "claim N" line. The score is the sum of the moves; a claim that differs is
// a tampered replay. It stands in for the engine in these server tests only.
var sumVerifier = classroom.VerifierFunc(func(_ context.Context, kind, level string, replay []byte) (classroom.Verified, error) {
	total, claim := 0, -1
	for _, line := range strings.Split(strings.TrimSpace(string(replay)), "\n") {
		if n, ok := strings.CutPrefix(line, "+"); ok {
			v, err := strconv.Atoi(n)
			if err != nil {
				return classroom.Verified{}, fmt.Errorf("bad move %q", line)
			}
			total += v
		} else if c, ok := strings.CutPrefix(line, "claim "); ok {
			claim, _ = strconv.Atoi(c)
		}
	}
	if claim != total {
		return classroom.Verified{}, fmt.Errorf("the replay claims %d but re-simulates to %d", claim, total)
	}
	return classroom.Verified{Score: total, Stars: 1, Passed: true, Cost: decimal.NewFromInt(int64(10000 - total)),
		LabourMinutes: decimal.NewFromInt(600), SheetWastePct: decimal.NewFromInt(10), Qualifications: []string{"wall-framer"}}, nil
})

type harness struct {
	srv  *httptest.Server
	s    *classroom.Server
	code string
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	db, err := sqlitestore.Open(filepath.Join(t.TempDir(), "class.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	web := fstest.MapFS{"index.html": {Data: []byte("<canvas></canvas>")}, "housegame.wasm": {Data: bytes.Repeat([]byte{0, 'a', 's', 'm'}, 1000)}}
	s := &classroom.Server{Store: db, Verifier: sumVerifier, Token: "facilitator-secret", Web: web}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	h := &harness{srv: srv, s: s}
	var c classroom.CreateClassResponse
	status := h.do(t, "POST", "/api/classes", "facilitator-secret", `{"name":"Saturday build"}`, &c)
	require.Equal(t, http.StatusCreated, status)
	require.Regexp(t, `^[A-Z2-9]{4}-[A-Z2-9]{4}$`, c.Code)
	h.code = c.Code
	return h
}

func (h *harness) do(t *testing.T, method, path, bearer, body string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, h.srv.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil {
		if s, ok := out.(*string); ok {
			*s = string(b)
		} else {
			require.NoError(t, json.Unmarshal(b, out), string(b))
		}
	}
	return resp.StatusCode
}

func (h *harness) join(t *testing.T, name string) classroom.JoinResponse {
	var j classroom.JoinResponse
	require.Equal(t, http.StatusCreated, h.do(t, "POST", "/api/join", "", fmt.Sprintf(`{"code":%q,"name":%q}`, strings.ToLower(h.code), name), &j))
	return j
}

func TestJoinSubmitAndDashboard(t *testing.T) {
	h := newHarness(t)
	ana := h.join(t, "Ana")
	ben := h.join(t, "Ben")
	assert.NotEqual(t, ana.Token, ben.Token)

	var res classroom.SubmitResponse
	status := h.do(t, "POST", "/api/submissions", ana.Token, `{"kind":"level","level":"shed","replay":"+400\n+500\nclaim 900\n"}`, &res)
	require.Equal(t, http.StatusCreated, status)
	assert.Equal(t, 900, res.Score)
	assert.Equal(t, "9100.00", res.Cost)
	assert.Len(t, res.ReplayHash, 64)
	require.Equal(t, http.StatusCreated, h.do(t, "POST", "/api/submissions", ben.Token, `{"kind":"level","level":"shed","replay":"+300\nclaim 300"}`, nil))

	var page string
	require.Equal(t, http.StatusOK, h.do(t, "GET", "/dashboard/classes/1", "facilitator-secret", "", &page))
	assert.Contains(t, page, "Ana")
	assert.Contains(t, page, "wall-framer")
	assert.Contains(t, page, "$9100.00")
	assert.Contains(t, page, h.code)

	var csv string
	require.Equal(t, http.StatusOK, h.do(t, "GET", "/dashboard/classes/1/results.csv", "facilitator-secret", "", &csv))
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	require.Len(t, lines, 3)
	assert.True(t, strings.HasPrefix(lines[1], "shed,Ana,900,1,9100.00,10.0,10.0,100,50,50,"), lines[1])
	assert.True(t, strings.HasPrefix(lines[2], "shed,Ben,300,1,9700.00,10.0,10.0,0,50,50,"), lines[2])
}

func TestRefusals(t *testing.T) {
	h := newHarness(t)
	ana := h.join(t, "Ana")
	var e map[string]string
	cases := []struct {
		name, method, path, bearer, body string
		status                           int
		want                             string
	}{
		{"tampered replay", "POST", "/api/submissions", ana.Token, `{"kind":"level","level":"shed","replay":"+400\nclaim 9000"}`, 422, "replay does not verify: the replay claims 9000 but re-simulates to 400"},
		{"no learner token", "POST", "/api/submissions", "", `{"kind":"level","level":"shed","replay":"+1\nclaim 1"}`, 401, "join a class first"},
		{"someone else's token", "POST", "/api/submissions", "forged", `{"kind":"level","level":"shed","replay":"+1\nclaim 1"}`, 401, "unknown learner token"},
		{"bad kind", "POST", "/api/submissions", ana.Token, `{"kind":"boss","level":"shed","replay":"+1\nclaim 1"}`, 400, `kind must be "level" or "challenge", got "boss"`},
		{"bad level id", "POST", "/api/submissions", ana.Token, `{"kind":"level","level":"../etc","replay":"+1\nclaim 1"}`, 400, "level must be a level id"},
		{"unknown field", "POST", "/api/submissions", ana.Token, `{"kind":"level","level":"shed","replay":"+1","score":1000000}`, 400, "unknown field"},
		{"oversized body", "POST", "/api/submissions", ana.Token, `{"kind":"level","level":"shed","replay":"` + strings.Repeat("+1 ", classroom.MaxBody/3+10) + `"}`, 413, "larger than 1048576 bytes"},
		{"wrong join code", "POST", "/api/join", "", `{"code":"ZZZZ-ZZZZ","name":"Eve"}`, 404, `no class has the join code "ZZZZ-ZZZZ"`},
		{"empty name", "POST", "/api/join", "", fmt.Sprintf(`{"code":%q,"name":"  "}`, h.code), 400, "name is empty"},
		{"taken name", "POST", "/api/join", "", fmt.Sprintf(`{"code":%q,"name":"Ana"}`, h.code), 409, `the name "Ana" is already taken`},
		{"markup in name", "POST", "/api/join", "", fmt.Sprintf(`{"code":%q,"name":"<script>"}`, h.code), 400, "not allowed"},
		{"class API without token", "POST", "/api/classes", "", `{"name":"x"}`, 401, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var body string
			status := h.do(t, tc.method, tc.path, tc.bearer, tc.body, &body)
			assert.Equal(t, tc.status, status, body)
			if tc.want != "" {
				require.NoError(t, json.Unmarshal([]byte(body), &e), body)
				assert.Contains(t, e["error"], tc.want)
			}
		})
	}
	// Nothing refused was recorded.
	rep, err := h.s.Report(context.Background(), 1)
	require.NoError(t, err)
	assert.Empty(t, rep.Results)
}

func TestDashboardNeedsToken(t *testing.T) {
	h := newHarness(t)
	for _, p := range []string{"/dashboard", "/dashboard/classes/1", "/dashboard/classes/1/results.csv"} {
		var body string
		assert.Equal(t, http.StatusUnauthorized, h.do(t, "GET", p, "", "", &body), p)
		assert.Equal(t, http.StatusUnauthorized, h.do(t, "GET", p, "wrong", "", &body), p)
		assert.NotContains(t, body, h.code)
	}
	// ?token= logs in: a session cookie (not the token) and a redirect to
	// the same address without the token (issue 13 item 5).
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(h.srv.URL + "/dashboard/classes/1?token=facilitator-secret")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusSeeOther, resp.StatusCode)
	assert.Equal(t, "/dashboard/classes/1", resp.Header.Get("Location"))
	cookie := resp.Header.Get("Set-Cookie")
	assert.Contains(t, cookie, "HttpOnly")
	assert.Contains(t, cookie, "SameSite=Strict")
	assert.NotContains(t, cookie, "facilitator-secret")
	req, _ := http.NewRequest("GET", h.srv.URL+"/dashboard/classes/1", nil)
	req.Header.Set("Cookie", strings.Split(cookie, ";")[0])
	resp, err = noFollow.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func TestServesPrecompressedWasm(t *testing.T) {
	h := newHarness(t)
	req, _ := http.NewRequest("GET", h.srv.URL+"/housegame.wasm", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	tr := &http.Transport{DisableCompression: true}
	resp, err := (&http.Client{Transport: tr}).Do(req)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, "application/wasm", resp.Header.Get("Content-Type"))
	assert.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
	assert.Less(t, len(body), 4000)
	etag := resp.Header.Get("ETag")
	assert.NotEmpty(t, etag)
	assert.Contains(t, resp.Header.Get("Cache-Control"), "max-age")

	req.Header.Set("If-None-Match", etag)
	resp, err = (&http.Client{Transport: tr}).Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotModified, resp.StatusCode)

	plain, err := http.NewRequest("GET", h.srv.URL+"/housegame.wasm", nil)
	require.NoError(t, err)
	resp, err = (&http.Client{Transport: tr}).Do(plain)
	require.NoError(t, err)
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Empty(t, resp.Header.Get("Content-Encoding"))
	assert.Len(t, body, 4000)

	var idx string
	assert.Equal(t, http.StatusOK, h.do(t, "GET", "/", "", "", &idx))
	assert.Contains(t, idx, "<canvas>")
	assert.Equal(t, http.StatusNotFound, h.do(t, "GET", "/nope.js", "", "", nil))
}

func TestLeaderboardPercentiles(t *testing.T) {
	mk := func(id int64, name string, score int, cost int64) classroom.Result {
		return classroom.Result{LearnerID: id, Learner: name, Verified: classroom.Verified{Level: "l1", Score: score, Passed: true,
			Cost: decimal.NewFromInt(cost), LabourMinutes: decimal.NewFromInt(60), SheetWastePct: decimal.NewFromInt(5)}}
	}
	lb := classroom.Leaderboard([]classroom.Result{mk(1, "a", 10, 300), mk(1, "a", 50, 100), mk(2, "b", 40, 200), mk(3, "c", 30, 300),
		{LearnerID: 4, Learner: "d", Verified: classroom.Verified{Level: "l1", Score: 99, Passed: false}}})
	rows := lb["l1"]
	require.Len(t, rows, 3, "one row per learner; failed attempts excluded")
	assert.Equal(t, []string{"a", "b", "c"}, []string{rows[0].Learner, rows[1].Learner, rows[2].Learner})
	assert.Equal(t, 50, rows[0].Score, "best attempt kept")
	assert.Equal(t, []int{100, 50, 0}, []int{rows[0].CostPct, rows[1].CostPct, rows[2].CostPct})
	assert.Equal(t, 50, rows[0].LabourPct, "ties count half")
}
