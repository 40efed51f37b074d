//go:build !js

package game

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/opensourceecology/prodos/production/manufacturing/export"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Export (Ctrl+E or the Export button) writes the build package of the
// design on screen next to the saves.
func TestExportWritesBuildPackage(t *testing.T) {
	g, _ := newTestGame(t)
	dir := t.TempDir()
	g.Store = FileStore{Dir: dir}
	d := driver{t, g}
	_, err := g.OpenLevel("shed", nil)
	require.NoError(t, err)
	d.step(Frame{})
	d.selectModule("wall-ext-4x8")
	d.placeWall(2, 2, "n")
	d.intent(IntentExport)
	msg, _ := g.Toast()
	assert.Contains(t, msg, filepath.Join(dir, "exports", "shed"))
	// One wall on bare ground breaks hard rules: the package is a draft.
	assert.Contains(t, msg, "DRAFT")
	raw, err := os.ReadFile(filepath.Join(dir, "exports", "shed", "manifest.json"))
	require.NoError(t, err)
	var m struct {
		Files []struct{ Name string } `json:"files"`
	}
	require.NoError(t, json.Unmarshal(raw, &m))
	var names []string
	for _, f := range m.Files {
		names = append(names, f.Name)
	}
	assert.Contains(t, names, "bom.csv")
	assert.Contains(t, names, "plan.svg")
	bom, err := os.ReadFile(filepath.Join(dir, "exports", "shed", "bom.csv"))
	require.NoError(t, err)
	assert.Contains(t, string(bom), "LUM-2X6-08")
	assert.Contains(t, string(bom), export.DraftMark)

	// Without a folder (a memory store) the player is told, nothing crashes.
	g.Store = MemStore{}
	d.intent(IntentExport)
	msg, bad := g.Toast()
	assert.True(t, bad)
	assert.Contains(t, msg, "Not exported")
}
