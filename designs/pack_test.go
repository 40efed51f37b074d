package designs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readPack reads a pack file: the example greenhouse pack, or one of
// testdata/packs.
func readPack(t *testing.T, name string) []byte {
	t.Helper()
	path := filepath.Join("testdata", "packs", name)
	if name == "greenhouse.toml" {
		path = filepath.Join("examples", "packs", name)
	}
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return data
}

func TestParsePackRefusesACutLongerThanItsStock(t *testing.T) {
	cat := testCatalog(t)
	_, err := ParsePack("long-rafter.toml", readPack(t, "bad/long-rafter.toml"), cat)
	require.Error(t, err)
	assert.Equal(t, `long-rafter.toml:130:10: cut part "rafter": length 120" must be within the 96" stock of LUM-2X6-08`, err.Error())
}

func TestParsePackAddsItsModules(t *testing.T) {
	cat := testCatalog(t)
	data := readPack(t, "greenhouse.toml")
	p, err := ParsePack("greenhouse.toml", data, cat)
	require.NoError(t, err)
	assert.Equal(t, PackHash(data), p.Hash)
	assert.Equal(t, "greenhouse", p.Info.ID)
	_, still := cat.Modules["gh-roof-4x8"]
	assert.False(t, still, "ParsePack leaves the base catalog alone")

	ext, err := cat.WithPacks(p)
	require.NoError(t, err)
	m, err := ext.Module("gh-roof-4x8")
	require.NoError(t, err)
	assert.Equal(t, "roof", m.Icon, "no icon of its own: its category's")
	assert.Contains(t, ext.ModuleIDs(), "gh-roof-4x8")
	assert.Len(t, ext.ModuleIDs(), len(cat.ModuleIDs())+1)
	assert.Same(t, p, ext.PackOf("gh-roof-4x8"))
	assert.True(t, ext.HasPack(p.Hash))
	// Cost derives from the pack's and the library's prices: 4 studs at
	// 5.48, one sheet at 89.00, 34 screws at 0.28, 8 ft of tape at 0.45,
	// 24 nails from the library.
	nail := cat.Materials["HW-NAIL-16D"].Price.Mul(decimal.NewFromInt(24))
	want := decimal.RequireFromString("21.92").Add(decimal.RequireFromString("89.00")).
		Add(decimal.RequireFromString("9.52")).Add(decimal.RequireFromString("3.60")).Add(nail)
	assert.Equal(t, want.StringFixed(2), ext.MaterialCost(m).StringFixed(2))
	build, install := ext.LabourMinutes(m)
	assert.Equal(t, "40", build.String(), "25 min + 3 min for each of 5 members")
	assert.Equal(t, "20", install.String())
}

