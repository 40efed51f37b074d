package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPracticalSignOffAndRevocation walks issue 16's practical sign-off and
// credential status through the real commands on real files: forged
// sign-offs are refused with the reason; the learner trains, is signed off
// by an appointed assessor and earns wall-framer; the badge cites the
// sign-off; a verifier in another process, with only the badge file,
// checks it against the issuer document and status list a running
// `prodos serve` publishes; after `badge revoke` both verifiers say revoked.
func TestPracticalSignOffAndRevocation(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdg"))
	t.Setenv("PRODOS_PROFILES_DB", "")
	t.Setenv(tokenEnv, "facilitator-token-1")
	db := filepath.Join(dir, "profiles.db")
	file := func(name string) string { return filepath.Join(dir, name) }
	for _, n := range []string{"al", "marcin", "bob"} {
		require.Equal(t, exitOK, first(runCmd(t, "profile", "create", n, "--db", db)))
	}
	earnOffline(t, db, "al", "c03-wall-module")
	code, out, _ := runCmd(t, "profile", "show", "al", "--db", db)
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "be signed off by an assessor for building a wall-ext-4x8 module in at most 60 minutes", "the challenge alone does not earn wall-framer")
	assert.Contains(t, out, "lead-build-crew       not held")

	sign := refuseForgedSignOffs(t, dir, db)
	require.NoError(t, os.WriteFile(file("build.jpg"), []byte("a photo of the wall module"), 0o644))
	code, out, errOut := sign("marcin", "--minutes", "52", "--date", "2026-11-30", "--notes", "square within 1/8 in", "--photo", file("build.jpg"))
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "marcin signed off al's practical for wall-framer: wall-ext-4x8 built in 52 minutes on 2026-11-30")
	assert.Contains(t, out, "earned qualification Wall framer (wall-framer)")
	code, out, _ = runCmd(t, "profile", "show", "al", "--db", db)
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "practical sign-offs:")
	assert.Contains(t, out, `wall-ext-4x8 built in 52 min on 2026-11-30 ("square within 1/8 in"), photo sha256:`)
	assert.Contains(t, out, "signed by marcin, signature ok")
	code, out, _ = runCmd(t, "profile", "show", "marcin", "--db", db)
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "signed off as assessor:")

	// The issuer publishes its profile and status list; the badge names them.
	addr, stop := startServe(t, "--db", file("class.db"), "--profiles", db)
	defer stop()
	base := "http://" + addr
	code, _, errOut = runCmd(t, "badge", "al", "wall-framer", "--db", db, "--issuer-url", base, "--out", file("badge.json"))
	require.Equal(t, exitOK, code, errOut)
	badgeJSON, err := os.ReadFile(file("badge.json"))
	require.NoError(t, err)
	assert.Contains(t, string(badgeJSON), `"genre": "Practical sign-off"`, "the badge cites the sign-off")
	assert.Contains(t, string(badgeJSON), `"statusListCredential": "`+base+`/credentials/status/1"`)
	code, out, errOut = runCmd(t, "badge", "verify", file("badge.json"), "--db", db)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "valid: Wall framer earned by al")
	assert.Contains(t, out, "practical sign-off sha256:")
	assert.Contains(t, out, "marcin (did:key:")

	elsewhere := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(elsewhere, "badge.json"), badgeJSON, 0o644))
	verifyElsewhere := func() (int, string) {
		cmd := prodChild(t, [][]string{{"badge", "verify", "badge.json", "--issuer", base}}, 1)
		cmd.Dir = elsewhere
		cmd.Env = append(cmd.Env, "XDG_DATA_HOME="+filepath.Join(elsewhere, "xdg"), "PRODOS_PROFILES_DB="+filepath.Join(elsewhere, "none.db"))
		outb, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if err != nil && !errorsAs(err, &exit) {
			t.Fatal(err)
		}
		return cmd.ProcessState.ExitCode(), string(outb)
	}
	code, out = verifyElsewhere()
	assert.Equal(t, exitOK, code, out)
	_, err = os.Stat(filepath.Join(elsewhere, "xdg", "prodos", "profiles.db"))
	assert.True(t, os.IsNotExist(err), "the other verifier has no profiles of its own")

	code, out, errOut = runCmd(t, "badge", "revoke", file("badge.json"), "--db", db, "--reason", "signed off in error")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "revoked urn:uuid:")
	code, _, errOut = runCmd(t, "badge", "verify", file("badge.json"), "--db", db)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errOut, "revoked: al's Wall framer was revoked on")
	assert.Contains(t, errOut, "(signed off in error)")
	code, out = verifyElsewhere()
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, out, "badge.json: revoked: the issuer's status list "+base+"/credentials/status/1 has bit 1 set")
}

// refuseForgedSignOffs makes keys for marcin and bob, appoints marcin,
// and checks the forged sign-offs of al's wall-framer practical are
// refused with the reason and record nothing. It returns the sign command.
func refuseForgedSignOffs(t *testing.T, dir, db string) func(assessor string, extra ...string) (int, string, string) {
	sign := func(assessor string, extra ...string) (int, string, string) {
		return runCmd(t, append([]string{"qualify", "sign", "al", "wall-framer", "--assessor", assessor, "--module", "wall-ext-4x8", "--db", db}, extra...)...)
	}
	code, _, errOut := sign("marcin", "--minutes", "52")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "run prodos qualify keygen marcin")
	for _, n := range []string{"marcin", "bob"} {
		code, out, errOut := runCmd(t, "qualify", "keygen", n, "--db", db)
		require.Equal(t, exitOK, code, errOut)
		assert.Contains(t, out, n+" signs with did:key:z6Mk")
	}
	bobKey := filepath.Join(dir, "xdg", "prodos", "assessor-keys", "bob-ed25519.pem")

	refusals := []struct {
		name, assessor string
		args           []string
		want           string
	}{
		{"assessor not qualified", "bob", []string{"--minutes", "50"}, "refused: assessor not qualified: bob does not hold Wall framer (wall-framer), and the installation has not appointed them its assessor"},
		{"signed with another key", "marcin", []string{"--minutes", "50", "--key", bobKey}, "refused: bad signature: signed with did:key:"},
		{"time over the limit", "marcin", []string{"--minutes", "75"}, "refused: practical part not met: measured time 75 minutes is over the 60-minute limit for Wall framer"},
	}
	for i, tc := range refusals {
		if i == 1 {
			code, out, errOut := runCmd(t, "qualify", "appoint", "marcin", "wall-framer", "--db", db)
			require.Equal(t, exitOK, code, errOut)
			assert.Contains(t, out, "marcin is appointed assessor for wall-framer")
		}
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := sign(tc.assessor, tc.args...)
			assert.Equal(t, exitProblems, code)
			assert.Contains(t, errOut, tc.want)
		})
	}
	code, out, _ := runCmd(t, "profile", "show", "al", "--db", db)
	require.Equal(t, exitOK, code)
	assert.NotContains(t, out, "practical sign-offs:", "refused sign-offs record nothing")
	return sign
}

// TestForgedSignOffInTheDatabase edits a recorded sign-off by hand: the
// profile shows it invalid and no badge can be issued from it.
func TestForgedSignOffInTheDatabase(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdg"))
	db := filepath.Join(dir, "profiles.db")
	for _, n := range []string{"al", "marcin"} {
		require.Equal(t, exitOK, first(runCmd(t, "profile", "create", n, "--db", db)))
	}
	earnOffline(t, db, "al", "c03-wall-module")
	require.Equal(t, exitOK, first(runCmd(t, "qualify", "keygen", "marcin", "--db", db)))
	require.Equal(t, exitOK, first(runCmd(t, "qualify", "appoint", "marcin", "wall-framer", "--db", db)))
	code, _, errOut := runCmd(t, "qualify", "sign", "al", "wall-framer", "--assessor", "marcin", "--module", "wall-ext-4x8", "--minutes", "58", "--db", db)
	require.Equal(t, exitOK, code, errOut)
	out, err := exec.Command("sqlite3", db, `UPDATE attestations SET body = replace(body, '"minutes":58', '"minutes":38')`).CombinedOutput()
	require.NoError(t, err, string(out))
	code, show, _ := runCmd(t, "profile", "show", "al", "--db", db)
	require.Equal(t, exitOK, code)
	assert.Contains(t, show, "INVALID: bad signature")
	code, _, errOut = runCmd(t, "badge", "al", "wall-framer", "--db", db, "--out", filepath.Join(dir, "b.json"))
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errOut, "has no valid practical sign-off sha256:")
	assert.Contains(t, errOut, "edited after it was signed")
}

func errorsAs(err error, target **exec.ExitError) bool {
	e, ok := err.(*exec.ExitError)
	if ok {
		*target = e
	}
	return ok
}

// signOffWallFramer signs learner's wall-framer practical off the honest
// way: an assessor "assessor" (made if needed) with a key, appointed by the
// installation, signs a 50-minute wall-ext-4x8 build. Other tests use it.
func signOffWallFramer(t *testing.T, db, learner string) {
	t.Helper()
	runCmd(t, "profile", "create", "assessor", "--db", db)
	for _, args := range [][]string{
		{"qualify", "keygen", "assessor", "--db", db},
		{"qualify", "appoint", "assessor", "wall-framer", "--db", db},
		{"qualify", "sign", learner, "wall-framer", "--assessor", "assessor", "--module", "wall-ext-4x8", "--minutes", "50", "--db", db},
	} {
		code, _, errOut := runCmd(t, args...)
		require.Equal(t, exitOK, code, errOut)
	}
}

