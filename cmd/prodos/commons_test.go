package main

import (
	"archive/zip"
	"bytes"
	"context"
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
	"time"

	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/commons/web"
	"github.com/opensourceecology/prodos/production/training/profiles"
	profilestore "github.com/opensourceecology/prodos/production/training/profiles/sqlitestore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// commonsWorld makes a profiles database with "ana", who holds the Designer
// qualification, and "bo", who does not, and returns a commons file path.
func commonsWorld(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	pdb := filepath.Join(dir, "profiles.db")
	t.Setenv("PRODOS_PROFILES_DB", pdb)
	t.Setenv("PRODOS_COMMONS_DB", "")
	st, err := profilestore.Open(pdb)
	require.NoError(t, err)
	defer st.Close()
	ctx, at := context.Background(), time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for _, n := range []string{"ana", "bo"} {
		_, err := st.Create(ctx, n, at)
		require.NoError(t, err)
	}
	require.NoError(t, st.Record(ctx, "ana", profiles.Attempt{Challenge: "c07-roof-on", Score: 1600, Stars: 3, Passed: true, ReplayHash: "sha256:aa", Replay: "{}", At: at},
		[]profiles.Award{{Qualification: commons.DesignerQualification, At: at, Evidence: "sha256:aa"}}))
	return filepath.Join(dir, "commons.db")
}

// editDesign copies a design file with replacements made.
func editDesign(t *testing.T, src string, repl ...string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	require.NoError(t, err)
	s := string(data)
	for i := 0; i < len(repl); i += 2 {
		require.Contains(t, s, repl[i])
		s = strings.Replace(s, repl[i], repl[i+1], 1)
	}
	p := filepath.Join(t.TempDir(), filepath.Base(src))
	require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
	return p
}

func publishJSON(t *testing.T, args ...string) web.PublishJSON {
	t.Helper()
	code, out, stderr := prodos(t, append([]string{"commons", "publish", "--format", "json"}, args...)...)
	require.Equal(t, exitOK, code, stderr)
	var res web.PublishJSON
	require.NoError(t, json.Unmarshal([]byte(out), &res), out)
	return res
}

func searchNames(t *testing.T, args ...string) []string {
	t.Helper()
	code, out, stderr := prodos(t, append([]string{"commons", "search", "--format", "json"}, args...)...)
	require.Equal(t, exitOK, code, stderr)
	var res web.SearchJSON
	require.NoError(t, json.Unmarshal([]byte(out), &res), out)
	var names []string
	for _, v := range res.Designs {
		names = append(names, v.Name)
	}
	return names
}

// The whole round on a local commons file: publish, search, fork, publish
// the remix, see the tree; refusals store nothing.
func TestCommonsPublishForkTree(t *testing.T) {
	db := commonsWorld(t)
	cabinFile := repoPath("designs/examples/cabin-12x16.toml")
	cabin := publishJSON(t, cabinFile, "--as", "ana", "--db", db)
	assert.True(t, cabin.Created)
	assert.Equal(t, commons.StatusBuildReady, cabin.Version.Status, cabin.Version.Problems)
	assert.Equal(t, "ana", cabin.Version.Author)
	assert.Equal(t, "CC-BY-SA-4.0", cabin.Version.Licence)
	assert.Equal(t, 192, cabin.Version.FloorArea)

	// Same content again: the same version, as first published.
	again := publishJSON(t, cabinFile, "--as", "bo", "--db", db)
	assert.False(t, again.Created)
	assert.Equal(t, cabin.Version.Hash, again.Version.Hash)
	assert.Equal(t, "ana", again.Version.Author)

	// No Designer qualification: a draft, saying why.
	two := publishJSON(t, repoPath("designs/examples/two-bedroom-24x32.toml"), "--as", "bo", "--db", db)
	assert.Equal(t, commons.StatusDraft, two.Version.Status)
	assert.Equal(t, []string{"author: bo does not hold the Designer qualification"}, two.Version.Problems)
	assert.Equal(t, 2, two.Version.Bedrooms)

	// A hard rule broken: a draft too, even for a Designer.
	noDoor := editDesign(t, cabinFile, "name = \"", "name = \"Doorless ", "module = \"wall-door-4x8\"", "module = \"wall-ext-4x8\"")
	nd := publishJSON(t, noDoor, "--as", "ana", "--db", db)
	assert.Equal(t, commons.StatusDraft, nd.Version.Status)
	require.NotEmpty(t, nd.Version.Problems)
	code, out, _ := prodos(t, "validate", noDoor)
	assert.Equal(t, exitProblems, code)
	for _, p := range nd.Version.Problems {
		assert.Contains(t, out, noDoor+": "+p, "the commons' problems are validate's")
	}

	assert.Equal(t, []string{"Two-bedroom house 24x32"}, searchNames(t, "--db", db, "--min-bedrooms", "2"))
	assert.Equal(t, []string{"One-room cabin 12x16"}, searchNames(t, "--db", db, "--status", "build-ready"))
	assert.Len(t, searchNames(t, "--db", db, "--author", "ana"), 2)
	code, out, _ = prodos(t, "commons", "search", "--db", db, "--q", "two-bedroom")
	require.Equal(t, exitOK, code)
	assert.Regexp(t, two.Version.Hash+` +DRAFT +768 +2 +\d+\.\d\d`, out)
	assert.Contains(t, out, "1 design(s)")
	code, _, stderr := prodos(t, "commons", "search", "--db", db, "--min-area", "lots")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, `filter min_area: "lots" is not a whole number`)

	// Fork, change, publish the remix.
	remix := filepath.Join(t.TempDir(), "remix.toml")
	code, out, stderr = prodos(t, "commons", "fork", cabin.Version.Hash, "--out", remix, "--db", db)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, out, "remix of "+cabin.Version.Hash)
	changed := editDesign(t, remix, "name = \"One-room cabin 12x16\"", "name = \"Cabin with a porch\"")
	rv := publishJSON(t, changed, "--as", "bo", "--db", db)
	assert.Equal(t, cabin.Version.Hash, rv.Version.Parent)
	assert.Equal(t, "CC-BY-SA-4.0", rv.Version.Licence)

	// A remix may not drop its share-alike parent's licence.
	relicensed := editDesign(t, changed, "Cabin with a porch", "Cabin relicensed", `license = "CC-BY-SA-4.0"`, `license = "CC-BY-4.0"`)
	code, _, stderr = prodos(t, "commons", "publish", relicensed, "--as", "bo", "--db", db)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, stderr, "share-alike")

	// The tree, both ways.
	code, out, stderr = prodos(t, "commons", "show", cabin.Version.Hash, "--db", db, "--format", "json")
	require.Equal(t, exitOK, code, stderr)
	var d commons.Detail
	require.NoError(t, json.Unmarshal([]byte(out), &d))
	require.Len(t, d.Lineage.Children, 1)
	assert.Equal(t, rv.Version.Hash, d.Lineage.Children[0].Version.Hash)
	assert.Empty(t, d.Lineage.Ancestors)
	assert.NotEmpty(t, d.BOM.Top)
	assert.NotEqual(t, "0.0", d.Labor.Total)
	code, out, _ = prodos(t, "commons", "show", rv.Version.Hash, "--db", db)
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "DRAFT")
	assert.Contains(t, out, "  "+cabin.Version.Hash+" One-room cabin 12x16 (ana, build-ready)\n    "+rv.Version.Hash+" Cabin with a porch (bo, draft)  <- this version")

	assert.Len(t, searchNames(t, "--db", db), 4, "refused uploads stored nothing")
}

