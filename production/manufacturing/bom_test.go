package manufacturing

import (
	"bytes"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing/cutlist"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "golden file missing: run go test -update")
	assert.Equal(t, string(want), string(got), "%s differs from golden file (run go test -update after checking)", name)
}

var examples = []string{"cabin-12x16", "two-bedroom-24x32", "seed-home-32x40"}

func loadExample(t testing.TB, cat *designs.Catalog, name string) *designs.Design {
	t.Helper()
	d, err := designs.LoadDesign(filepath.Join("..", "..", "designs", "examples", name+".toml"), cat)
	require.NoError(t, err)
	return d
}

func catalog(t testing.TB) *designs.Catalog {
	t.Helper()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	return cat
}

func TestBOMGoldenCSV(t *testing.T) {
	cat := catalog(t)
	for _, name := range examples {
		t.Run(name, func(t *testing.T) {
			b, err := BuildBOM(cat, loadExample(t, cat, name))
			require.NoError(t, err)
			var buf bytes.Buffer
			require.NoError(t, b.WriteCSV(&buf))
			golden(t, "bom-"+name+".csv", buf.Bytes())
		})
	}
}

func TestBOMLines(t *testing.T) {
	cat := catalog(t)
	// Two exterior walls: 2 OSB sheets, 76 nails, 8 screws, 64 sq ft of
	// R-21, and 12 2x6 boards in the parts lists; the cut list cuts the 8
	// studs (92 5/8 in) from 8 ft boards and the 6 plates (48 in) two to a
	// 10 ft board ($7.18 for two against $5.48 each from 8 ft).
	d := &designs.Design{Name: "two walls", Placements: []designs.Placement{
		{Module: "wall-ext-4x8", X: 0, Y: 0, Edge: "n"},
		{Module: "wall-ext-4x8", X: 1, Y: 0, Edge: "n"},
	}}
	b, err := BuildBOM(cat, d)
	require.NoError(t, err)
	tests := []struct {
		sku      string
		net, qty string
	}{
		{"LUM-2X6-08", "12", "8"},     // cut list: 8 studs
		{"LUM-2X6-10", "0", "3"},      // cut list: 6 plates
		{"SHT-OSB-716", "2", "3"},     // 2 * 1.10 = 2.2 -> 3
		{"HW-NAIL-16D", "76", "84"},   // 76 * 1.10 = 83.6 -> 84
		{"HW-SCREW-3", "8", "9"},      // 8.8 -> 9
		{"BLK-INSUL-R21", "64", "68"}, // 67.2 -> 68
	}
	require.Len(t, b.Lines, len(tests))
	for _, tt := range tests {
		l := b.Line(tt.sku)
		require.NotNil(t, l, tt.sku)
		assert.Equal(t, tt.net, l.Net.String(), "%s net", tt.sku)
		assert.Equal(t, tt.qty, l.Quantity.String(), "%s quantity", tt.sku)
		assert.True(t, l.ExtendedCost.Equal(l.Quantity.Mul(cat.Materials[tt.sku].Price)), "%s extended", tt.sku)
		assert.Equal(t, []string{"wall-ext-4x8"}, l.Modules)
	}
	assert.Nil(t, b.Line("NOPE"))
}

func TestBOMUnknownModule(t *testing.T) {
	cat := catalog(t)
	_, err := BuildBOM(cat, &designs.Design{Name: "x", Placements: []designs.Placement{{Module: "no-such-module"}}})
	var ue *UnknownModuleError
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, "no-such-module", ue.ID)
}

// randomDesign places n random modules inside a 20x20 grid; it passes
// designs.Validate. (Overlaps do not change a BOM or a cost: the module mix
// does.)
func randomDesign(r *rand.Rand, cat *designs.Catalog, n int) *designs.Design {
	ids := cat.ModuleIDs()
	d := &designs.Design{Format: designs.FormatVersion, Name: "random", License: designs.DefaultLicense,
		Grid: designs.Grid{Width: 20, Height: 20}}
	for i := 0; i < n; i++ {
		m := cat.Modules[ids[r.IntN(len(ids))]]
		p := designs.Placement{Module: m.ID, X: r.IntN(16), Y: r.IntN(16)}
		if m.Placement == designs.OnEdge {
			p.Edge = []string{"n", "e", "s", "w"}[r.IntN(4)]
		} else {
			p.Rotation = 90 * r.IntN(4)
		}
		d.Placements = append(d.Placements, p)
	}
	return d
}

