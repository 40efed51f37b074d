package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func prodReadDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	}))
	return out
}

func TestExportPackagePerExampleIsByteIdentical(t *testing.T) {
	for _, name := range prodExamples {
		t.Run(name, func(t *testing.T) {
			a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
			for _, dir := range []string{a, b, a} { // a twice: re-export over itself
				code, _, errs := prodRun(append([]string{"export", prodExample(name), "--out", dir, "--today", "2026-11-21", "--as", "dana"}, prodWithCrew(t)...)...)
				require.Equal(t, exitOK, code, errs)
			}
			fa, fb := prodReadDir(t, a), prodReadDir(t, b)
			assert.Equal(t, fa, fb)
			for _, f := range []string{"design.toml", "bom.csv", "purchase-orders.csv", "cost.csv", "plan.svg", "README.txt", "manifest.json"} {
				assert.Contains(t, fa, f)
			}
			want, err := os.ReadFile(filepath.Join("..", "..", "production", "manufacturing", "testdata", "bom-"+name+".csv"))
			require.NoError(t, err)
			assert.Equal(t, string(want), fa["bom.csv"])
			var m struct {
				Files []struct {
					Name   string `json:"name"`
					SHA256 string `json:"sha256"`
				} `json:"files"`
			}
			require.NoError(t, json.Unmarshal([]byte(fa["manifest.json"]), &m))
			assert.Len(t, m.Files, len(fa)-1)
		})
	}
}

func TestExportProgressBarOnlyOnTerminal(t *testing.T) {
	saved := prodIsTerminal
	t.Cleanup(func() { prodIsTerminal = saved })
	all := []string{"export"}
	for _, n := range prodExamples {
		all = append(all, prodExample(n))
	}
	for _, tty := range []bool{false, true} {
		prodIsTerminal = func(io.Writer) bool { return tty }
		dir := t.TempDir()
		code, out, errs := prodRun(append(all, "--out", dir, "--today", "2026-11-21")...)
		require.Equal(t, exitOK, code, errs)
		for _, n := range prodExamples {
			assert.FileExists(t, filepath.Join(dir, n, "manifest.json"))
		}
		if tty {
			assert.Contains(t, errs, "\r[")
			assert.Contains(t, errs, "3/3")
			assert.Contains(t, out, "exported 3 build packages")
		} else {
			assert.NotContains(t, errs, "\r")
			assert.NotContains(t, errs, "[#")
			assert.Len(t, regexp.MustCompile(`wrote \d+ files`).FindAllString(out, -1), 3)
		}
	}
	// A real pipe is not a terminal.
	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	defer w.Close()
	assert.False(t, saved(w))
}

func TestExportBadInputWritesNothing(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	require.NoError(t, os.WriteFile(bad, []byte("format = 1\nname = \"x\"\n[grid]\nwidth = 4\n[[placement]]\nmodule = \"nope\"\n"), 0o644))
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"bad design among good", []string{prodExample("cabin-12x16"), bad}, exitUsage},
		{"no out", []string{prodExample("cabin-12x16")}, exitUsage},
		{"cannot be supplied in time", []string{prodExample("cabin-12x16"), "--today", "2026-11-21", "--need-by", "2026-11-21"}, exitProblems},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, "pkg-"+strings.ReplaceAll(tt.name, " ", "-"))
			args := append([]string{"export"}, tt.args...)
			if tt.name != "no out" {
				args = append(args, "--out", out)
			}
			code, _, _ := prodRun(args...)
			assert.Equal(t, tt.code, code)
			assert.NoDirExists(t, out)
		})
	}
}
