package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/opensourceecology/prodos/production/manufacturing/export"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExportCarriesJobsAndSchedule(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := prodos(t, "export", repoPath("designs/examples/cabin-12x16.toml"), "--out", out)
	require.Equal(t, exitOK, code, stderr)
	raw, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	require.NoError(t, err)
	var m struct {
		Files []struct {
			Name   string `json:"name"`
			SHA256 string `json:"sha256"`
		} `json:"files"`
	}
	require.NoError(t, json.Unmarshal(raw, &m), string(raw))
	names := map[string]bool{}
	for _, f := range m.Files {
		names[f.Name] = true
		_, err := os.Stat(filepath.Join(out, filepath.FromSlash(f.Name)))
		assert.NoError(t, err, "manifest lists %s", f.Name)
	}
	for _, want := range []string{"bom.csv", "purchase-orders.csv", "plan.svg", "jobs/jobs.csv", "jobs/queues.json", "schedule/schedule.csv", "schedule/gantt.svg"} {
		assert.True(t, names[want], "manifest has %s", want)
	}
}

func TestExportAsProfileNeedsDesignerQualification(t *testing.T) {
	db := filepath.Join(t.TempDir(), "profiles.db")
	t.Setenv("PRODOS_PROFILES_DB", db)
	code, _, stderr := prodos(t, "profile", "create", "ana", "--db", db)
	require.Equal(t, exitOK, code, stderr)
	// Without the qualification the package is a draft that says why.
	code, stdout, stderr := prodos(t, "export", repoPath("designs/examples/cabin-12x16.toml"), "--out", t.TempDir(), "--as", "ana")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, stderr, "export --as ana")
	assert.Contains(t, stderr, "Designer")
	assert.Contains(t, stdout, export.DraftMark)
	code, stdout, stderr = prodos(t, "export", repoPath("designs/examples/cabin-12x16.toml"), "--out", t.TempDir(), "--as", "nobody")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, stderr, "nobody")
	assert.Contains(t, stdout, export.DraftMark)
}
