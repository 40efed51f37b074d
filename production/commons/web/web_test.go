//go:build !js

package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/commons/sqlitestore"
	"github.com/opensourceecology/prodos/production/commons/web"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func server(t *testing.T) *httptest.Server {
	t.Helper()
	st, err := sqlitestore.Open(filepath.Join(t.TempDir(), "commons.db"))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	h := &web.Handler{Token: "tok", Publisher: &commons.Publisher{Store: st, Catalog: cat,
		Designer: func(context.Context, string) (bool, error) { return true, nil }}}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func post(t *testing.T, srv *httptest.Server, body io.Reader, token string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/api/commons/designs?as=ana&file=up.toml", body)
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

// Uploads are limited, parsed and checked before anything is stored.
func TestPublishRefusals(t *testing.T) {
	srv := server(t)
	cabin, err := os.ReadFile(filepath.Join("..", "..", "..", "designs", "examples", "cabin-12x16.toml"))
	require.NoError(t, err)
	cases := []struct {
		name, body, token string
		status            int
		code, msg         string
	}{
		{"no token", string(cabin), "", http.StatusUnauthorized, "unauthorized", "facilitator token"},
		{"wrong token", string(cabin), "nope", http.StatusUnauthorized, "unauthorized", "facilitator token"},
		{"too large", strings.Repeat("#", commons.MaxUpload+1), "tok", http.StatusRequestEntityTooLarge, "too_large", "bytes"},
		{"malformed", "format = 1\nname = \"x\"\nlicense = \"CC0-1.0\"\n[grid]\nwidth = 3\nheight = 3\n[[placement]]\nmodule = \"wall-nope\"\nx = 0\ny = 0\nedge = \"n\"\n", "tok",
			http.StatusUnprocessableEntity, "invalid", `up.toml:8:10: unknown module "wall-nope"`},
		{"closed licence", strings.Replace(string(cabin), "CC-BY-SA-4.0", "Proprietary", 1), "tok", http.StatusUnprocessableEntity, "license", "use one of: CC0-1.0"},
		{"path parent", strings.Replace(string(cabin), "license = ", "parent = \"designs/examples/x.toml\"\nlicense = ", 1), "tok", http.StatusUnprocessableEntity, "parent", "not a commons version"},
		{"unknown parent", strings.Replace(string(cabin), "license = ", "parent = \""+strings.Repeat("0", 64)+"\"\nlicense = ", 1), "tok", http.StatusUnprocessableEntity, "parent", "no such version"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, out := post(t, srv, strings.NewReader(c.body), c.token)
			assert.Equal(t, c.status, status, out)
			assert.Equal(t, c.code, out["code"])
			assert.Contains(t, out["error"], c.msg)
		})
	}
	resp, err := http.Get(srv.URL + "/api/commons/designs")
	require.NoError(t, err)
	defer resp.Body.Close()
	var list web.SearchJSON
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&list))
	assert.Empty(t, list.Designs, "nothing refused was stored")

	status, out := post(t, srv, strings.NewReader(string(cabin)), "tok")
	require.Equal(t, http.StatusCreated, status, out)
	status, out = post(t, srv, strings.NewReader(string(cabin)), "tok")
	assert.Equal(t, http.StatusOK, status, "published already")
	assert.Equal(t, false, out["created"])
}

// The documented JSON keys of a design's detail (docs/commons.md).
func TestDetailKeys(t *testing.T) {
	srv := server(t)
	cabin, err := os.ReadFile(filepath.Join("..", "..", "..", "designs", "examples", "cabin-12x16.toml"))
	require.NoError(t, err)
	status, out := post(t, srv, strings.NewReader(string(cabin)), "tok")
	require.Equal(t, http.StatusCreated, status, out)
	hash := out["version"].(map[string]any)["hash"].(string)
	resp, err := http.Get(srv.URL + "/api/commons/designs/" + hash)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var top map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(body, &top))
	assert.ElementsMatch(t, []string{"version", "cost", "labor_rate", "cost_by_category", "labor_hours", "bom", "lineage", "downloads", "packs"}, keys(top))
	var v struct {
		Version map[string]json.RawMessage `json:"version"`
	}
	require.NoError(t, json.Unmarshal(body, &v))
	assert.ElementsMatch(t, []string{"hash", "name", "description", "author", "license", "parent", "published_at", "status", "problems",
		"floor_area_sq_ft", "bedrooms", "modules", "cost", "cost_per_sq_ft", "size_bytes"}, keys(v.Version))

	resp, err = http.Get(srv.URL + "/api/commons/licenses")
	require.NoError(t, err)
	defer resp.Body.Close()
	var ls struct {
		Licenses []map[string]any `json:"licenses"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&ls))
	require.Len(t, ls.Licenses, len(commons.Licences))
	assert.Equal(t, map[string]any{"id": "CC-BY-SA-4.0", "name": "Creative Commons Attribution Share Alike 4.0 International",
		"share_alike": true, "url": "https://creativecommons.org/licenses/by-sa/4.0/"}, ls.Licenses[2])
}

func keys[T any](m map[string]T) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Many clients publishing the same design at once store it once.
func TestConcurrentPublish(t *testing.T) {
	srv := server(t)
	cabin, err := os.ReadFile(filepath.Join("..", "..", "..", "designs", "examples", "cabin-12x16.toml"))
	require.NoError(t, err)
	const n = 6
	codes := make(chan int, n)
	for i := 0; i < n; i++ {
		go func() {
			req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/commons/designs?as=ana", strings.NewReader(string(cabin)))
			req.Header.Set("Authorization", "Bearer tok")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				codes <- 0
				return
			}
			resp.Body.Close()
			codes <- resp.StatusCode
		}()
	}
	created := 0
	for i := 0; i < n; i++ {
		c := <-codes
		assert.Contains(t, []int{http.StatusCreated, http.StatusOK}, c)
		if c == http.StatusCreated {
			created++
		}
	}
	assert.Equal(t, 1, created)
}
