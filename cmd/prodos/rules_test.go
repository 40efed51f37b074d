package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func engProdos(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(&env{stdout: &out, stderr: &errb, stdin: strings.NewReader("")}, args)
	return code, out.String(), errb.String()
}

func TestValidateRunsRules(t *testing.T) {
	code, out, _ := engProdos("validate", "testdata/roof-span-20ft.toml")
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, out, "testdata/roof-span-20ft.toml: roof-span: roof panel 4x8 at (1,1) spans 20 ft between bearing walls; the roof panel 4x8's limit is 16 ft\n")
	assert.Equal(t, 4, strings.Count(out, "roof-span:"), out)
}

func TestValidateExamplesPassRules(t *testing.T) {
	files, err := filepath.Glob("../../designs/examples/*.toml")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 3)
	for _, f := range files {
		code, out, errs := engProdos("validate", f)
		assert.Equal(t, exitOK, code, "%s\n%s", out, errs)
		assert.Contains(t, out, f+": ok")
	}
}

func TestValidateOpenEnvelope(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	d, err := designs.LoadDesign("../../designs/examples/cabin-12x16.toml", cat)
	require.NoError(t, err)
	// take the north-west corner wall away
	var kept []designs.Placement
	for _, p := range d.Placements {
		if p.Module == "wall-ext-4x8" && p.X == 1 && p.Y == 1 && p.Edge == "n" {
			continue
		}
		kept = append(kept, p)
	}
	d.Placements = kept
	path := filepath.Join(t.TempDir(), "open.toml")
	require.NoError(t, d.Save(path))
	code, out, _ := engProdos("validate", path)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, out, path+": envelope-closed: the envelope is open at 1 outside edge(s) of the floor with no wall: the north edge of (1,1)\n")
}

func TestCostJSON(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	for _, f := range []string{"../../designs/examples/cabin-12x16.toml", "../../designs/examples/seed-home-32x40.toml"} {
		d, err := designs.LoadDesign(f, cat)
		require.NoError(t, err)
		want := cat.DesignCost(d, cat.Rates.LabourPerHour)
		code, out, errs := engProdos("cost", f, "--format", "json")
		require.Equal(t, exitOK, code, errs)
		var got map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &got))
		assert.Equal(t, want.Materials.StringFixed(2), got["materials"])
		assert.Equal(t, want.Labour.StringFixed(2), got["labor"])
		assert.Equal(t, want.Machine.StringFixed(2), got["machine"])
		assert.Equal(t, want.Total().StringFixed(2), got["total"])
		// the categories add up to the total
		var sum float64
		for _, c := range got["by_category"].([]any) {
			row := c.(map[string]any)
			for _, k := range []string{"category", "modules", "materials", "labor", "machine", "total"} {
				assert.Contains(t, row, k)
			}
			var v float64
			require.NoError(t, json.Unmarshal([]byte(row["total"].(string)), &v))
			sum += v
		}
		var total float64
		require.NoError(t, json.Unmarshal([]byte(got["total"].(string)), &total))
		assert.InDelta(t, total, sum, 0.005*float64(len(got["by_category"].([]any))))
	}
}

func TestCostTable(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	f := "../../designs/examples/two-bedroom-24x32.toml"
	d, err := designs.LoadDesign(f, cat)
	require.NoError(t, err)
	want := cat.DesignCost(d, cat.Rates.LabourPerHour)
	code, out, _ := engProdos("cost", f)
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "Two-bedroom house 24x32: 140 modules, 768 sq ft (71.35 m²)")
	assert.Regexp(t, `total +140 +`+want.Materials.StringFixed(2)+` +`+want.Labour.StringFixed(2)+` +`+want.Machine.StringFixed(2)+` +`+want.Total().StringFixed(2), out)
}

func TestCostUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"cost"}, exitUsage, "usage: prodos cost DESIGN"},
		{[]string{"cost", "x.toml", "--format", "xml"}, exitUsage, "--format must be one of table, json"},
		{[]string{"cost", "testdata/missing.toml"}, exitUsage, "no such file"},
	}
	for _, tt := range tests {
		code, _, errs := engProdos(tt.args...)
		assert.Equal(t, tt.code, code, tt.args)
		assert.Contains(t, errs, tt.err)
	}
	bad := filepath.Join(t.TempDir(), "bad.toml")
	require.NoError(t, os.WriteFile(bad, []byte("format = 1\nname = \"x\"\nlicense = \"CC0-1.0\"\n[grid]\nwidth = 2\nheight = 2\n[[placement]]\nmodule = \"wall-gold\"\nx = 0\ny = 0\n"), 0o644))
	code, _, errs := engProdos("cost", bad)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, bad+`:8:10: unknown module "wall-gold"`)
}

func TestValidateWarnsWithoutFailing(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	d, err := designs.LoadDesign("../../designs/examples/cabin-12x16.toml", cat)
	require.NoError(t, err)
	for i, p := range d.Placements {
		if p.Module == "wall-window-4x8" {
			d.Placements[i].Module = "wall-ext-4x8"
		}
	}
	path := filepath.Join(t.TempDir(), "dark.toml")
	require.NoError(t, d.Save(path))
	code, out, _ := engProdos("validate", path)
	assert.Equal(t, exitOK, code, out)
	assert.Contains(t, out, path+": daylight: warning: windows are 0% of the floor area (0 sq ft of 192 sq ft); at least 8% is needed\n")
	assert.Contains(t, out, path+": ok (38 modules)")
}
