package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/commons/web"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	greenhousePack   = repoPath("designs/examples/packs/greenhouse.toml")
	greenhouseDesign = repoPath("designs/examples/packs/greenhouse-16x8.toml")
)

func fileHash(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// packWorld is commonsWorld with an empty data directory (no packs folder,
// no commons there) and a copy of the greenhouse design alone in a folder.
func packWorld(t *testing.T) (db, design string) {
	t.Helper()
	db = commonsWorld(t)
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	design = filepath.Join(t.TempDir(), "greenhouse-16x8.toml")
	data, err := os.ReadFile(greenhouseDesign)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(design, data, 0o644))
	return db, design
}

// A pack with a cut part longer than its stock is refused by publish-pack
// with file:line:column and the value, and nothing is stored.
func TestPublishPackRefusesACutLongerThanItsStock(t *testing.T) {
	db, _ := packWorld(t)
	bad := repoPath("designs/testdata/packs/bad/long-rafter.toml")
	code, _, stderr := prodos(t, "commons", "publish-pack", bad, "--as", "ana", "--db", db)
	assert.Equal(t, exitUsage, code, stderr)
	assert.Contains(t, stderr, bad+`:127:10: cut part "rafter": length 120" must be within the 96" stock of LUM-2X6-08`)
	code, out, stderr := prodos(t, "commons", "packs", "--db", db, "--format", "json")
	require.Equal(t, exitOK, code, stderr)
	assert.JSONEq(t, `{"packs": []}`, out, "nothing stored")
}

