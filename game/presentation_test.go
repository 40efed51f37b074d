package game

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dataWith is a copy of the embedded module library with files replaced or
// added.
func dataWith(t *testing.T, files map[string]string) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	require.NoError(t, fs.WalkDir(designs.DataFS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(designs.DataFS(), p)
		out[p] = &fstest.MapFile{Data: b}
		return err
	}))
	for p, s := range files {
		out[p] = &fstest.MapFile{Data: []byte(s)}
	}
	return out
}

// TestModulePresentationFromData (issue 15): a module added only in data
// gets its palette group, icon and room kind with no Go change, and the
// palette's category titles and order come from categories.toml.
func TestModulePresentationFromData(t *testing.T) {
	mech, err := fs.ReadFile(designs.DataFS(), "modules/core-mech.toml")
	require.NoError(t, err)
	pantry := strings.Replace(string(mech), `id = "core-mech"`, `id = "core-pantry"`, 1)
	pantry = strings.Replace(pantry, `room = "Utility room"`, "room = \"Pantry\"\nicon = \"kitchen\"", 1)
	require.Contains(t, pantry, `icon = "kitchen"`)
	cats, err := fs.ReadFile(designs.DataFS(), "categories.toml")
	require.NoError(t, err)
	renamed := strings.Replace(string(cats), `title = "Utility cores"`, `title = "Service cores"`, 1)
	require.NotEqual(t, string(cats), renamed)
	cat, err := designs.LoadCatalog(dataWith(t, map[string]string{
		"modules/core-pantry.toml": pantry,
		"categories.toml":          renamed,
	}))
	require.NoError(t, err)

	m := cat.Modules["core-pantry"]
	require.NotNil(t, m)
	assert.Equal(t, SpriteKitchen, iconSprite(m.Icon), "the module's own icon")
	assert.Equal(t, "Pantry", m.Room, "the room it stands in is a pantry")
	assert.Equal(t, SpriteMech, iconSprite(cat.Modules["core-mech"].Icon), "its category's icon")

	g, err := New(cat, MemStore{})
	require.NoError(t, err)
	var headers []string
	header := ""
	for _, row := range (&DesignScene{}).buildPaletteRows(g) {
		if row.header != "" {
			header = row.header
			headers = append(headers, header)
		}
		if row.id == "core-pantry" {
			assert.Equal(t, "Service cores", header, "listed under its category's title")
		}
	}
	assert.Equal(t, []string{"Foundation", "Floor", "Walls", "Doors and windows", "Interior walls",
		"Service cores", "Loft", "Roof", "Energy"}, headers)
}
