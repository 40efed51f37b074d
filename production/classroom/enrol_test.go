package classroom_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func (h *harness) form(t *testing.T, path string, v url.Values) int {
	t.Helper()
	req, _ := http.NewRequest("POST", h.srv.URL+path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer facilitator-secret")
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode
}

// TestEnrolmentControls: issue 13 item 6: a facilitator closes joining,
// rotates the code and removes a learner.
func TestEnrolmentControls(t *testing.T) {
	h := newHarness(t)
	ana := h.join(t, "Ana")
	assert.Equal(t, http.StatusSeeOther, h.form(t, "/dashboard/classes/1/joining", url.Values{"open": {"0"}}))
	var e map[string]string
	assert.Equal(t, http.StatusForbidden, h.do(t, "POST", "/api/join", "", fmt.Sprintf(`{"code":%q,"name":"Ben"}`, h.code), &e))
	assert.Contains(t, e["error"], "closed for joining")
	var page string
	require.Equal(t, http.StatusOK, h.do(t, "GET", "/dashboard/classes/1", "facilitator-secret", "", &page))
	assert.Contains(t, page, "Open joining")
	assert.Equal(t, http.StatusSeeOther, h.form(t, "/dashboard/classes/1/joining", url.Values{"open": {"1"}}))
	assert.Equal(t, http.StatusBadRequest, h.form(t, "/dashboard/classes/1/joining", url.Values{"open": {"maybe"}}))

	old := h.code
	assert.Equal(t, http.StatusSeeOther, h.form(t, "/dashboard/classes/1/code", nil))
	c, err := h.s.Store.Class(context.Background(), 1)
	require.NoError(t, err)
	require.NotEqual(t, old, c.Code)
	assert.Equal(t, http.StatusNotFound, h.do(t, "POST", "/api/join", "", fmt.Sprintf(`{"code":%q,"name":"Ben"}`, old), nil))
	h.code = c.Code
	h.join(t, "Ben")

	status, _, _ := h.submit(t, ana.Token, "", "+1\nclaim 1")
	require.Equal(t, http.StatusCreated, status)
	assert.Equal(t, http.StatusSeeOther, h.form(t, "/dashboard/classes/1/remove", url.Values{"learner": {fmt.Sprint(ana.LearnerID)}}))
	assert.Equal(t, http.StatusUnauthorized, h.do(t, "GET", "/api/me", ana.Token, "", nil), "a removed learner's token stops working")
	rep, err := h.s.Report(context.Background(), 1)
	require.NoError(t, err)
	require.Len(t, rep.Roster, 1)
	assert.Equal(t, "Ben", rep.Roster[0].Name)
	assert.Empty(t, rep.Results)
	assert.Equal(t, http.StatusNotFound, h.form(t, "/dashboard/classes/1/remove", url.Values{"learner": {fmt.Sprint(ana.LearnerID)}}))
	assert.Equal(t, http.StatusNotFound, h.form(t, "/dashboard/classes/9/code", nil))
}

// TestLearnerNames: issue 13 item 6: names are NFKC-normalised, unique
// regardless of case, and may not hold format or bidi controls.
func TestLearnerNames(t *testing.T) {
	h := newHarness(t)
	h.join(t, "Ana")
	for _, tc := range []struct {
		name   string
		status int
		want   string
	}{
		{"al\u200bice", 400, "not allowed"},
		{"\u202eecila", 400, "not allowed"},
		{"bob\u2066", 400, "not allowed"},
		{"ana", 409, "already taken"},
		{"ＡＮＡ", 409, "already taken"}, // full-width letters are NFKC "ANA"
	} {
		var e map[string]string
		status := h.do(t, "POST", "/api/join", "", fmt.Sprintf(`{"code":%q,"name":%q}`, h.code, tc.name), &e)
		assert.Equal(t, tc.status, status, tc.name)
		assert.Contains(t, e["error"], tc.want, tc.name)
	}
	got := h.join(t, "Ｚoë")
	assert.Equal(t, "Zoë", got.Name)
	assert.Equal(t, "ana", classroom.NameKey("ANA"))
}

// TestCSVNeutralisesFormulas: issue 13 item 4 (OWASP CSV injection).
func TestCSVNeutralisesFormulas(t *testing.T) {
	h := newHarness(t)
	names := []string{"=cmd|' /C calc'!A0", "@SUM(1+1)", "+SUM(1,1)", "-2+3", "\tTab"}
	for i, n := range names {
		l := h.join(t, n)
		status, _, _ := h.submit(t, l.Token, "", fmt.Sprintf("+%d\nclaim %d", i+1, i+1))
		require.Equal(t, http.StatusCreated, status)
	}
	var body string
	require.Equal(t, http.StatusOK, h.do(t, "GET", "/dashboard/classes/1/results.csv", "facilitator-secret", "", &body))
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, len(names)+1)
	quoted := 0
	for _, row := range rows[1:] {
		assert.NotContains(t, "=+-@\t\r", row[1][:1], "learner cell %q", row[1])
		if strings.HasPrefix(row[1], "'") {
			quoted++
		}
	}
	assert.Equal(t, 4, quoted, "the four formula names are quoted; the tab was trimmed at join")
}

// TestSecurityHeaders: issue 13 item 11: CSP with frame-ancestors on every
// response; the game page's inline script is allowed by its hash only.
func TestSecurityHeaders(t *testing.T) {
	h := newHarness(t)
	for _, p := range []string{"/", "/dashboard", "/api/me", "/housegame.wasm"} {
		resp, err := http.Get(h.srv.URL + p)
		require.NoError(t, err)
		resp.Body.Close()
		csp := resp.Header.Get("Content-Security-Policy")
		assert.Contains(t, csp, "frame-ancestors 'none'", p)
		assert.NotContains(t, csp, "'unsafe-inline' 'self' 'wasm", p)
		assert.NotContains(t, csp, "script-src 'unsafe-inline'", p)
		assert.Equal(t, "DENY", resp.Header.Get("X-Frame-Options"), p)
	}
	resp, err := http.Get(h.srv.URL + "/")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Contains(t, resp.Header.Get("Content-Security-Policy"), "script-src 'self' 'wasm-unsafe-eval'")
}

// TestDashboardPageCSP: a dashboard page without scripts runs none.
func TestDashboardPageCSP(t *testing.T) {
	assert.Equal(t, "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
		resolveCSP(t, "/dashboard"))
}

func resolveCSP(t *testing.T, path string) string {
	h := newHarness(t)
	req, _ := http.NewRequest("GET", h.srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer facilitator-secret")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.Header.Get("Content-Security-Policy")
}
