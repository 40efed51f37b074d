//go:build !js

package web_test

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/commons/web"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func postLevel(t *testing.T, url, body, token string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url+"/api/commons/levels?as=ana&file=class.toml", strings.NewReader(body))
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, out
}

// A level is published over HTTP, listed, shown and downloaded with its
// hash; bad levels are refused with file:line:column and nothing stored.
func TestLevelsOverHTTP(t *testing.T) {
	srv := server(t)
	cabin, err := os.ReadFile(filepath.Join("..", "..", "..", "levels", "design", "02-cabin.toml"))
	require.NoError(t, err)
	refusals := []struct {
		name, body, token string
		status            int
		code, msg         string
	}{
		{"no token", string(cabin), "", http.StatusUnauthorized, "unauthorized", "facilitator token"},
		{"unknown metric", strings.Replace(string(cabin), `metric = "closed"`, `metric = "closd"`, 1), "tok",
			http.StatusUnprocessableEntity, "invalid", `class.toml:24:10: objective[1].metric: unknown metric "closd"`},
		{"closed licence", "license = \"All rights reserved\"\n" + string(cabin), "tok", http.StatusUnprocessableEntity, "license", "use one of: CC0-1.0"},
		{"too large", strings.Repeat("#", 300<<10), "tok", http.StatusRequestEntityTooLarge, "too_large", "bytes"},
	}
	for _, c := range refusals {
		t.Run(c.name, func(t *testing.T) {
			status, out := postLevel(t, srv.URL, c.body, c.token)
			assert.Equal(t, c.status, status, out)
			assert.Equal(t, c.code, out["code"])
			assert.Contains(t, out["error"], c.msg)
		})
	}
	var list web.LevelsJSON
	getJSON(t, srv.URL+"/api/commons/levels", &list)
	assert.Empty(t, list.Levels, "nothing refused is stored")

	status, out := postLevel(t, srv.URL, string(cabin), "tok")
	require.Equal(t, http.StatusCreated, status, out)
	hash := commons.Hash(cabin)
	var one web.LevelJSON
	getJSON(t, srv.URL+"/api/commons/levels/"+hash, &one)
	assert.Equal(t, "cabin", one.Level.ID)
	assert.Equal(t, "ana", one.Level.Author)
	assert.Equal(t, "CC-BY-SA-4.0", one.Level.Licence)
	assert.Equal(t, []int{7, 8, 4}, []int{one.Level.Width, one.Level.Height, one.Level.Goals})
	assert.Equal(t, "", one.Level.Budget, "the cabin's cost limit is a three-star goal, not an objective")
	status, _ = postLevel(t, srv.URL, string(cabin), "tok")
	assert.Equal(t, http.StatusOK, status, "publishing again stores nothing new")

	resp, err := http.Get(srv.URL + one.Download)
	require.NoError(t, err)
	file, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	assert.Equal(t, hash, commons.Hash(file), "the download is the published file")

	page := getBody(t, srv.URL+"/commons/levels")
	assert.Contains(t, page, "A 12 x 16 ft cabin from the ground up")
	assert.Contains(t, page, "7 x 8 cells")
	assert.Contains(t, getBody(t, srv.URL+"/commons"), `href="/commons/levels"`, "the gallery links its levels section")
	resp, err = http.Get(srv.URL + "/api/commons/levels/" + strings.Repeat("0", 64))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, url)
	require.NoError(t, json.NewDecoder(resp.Body).Decode(v))
}

func getBody(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, url)
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(b)
}
