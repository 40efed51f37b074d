package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing/export"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const roofSpan = "testdata/roof-span-20ft.toml"

// Every production command refuses a design that breaks a hard rule (exit 1,
// the violations listed) unless --draft is given; then every output says
// DRAFT, NOT FOR CONSTRUCTION.
func TestProductionCommandsRefuseHardRuleViolations(t *testing.T) {
	tests := []struct {
		name string
		args func(dir string) []string
		json bool
	}{
		{"bom", func(string) []string { return []string{"bom", roofSpan} }, false},
		{"bom csv", func(string) []string { return []string{"bom", roofSpan, "--format", "csv"} }, false},
		{"bom json", func(string) []string { return []string{"bom", roofSpan, "--format", "json"} }, true},
		{"cost", func(string) []string { return []string{"cost", roofSpan} }, false},
		{"cost json", func(string) []string { return []string{"cost", roofSpan, "--format", "json"} }, true},
		{"source", func(string) []string { return []string{"source", roofSpan, "--today", "2026-11-21"} }, false},
		{"source json", func(string) []string {
			return []string{"source", roofSpan, "--today", "2026-11-21", "--format", "json"}
		}, true},
		{"jobs", func(d string) []string { return []string{"jobs", roofSpan, "--out", filepath.Join(d, "jobs")} }, false},
		{"schedule", func(d string) []string { return []string{"schedule", roofSpan, "--gantt", filepath.Join(d, "g.svg")} }, false},
		{"schedule csv", func(string) []string { return []string{"schedule", roofSpan, "--format", "csv"} }, false},
		{"schedule json", func(string) []string { return []string{"schedule", roofSpan, "--format", "json"} }, true},
		{"export", func(d string) []string {
			return []string{"export", roofSpan, "--out", filepath.Join(d, "pkg"), "--today", "2026-11-21"}
		}, false},
		{"ledger post", func(d string) []string {
			return []string{"ledger", "post", roofSpan, "--db", filepath.Join(d, "l.db"), "--event", "po-issued", "--today", "2026-11-21"}
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			code, out, errs := prodRun(tt.args(dir)...)
			assert.Equal(t, exitProblems, code, "%s%s", out, errs)
			assert.Contains(t, errs, "roof-span: roof panel 4x8 at (1,1) spans 20 ft")
			assert.Contains(t, errs, "--draft")
			assert.Empty(t, out)
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			assert.Empty(t, entries, "nothing written")

			code, out, errs = prodRun(append(tt.args(dir), "--draft")...)
			require.Equal(t, exitOK, code, errs)
			assert.Contains(t, out, export.DraftMark)
			assert.Contains(t, errs, export.DraftMark)
			if tt.json {
				var v map[string]any
				require.NoError(t, json.Unmarshal([]byte(out), &v), out)
				assert.Equal(t, export.DraftMark, v["draft"])
			}
			// Every file written says it too.
			require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() || strings.HasSuffix(p, ".db") || strings.Contains(p, ".db-") {
					return err
				}
				data, err := os.ReadFile(p)
				assert.Contains(t, string(data), export.DraftMark, p)
				return err
			}))
		})
	}
	// A design that keeps every hard rule needs no --draft and is not marked.
	code, out, errs := prodRun("bom", prodExample("cabin-12x16"), "--draft")
	require.Equal(t, exitOK, code, errs)
	assert.NotContains(t, out, export.DraftMark)
}

// An output path of the wrong kind is bad usage (exit 2), found before any
// work: --out at a file, --gantt or --db at a folder.
func TestOutputTargetOfWrongKindIsBadUsage(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	require.NoError(t, os.WriteFile(file, []byte("x"), 0o644))
	cabin := prodExample("cabin-12x16")
	tests := []struct {
		name string
		args []string
	}{
		{"export --out file", []string{"export", cabin, "--out", file, "--today", "2026-11-21"}},
		{"jobs --out file", []string{"jobs", cabin, "--out", file}},
		{"schedule --gantt folder", []string{"schedule", cabin, "--gantt", dir}},
		{"ledger post --db folder", []string{"ledger", "post", cabin, "--db", dir, "--event", "po-issued", "--today", "2026-11-21"}},
		{"ledger balance --db folder", []string{"ledger", "balance", "--db", dir}},
		{"profile list --db folder", []string{"profile", "list", "--db", dir}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := prodRun(tt.args...)
			assert.Equal(t, exitUsage, code, errs)
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			assert.Equal(t, "x", string(data))
		})
	}
}

