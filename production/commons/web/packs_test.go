//go:build !js

package web_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func get(t *testing.T, srv *httptest.Server, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(srv.URL + path)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

// A pack published over HTTP shows on the packs page and in the JSON API
// and downloads with its hash; a design naming it publishes and shows.
func TestPacksOverHTTP(t *testing.T) {
	srv := server(t)
	pack, err := os.ReadFile(filepath.Join("..", "..", "..", "designs", "examples", "packs", "greenhouse.toml"))
	require.NoError(t, err)
	sum := sha256.Sum256(pack)
	hash := hex.EncodeToString(sum[:])

	design, err := os.ReadFile(filepath.Join("..", "..", "..", "designs", "examples", "packs", "greenhouse-16x8.toml"))
	require.NoError(t, err)
	status, out := post(t, srv, bytes.NewReader(design), "tok")
	assert.Equal(t, http.StatusUnprocessableEntity, status, "the design's pack is not published yet")
	assert.Equal(t, "invalid", out["code"])
	assert.Contains(t, out["error"], "module pack "+hash+": module pack not found in the commons")

	req, err := http.NewRequest(http.MethodPost, srv.URL+"/api/commons/packs?as=ana&file=greenhouse.toml", bytes.NewReader(pack))
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, "publishing needs the token")
	req, _ = http.NewRequest(http.MethodPost, srv.URL+"/api/commons/packs?as=ana&file=greenhouse.toml", bytes.NewReader(pack))
	req.Header.Set("Authorization", "Bearer tok")
	resp, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	var pub map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&pub))
	resp.Body.Close()
	require.Equal(t, http.StatusCreated, resp.StatusCode, pub)

	code, body := get(t, srv, "/commons/packs")
	require.Equal(t, http.StatusOK, code)
	assert.Contains(t, body, "Greenhouse glazing")
	assert.Contains(t, body, "gh-roof-4x8")
	assert.Contains(t, body, "/commons/packs/"+hash+"/pack.toml")

	code, body = get(t, srv, "/api/commons/packs")
	require.Equal(t, http.StatusOK, code)
	var list struct {
		Packs []struct {
			Hash    string `json:"hash"`
			Modules []struct {
				ID   string `json:"id"`
				Cost string `json:"unit_cost"`
			} `json:"modules"`
		} `json:"packs"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &list), body)
	require.Len(t, list.Packs, 1)
	assert.Equal(t, hash, list.Packs[0].Hash)
	assert.Regexp(t, `^\d+\.\d\d$`, list.Packs[0].Modules[0].Cost)

	code, body = get(t, srv, "/commons/packs/"+hash+"/pack.toml")
	require.Equal(t, http.StatusOK, code)
	assert.Equal(t, string(pack), body, "the download is the published bytes")
	code, _ = get(t, srv, "/api/commons/packs/"+hash[:63]+"0")
	assert.Equal(t, http.StatusNotFound, code)

	status, out = post(t, srv, bytes.NewReader(design), "tok")
	require.Equal(t, http.StatusCreated, status, out)
	v := out["version"].(map[string]any)
	assert.Equal(t, "build-ready", v["status"], v["problems"])
	code, body = get(t, srv, "/commons/"+v["hash"].(string))
	require.Equal(t, http.StatusOK, code, body)
	assert.Contains(t, body, "Greenhouse 16x8")
	assert.Contains(t, body, "Uses the module pack(s): <b>Greenhouse glazing</b>")
	code, body = get(t, srv, "/api/commons/designs/"+v["hash"].(string))
	require.Equal(t, http.StatusOK, code, body)
	assert.Contains(t, body, `"packs": [`)
	assert.Contains(t, body, `"hash": "`+hash+`"`)
	code, _ = get(t, srv, "/commons/"+v["hash"].(string)+"/package.zip")
	assert.Equal(t, http.StatusOK, code)
}
