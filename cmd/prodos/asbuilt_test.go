//go:build !js

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// handAsBuilt records two cabins' walls W3 and W14 (wall-ext-4x8: plan 21
// build minutes = 7 members x 3, 15 install minutes) with real prodos
// commands. W14's install of cabin-a is split in two records (5 + 7).
func handAsBuilt(t *testing.T, db string) {
	t.Helper()
	cabin := prodExample("cabin-12x16")
	for _, r := range [][]string{
		{"--house", "cabin-a", "--task", "W3.build", "--minutes", "30", "--people", "al,bo", "--used", "LUM-2X6-08=7,SHT-OSB-716=1", "--wasted", "LUM-2X6-08=1", "--problems", "one plate bowed"},
		{"--house", "cabin-a", "--task", "W3", "--minutes", "20", "--people", "al,bo"},
		{"--house", "cabin-a", "--task", "W14.build", "--minutes", "24", "--people", "cy", "--used", "SHT-OSB-716=1", "--wasted", "SHT-OSB-716=0.25"},
		{"--house", "cabin-a", "--task", "W14", "--minutes", "5", "--people", "al", "--key", "a-w14-1"},
		{"--house", "cabin-a", "--task", "W14", "--minutes", "7", "--people", "al,bo", "--key", "a-w14-2"},
		{"--house", "cabin-b", "--task", "W3.build", "--minutes", "27", "--people", "cy", "--used", "SHT-OSB-716=2"},
		{"--house", "cabin-b", "--task", "W3", "--minutes", "18", "--people", "al,cy"},
	} {
		code, out, errs := prodRun(append([]string{"asbuilt", "record", cabin, "--db", db}, r...)...)
		require.Equal(t, exitOK, code, errs)
		assert.Contains(t, out, "as built ")
	}
}

