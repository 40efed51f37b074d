package jobs

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOneSourceOfTruth changes the module data of a fresh catalog and checks
// that the nesting, cut list and machine jobs follow, while a change that
// touches no part leaves every output byte for byte the same.
func TestOneSourceOfTruth(t *testing.T) {
	render := func(cat *designs.Catalog) map[string][]byte {
		d, err := designs.LoadDesign("testdata/small.toml", cat)
		require.NoError(t, err)
		shops, err := designs.DefaultShops()
		require.NoError(t, err)
		p, err := Build(d, cat, shops[designs.DefaultShopID])
		require.NoError(t, err)
		files, err := p.Files(cat)
		require.NoError(t, err)
		return files
	}
	fresh := func() *designs.Catalog {
		cat, err := designs.LoadCatalog(designs.DataFS())
		require.NoError(t, err)
		return cat
	}
	base := render(fresh())

	cat := fresh()
	cat.Modules["wall-window-4x8"].Description = "reworded, no part changed"
	cat.Modules["wall-window-4x8"].Source = "another source"
	assert.Equal(t, base, render(cat), "a change touching no part changed an output")

	cat = fresh()
	cuts := cat.Modules["wall-window-4x8"].Cuts
	for i := range cuts {
		if cuts[i].Name == "cripple" {
			cuts[i].Length += 2 * designs.Inch
		}
	}
	got := render(cat)
	assert.NotEqual(t, string(base["cutlists/purchase.csv"])+string(base["cutlists/saw-1.csv"])+string(base["cutlists/saw-2.csv"]),
		string(got["cutlists/purchase.csv"])+string(got["cutlists/saw-1.csv"])+string(got["cutlists/saw-2.csv"]), "a longer cripple left the cut lists alone")

	cat = fresh()
	cuts = cat.Modules["wall-window-4x8"].Cuts
	for i := range cuts {
		if cuts[i].Name == "sheathing below sill" {
			cuts[i].Width -= 4 * designs.Inch
		}
	}
	got = render(cat)
	assert.NotEqual(t, string(base["jobs-summary.txt"]), string(got["jobs-summary.txt"]), "a smaller sheet part left the nesting alone")
	changed := false
	for name, data := range base {
		if len(name) > 6 && name[:6] == "gcode/" && string(got[name]) != string(data) {
			changed = true
		}
	}
	assert.True(t, changed, "a smaller sheet part left every G-code program alone")
}