func TestParsePackChecks(t *testing.T) {
	cat := testCatalog(t)
	good := string(readPack(t, "greenhouse.toml"))
	for _, tc := range []struct{ name, from, to, want string }{
		{"clash with a built-in module", `id = "gh-roof-4x8"`, `id = "roof-4x8"`, `greenhouse.toml:96:6: module "roof-4x8" is already in the built-in library`},
		{"clash with a built-in sku", `sku = "GH-SCREW-EPDM"` + "\ndescription", `sku = "LUM-2X6-08"` + "\ndescription", `greenhouse.toml:29:7: sku "LUM-2X6-08" is already in the built-in library`},
		{"unknown qualification", `build_qualification = "roof-framer"`, `build_qualification = "glazier"`, `greenhouse.toml:106:23: module "gh-roof-4x8": unknown qualification "glazier"`},
		{"unknown sku in a part", `sku = "HW-NAIL-16D"`, `sku = "HW-NAIL-99D"`, `greenhouse.toml:123:7: unknown sku "HW-NAIL-99D"`},
		{"no price source", `source = "estimate: US retail, 2026"`, `note = "x"`, `unknown key "material.note"`},
		{"unknown icon", `layer = "roof"`, `layer = "roof"` + "\nicon = \"greenhouse\"", `module "gh-roof-4x8": unknown icon "greenhouse"`},
		{"labour that does not derive", `minutes = 20`, `minutes = 0`, `labour op "install" needs positive minutes`},
		{"material nobody sells", "[[supplier.item]]\nsku = \"GH-TAPE-VENT\"", "[[supplier.item]]\nsku = \"GH-SCREW-EPDM\"", `greenhouse.toml:39:7: material "GH-TAPE-VENT": no supplier of the pack stocks it`},
		{"no licence", `license = "CC-BY-SA-4.0"`, ``, `pack "greenhouse" has no licence`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := strings.Replace(good, tc.from, tc.to, 1)
			require.NotEqual(t, good, bad)
			_, err := ParsePack("greenhouse.toml", []byte(bad), cat)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestTwoPacksMayNotShareAModuleID(t *testing.T) {
	cat := testCatalog(t)
	data := readPack(t, "greenhouse.toml")
	a, err := ParsePack("a.toml", data, cat)
	require.NoError(t, err)
	other := strings.Replace(string(data), `id = "greenhouse"`, `id = "greenhouse-copy"`, 1)
	other = strings.ReplaceAll(other, "GH-", "GH2-")
	other = strings.ReplaceAll(other, "gh-glazing-supply", "gh2-glazing-supply")
	other = strings.Replace(other, `"gh-glazing-4x8"`, `"gh2-glazing-4x8"`, 2)
	b, err := ParsePack("b.toml", []byte(other), cat)
	require.NoError(t, err)
	_, err = cat.WithPacks(a, b)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `b.toml:96:6: module "gh-roof-4x8" is already in pack greenhouse (`)
	other = strings.Replace(other, `"gh-roof-4x8"`, `"gh2-roof-4x8"`, 1)
	other = strings.ReplaceAll(other, "gh2-glazing-supply", "gh-glazing-supply")
	c, err := ParsePack("c.toml", []byte(other), cat)
	require.NoError(t, err)
	_, err = cat.WithPacks(a, c)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `c.toml:51:6: supplier "gh-glazing-supply" is already in pack greenhouse (`)
}

func testCatalog(t *testing.T) *Catalog {
	t.Helper()
	cat, err := DefaultCatalog()
	require.NoError(t, err)
	return cat
}

// packDesign writes a design naming the pack hash into dir and returns its path.
func packDesign(t *testing.T, dir, hash string) string {
	t.Helper()
	src := "format = 1\nname = \"Greenhouse shed\"\nlicense = \"CC-BY-SA-4.0\"\npacks = [\"" + hash + "\"]\n\n[grid]\nwidth = 2\nheight = 2\n\n[[placement]]\nmodule = \"gh-roof-4x8\"\nx = 0\ny = 0\n"
	path := filepath.Join(dir, "shed.toml")
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	return path
}

func TestLoadDesignPacks(t *testing.T) {
	cat := testCatalog(t)
	data := readPack(t, "greenhouse.toml")
	hash := PackHash(data)
	packs, dir := t.TempDir(), t.TempDir()
	design := packDesign(t, dir, hash)

	t.Run("missing", func(t *testing.T) {
		_, _, err := LoadDesignPacks(design, cat, PackDir(packs))
		require.Error(t, err)
		assert.Equal(t, design+":4:9: module pack "+hash+": module pack not found in "+packs, err.Error())
		_, err = LoadDesign(design, cat)
		assert.Contains(t, err.Error(), design+":4:9: packs: module pack "+hash+" is not loaded")
	})
	t.Run("found by its content under any name", func(t *testing.T) {
		require.NoError(t, os.WriteFile(filepath.Join(packs, "mine.toml"), data, 0o644))
		d, ext, err := LoadDesignPacks(design, cat, PackDir(packs))
		require.NoError(t, err)
		assert.Equal(t, []string{hash}, d.Packs)
		assert.True(t, ext.HasPack(hash))
		assert.Contains(t, string(d.Marshal()), "packs = [\""+hash+"\"]\n")
		again, err := ParseDesign("again.toml", d.Marshal(), ext)
		require.NoError(t, err)
		assert.Equal(t, d.Marshal(), again.Marshal(), "canonical form round-trips")
		require.NoError(t, os.Remove(filepath.Join(packs, "mine.toml")))
	})
	t.Run("tampered", func(t *testing.T) {
		named := filepath.Join(packs, hash+".toml")
		bad := strings.Replace(string(data), `price = "89.00"`, `price = "9.00"`, 1)
		require.NoError(t, os.WriteFile(named, []byte(bad), 0o644))
		_, _, err := LoadDesignPacks(design, cat, PackDir(packs))
		require.Error(t, err)
		assert.Contains(t, err.Error(), design+":4:9: module pack "+hash+": "+named+" hashes to "+PackHash([]byte(bad))+": the pack was changed or damaged")
	})
	t.Run("not a hash", func(t *testing.T) {
		other := packDesign(t, t.TempDir(), "greenhouse.toml")
		_, _, err := LoadDesignPacks(other, cat, PackDir(packs))
		require.Error(t, err)
		assert.Contains(t, err.Error(), ":4:9: packs: \"greenhouse.toml\" is not a pack hash")
	})
}

// The example design names the example pack by its hash: editing the pack
// without updating the design (or the other way round) fails here.
func TestExamplePackDesign(t *testing.T) {
	cat := testCatalog(t)
	d, ext, err := LoadDesignPacks(filepath.Join("examples", "packs", "greenhouse-16x8.toml"), cat, PackDir(filepath.Join("examples", "packs")))
	require.NoError(t, err)
	assert.Equal(t, []string{PackHash(readPack(t, "greenhouse.toml"))}, d.Packs)
	n := 0
	for _, p := range d.Placements {
		if ext.PackOf(p.Module) != nil {
			n++
		}
	}
	assert.Equal(t, 4, n, "four glazed roof panels")
}

func TestPacksUsedByAndLoadPackDir(t *testing.T) {
	cat := testCatalog(t)
	ext, err := LoadPackDir(filepath.Join("examples", "packs"), cat)
	require.NoError(t, err)
	require.Len(t, ext.Packs(), 1, "the folder's design is skipped")
	hash := ext.Packs()[0].Hash
	d := &Design{Placements: []Placement{{Module: "floor-4x8"}}}
	assert.Empty(t, ext.PacksUsedBy(d))
	d.Placements = append(d.Placements, Placement{Module: "gh-roof-4x8"}, Placement{Module: "gh-roof-4x8"})
	assert.Equal(t, []string{hash}, ext.PacksUsedBy(d))
	d.Packs = []string{hash}
	assert.Equal(t, []string{hash}, ext.PacksUsedBy(d), "named once")
}

func TestNamesPacks(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{"format = 1\npacks = [\"x\"]\n", true},
		{"format = 1\n  \"packs\" = []\n", true},
		{"format = 1\n[grid]\npacks = 1\n", false},
		{"format = 1\npacksize = 2\n", false},
		{"format = 1\n", false},
	} {
		assert.Equal(t, tc.want, namesPacks([]byte(tc.src)), tc.src)
	}
}