// A published pack: a design naming it validates, costs, exports and
// publishes through the real commands, finding the pack in the commons.
func TestPublishedPackUsedByADesign(t *testing.T) {
	db, design := packWorld(t)
	hash := fileHash(t, greenhousePack)
	code, out, stderr := prodos(t, "commons", "publish-pack", greenhousePack, "--as", "ana", "--db", db, "--format", "json")
	require.Equal(t, exitOK, code, stderr)
	var res web.PackJSON
	require.NoError(t, json.Unmarshal([]byte(out), &res), out)
	assert.True(t, res.Created)
	assert.Equal(t, hash, res.Pack.Hash)
	require.Len(t, res.Pack.Modules, 1)
	assert.Equal(t, "gh-roof-4x8", res.Pack.Modules[0].ID)
	unit := res.Pack.Modules[0].Cost

	t.Setenv("PRODOS_COMMONS_DB", db)
	code, out, stderr = prodos(t, "validate", design)
	require.Equal(t, exitOK, code, stderr+out)
	assert.Contains(t, out, design+": ok (28 modules)")

	code, out, stderr = prodos(t, "cost", design, "--format", "json")
	require.Equal(t, exitOK, code, stderr)
	var cost struct {
		ByCategory []struct {
			Category string `json:"category"`
			Modules  int    `json:"modules"`
			Total    string `json:"total"`
		} `json:"by_category"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &cost), out)
	found := false
	for _, c := range cost.ByCategory {
		if c.Category == "roof" {
			found = true
			assert.Equal(t, 4, c.Modules)
			assert.Equal(t, unit.Mul(decimal.NewFromInt(4)).StringFixed(2), c.Total, "four glazed panels at the pack's unit cost")
		}
	}
	assert.True(t, found, out)

	dir := filepath.Join(t.TempDir(), "pkg")
	code, out, stderr = prodos(t, "export", design, "--out", dir, "--today", "2026-12-01")
	require.Equal(t, exitOK, code, stderr+out)
	bom, err := os.ReadFile(filepath.Join(dir, "bom.csv"))
	require.NoError(t, err)
	assert.Contains(t, string(bom), "GH-PC-TWIN-8MM-4X8")
	po, err := os.ReadFile(filepath.Join(dir, "purchase-orders.csv"))
	require.NoError(t, err)
	assert.Contains(t, string(po), "gh-glazing-supply", "the pack's supplier sells its glazing")
	shipped := filepath.Join(dir, "packs", fileHash(t, greenhousePack)+".toml")
	assert.Equal(t, fileHash(t, greenhousePack), fileHash(t, shipped), "the package ships the pack, unchanged")
	t.Setenv("PRODOS_COMMONS_DB", filepath.Join(t.TempDir(), "none.db"))
	code, out, stderr = prodos(t, "validate", filepath.Join(dir, "design.toml"), "--packs", filepath.Join(dir, "packs"))
	require.Equal(t, exitOK, code, stderr+out)
	draft := filepath.Join(t.TempDir(), "draft")
	code, _, stderr = prodos(t, "export", design, "--out", draft, "--draft", "--packs", filepath.Join(dir, "packs"))
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, fileHash(t, greenhousePack), fileHash(t, filepath.Join(draft, "packs", fileHash(t, greenhousePack)+".toml")))
	t.Setenv("PRODOS_COMMONS_DB", db)

	code, out, stderr = prodos(t, "commons", "publish", design, "--as", "ana", "--format", "json")
	require.Equal(t, exitOK, code, stderr)
	var pub web.PublishJSON
	require.NoError(t, json.Unmarshal([]byte(out), &pub), out)
	assert.Equal(t, "build-ready", pub.Version.Status, "%v", pub.Version.Problems)
	code, out, stderr = prodos(t, "commons", "show", pub.Version.Hash)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, out, "Greenhouse 16x8")
	code, out, stderr = prodos(t, "commons", "get", pub.Version.Hash, "--out", filepath.Join(t.TempDir(), "gh.toml"))
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, out, "it uses module pack "+res.Pack.Hash+": prodos commons get-pack "+res.Pack.Hash)
}

// get-pack downloads a pack hash-checked; a pack changed after download is
// detected by every command, naming the design file, line and hash.
func TestPackDownloadAndTamper(t *testing.T) {
	db, design := packWorld(t)
	hash := fileHash(t, greenhousePack)
	code, _, stderr := prodos(t, "commons", "publish-pack", greenhousePack, "--as", "ana", "--db", db)
	require.Equal(t, exitOK, code, stderr)

	packs := t.TempDir()
	code, out, stderr := prodos(t, "commons", "get-pack", hash, "--out", packs, "--db", db)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, out, "SHA-256 checked")
	local := filepath.Join(packs, hash+".toml")
	assert.Equal(t, hash, fileHash(t, local))

	t.Setenv("PRODOS_COMMONS_DB", filepath.Join(t.TempDir(), "none.db"))
	code, out, stderr = prodos(t, "validate", design, "--packs", packs)
	require.Equal(t, exitOK, code, stderr+out)

	code, out, _ = prodos(t, "validate", design)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, out, design+":6:9: module pack "+hash+": module pack not found")

	data, err := os.ReadFile(local)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(local, []byte(strings.Replace(string(data), `price = "89.00"`, `price = "8.90"`, 1)), 0o644))
	for _, cmd := range [][]string{{"validate", design, "--packs", packs}, {"cost", design, "--packs", packs}, {"bom", design, "--packs", packs},
		{"jobs", design, "--packs", packs, "--out", t.TempDir()}, {"schedule", design, "--packs", packs}, {"export", design, "--packs", packs, "--out", filepath.Join(t.TempDir(), "x")}} {
		code, out, stderr := prodos(t, cmd...)
		assert.Equal(t, exitUsage, code, cmd[0])
		assert.Contains(t, out+stderr, design+":6:9: module pack "+hash+": "+local+" hashes to ", cmd[0])
		assert.Contains(t, out+stderr, "the pack was changed or damaged", cmd[0])
	}
}

func TestCatalogListsPackModules(t *testing.T) {
	code, out, stderr := prodos(t, "catalog", "--packs", repoPath("designs/examples/packs"), "--format", "json")
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, out, `"id": "gh-roof-4x8"`)
	code, _, stderr = prodos(t, "catalog", "--packs", repoPath("designs/testdata/packs/bad"))
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, `long-rafter.toml:130:10: cut part "rafter"`)
}

// get-pack from a server through a proxy that alters the pack: refused
// (exit 1), nothing written; straight from the server: written.
func TestGetPackDetectsAnAlteredDownload(t *testing.T) {
	db, _ := packWorld(t)
	hash := fileHash(t, greenhousePack)
	code, _, stderr := prodos(t, "commons", "publish-pack", greenhousePack, "--as", "ana", "--db", db)
	require.Equal(t, exitOK, code, stderr)
	st, err := openCommonsStore(db)
	require.NoError(t, err)
	defer st.Close()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	srv := httptest.NewServer(commonsHandler(st, cat, "", nil))
	defer srv.Close()
	target, _ := url.Parse(srv.URL)
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ModifyResponse = func(r *http.Response) error {
		if strings.HasSuffix(r.Request.URL.Path, "/pack.toml") {
			b, _ := io.ReadAll(r.Body)
			b = bytes.Replace(b, []byte(`price = "89.00"`), []byte(`price = "8.90"`), 1)
			r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
			r.Header.Del("Content-Length")
		}
		return nil
	}
	evil := httptest.NewServer(proxy)
	defer evil.Close()
	dir := t.TempDir()
	code, _, stderr = prodos(t, "commons", "get-pack", hash, "--out", dir, "--server", evil.URL)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, stderr, "it was altered on the way or in storage; nothing written")
	assert.NoFileExists(t, filepath.Join(dir, hash+".toml"))
	code, _, stderr = prodos(t, "commons", "get-pack", hash, "--out", dir, "--server", srv.URL)
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, hash, fileHash(t, filepath.Join(dir, hash+".toml")))
	code, _, stderr = prodos(t, "commons", "get-pack", strings.Repeat("0", 64), "--out", dir, "--server", srv.URL)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, stderr, "not found")
}

// A pack under a licence outside the allow-list is refused with the list.
func TestPublishPackRefusesAClosedLicence(t *testing.T) {
	db, _ := packWorld(t)
	data, err := os.ReadFile(greenhousePack)
	require.NoError(t, err)
	closed := filepath.Join(t.TempDir(), "closed.toml")
	require.NoError(t, os.WriteFile(closed, bytes.Replace(data, []byte(`license = "CC-BY-SA-4.0"`), []byte(`license = "All rights reserved"`), 1), 0o644))
	code, _, stderr := prodos(t, "commons", "publish-pack", closed, "--as", "ana", "--db", db)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, stderr, "All rights reserved")
	assert.Contains(t, stderr, "CERN-OHL-S-2.0")
}
