package classroom_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/opensourceecology/prodos/production/classroom/sqlitestore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newLimited is a harness whose server has the given limits and verifier.
func newLimited(t *testing.T, lim classroom.Limits, v classroom.Verifier, award classroom.AwardFunc) *harness {
	t.Helper()
	db, err := sqlitestore.Open(filepath.Join(t.TempDir(), "class.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	if v == nil {
		v = sumVerifier
	}
	s := &classroom.Server{Store: db, Verifier: v, Token: "facilitator-secret", Limits: lim, Award: award}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	h := &harness{srv: srv, s: s}
	var c classroom.CreateClassResponse
	require.Equal(t, http.StatusCreated, h.do(t, "POST", "/api/classes", "facilitator-secret", `{"name":"Saturday build"}`, &c))
	h.code = c.Code
	return h
}

func (h *harness) submit(t *testing.T, token, key, replay string) (int, http.Header, classroom.SubmitResponse) {
	t.Helper()
	body, _ := json.Marshal(classroom.SubmitRequest{Kind: "level", Level: "shed", Replay: replay})
	req, _ := http.NewRequest("POST", h.srv.URL+"/api/submissions", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var res classroom.SubmitResponse
	json.NewDecoder(resp.Body).Decode(&res)
	return resp.StatusCode, resp.Header, res
}

// TestSubmissionsAreIdempotent: issue 13 item 2: a retried submission
// (same replay, or same Idempotency-Key) is recorded once.
func TestSubmissionsAreIdempotent(t *testing.T) {
	h := newHarness(t)
	ana := h.join(t, "Ana")
	status, _, first := h.submit(t, ana.Token, "", "+5\nclaim 5")
	require.Equal(t, http.StatusCreated, status)
	status, _, again := h.submit(t, ana.Token, "", "+5\nclaim 5")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, first.ID, again.ID)
	status, _, k1 := h.submit(t, ana.Token, "attempt-1", "+6\nclaim 6")
	require.Equal(t, http.StatusCreated, status)
	status, _, k1again := h.submit(t, ana.Token, "attempt-1", "+6\nclaim 6")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, k1.ID, k1again.ID)
	status, _, _ = h.submit(t, ana.Token, "bad key", "+6\nclaim 6")
	assert.Equal(t, http.StatusBadRequest, status)
	rep, err := h.s.Report(context.Background(), 1)
	require.NoError(t, err)
	assert.Len(t, rep.Results, 2)
}

// TestVerificationsAreBounded: issue 13 item 2: beyond Limits.Verifications
// at once the server answers 503 with Retry-After instead of queueing.
func TestVerificationsAreBounded(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	slow := classroom.VerifierFunc(func(ctx context.Context, kind, level string, replay []byte) (classroom.Verified, error) {
		once.Do(func() { close(started) })
		select {
		case <-release:
		case <-ctx.Done():
			return classroom.Verified{}, ctx.Err()
		}
		return sumVerifier(ctx, kind, level, replay)
	})
	h := newLimited(t, classroom.Limits{Verifications: 1, QueueWait: 20 * time.Millisecond}, slow, nil)
	ana, ben := h.join(t, "Ana"), h.join(t, "Ben")
	done := make(chan int)
	go func() {
		status, _, _ := h.submit(t, ana.Token, "", "+1\nclaim 1")
		done <- status
	}()
	<-started
	status, hdr, _ := h.submit(t, ben.Token, "", "+2\nclaim 2")
	assert.Equal(t, http.StatusServiceUnavailable, status)
	assert.NotEmpty(t, hdr.Get("Retry-After"))
	close(release)
	assert.Equal(t, http.StatusCreated, <-done)
	status, _, _ = h.submit(t, ben.Token, "", "+2\nclaim 2")
	assert.Equal(t, http.StatusCreated, status, "a slot is free again")
}

// TestVerificationTimeoutStopsTheReplay: the verifier's context ends.
func TestVerificationTimeoutStopsTheReplay(t *testing.T) {
	stuck := classroom.VerifierFunc(func(ctx context.Context, kind, level string, replay []byte) (classroom.Verified, error) {
		<-ctx.Done()
		return classroom.Verified{}, ctx.Err()
	})
	h := newLimited(t, classroom.Limits{VerifyTimeout: 50 * time.Millisecond}, stuck, nil)
	ana := h.join(t, "Ana")
	var body string
	status := h.do(t, "POST", "/api/submissions", ana.Token, `{"kind":"level","level":"shed","replay":"+1"}`, &body)
	assert.Equal(t, http.StatusUnprocessableEntity, status)
	assert.Contains(t, body, "took longer than 50ms")
}