// A licence outside the allow-list is refused with the list; nothing is stored.
func TestCommonsRefusesClosedLicence(t *testing.T) {
	db := commonsWorld(t)
	closed := withLicence(t, "All rights reserved")
	code, _, stderr := prodos(t, "commons", "publish", closed, "--as", "ana", "--db", db)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, stderr, `"All rights reserved" is not an open licence the commons accepts; use one of: CC0-1.0, CC-BY-4.0, CC-BY-SA-4.0`)
	assert.Empty(t, searchNames(t, "--db", db))

	code, _, stderr = prodos(t, "commons", "publish", closed, "--db", db)
	assert.Equal(t, exitUsage, code, "--as is required")
	assert.Contains(t, stderr, "--as PROFILE is required")
	code, _, stderr = prodos(t, "commons", "publish", repoPath("designs/examples/cabin-12x16.toml"), "--as", "nobody", "--db", db)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, stderr, "no such profile")

	big := filepath.Join(t.TempDir(), "big.toml")
	require.NoError(t, os.WriteFile(big, bytes.Repeat([]byte("# padding\n"), commons.MaxUpload/10+1), 0o644))
	code, _, stderr = prodos(t, "commons", "publish", big, "--as", "ana", "--db", db)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "larger than the 2097152")
	code, _, stderr = prodos(t, "commons", "search", "--db", db, "--server", "http://127.0.0.1:1")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "--server or --db, not both")
	code, _, _ = prodos(t, "commons", "show", "abc", "--db", db)
	assert.Equal(t, exitUsage, code)
	assert.Empty(t, searchNames(t, "--db", db))
}

