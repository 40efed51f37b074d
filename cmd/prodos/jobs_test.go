package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var exampleDesigns = []string{
	"../../designs/examples/cabin-12x16.toml",
	"../../designs/examples/two-bedroom-24x32.toml",
	"../../designs/examples/seed-home-32x40.toml",
}

func runProdos(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(&env{stdout: &out, stderr: &errb, stdin: strings.NewReader("")}, args)
	return code, out.String(), errb.String()
}

func TestJobsCommand(t *testing.T) {
	for _, f := range exampleDesigns {
		t.Run(filepath.Base(f), func(t *testing.T) {
			dir := t.TempDir()
			code, out, errs := runProdos("jobs", f, "--out", dir)
			require.Equal(t, exitOK, code, "stderr: %s", errs)
			for _, want := range []string{"sheets used", "lower bound", "utilisation", "Lumber cost vs LP cost bound", "Machine queues", "Wrote "} {
				assert.Contains(t, out, want)
			}
			assert.Contains(t, out, "(target 1%): met")
			for _, f := range []string{"jobs.csv", "queues.json", "cutlists/saw-1.csv", "cutlists/purchase.csv", "nesting/SHT-OSB-716-01.svg", "nesting/SHT-OSB-716-01.dxf"} {
				_, err := os.Stat(filepath.Join(dir, f))
				assert.NoError(t, err, f)
			}
			nc, err := filepath.Glob(filepath.Join(dir, "gcode", "*.nc"))
			require.NoError(t, err)
			assert.NotEmpty(t, nc)
		})
	}
}

func TestJobsCommandErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no design", []string{"jobs"}, exitUsage, "usage: prodos jobs"},
		{"missing file", []string{"jobs", "nope.toml"}, exitUsage, "nope.toml"},
		{"unknown shop", []string{"jobs", exampleDesigns[0], "--shop", "moon"}, exitUsage, `unknown shop "moon"`},
		{"shop without router", []string{"jobs", exampleDesigns[0], "--shop", "hand-tools"}, exitProblems, "no cnc-router"},
		{"crew with no cnc operator", []string{"jobs", exampleDesigns[0], "--crew", "1"}, exitProblems, `needs qualification "cnc-operator"`},
		{"bad crew size", []string{"jobs", exampleDesigns[0], "--crew", "0"}, exitUsage, "crew size"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := runProdos(tt.args...)
			assert.Equal(t, tt.code, code)
			assert.Contains(t, errs, tt.want)
		})
	}
}

func TestJobsBadDesignNamesLine(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	require.NoError(t, os.WriteFile(bad, []byte("format = 1\nname = \"x\"\nlicense = \"CC0-1.0\"\n[grid]\nwidth = 2\nheight = 2\n[[placement]]\nmodule = \"wall-nope\"\nx = 0\ny = 0\nedge = \"n\"\n"), 0o644))
	code, _, errs := runProdos("jobs", bad)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "bad.toml:8:")
	assert.Contains(t, errs, "wall-nope")
}

func TestScheduleCommand(t *testing.T) {
	for _, f := range exampleDesigns {
		t.Run(filepath.Base(f), func(t *testing.T) {
			code, out, errs := runProdos("schedule", f)
			require.Equal(t, exitOK, code, "stderr: %s", errs)
			for _, want := range []string{"Makespan:", "Lower bound:", "Person-hours:", "Critical path", "(target 1.15): met", "per 1,000 sq ft"} {
				assert.Contains(t, out, want)
			}
			code, out, errs = runProdos("schedule", f, "--crew", "24", "--format", "json")
			require.Equal(t, exitOK, code, "stderr: %s", errs)
			var got struct {
				CrewSize int     `json:"crew_size"`
				Makespan float64 `json:"makespan_hours"`
				Bound    float64 `json:"lower_bound_hours"`
				Tasks    []any   `json:"tasks"`
			}
			require.NoError(t, json.Unmarshal([]byte(out), &got))
			assert.Equal(t, 24, got.CrewSize)
			assert.GreaterOrEqual(t, got.Makespan, got.Bound)
			assert.NotEmpty(t, got.Tasks)

			gantt := filepath.Join(t.TempDir(), "g.svg")
			code, out, _ = runProdos("schedule", f, "--format", "csv", "--gantt", gantt)
			require.Equal(t, exitOK, code)
			assert.True(t, strings.HasPrefix(out, "task,name,phase,kind,op,qualification,person,start_min,end_min,minutes,depends_on,critical\n"))
			data, err := os.ReadFile(gantt)
			require.NoError(t, err)
			assert.Contains(t, string(data), "<svg")
		})
	}
}

func TestScheduleCommandErrors(t *testing.T) {
	code, _, errs := runProdos("schedule", exampleDesigns[1], "--format", "xml")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "--format must be one of")
	code, _, errs = runProdos("schedule", exampleDesigns[1], "--crew", "1")
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errs, `no one on the crew holds "utility-installer" for task(s) U1`)
}