// Property: the BOM before waste and rounding equals the material part of
// the engine's live cost (cat.DesignCost) exactly; every line other than
// framing lumber buys at least its net quantity in whole units, and the
// lumber lines buy exactly the boards of the design's cut-list plan.
func TestBOMMatchesLiveCost(t *testing.T) {
	cat := catalog(t)
	var ds []*designs.Design
	for _, name := range examples {
		ds = append(ds, loadExample(t, cat, name))
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 100; i++ {
		d := randomDesign(r, cat, 1+r.IntN(120))
		require.NoError(t, d.Validate(cat))
		ds = append(ds, d)
	}
	kerf, err := DefaultKerf()
	require.NoError(t, err)
	for i, d := range ds {
		b, err := BuildBOM(cat, d)
		require.NoError(t, err)
		live := cat.DesignCost(d, decimal.Zero).Materials
		assert.True(t, b.NetTotal.Equal(live), "design %d: BOM before waste %s, live cost materials %s", i, b.NetTotal, live)
		cuts, err := cutlist.PlanDesign(d, cat, kerf)
		require.NoError(t, err)
		boards := cuts.Buy()
		for _, l := range b.Lines {
			assert.True(t, l.Quantity.IsInteger(), "design %d %s: qty %s not whole", i, l.SKU, l.Quantity)
			if l.Kind == designs.KindLumber {
				assert.Equal(t, int64(boards[l.SKU]), l.Quantity.IntPart(), "design %d %s: BOM against cut list", i, l.SKU)
				delete(boards, l.SKU)
				continue
			}
			assert.True(t, l.Quantity.GreaterThanOrEqual(l.Net), "design %d %s: qty %s < net %s", i, l.SKU, l.Quantity, l.Net)
		}
		assert.Empty(t, boards, "design %d: boards cut but not on the BOM", i)
	}
}

// The BOM follows the module data: changing a module's parts changes it.
func TestBOMFollowsModuleData(t *testing.T) {
	cat := catalog(t)
	d := loadExample(t, cat, "cabin-12x16")
	before, err := BuildBOM(cat, d)
	require.NoError(t, err)
	m := cat.Modules["wall-ext-4x8"]
	saved := m.Parts
	t.Cleanup(func() { m.Parts = saved })
	m.Parts = append(append([]designs.PartRef(nil), saved...), designs.PartRef{SKU: "LUM-2X6-08", Qty: decimal.NewFromInt(1)})
	after, err := BuildBOM(cat, d)
	require.NoError(t, err)
	assert.True(t, after.Line("LUM-2X6-08").Net.GreaterThan(before.Line("LUM-2X6-08").Net))
	assert.True(t, after.NetTotal.Equal(cat.DesignCost(d, decimal.Zero).Materials))
}

func TestIndentedBOM(t *testing.T) {
	cat := catalog(t)
	d := &designs.Design{Name: "one window", Placements: []designs.Placement{
		{Module: "wall-window-4x8", Edge: "n"}, {Module: "wall-window-4x8", X: 1, Edge: "n"},
	}}
	tree, err := IndentedBOM(cat, d)
	require.NoError(t, err)
	require.NotEmpty(t, tree)
	assert.Equal(t, "design", tree[0].Kind)
	assert.Equal(t, "module", tree[1].Kind)
	assert.Equal(t, "2", tree[1].Qty.String())
	// Totals of the material leaves add up to the flattened BOM's net.
	b, err := BuildBOM(cat, d)
	require.NoError(t, err)
	sum := map[string]decimal.Decimal{}
	var sawAssembly bool
	for _, n := range tree {
		if n.Kind == "material" {
			sum[n.ID] = sum[n.ID].Add(n.Total)
		}
		if n.Kind == "assembly" {
			sawAssembly = true
			assert.GreaterOrEqual(t, n.Level, 2)
		}
	}
	assert.True(t, sawAssembly, "window wall has sub-assemblies")
	for _, l := range b.Lines {
		assert.True(t, sum[l.SKU].Equal(l.Net), "%s: tree %s, flat %s", l.SKU, sum[l.SKU], l.Net)
	}
}

// The whole-house bill: its net total is the whole-house materials, each
// line is rounded up to whole units and names the items that need it.
func TestHouseBOM(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	d, err := designs.LoadDesign("../../designs/examples/seed-home-32x32.toml", cat)
	require.NoError(t, err)
	b := HouseBOM(cat, d)
	assert.Equal(t, cat.WholeHouseCost(d, decimal.Zero).Materials.StringFixed(6), b.NetTotal.StringFixed(6))
	require.NotEmpty(t, b.Lines)
	dw := b.Line("SHT-DRYWALL-12")
	require.NotNil(t, dw)
	// ceilings 1,024 sq ft / 32, exterior walls 128 ft / 4, interior walls 64 ft / 2
	assert.Equal(t, "96", dw.Net.String())
	assert.Equal(t, "96", dw.Quantity.String())
	assert.Equal(t, []string{"drywall-ceiling", "drywall-exterior-walls", "drywall-interior-walls"}, dw.Modules)
	for _, l := range b.Lines {
		assert.True(t, l.Quantity.Equal(l.Gross.Ceil()), l.SKU)
	}
	assert.True(t, b.Total.GreaterThanOrEqual(b.NetTotal))
}

// A site overlay's module waste replaces the materials' waste for that
// module's share of a line, and only for it.
func TestBOMUsesOverlayModuleWaste(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	d := loadExample(t, cat, "cabin-12x16")
	walls := 0
	for _, p := range d.Placements {
		if p.Module == "wall-ext-4x8" {
			walls++
		}
	}
	require.Positive(t, walls)
	o, err := designs.ParseOverlay("site.toml", []byte("source = \"test\"\n[[module]]\nid = \"wall-ext-4x8\"\nwaste = \"0.5\"\n"), cat)
	require.NoError(t, err)
	before, err := BuildBOM(cat, d)
	require.NoError(t, err)
	after, err := BuildBOM(cat.WithOverlay(o), d)
	require.NoError(t, err)
	line := func(b *BOM, sku string) BOMLine {
		for _, l := range b.Lines {
			if l.SKU == sku {
				return l
			}
		}
		t.Fatalf("no %s line", sku)
		return BOMLine{}
	}
	// 32 sq ft of R-21 per 4x8 wall module: its waste goes from 0.05 to 0.5.
	r21 := cat.Materials["BLK-INSUL-R21"].Waste
	require.Equal(t, "0.05", r21.String())
	want := line(before, "BLK-INSUL-R21").Gross.Add(decimal.NewFromInt(int64(32 * walls)).Mul(decimal.RequireFromString("0.45")))
	assert.Equal(t, want.String(), line(after, "BLK-INSUL-R21").Gross.String())
	assert.Equal(t, line(before, "BLK-INSUL-R21").Net.String(), line(after, "BLK-INSUL-R21").Net.String(), "net is what the modules call for")
	assert.Equal(t, before.NetTotal.String(), after.NetTotal.String())
}
