//go:build !js

package sqlitestore

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/shopspring/decimal"
)

// seedClass fills a class with learners*perLearner results in one
// transaction (as months of a busy class would).
func seedClass(tb testing.TB, db *DB, learners, perLearner int) (classroom.Class, []string) {
	ctx := context.Background()
	c, err := db.CreateClass(ctx, "Big", "BIGG-CLAS")
	if err != nil {
		tb.Fatal(err)
	}
	tx, err := db.db.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	var tokens []string
	now := time.Now().UTC().Format(timeFormat)
	for l := 0; l < learners; l++ {
		tok := fmt.Sprintf("token-%d", l)
		res, err := tx.Exec("INSERT INTO learners (class_id, name, name_key, token_hash, joined_at) VALUES (?, ?, ?, ?, ?)",
			c.ID, fmt.Sprintf("L%d", l), fmt.Sprintf("l%d", l), tokenHash(tok), now)
		if err != nil {
			tb.Fatal(err)
		}
		lid, _ := res.LastInsertId()
		tokens = append(tokens, tok)
		for i := 0; i < perLearner; i++ {
			level := fmt.Sprintf("c%02d", i%12)
			res, err := tx.Exec(`INSERT INTO results (learner_id, idem_key, kind, level, replay_hash, score, stars, passed, cost_cents,
				labour_minutes, sheet_waste_pct, qualifications, verified_at) VALUES (?, ?, 'challenge', ?, ?, ?, 2, 1, 0, '0', '0', '', ?)`,
				lid, fmt.Sprintf("seed-%d", i), level, fmt.Sprintf("%064d", i), 1000+i, now)
			if err != nil {
				tb.Fatal(err)
			}
			rid, _ := res.LastInsertId()
			if _, err := tx.Exec(`INSERT INTO best (learner_id, kind, level, score, result_id) VALUES (?, 'challenge', ?, ?, ?)
				ON CONFLICT DO UPDATE SET score = excluded.score, result_id = excluded.result_id`, lid, level, 1000+i, rid); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	return c, tokens
}

// benchVerifier stands in for re-simulation, so the figures are the
// server's and the store's share of a submission.
var benchVerifier = classroom.VerifierFunc(func(_ context.Context, kind, level string, _ []byte) (classroom.Verified, error) {
	return classroom.Verified{Score: 1500, Stars: 3, Passed: true, Cost: decimal.Zero}, nil
})

// benchAward reads the progress the way the real award rules do.
func benchAward(p classroom.Progress, v classroom.Verified) []string {
	if s, ok := p.BestScore("challenge", "c01"); ok && s > 1000 && !p.Held["bench"] {
		return []string{"bench"}
	}
	return nil
}

type benchClass struct {
	srv    *classroom.Server
	tokens []string
	lat    []time.Duration
}

func (c *benchClass) submit(tb testing.TB, n int) {
	body, _ := json.Marshal(classroom.SubmitRequest{Kind: "challenge", Level: "c01", Replay: fmt.Sprintf("replay %d", n)})
	req := httptest.NewRequest("POST", "/api/submissions", strings.NewReader(string(body)))
	req.Header.Set("Authorization", "Bearer "+c.tokens[n%len(c.tokens)])
	w := httptest.NewRecorder()
	t0 := time.Now()
	c.srv.ServeHTTP(w, req)
	c.lat = append(c.lat, time.Since(t0))
	if w.Code != http.StatusCreated {
		tb.Fatalf("submission %d: %d %s", n, w.Code, w.Body.String())
	}
}

func percentile(d []time.Duration, p int) time.Duration {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[(len(s)-1)*p/100]
}

var (
	bigOnce sync.Once
	bigDB   *DB
	bigTok  []string
)

// BenchmarkSubmitLargeClass (issue 13 item 3): submission latency in a
// class holding 100,000 results (1,000 learners x 100) against a fresh
// class, alternating one submission to each per iteration. A submission
// reads only its learner's best-per-level and held rows, so the p50 and p99
// ratios (large / fresh) should stay within 2.
func BenchmarkSubmitLargeClass(b *testing.B) {
	bigOnce.Do(func() {
		dir, err := filepathTemp()
		if err != nil {
			b.Fatal(err)
		}
		bigDB, err = Open(filepath.Join(dir, "big.db"))
		if err != nil {
			b.Fatal(err)
		}
		_, bigTok = seedClass(b, bigDB, 1000, 100)
	})
	fresh, err := Open(filepath.Join(b.TempDir(), "fresh.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer fresh.Close()
	ctx := context.Background()
	fc, _ := fresh.CreateClass(ctx, "Fresh", "FRES-HCLS")
	var freshTok []string
	for i := 0; i < 10; i++ {
		tok := fmt.Sprintf("fresh-%d", i)
		if _, err := fresh.AddLearner(ctx, fc.ID, fmt.Sprintf("F%d", i), tok); err != nil {
			b.Fatal(err)
		}
		freshTok = append(freshTok, tok)
	}
	lim := classroom.Limits{SubmitBurst: 1 << 30}
	big := &benchClass{srv: &classroom.Server{Store: bigDB, Verifier: benchVerifier, Award: benchAward, Limits: lim}, tokens: bigTok[:10]}
	small := &benchClass{srv: &classroom.Server{Store: fresh, Verifier: benchVerifier, Award: benchAward, Limits: lim}, tokens: freshTok}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		big.submit(b, benchRun+i)
		small.submit(b, benchRun+i)
	}
	b.StopTimer()
	benchRun += b.N
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(percentile(big.lat, 50)), "p50-ms-100k")
	b.ReportMetric(ms(percentile(big.lat, 99)), "p99-ms-100k")
	b.ReportMetric(ms(percentile(small.lat, 50)), "p50-ms-fresh")
	b.ReportMetric(ms(percentile(small.lat, 99)), "p99-ms-fresh")
	b.ReportMetric(float64(percentile(big.lat, 50))/float64(percentile(small.lat, 50)), "p50-ratio")
	b.ReportMetric(float64(percentile(big.lat, 99))/float64(percentile(small.lat, 99)), "p99-ratio")
}

// benchRun keeps replays unique across the benchmark's runs (b.N grows).
var benchRun int

// benchDir holds the shared 100,000-result database, which outlives one
// b.TempDir (the benchmark function runs several times); TestMain removes it.
var benchDir string

func filepathTemp() (string, error) {
	var err error
	benchDir, err = os.MkdirTemp("", "prodos-bench-")
	return benchDir, err
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bigDB != nil {
		bigDB.Close()
	}
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}
