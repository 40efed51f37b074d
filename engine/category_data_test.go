package engine_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCategoryAddedInDataOnly: a category added only in a copy of the data
// (categories.toml plus a module file naming it) passes module validation,
// gets its place in the palette data and module order, and has its own
// entry in the engine's per-category cost and counts, with no Go change.
func TestCategoryAddedInDataOnly(t *testing.T) {
	data := fstest.MapFS{}
	require.NoError(t, fs.WalkDir(designs.DataFS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(designs.DataFS(), p)
		data[p] = &fstest.MapFile{Data: b}
		return err
	}))
	cats := string(data[designs.CategoryFile].Data)
	wall := "[[category]]\nid = \"wall\""
	require.Contains(t, cats, wall)
	cats = strings.Replace(cats, wall, "[[category]]\nid = \"deck\"\ntitle = \"Decks\"\nicon = \"floor\"\n\n"+wall, 1)
	data[designs.CategoryFile] = &fstest.MapFile{Data: []byte(cats)}
	floor := string(data["modules/floor-4x8.toml"].Data)
	deck := strings.Replace(strings.Replace(floor, `id = "floor-4x8"`, `id = "deck-4x8"`, 1), `category = "floor"`, `category = "deck"`, 1)
	require.NotEqual(t, floor, deck)
	data["modules/deck-4x8.toml"] = &fstest.MapFile{Data: []byte(deck)}

	cat, err := designs.LoadCatalog(data)
	require.NoError(t, err, "validation knows the category from data")
	k, ok := cat.Category("deck")
	require.True(t, ok)
	assert.Equal(t, designs.Category{ID: "deck", Title: "Decks", Icon: "floor"}, k, "palette title and icon")
	assert.Equal(t, []string{"foundation", "floor", "deck", "wall"}, cat.CategoryIDs()[:4], "palette order is file order")
	ids := cat.ModuleIDs()
	assert.Less(t, indexOf(ids, "floor-4x8"), indexOf(ids, "deck-4x8"))
	assert.Less(t, indexOf(ids, "deck-4x8"), indexOf(ids, "wall-ext-4x8"))

	e, err := engine.New(cat, engine.Options{Grid: designs.Grid{Width: 4, Height: 4}, Name: "deck"})
	require.NoError(t, err)
	_, err = e.Apply(engine.Place(0, designs.Placement{Module: "deck-4x8", X: 0, Y: 0}))
	require.NoError(t, err)
	want, ok := e.ModuleCost("deck-4x8")
	require.True(t, ok)
	got, ok := e.CostByCategory()["deck"]
	require.True(t, ok, "the engine's cost table has the category")
	assert.True(t, want.Total().Equal(got.Total()), "deck cost %s, want %s", got.Total(), want.Total())
	assert.True(t, want.Total().IsPositive())
	assert.Equal(t, 1, e.Metrics().ByCategory["deck"])
	assert.Contains(t, e.Categories(), "deck")
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}
