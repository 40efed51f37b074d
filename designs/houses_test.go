package designs

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHouseSlug(t *testing.T) {
	for name, want := range map[string]string{
		"House 1": "house-1", "  North -- Lot 7 ": "north-lot-7", "A:B/c": "a-b-c", "北": "house", "": "house",
	} {
		assert.Equal(t, want, HouseSlug(name), name)
	}
}

// The row of twenty splits into twenty houses, each the two-bedroom
// example's modules, and nothing left over; a design without houses is all
// rest.
func TestSplitHouses(t *testing.T) {
	cat, err := DefaultCatalog()
	require.NoError(t, err)
	row, err := LoadDesign(filepath.Join("examples", "compact", "row-of-20-24x32.toml"), cat)
	require.NoError(t, err)
	single, err := LoadDesign(filepath.Join("examples", "two-bedroom-24x32.toml"), cat)
	require.NoError(t, err)
	parts, rest := row.SplitHouses()
	assert.Empty(t, rest)
	require.Len(t, parts, 20)
	count := func(ps []Placement) map[string]int {
		m := map[string]int{}
		for _, p := range ps {
			m[p.Module]++
		}
		return m
	}
	total := 0
	for k, p := range parts {
		assert.Equal(t, row.Houses()[k], p.Name)
		assert.Equal(t, HouseSlug(p.Name), p.Slug)
		assert.Equal(t, row.Name, p.Design.Name)
		assert.Equal(t, count(single.Placements), count(p.Design.Placements), p.Name)
		for _, pl := range p.Design.Placements {
			assert.Equal(t, p.Name, pl.House)
		}
		total += len(p.Design.Placements)
	}
	assert.Equal(t, len(row.Placements), total)
	assert.Len(t, row.Placements, total, "the design itself is not changed")

	parts, rest = single.SplitHouses()
	assert.Empty(t, parts)
	assert.Equal(t, single.Placements, rest)

	data := "format = 1\nname = \"m\"\nlicense = \"CC-BY-SA-4.0\"\n[grid]\nwidth = 4\nheight = 4\n[[placement]]\nmodule = \"foundation-cell\"\n" +
		"[[house]]\nname = \"A\"\nx = 2\n[[house.placement]]\nmodule = \"foundation-cell\"\n"
	path := filepath.Join(t.TempDir(), "m.toml")
	require.NoError(t, os.WriteFile(path, []byte(data), 0o644))
	mixed, err := LoadDesign(path, cat)
	require.NoError(t, err)
	parts, rest = mixed.SplitHouses()
	require.Len(t, parts, 1)
	assert.Len(t, parts[0].Design.Placements, 1)
	assert.Len(t, rest, 1, "the placement outside any house")
}
