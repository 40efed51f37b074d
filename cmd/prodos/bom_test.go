package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The -update flag may be registered by another test file of this package;
// register it only when nobody has.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files in testdata/")
	}
}

func prodUpdating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// prodGolden compares got with path, rewriting it under -update.
func prodGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if prodUpdating() {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "golden file missing: run go test -update")
	assert.Equal(t, string(want), string(got), "%s differs from the golden file", path)
}

// prodRun runs prodos in-process and returns exit code, stdout and stderr.
func prodRun(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(&env{stdout: &out, stderr: &errb, stdin: strings.NewReader("")}, args)
	return code, out.String(), errb.String()
}

var prodExamples = []string{"cabin-12x16", "two-bedroom-24x32", "seed-home-32x40"}

func prodExample(name string) string {
	return filepath.Join("..", "..", "designs", "examples", name+".toml")
}

func TestBOMCommandCSVMatchesGolden(t *testing.T) {
	for _, name := range prodExamples {
		code, out, errs := prodRun("bom", prodExample(name), "--format", "csv")
		require.Equal(t, exitOK, code, errs)
		want, err := os.ReadFile(filepath.Join("..", "..", "production", "manufacturing", "testdata", "bom-"+name+".csv"))
		require.NoError(t, err)
		assert.Equal(t, string(want), out, name)
	}
}

func TestBOMCommandJSONKeys(t *testing.T) {
	code, out, errs := prodRun("bom", "--format", "json", prodExample("cabin-12x16"))
	require.Equal(t, exitOK, code, errs)
	var doc struct {
		Lines []map[string]any `json:"lines"`
		Total string           `json:"total"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.NotEmpty(t, doc.Lines)
	for _, l := range doc.Lines {
		keys := make([]string, 0, len(l))
		for k := range l {
			keys = append(keys, k)
		}
		assert.ElementsMatch(t, []string{"sku", "description", "quantity", "unit", "unit_cost", "extended_cost"}, keys)
	}
	assert.NotEmpty(t, doc.Total)
}

func TestBOMCommandViews(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"--format", "table"}, []string{"SKU", "LUM-2X6-08", "TOTAL"}},
		{[]string{"--indented"}, []string{"One-room cabin 12x16", "  wall-window-4x8", "    header-2x12-39", "      LUM-2X12-08"}},
		{[]string{"--indented", "--format", "csv"}, []string{"level,kind,id,name,quantity,unit,total_quantity", "2,assembly,header-2x12-39"}},
		{[]string{"--indented", "--format", "json"}, []string{`"kind": "assembly"`, `"total_quantity"`}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errs := prodRun(append([]string{"bom", prodExample("cabin-12x16")}, tt.args...)...)
			require.Equal(t, exitOK, code, errs)
			for _, w := range tt.want {
				assert.Contains(t, out, w)
			}
		})
	}
}

func TestBOMCommandBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	require.NoError(t, os.WriteFile(bad, []byte("format = 1\nname = \"x\"\n[grid]\nwidth = 4\nheight = 4\n[[placement]]\nmodule = \"no-such-module\"\nx = 1\ny = 1\n"), 0o644))
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no design", []string{"bom"}, "usage"},
		{"missing file", []string{"bom", filepath.Join(dir, "nope.toml")}, "nope.toml"},
		{"unknown module", []string{"bom", bad}, "bad.toml:"},
		{"bad format", []string{"bom", prodExample("cabin-12x16"), "--format", "xml"}, "--format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := prodRun(tt.args...)
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, errs, tt.want)
		})
	}
}
