package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/levels/leveledit"
	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/commons/web"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A level made with the editor model is published with publish-level,
// listed, and downloaded hash-checked; a broken level is refused with
// file:line:column (exit 2) and nothing is stored.
func TestPublishLevelCommands(t *testing.T) {
	db := commonsWorld(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	require.NoError(t, os.WriteFile(bad, []byte("id = \"x\"\ntitle = \"X\"\nbriefing = \"b\"\nrules = \"beginner\"\n[grid]\nwidth = 3\nheight = 3\n[[objective]]\ntext = \"t\"\nmetric = \"closd\"\nmin = 1\n"), 0o644))
	code, _, stderr := prodos(t, "commons", "publish-level", bad, "--as", "ana", "--db", db)
	assert.Equal(t, exitUsage, code, stderr)
	assert.Contains(t, stderr, bad+`:10:10: objective[0].metric: unknown metric "closd"`)
	code, _, stderr = prodos(t, "commons", "publish-level", strings.Replace(bad, "bad", "missing", 1), "--as", "ana", "--db", db)
	assert.Equal(t, exitUsage, code, stderr)

	m := leveledit.New("class-cabin")
	m.Title = "Class cabin"
	m.SetSize(7, 8)
	m.Budget = decimal.RequireFromString("9000")
	m.ToggleRequired("wall-door-4x8")
	_, data, err := m.Build("class-cabin.toml")
	require.NoError(t, err)
	file := filepath.Join(dir, "class-cabin.toml")
	require.NoError(t, os.WriteFile(file, data, 0o644))
	code, out, stderr := prodos(t, "commons", "publish-level", file, "--as", "ana", "--db", db)
	require.Equal(t, exitOK, code, stderr)
	hash := commons.Hash(data)
	assert.Contains(t, out, file+": published level "+hash)
	assert.Contains(t, out, "site 7x8 cells, budget $9000.00, 3 objectives, rules beginner")

	code, out, stderr = prodos(t, "commons", "levels", "--db", db, "--format", "json")
	require.Equal(t, exitOK, code, stderr)
	var list web.LevelsJSON
	require.NoError(t, json.Unmarshal([]byte(out), &list))
	require.Len(t, list.Levels, 1, "the broken level was not stored")
	assert.Equal(t, "class-cabin", list.Levels[0].ID)

	got := filepath.Join(dir, "got.toml")
	code, out, stderr = prodos(t, "commons", "get-level", hash, "--out", got, "--db", db)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, out, "SHA-256 checked")
	back, err := os.ReadFile(got)
	require.NoError(t, err)
	assert.Equal(t, data, back)

	m.Title = "Another cabin"
	_, data, err = m.Build("other.toml")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(file, data, 0o644))
	code, _, stderr = prodos(t, "commons", "publish-level", file, "--as", "nobody", "--db", db)
	assert.Equal(t, exitProblems, code, "an author who is not a profile: %s", stderr)
}
