package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/levels"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runAt runs prodos with its clock at now.
func runAt(t *testing.T, now time.Time, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(&env{stdout: &out, stderr: &errb, stdin: strings.NewReader(""), now: func() time.Time { return now }}, args)
	return code, out.String(), errb.String()
}

// offlineAttempt is one attempt played the offline way: `prodos attempt
// start` issues its id, the engine plays the challenge (a quick, faultless
// player), and the replay carries the id, the learner and its start and
// end. Submit is when it can be submitted (the moment it ended).
type offlineAttempt struct {
	ID, File string
	Submit   time.Time
	Session  *training.Session
	Started  time.Time
}

// playOffline starts and plays an attempt of learner at level and writes
// its replay into dir. The clock starts at at (tests move the clock rather
// than wait the attempt's real time).
func playOffline(t *testing.T, db, dir, learner, level string, at time.Time) offlineAttempt {
	t.Helper()
	code, out, errOut := runAt(t, at, "attempt", "start", "--profile", learner, "--challenge", level, "--db", db)
	require.Equal(t, exitOK, code, errOut)
	fields := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		k, v, _ := strings.Cut(line, " ")
		fields[k] = v
	}
	require.Equal(t, learner, fields["learner"])
	issued, err := time.Parse(time.RFC3339Nano, fields["issued"])
	require.NoError(t, err)
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	set, err := levels.Challenges(cat)
	require.NoError(t, err)
	s := training.AutoPlay(set.Level(level), 1)
	start := issued.Add(500 * time.Millisecond)
	end := start.Add(training.TicksTime(s.Tick()))
	file := filepath.Join(dir, learner+"-"+level+"-"+fields["attempt"]+".replay")
	require.NoError(t, os.WriteFile(file, training.ReplayAttempt(s, training.Attempt{ID: fields["attempt"], Learner: learner, Started: start, Ended: end}), 0o644))
	return offlineAttempt{ID: fields["attempt"], File: file, Submit: end.Add(time.Second), Session: s, Started: start}
}

// earnOffline earns learner the qualifications the challenges give, the
// honest offline way (attempt start, play, profile submit), in the
// profiles database db. Other tests use it to make qualified profiles.
func earnOffline(t *testing.T, db, learner string, challenges ...string) {
	t.Helper()
	dir := t.TempDir()
	at := time.Now().Add(-time.Hour)
	for _, c := range challenges {
		a := playOffline(t, db, dir, learner, c, at)
		code, _, errOut := runAt(t, a.Submit, "profile", "submit", learner, a.File, "--db", db)
		require.Equal(t, exitOK, code, errOut)
		at = a.Submit
	}
}

// TestAttemptForgeriesRefused walks the forgeries through the real
// commands on a real profiles file: each is refused (exit 1) with its
// reason and records nothing; the honest attempt is recorded self-attested.
func TestAttemptForgeriesRefused(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "profiles.db")
	file := func(name string) string { return filepath.Join(dir, name) }
	for _, n := range []string{"al", "bo"} {
		code, _, errOut := runCmd(t, "profile", "create", n, "--db", db)
		require.Equal(t, exitOK, code, errOut)
	}
	t0 := time.Now().Add(-time.Hour)

	require.Equal(t, exitOK, first(runCmd(t, "replay", "demo", "c01-groundwork", "--out", file("demo.replay"))))
	code, out, _ := runCmd(t, "replay", "verify", file("demo.replay"))
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "demonstration (prodos replay demo): it earns nothing")

	bos := playOffline(t, db, dir, "bo", "c01-groundwork", t0)
	honest := playOffline(t, db, dir, "al", "c01-groundwork", t0)
	// ticks that disagree with the wall-clock times: the end moved a minute on.
	data, err := os.ReadFile(honest.File)
	require.NoError(t, err)
	ended := honest.Started.Add(training.TicksTime(honest.Session.Tick())).UTC().Format("2006-01-02T15:04:05.000Z07:00")
	slow := strings.Replace(string(data), "ended "+ended, "ended "+honest.Started.Add(time.Minute).UTC().Format(time.RFC3339), 1)
	require.NotEqual(t, string(data), slow)
	require.NoError(t, os.WriteFile(file("slow.replay"), []byte(slow), 0o644))

	for _, c := range []struct{ name, replay, want string }{
		{"a demo replay", file("demo.replay"), "marked as a demonstration"},
		{"another learner's replay", bos.File, "was issued to another learner, not al"},
		{"ticks that disagree with the wall-clock times", file("slow.replay"), "but its clock shows"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := runAt(t, honest.Submit, "profile", "submit", "al", c.replay, "--db", db)
			assert.Equal(t, exitProblems, code)
			assert.Contains(t, errOut, c.want)
		})
	}
	code, out, errOut := runAt(t, honest.Submit, "profile", "submit", "al", honest.File, "--db", db)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "(self-attested)")
	assert.Contains(t, out, "earned qualification Foundation crew (foundation-crew), evidence sha256:")

	// The same attempt id in another replay (a second play) is refused.
	again := strings.Replace(string(data), "\nend ", "\n# played again\nend ", 1)
	require.NoError(t, os.WriteFile(file("again.replay"), []byte(again), 0o644))
	code, _, errOut = runAt(t, honest.Submit, "profile", "submit", "al", file("again.replay"), "--db", db)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errOut, "was already used")

	code, out, _ = runCmd(t, "profile", "show", "al", "--db", db)
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "Foundation crew (foundation-crew)")
	assert.Regexp(t, `evidence sha256:[0-9a-f]+  self-attested\n`, out)
	assert.Contains(t, out, "1 attempts")

	code, _, errOut = runCmd(t, "attempt", "start", "--profile", "al", "--challenge", "c99", "--db", db)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, `no challenge "c99"`)
	code, _, errOut = runCmd(t, "attempt", "start", "--profile", "zed", "--challenge", "c01-groundwork", "--db", db)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errOut, "no such profile")
}