func TestAsBuiltReportAndCalibrationMatchHandFigures(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "asbuilt.db")
	handAsBuilt(t, db)

	// Recording the same task again (same default key) records it once.
	code, out, errs := prodRun("asbuilt", "record", prodExample("cabin-12x16"), "--db", db, "--house", "cabin-b", "--task", "W3", "--minutes", "99", "--people", "x")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "already recorded (key cabin-b/W3)")

	svg := filepath.Join(dir, "report.svg")
	code, out, errs = prodRun("asbuilt", "report", "cabin-a", "--db", db, "--svg", svg)
	require.Equal(t, exitOK, code, errs)
	prodGolden(t, filepath.Join("testdata", "asbuilt-report-cabin-a.txt"), []byte(out))
	chart, err := os.ReadFile(svg)
	require.NoError(t, err)
	prodGolden(t, filepath.Join("testdata", "asbuilt-report-cabin-a.svg"), chart)

	code, out, errs = prodRun("asbuilt", "report", "cabin-a", "--db", db, "--format", "json")
	require.Equal(t, exitOK, code, errs)
	var rep struct {
		Tasks []struct {
			Key    string `json:"key"`
			Plan   string `json:"plan_minutes"`
			Actual string `json:"actual_minutes"`
			Diff   string `json:"diff_minutes"`
		} `json:"tasks"`
		Total struct {
			Plan   string `json:"plan_minutes"`
			Actual string `json:"actual_minutes"`
		} `json:"total"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	var got []string
	for _, l := range rep.Tasks {
		got = append(got, l.Key+" "+l.Plan+" "+l.Actual+" "+l.Diff)
	}
	// Largest difference first: W3.build +9, W3 +5, then W14 -3 and W14.build +3 by id.
	assert.Equal(t, []string{"W3.build 21 30 9", "W3 15 20 5", "W14 15 12 -3", "W14.build 21 24 3"}, got)
	assert.Equal(t, "72 86", rep.Total.Plan+" "+rep.Total.Actual)

	overlay := filepath.Join(dir, "site.toml")
	code, out, errs = prodRun("calibrate", "cabin-a", "cabin-b", "--db", db, "--out", overlay)
	require.Equal(t, exitOK, code, errs)
	// Build 30, 24, 27 -> 27; install 20, 5+7, 18 -> 18; waste 5.48/50.86 = 0.1077, 3.125/12.50 = 0.25, 0 -> 0.1077.
	var rows []string
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "wall-ext-4x8 ") {
			rows = append(rows, strings.Join(strings.Fields(line), " "))
		}
	}
	assert.Equal(t, []string{"wall-ext-4x8 build minutes 21 27 24 to 30 3", "wall-ext-4x8 install minutes 15 18 12 to 20 3",
		"wall-ext-4x8 waste 0.0603 0.1077 0 to 0.25 3"}, rows)
	data, err := os.ReadFile(overlay)
	require.NoError(t, err)
	prodGolden(t, filepath.Join("testdata", "calibrate-overlay.toml"), data)

	// The catalog loads the overlay on top of the defaults only when asked, and says so.
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	labour := func(args ...string) (string, string) {
		code, out, errs := prodRun(append(args, "catalog", "--format", "json")...)
		require.Equal(t, exitOK, code, errs)
		var rows []catalogRow
		require.NoError(t, json.Unmarshal([]byte(out), &rows))
		for _, r := range rows {
			if r.ID == "wall-ext-4x8" {
				return r.Cost.Labor, errs
			}
		}
		t.Fatal("no wall-ext-4x8 in the catalog")
		return "", ""
	}
	perMin := cat.Rates.LabourPerHour.Div(decimal.NewFromInt(60))
	def, errs := labour()
	assert.Equal(t, perMin.Mul(decimal.NewFromInt(21+15)).StringFixed(2), def)
	assert.Empty(t, errs)
	site, errs := labour("--overlay", overlay)
	assert.Equal(t, perMin.Mul(decimal.NewFromInt(27+18)).StringFixed(2), site)
	assert.Contains(t, errs, "prodos: site overlay "+overlay+" in use")
	assert.Contains(t, errs, "[wall-ext-4x8]")
	t.Setenv("PRODOS_OVERLAY", "") // the environment variable is read by main, not by run
	require.NoError(t, os.WriteFile(overlay, []byte(strings.Replace(string(data), `waste = "0.1077"`, `waste = "1.5"`, 1)), 0o644))
	code, _, errs = prodRun("--overlay", overlay, "catalog")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "site.toml:")
	assert.Contains(t, errs, "waste 1.5 must be between 0 and 1")
}

func TestAsBuiltBadInput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "asbuilt.db")
	cabin := prodExample("cabin-12x16")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown task", []string{"--task", "W99", "--minutes", "3", "--people", "al"}, exitUsage, `no module task "W99"`},
		{"minutes not a number", []string{"--task", "W3", "--minutes", "ten", "--people", "al"}, exitUsage, `minutes "ten" is not a number`},
		{"zero minutes", []string{"--task", "W3", "--minutes", "0", "--people", "al"}, exitUsage, "actual minutes must be positive"},
		{"unknown sku", []string{"--task", "W3", "--minutes", "3", "--people", "al", "--used", "GOLD-BAR=1"}, exitUsage, `unknown material "GOLD-BAR"`},
		{"bad quantity", []string{"--task", "W3", "--minutes", "3", "--people", "al", "--wasted", "LUM-2X6-08=-1"}, exitUsage, `quantity "-1" must be a positive number`},
		{"no people", []string{"--task", "W3", "--minutes", "3"}, exitUsage, "needs --task, --minutes and --people"},
	} {
		code, _, errs := prodRun(append([]string{"asbuilt", "record", cabin, "--db", db}, tc.args...)...)
		assert.Equal(t, tc.code, code, tc.name)
		assert.Contains(t, errs, tc.want, tc.name)
	}
	code, _, errs := prodRun("asbuilt", "report", "cabin-12x16", "--db", db)
	assert.Equal(t, exitProblems, code, "nothing was recorded")
	assert.Contains(t, errs, `no as-built records for house "cabin-12x16"`)
	code, _, errs = prodRun("calibrate", "cabin-12x16", "--db", db)
	assert.Equal(t, exitUsage, code, "--out is required")
	code, _, errs = prodRun("--overlay", filepath.Join(dir, "missing.toml"), "catalog")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "missing.toml")
}