// Over HTTP: the pages, the API, the downloads, publishing with the token,
// and a download altered on the way is caught by its hash.
func TestCommonsServe(t *testing.T) {
	db := commonsWorld(t)
	t.Setenv(tokenEnv, "facilitator-token-1")
	addr, stop := startServe(t, "--db", filepath.Join(t.TempDir(), "class.db"), "--commons-db", db)
	defer stop()
	base := "http://" + addr
	cabin := publishJSON(t, repoPath("designs/examples/cabin-12x16.toml"), "--as", "ana", "--server", base)
	two := publishJSON(t, repoPath("designs/examples/two-bedroom-24x32.toml"), "--as", "bo", "--server", base)
	remix := filepath.Join(t.TempDir(), "remix.toml")
	code, _, stderr := prodos(t, "commons", "fork", cabin.Version.Hash, "--out", remix, "--server", base)
	require.Equal(t, exitOK, code, stderr)
	rv := publishJSON(t, editDesign(t, remix, "name = \"One-room cabin 12x16\"", "name = \"Cabin remix\""), "--as", "bo", "--server", base)
	assert.Equal(t, []string{"Cabin remix", "Two-bedroom house 24x32", "One-room cabin 12x16"}, searchNames(t, "--server", base))

	get := func(path string) (int, string, http.Header) {
		resp, err := http.Get(base + path)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, string(b), resp.Header
	}
	status, page, _ := get("/commons?min_bedrooms=2&status=")
	require.Equal(t, http.StatusOK, status, page)
	assert.Contains(t, page, "Two-bedroom house 24x32")
	assert.NotContains(t, page, "One-room cabin 12x16")
	assert.Contains(t, page, `<img src="/commons/`+two.Version.Hash+`/plan.svg"`)
	assert.Contains(t, page, "DRAFT")
	status, page, _ = get("/commons/" + cabin.Version.Hash)
	require.Equal(t, http.StatusOK, status, page)
	for _, want := range []string{"One-room cabin 12x16", "build-ready", "Bill of materials", "in the shop (build)", "Remix tree",
		`<a href="/commons/` + rv.Version.Hash + `">Cabin remix</a>`, `/commons/` + cabin.Version.Hash + `/package.zip`} {
		assert.Contains(t, page, want)
	}
	status, svg, hdr := get("/commons/" + cabin.Version.Hash + "/plan.svg")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "image/svg+xml", hdr.Get("Content-Type"))
	assert.True(t, strings.HasPrefix(svg, "<svg"))
	status, file, _ := get("/commons/" + cabin.Version.Hash + "/design.toml")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, cabin.Version.Hash, commons.Hash([]byte(file)))
	status, zipped, _ := get("/commons/" + rv.Version.Hash + "/package.zip")
	require.Equal(t, http.StatusOK, status)
	zr, err := zip.NewReader(bytes.NewReader([]byte(zipped)), int64(len(zipped)))
	require.NoError(t, err)
	names := map[string]*zip.File{}
	for _, f := range zr.File {
		names[f.Name] = f
	}
	require.Contains(t, names, "bom.csv")
	rc, err := names["README.txt"].Open()
	require.NoError(t, err)
	readme, _ := io.ReadAll(rc)
	assert.Contains(t, string(readme), "DRAFT, NOT FOR CONSTRUCTION", "a draft's package is marked")
	status, body, _ := get("/api/commons/designs/" + strings.Repeat("0", 64))
	assert.Equal(t, http.StatusNotFound, status)
	assert.Contains(t, body, `"code": "not_found"`)

	// Publishing needs the facilitator token.
	t.Setenv(tokenEnv, "")
	code, _, stderr = prodos(t, "commons", "publish", withLicence(t, "CC0-1.0"), "--as", "ana", "--server", base)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, stderr, "facilitator token")

	// A proxy that alters the design file on the way.
	target, _ := url.Parse(base)
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ModifyResponse = func(r *http.Response) error {
		if strings.HasSuffix(r.Request.URL.Path, "/design.toml") {
			b, _ := io.ReadAll(r.Body)
			b = bytes.Replace(b, []byte("x = 1"), []byte("x = 2"), 1)
			r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
			r.Header.Del("Content-Length")
		}
		return nil
	}
	evil := httptest.NewServer(proxy)
	defer evil.Close()
	out := filepath.Join(t.TempDir(), "got.toml")
	code, _, stderr = prodos(t, "commons", "get", cabin.Version.Hash, "--out", out, "--server", evil.URL)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, stderr, "it was altered on the way or in storage; nothing written")
	assert.NoFileExists(t, out)
	code, _, stderr = prodos(t, "commons", "get", cabin.Version.Hash, "--out", out, "--server", base)
	require.Equal(t, exitOK, code, stderr)
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, file, string(got))
}
