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

	// The room the pantry core stands in is labelled a pantry.
	d := &designs.Design{Grid: designs.Grid{Width: 6, Height: 6}}
	for _, c := range [][2]int{{2, 2}, {3, 2}, {2, 3}, {3, 3}} {
		d.Placements = append(d.Placements, designs.Placement{Module: "foundation-cell", X: c[0], Y: c[1]})
	}
	d.Placements = append(d.Placements,
		designs.Placement{Module: "floor-4x8", X: 2, Y: 2}, designs.Placement{Module: "floor-4x8", X: 3, Y: 2},
		designs.Placement{Module: "core-pantry", X: 2, Y: 2})
	for _, w := range []designs.Placement{{X: 2, Y: 2, Edge: "n"}, {X: 3, Y: 2, Edge: "n"}, {X: 3, Y: 2, Edge: "e"},
		{X: 3, Y: 3, Edge: "e"}, {X: 3, Y: 3, Edge: "s"}, {X: 2, Y: 3, Edge: "w"}, {X: 2, Y: 2, Edge: "w"}, {X: 2, Y: 3, Edge: "s"}} {
		w.Module = "wall-ext-4x8"
		d.Placements = append(d.Placements, w)
	}
	rooms := planBoard(t, cat, d).Metrics().RoomList
	require.Len(t, rooms, 1)
	assert.Equal(t, "Pantry", rooms[0].Name)
}
