//go:build !js

package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// crewGet fetches a crew page and returns its body and form token.
func crewGet(t *testing.T, c *http.Client, u string) (string, string) {
	t.Helper()
	resp, err := c.Get(u)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	m := regexp.MustCompile(`name="form_token" value="([0-9a-f]+)"`).FindStringSubmatch(string(body))
	require.NotNil(t, m, "the page has a form token")
	return string(body), m[1]
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func TestCrewPagePostsRecordsOverHTTP(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdg"))
	t.Setenv("PRODOS_PROFILES_DB", filepath.Join(dir, "profiles.db"))
	t.Setenv(tokenEnv, "facilitator-token-1")
	qualifyInspector(t, dir, "ina")
	abDB, inDB := filepath.Join(dir, "asbuilt.db"), filepath.Join(dir, "inspections.db")
	addr, stop := startServe(t, "--db", filepath.Join(dir, "class.db"), "--crew", prodExample("cabin-12x16"), "--asbuilt-db", abDB, "--inspections-db", inDB)
	base := "http://" + addr

	// Not logged in: the login page, nothing else.
	resp, err := http.Get(base + "/crew")
	require.NoError(t, err)
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	resp.Body.Close()

	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	page, tok := crewGet(t, c, base+"/crew?token=facilitator-token-1") // a QR code on site: logs in, then a clean address
	assert.Contains(t, page, `<meta name="viewport" content="width=device-width, initial-scale=1">`)
	assert.Contains(t, page, "min-height:48px")
	assert.NotContains(t, page, "<script")
	assert.Contains(t, page, `<option value="W3.build">W3.build: build Exterior wall 4x8 for W3 (21 min planned)</option>`)

	// A form without the session's token (another site) is refused.
	form := url.Values{"task": {"W3.build"}, "minutes": {"30"}, "people": {"al, bo"}, "used": {"LUM-2X6-08=7"}, "wasted": {"LUM-2X6-08=1"}, "problems": {"bowed plate"}, "form_key": {"k1"}}
	resp, err = c.PostForm(base+"/crew/asbuilt", form)
	require.NoError(t, err)
	assert.Equal(t, http.StatusForbidden, resp.StatusCode, readBody(t, resp))

	form.Set("form_token", tok)
	resp, err = c.PostForm(base+"/crew/asbuilt", form)
	require.NoError(t, err)
	body := readBody(t, resp)
	assert.Equal(t, http.StatusOK, resp.StatusCode, body)
	assert.Contains(t, body, "Recorded: W3.build build Exterior wall 4x8 for W3 took 30 minutes (planned 21), by al, bo.")
	resp, err = c.PostForm(base+"/crew/asbuilt", form) // sent twice: recorded once
	require.NoError(t, err)
	assert.Contains(t, readBody(t, resp), "Already recorded")
	form.Set("minutes", "half an hour")
	form.Set("form_key", "k2")
	resp, err = c.PostForm(base+"/crew/asbuilt", form)
	require.NoError(t, err)
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode, readBody(t, resp))

	// The inspection form of W3 lists its checkpoints; a failed one says what to fix.
	page, tok = crewGet(t, c, base+"/crew/inspect?placement=W3")
	assert.Contains(t, page, "Diagonals equal")
	assert.Contains(t, page, `capture="environment"`)
	photo := []byte("jpeg bytes of W3")
	postInspection := func(inspector, key string) *http.Response {
		var mp bytes.Buffer
		w := multipart.NewWriter(&mp)
		for k, v := range map[string]string{"form_token": tok, "form_key": key, "placement": "W3", "inspector": inspector, "cp_diagonals": "1/4",
			"cp_stud-spacing": "24", "cp_sheathing-nailing": "6", "cp_plates-flush": "yes"} {
			require.NoError(t, w.WriteField(k, v))
		}
		fw, err := w.CreateFormFile("photo", "w3.jpg")
		require.NoError(t, err)
		fw.Write(photo)
		require.NoError(t, w.Close())
		resp, err := c.Post(base+"/crew/inspect", w.FormDataContentType(), &mp)
		require.NoError(t, err)
		return resp
	}
	resp = postInspection("nobody", "i0")
	body = readBody(t, resp)
	assert.Equal(t, http.StatusForbidden, resp.StatusCode, body)
	assert.Contains(t, body, "inspector nobody")
	resp = postInspection("ina", "i1")
	body = readBody(t, resp)
	assert.Equal(t, http.StatusOK, resp.StatusCode, body)
	assert.Contains(t, body, "W3 (wall-ext-4x8) by ina: FAILED")
	assert.Contains(t, body, "<li>Diagonals equal: 1/4 in, at most 1/8 in</li>")

	code, out := stop()
	assert.Equal(t, exitOK, code, out)

	// The records are in the databases, as the CLI reads them.
	code, out, errs := prodRun("asbuilt", "report", "cabin-12x16", "--db", abDB)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "as built: house cabin-12x16, 1 records")
	assert.Regexp(t, `W3.build build Exterior wall 4x8 for W3\s+21.0\s+30.0\s+\+9.0`, out)
	code, out, errs = prodRun("inspect", "show", "cabin-12x16", "--db", inDB)
	require.Equal(t, exitOK, code, errs)
	sum := sha256.Sum256(photo)
	assert.Contains(t, out, "sha256:"+hex.EncodeToString(sum[:]))
	assert.Contains(t, out, "FAILED")
}