// TestSubmissionRatePerLearner: issue 13 item 2.
func TestSubmissionRatePerLearner(t *testing.T) {
	h := newLimited(t, classroom.Limits{SubmitBurst: 2, SubmitEvery: time.Hour}, nil, nil)
	ana, ben := h.join(t, "Ana"), h.join(t, "Ben")
	for i := 1; i <= 2; i++ {
		status, _, _ := h.submit(t, ana.Token, "", fmt.Sprintf("+%d\nclaim %d", i, i))
		require.Equal(t, http.StatusCreated, status)
	}
	status, hdr, _ := h.submit(t, ana.Token, "", "+3\nclaim 3")
	assert.Equal(t, http.StatusTooManyRequests, status)
	assert.NotEmpty(t, hdr.Get("Retry-After"))
	status, _, _ = h.submit(t, ben.Token, "", "+3\nclaim 3")
	assert.Equal(t, http.StatusCreated, status, "the limit is per learner")
}

// TestAwardsAreAtomic: issue 13 item 7: two submissions at once must not
// lose an award that needs both (read and write in one transaction).
func TestAwardsAreAtomic(t *testing.T) {
	twoLevels := classroom.VerifierFunc(func(ctx context.Context, kind, level string, replay []byte) (classroom.Verified, error) {
		time.Sleep(5 * time.Millisecond)
		return classroom.Verified{Score: 100, Stars: 1, Passed: true}, nil
	})
	award := func(p classroom.Progress, v classroom.Verified) []string {
		_, a := p.BestScore("level", "l1")
		_, b := p.BestScore("level", "l2")
		a = a || v.Level == "l1"
		b = b || v.Level == "l2"
		if a && b && !p.Held["both"] {
			return []string{"both"}
		}
		return nil
	}
	h := newLimited(t, classroom.Limits{Verifications: 8, JoinBurst: 100}, twoLevels, award)
	for i := 0; i < 20; i++ {
		l := h.join(t, fmt.Sprintf("L%d", i))
		var wg sync.WaitGroup
		for _, level := range []string{"l1", "l2"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				status := h.do(t, "POST", "/api/submissions", l.Token, fmt.Sprintf(`{"kind":"level","level":%q,"replay":"x %s"}`, level, level), nil)
				assert.Equal(t, http.StatusCreated, status)
			}()
		}
		wg.Wait()
	}
	rep, err := h.s.Report(context.Background(), 1)
	require.NoError(t, err)
	require.Len(t, rep.Roster, 20)
	for _, row := range rep.Roster {
		assert.Equal(t, []string{"both"}, row.Qualifications, row.Name)
	}
}

// TestJoinLimits: issue 13 item 6: joins and wrong codes are limited per
// address, and a flood of refusals does not flood the log.
func TestJoinLimits(t *testing.T) {
	var logBuf syncBuffer
	h := newLimited(t, classroom.Limits{JoinBurst: 3, JoinEvery: time.Hour, BadCodeBurst: 2, BadCodeEvery: time.Hour}, nil, nil)
	h.s.Log = log.New(&logBuf, "", 0)
	for i := 0; i < 3; i++ {
		h.join(t, fmt.Sprintf("Bot%d", i))
	}
	var e map[string]string
	assert.Equal(t, http.StatusTooManyRequests, h.do(t, "POST", "/api/join", "", fmt.Sprintf(`{"code":%q,"name":"Bot9"}`, h.code), &e))
	assert.Contains(t, e["error"], "too many joins")

	g := newLimited(t, classroom.Limits{BadCodeBurst: 2, BadCodeEvery: time.Hour}, nil, nil)
	for i := 0; i < 2; i++ {
		assert.Equal(t, http.StatusNotFound, g.do(t, "POST", "/api/join", "", `{"code":"ZZZZ-ZZZZ","name":"Eve"}`, nil))
	}
	assert.Equal(t, http.StatusTooManyRequests, g.do(t, "POST", "/api/join", "", fmt.Sprintf(`{"code":%q,"name":"Eve"}`, g.code), &e),
		"after two wrong codes even the right one waits")
	assert.Contains(t, e["error"], "too many wrong join codes")
}

// TestLogIsBounded: 500 refused requests write at most a burst of lines.
func TestLogIsBounded(t *testing.T) {
	var logBuf syncBuffer
	h := newHarness(t)
	h.s.Log = log.New(&logBuf, "", 0)
	for i := 0; i < 200; i++ {
		h.do(t, "POST", "/api/submissions", "forged", `{}`, nil)
	}
	lines := strings.Count(logBuf.String(), "\n")
	assert.Greater(t, lines, 10)
	assert.LessOrEqual(t, lines, 60, "at most a burst of 50 and a few a second")
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }
