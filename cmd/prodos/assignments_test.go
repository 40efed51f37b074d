//go:build !js

package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/levels/leveledit"
	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/opensourceecology/prodos/production/commons"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A facilitator makes a level in the editor model, publishes it to the
// server's commons with publish-level, and assigns it to two classes in
// prodos serve (one due long ago). Learners see the assignment, download
// the level (its SHA-256 is the hash), submit a replay of it; the server
// re-simulates it on the published level, and the class page shows the
// result under the assignment, on time or late.
func TestAssignmentOfAPublishedLevel(t *testing.T) {
	dir := t.TempDir()
	commonsWorld(t)
	t.Setenv(tokenEnv, "facilitator-token-1")
	addr, stop := startServe(t, "--db", filepath.Join(dir, "class.db"), "--commons-db", filepath.Join(dir, "commons.db"))
	defer stop()
	base := "http://" + addr

	shed, err := levels.DesignLevel("shed")
	require.NoError(t, err)
	m := leveledit.FromLevel(shed)
	m.Title, m.Budget = "Shed for the Saturday class", decimal.RequireFromString("2500")
	_, data, err := m.Build("class-shed.toml")
	require.NoError(t, err)
	file := filepath.Join(dir, "class-shed.toml")
	require.NoError(t, os.WriteFile(file, data, 0o644))
	code, out, stderr := prodos(t, "commons", "publish-level", file, "--as", "ana", "--server", base)
	require.Equal(t, exitOK, code, stderr)
	hash := commons.Hash(data)
	require.Contains(t, out, hash)

	jar, _ := cookiejar.New(nil)
	fac := &http.Client{Jar: jar}
	resp, err := fac.PostForm(base+"/dashboard/login", url.Values{"token": {"facilitator-token-1"}})
	require.NoError(t, err)
	resp.Body.Close()
	form := func(path string, v url.Values) (int, string) {
		resp, err := fac.PostForm(base+path, v)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	codeRE := regexp.MustCompile(`class="code">([A-Z0-9-]+)<`)
	classes := map[string]string{} // name -> class page path
	codes := map[string]string{}
	for _, name := range []string{"Saturday", "Sunday"} {
		resp, err := fac.PostForm(base+"/dashboard/classes", url.Values{"name": {name}})
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		classes[name] = resp.Request.URL.Path
		codes[name] = codeRE.FindStringSubmatch(string(b))[1]
	}
	status, body := form(classes["Saturday"]+"/assignments", url.Values{"level": {"not-a-hash"}, "due": {"2099-01-01"}})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, body, "not a published level's hash")
	status, body = form(classes["Saturday"]+"/assignments", url.Values{"level": {commons.Hash([]byte("nothing"))}, "due": {"2099-01-01"}})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, body, "no such level in the commons")
	status, body = form(classes["Saturday"]+"/assignments", url.Values{"level": {hash}, "due": {"2099-01-01"}})
	require.Equal(t, http.StatusOK, status, body)
	assert.Contains(t, body, "Shed for the Saturday class")
	status, body = form(classes["Sunday"]+"/assignments", url.Values{"level": {hash}, "due": {"2020-01-01"}})
	require.Equal(t, http.StatusOK, status, body)

	for _, c := range []struct{ class, learner, want string }{{"Saturday", "Ana", "on time"}, {"Sunday", "Bo", "late"}} {
		var learner classroom.JoinResponse
		require.Equal(t, http.StatusCreated, postJSON(t, base+"/api/join", "", map[string]string{"code": codes[c.class], "name": c.learner}, &learner))
		var list struct {
			Assignments []classroom.AssignmentJSON `json:"assignments"`
		}
		getJSONAuth(t, base+"/api/assignments", learner.Token, &list)
		require.Len(t, list.Assignments, 1)
		a := list.Assignments[0]
		assert.Equal(t, hash, a.Level)
		resp, err := http.Get(base + a.Download)
		require.NoError(t, err)
		level, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.Equal(t, hash, commons.Hash(level), "the downloaded level is the one assigned")

		var res classroom.SubmitResponse
		require.Equal(t, http.StatusCreated, postJSON(t, base+"/api/submissions", learner.Token,
			classroom.SubmitRequest{Kind: "level", Level: hash, Replay: shedReplay(t)}, &res))
		assert.True(t, res.Passed)

		resp, err = fac.Get(base + classes[c.class])
		require.NoError(t, err)
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Regexp(t, `Shed for the Saturday class[\s\S]*<td>`+c.learner+`</td><td>passed</td>[\s\S]*<td>`+c.want+`</td>`, string(page))
	}
}

func getJSONAuth(t *testing.T, u, bearer string, out any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+bearer)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, u)
	require.NoError(t, json.NewDecoder(resp.Body).Decode(out))
}
