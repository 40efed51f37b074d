package designs

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCategoriesFromData: the categories' palette order, titles and icons
// come from categories.toml, and a module without an icon gets its
// category's.
func TestCategoriesFromData(t *testing.T) {
	cat, err := DefaultCatalog()
	require.NoError(t, err)
	var ids []string
	for _, k := range cat.CategoryList {
		ids = append(ids, k.ID)
	}
	assert.Equal(t, []string{"foundation", "floor", "wall", "opening", "interior", "core", "loft", "roof", "energy"}, ids)
	assert.ElementsMatch(t, Categories(), ids, "every module category has a row")
	k, ok := cat.Category("opening")
	require.True(t, ok)
	assert.Equal(t, Category{ID: "opening", Title: "Doors and windows", Icon: "wall"}, k)
	assert.Equal(t, "wall", cat.Modules["wall-door-4x8"].Icon, "from its category")
	assert.Equal(t, "kitchen", cat.Modules["core-kitchen"].Icon, "its own")
	assert.Equal(t, "Kitchen", cat.Modules["core-kitchen"].Room)
	assert.Equal(t, "", cat.Modules["floor-4x8"].Room)
}

func TestCategoryErrors(t *testing.T) {
	for _, tc := range []struct{ name, from, to, want string }{
		{"missing title", `title = "Loft"`, `title = ""`, `categories.toml:39:9: category "loft" has no title`},
		{"duplicate id", `id = "loft"`, `id = "core"`, `categories.toml:38:6: duplicate category id "core"`},
		{"category without a row", "[[category]]\nid = \"loft\"\ntitle = \"Loft\"\nicon = \"loft\"\n", "", `modules/loft-4x8.toml:3:12: unknown category "loft" (want one of foundation, floor, wall, opening, interior, core, roof, energy)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := copyData(t)
			src := string(data[CategoryFile].Data)
			require.Contains(t, src, tc.from)
			data[CategoryFile] = &fstest.MapFile{Data: []byte(strings.Replace(src, tc.from, tc.to, 1))}
			_, err := LoadCatalog(data)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
