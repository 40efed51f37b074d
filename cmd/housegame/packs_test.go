package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The packs fetched into the data directory join the palette without
// --packs; a broken one there is left out with a warning, not a failure.
func TestLoadPacksFromTheDataDirectory(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	base, err := designs.DefaultCatalog()
	require.NoError(t, err)
	pack, err := os.ReadFile(filepath.Join("..", "..", "designs", "examples", "packs", "greenhouse.toml"))
	require.NoError(t, err)
	dir := filepath.Join(data, "prodos", "packs")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, designs.PackHash(pack)+".toml"), pack, 0o644))

	var warn bytes.Buffer
	cat, d, err := loadPacks(base, "", filepath.Join("..", "..", "designs", "examples", "packs", "greenhouse-16x8.toml"), &warn)
	require.NoError(t, err)
	assert.Contains(t, cat.ModuleIDs(), "gh-roof-4x8")
	assert.Len(t, d.Placements, 28)
	assert.Empty(t, warn.String())

	bad, err := os.ReadFile(filepath.Join("..", "..", "designs", "testdata", "packs", "bad", "long-rafter.toml"))
	require.NoError(t, err)
	// alone in the folder, so its own fault is what is reported (beside the
	// good pack it would first clash with its ids)
	require.NoError(t, os.Remove(filepath.Join(dir, designs.PackHash(pack)+".toml")))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad.toml"), bad, 0o644))
	cat, _, err = loadPacks(base, "", "", &warn)
	require.NoError(t, err)
	assert.NotContains(t, cat.ModuleIDs(), "gh-roof-4x8")
	assert.Contains(t, warn.String(), `cut part "rafter": length 120"`)
}