// TestDashboardSignOff signs a practical off through the facilitator
// dashboard's form on a running `prodos serve`: a cross-site post and an
// over-time build are refused with the reason; the honest one is recorded
// and awards the qualification.
func TestDashboardSignOff(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdg"))
	t.Setenv(tokenEnv, "facilitator-token-1")
	db := filepath.Join(dir, "profiles.db")
	for _, n := range []string{"al", "marcin"} {
		require.Equal(t, exitOK, first(runCmd(t, "profile", "create", n, "--db", db)))
	}
	earnOffline(t, db, "al", "c03-wall-module")
	require.Equal(t, exitOK, first(runCmd(t, "qualify", "keygen", "marcin", "--db", db)))
	require.Equal(t, exitOK, first(runCmd(t, "qualify", "appoint", "marcin", "wall-framer", "--db", db)))
	addr, stop := startServe(t, "--db", filepath.Join(dir, "class.db"), "--profiles", db)
	defer stop()
	base := "http://" + addr
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	resp, err := client.PostForm(base+"/dashboard/login", url.Values{"token": {"facilitator-token-1"}})
	require.NoError(t, err)
	resp.Body.Close()
	get := func(path string) (int, string) {
		resp, err := client.Get(base + path)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	post := func(form url.Values, origin string) (int, string) {
		req, err := http.NewRequest(http.MethodPost, base+"/dashboard/signoff", strings.NewReader(form.Encode()))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		resp, err := client.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, page := get("/dashboard")
	require.Equal(t, http.StatusOK, code)
	assert.Contains(t, page, `href="/dashboard/signoff"`)
	code, page = get("/dashboard/signoff")
	require.Equal(t, http.StatusOK, code)
	assert.Contains(t, page, `<form method="post" action="/dashboard/signoff">`)

	form := url.Values{"learner": {"al"}, "assessor": {"marcin"}, "qualification": {"wall-framer"}, "module": {"wall-ext-4x8"},
		"date": {"2026-11-30"}, "minutes": {"75"}, "notes": {"square"}}
	code, _ = post(form, "http://evil.example")
	assert.Equal(t, http.StatusForbidden, code, "a cross-site post is refused")
	code, page = post(form, base)
	assert.Equal(t, http.StatusUnprocessableEntity, code)
	assert.Contains(t, page, "Refused:</strong> practical part not met: measured time 75 minutes is over the 60-minute limit")
	form.Set("minutes", "55")
	code, page = post(form, base)
	require.Equal(t, http.StatusOK, code, page)
	assert.Contains(t, page, "Recorded:</strong> marcin signed off al&#39;s practical for wall-framer: wall-ext-4x8 built in 55 minutes on 2026-11-30")
	assert.Contains(t, page, "earned wall-framer")
	code, out, _ := runCmd(t, "profile", "show", "al", "--db", db)
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, `wall-ext-4x8 built in 55 min on 2026-11-30 ("square")`)
	code, out, _ = runCmd(t, "profile", "show", "al", "--db", db, "--format", "json")
	require.Equal(t, exitOK, code)
	var shown struct {
		Attestations []struct {
			Assessor string `json:"assessor"`
			Minutes  int    `json:"minutes"`
		} `json:"attestations"`
		Permissions []struct{ Permission, State, Standing string } `json:"permissions"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &shown))
	require.Len(t, shown.Attestations, 1)
	assert.Equal(t, 55, shown.Attestations[0].Minutes)
	require.Len(t, shown.Permissions, 4)
	assert.Equal(t, "lead-build-crew", shown.Permissions[2].Permission)
	assert.Equal(t, "not held", shown.Permissions[2].State)
}

// TestStatusListMustBeTheIssuers: a verifier elsewhere that trusts the
// issuer at --issuer URL does not fetch a status list from another
// address the badge names.
func TestStatusListMustBeTheIssuers(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdg"))
	t.Setenv(tokenEnv, "facilitator-token-1")
	db := filepath.Join(dir, "profiles.db")
	require.Equal(t, exitOK, first(runCmd(t, "profile", "create", "al", "--db", db)))
	earnOffline(t, db, "al", "c01-groundwork")
	addr, stop := startServe(t, "--db", filepath.Join(dir, "class.db"), "--profiles", db)
	defer stop()
	elsewhere := t.TempDir()
	badgeFile := filepath.Join(elsewhere, "badge.json")
	code, _, errOut := runCmd(t, "badge", "al", "foundation-crew", "--db", db, "--issuer-url", "http://127.0.0.1:1", "--out", badgeFile)
	require.Equal(t, exitOK, code, errOut)
	cmd := prodChild(t, [][]string{{"badge", "verify", "badge.json", "--issuer", "http://" + addr}}, 1)
	cmd.Dir = elsewhere
	cmd.Env = append(cmd.Env, "XDG_DATA_HOME="+filepath.Join(elsewhere, "xdg"))
	out, err := cmd.CombinedOutput()
	require.Error(t, err)
	assert.Equal(t, exitProblems, cmd.ProcessState.ExitCode())
	assert.Contains(t, string(out), "badge.json: the badge's status list http://127.0.0.1:1/credentials/status/1 is not at the issuer's address http://"+addr)
}