// Exporting into a folder that holds something else is refused (exit 2) and
// the folder is left as it was; exporting over an earlier export of the same
// design replaces it whole.
func TestExportIntoUsedFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pkg")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "gcode"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "gcode", "old.nc"), []byte("G0\n"), 0o644))
	code, _, errs := prodRun("export", prodExample("cabin-12x16"), "--out", dir, "--today", "2026-11-21")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "not empty")
	assert.FileExists(t, filepath.Join(dir, "gcode", "old.nc"))

	out := filepath.Join(t.TempDir(), "pkg")
	code, _, errs = prodRun("export", prodExample("seed-home-32x40"), "--out", out, "--today", "2026-11-21")
	require.Equal(t, exitOK, code, errs)
	code, _, errs = prodRun("export", prodExample("cabin-12x16"), "--out", out, "--today", "2026-11-21")
	assert.Equal(t, exitUsage, code, "another design's package")
	assert.Contains(t, errs, "Seed Eco-Home")
	code, _, errs = prodRun("export", prodExample("seed-home-32x40"), "--out", out, "--today", "2026-11-22")
	require.Equal(t, exitOK, code, errs)
	var m export.ManifestDoc
	raw, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &m))
	assert.Len(t, prodReadDir(t, out), len(m.Files)+1, "the folder holds exactly what the manifest lists")
}

// `prodos export` writes what the one composer makes (export.Package with
// the default options): the game calls the same composer, so the same
// design exported from either gives the same files (the game test checks
// its side against export.Package too).
func TestExportIsTheComposersPackage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pkg")
	code, _, errs := prodRun("export", prodExample("two-bedroom-24x32"), "--out", dir, "--today", "2026-11-21")
	require.Equal(t, exitOK, code, errs)
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	d, err := designs.LoadDesign(prodExample("two-bedroom-24x32"), cat)
	require.NoError(t, err)
	files, err := export.Package(cat, d, export.Options{Today: prodDate(t, "2026-11-21")})
	require.NoError(t, err)
	want := map[string]string{}
	for _, f := range files {
		want[f.Name] = string(f.Data)
	}
	got := prodReadDir(t, dir)
	assert.Equal(t, want, got)
	assert.Contains(t, got, "jobs/jobs.csv")
	assert.Contains(t, got, "schedule/schedule.csv")
}

func prodDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	require.NoError(t, err)
	return d
}

// The case: a wall and a roof panel placed twice are not bought,
// cut or scheduled twice; the commands refuse the design.
func TestPlacedTwiceIsRefused(t *testing.T) {
	data, err := os.ReadFile(prodExample("cabin-12x16"))
	require.NoError(t, err)
	data = append(data, "\n[[placement]]\nmodule = \"wall-ext-4x8\"\nx = 1\ny = 1\nedge = \"n\"\n\n[[placement]]\nmodule = \"roof-4x8\"\nx = 1\ny = 1\n"...)
	f := filepath.Join(t.TempDir(), "twice.toml")
	require.NoError(t, os.WriteFile(f, data, 0o644))
	for _, cmd := range [][]string{{"bom", f}, {"schedule", f}, {"export", f, "--out", filepath.Join(t.TempDir(), "p"), "--today", "2026-11-21"}} {
		code, out, errs := prodRun(cmd...)
		assert.Equal(t, exitProblems, code, cmd[0])
		assert.Empty(t, out, cmd[0])
		assert.Contains(t, errs, "no-overlap: roof panel 4x8 at (1,1) overlaps", cmd[0])
	}
}
