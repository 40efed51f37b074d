package designs

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefaultCatalogLoads(t *testing.T) {
	cat, err := DefaultCatalog()
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(cat.Modules), 16)
	for _, want := range []string{"foundation-cell", "floor-4x8", "wall-ext-4x8", "wall-ext-4x9", "wall-ext-4x10",
		"wall-window-4x8", "wall-door-4x8", "wall-slider-8", "wall-int-4x8", "wall-int-door-4x8", "roof-4x8",
		"loft-4x8", "core-kitchen", "core-bath", "core-mech", "roof-solar-4x8"} {
		assert.Contains(t, cat.Modules, want)
	}
	assert.Len(t, cat.ModuleIDs(), len(cat.Modules))
}

// The figures from ose-facts.md must be in the data, not just any figures.
func TestCatalogUsesOSEFigures(t *testing.T) {
	cat, err := DefaultCatalog()
	require.NoError(t, err)
	prices := map[string]string{"LUM-2X6-08": "5.48", "LUM-2X6-10": "7.18", "LUM-2X6-12": "9.98",
		"LUM-2X4-08": "3.18", "LUM-2X4-10": "4.48", "SHT-OSB-716": "12.50", "HW-NAIL-16D": "0.08", "HW-SCREW-3": "0.15"}
	for sku, p := range prices {
		m := cat.Materials[sku]
		require.NotNil(t, m, sku)
		assert.Equal(t, p, m.Price.StringFixed(2), sku)
		assert.False(t, m.Estimate, "%s is an OSE figure, not an estimate", sku)
	}
	for _, m := range cat.Materials {
		if _, ose := prices[m.SKU]; !ose {
			assert.True(t, m.Estimate, "%s is not in ose-facts.md and must be marked estimate", m.SKU)
		}
	}
	// wall 4x8, 2x6 at 24 in o.c.: 4 studs, 2 plates, 1 OSB sheet, 38 nails, 4 screws.
	q := map[string]string{}
	for _, mq := range cat.ExplodeModule(cat.Modules["wall-ext-4x8"]) {
		q[mq.SKU] = mq.Qty.String()
	}
	assert.Equal(t, map[string]string{"LUM-2X6-08": "6", "SHT-OSB-716": "1", "HW-NAIL-16D": "38", "HW-SCREW-3": "4", "BLK-INSUL-R21": "32"}, q)
	assert.Equal(t, 7, cat.FramingMembers(cat.Modules["wall-ext-4x8"]))
	build, install := cat.LabourMinutes(cat.Modules["wall-ext-4x8"])
	assert.Equal(t, "21", build.String(), "3 min per framing member")
	assert.Equal(t, "15", install.String(), "15 min to install")
}

// Each module's cost is the sum of its exploded parts at unit price plus
// labour minutes at the rate plus machine minutes at the machine rates.
func TestModuleCostIsSumOfParts(t *testing.T) {
	cat, err := DefaultCatalog()
	require.NoError(t, err)
	rate := decimal.RequireFromString("40")
	for _, id := range cat.ModuleIDs() {
		m := cat.Modules[id]
		t.Run(id, func(t *testing.T) {
			var mat decimal.Decimal
			var walk func(parts []PartRef, mult decimal.Decimal)
			walk = func(parts []PartRef, mult decimal.Decimal) {
				for _, p := range parts {
					if p.SKU != "" {
						mat = mat.Add(p.Qty.Mul(mult).Mul(cat.Materials[p.SKU].Price))
					} else {
						walk(cat.Assemblies[p.Assembly].Parts, mult.Mul(p.Qty))
					}
				}
			}
			walk(m.Parts, decimal.NewFromInt(1))
			var minutes decimal.Decimal
			for _, l := range m.Labour {
				minutes = minutes.Add(l.Minutes).Add(l.MinutesPerMember.Mul(decimal.NewFromInt(int64(cat.FramingMembers(m)))))
			}
			var machine decimal.Decimal
			for _, mo := range m.Machine {
				machine = machine.Add(mo.Minutes.Mul(cat.Rates.MachinePerHour[mo.Process]).Div(decimal.NewFromInt(60)))
			}
			c := cat.ModuleCost(m, rate)
			assert.True(t, mat.Equal(c.Materials), "materials got %s want %s", c.Materials, mat)
			assert.True(t, minutes.Mul(rate).Div(decimal.NewFromInt(60)).Equal(c.Labour), "labour got %s", c.Labour)
			assert.True(t, machine.Equal(c.Machine), "machine got %s want %s", c.Machine, machine)
			assert.True(t, c.Total().Equal(c.Materials.Add(c.Labour).Add(c.Machine)))
			assert.True(t, c.Materials.Sign() > 0)
		})
	}
}

// A design's cost is rounded once, at the end: many placements of modules
// whose labour and machine time are not whole cents add up to the exact
// total (minutes times rate, summed, then rounded), not to a sum of
// per-module figures rounded to the cent first.
func TestDesignCostRoundsOnce(t *testing.T) {
	cat, err := DefaultCatalog()
	require.NoError(t, err)
	sixty := decimal.NewFromInt(60)
	for _, rate := range []string{"35", "37.50", "41.17"} {
		t.Run(rate, func(t *testing.T) {
			r := decimal.RequireFromString(rate)
			d := &Design{Name: "many"}
			var minutes, machine decimal.Decimal
			for i, id := range cat.ModuleIDs() {
				m := cat.Modules[id]
				n := 100 + 37*i
				for k := 0; k < n; k++ {
					d.Placements = append(d.Placements, Placement{Module: id})
				}
				b, in := cat.LabourMinutes(m)
				minutes = minutes.Add(b.Add(in).Mul(decimal.NewFromInt(int64(n))))
				for _, mo := range m.Machine {
					machine = machine.Add(mo.Minutes.Mul(cat.Rates.MachinePerHour[mo.Process]).Mul(decimal.NewFromInt(int64(n))))
				}
			}
			c := cat.DesignCost(d, r)
			wantLabour := minutes.Mul(r).Div(sixty).Round(2)
			wantMachine := machine.Div(sixty).Round(2)
			assert.Equal(t, wantLabour.StringFixed(2), c.Labour.StringFixed(2), "labour of %d placements", len(d.Placements))
			assert.Equal(t, wantMachine.StringFixed(2), c.Machine.StringFixed(2), "machine of %d placements", len(d.Placements))
		})
	}
}

// copyData copies the embedded data into a writable map file system.
func copyData(t *testing.T) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(DataFS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(DataFS(), p)
		out[p] = &fstest.MapFile{Data: b}
		return err
	})
	require.NoError(t, err)
	return out
}

// One source of truth: change one part quantity in a copy of the data and
// only that module's cost changes; change nothing and nothing changes.
func TestOneSourceOfTruth(t *testing.T) {
	base, err := DefaultCatalog()
	require.NoError(t, err)
	data := copyData(t)
	same, err := LoadCatalog(data)
	require.NoError(t, err)
	for _, id := range base.ModuleIDs() {
		assert.True(t, base.ModuleCost(base.Modules[id], decimal.Zero).Total().Equal(same.ModuleCost(same.Modules[id], decimal.Zero).Total()), id)
	}

	f := data["modules/wall-int-4x8.toml"]
	edited := strings.Replace(string(f.Data), "qty = 34", "qty = 40", 1)
	require.NotEqual(t, string(f.Data), edited)
	data["modules/wall-int-4x8.toml"] = &fstest.MapFile{Data: []byte(edited)}
	changed, err := LoadCatalog(data)
	require.NoError(t, err)
	for _, id := range base.ModuleIDs() {
		before := base.ModuleCost(base.Modules[id], decimal.Zero).Total()
		after := changed.ModuleCost(changed.Modules[id], decimal.Zero).Total()
		if id == "wall-int-4x8" {
			assert.Equal(t, before.Add(decimal.RequireFromString("0.48")).StringFixed(2), after.StringFixed(2), "6 more nails at $0.08")
		} else {
			assert.True(t, before.Equal(after), "%s changed from %s to %s", id, before, after)
		}
	}
}

func TestCatalogErrors(t *testing.T) {
	cases := []struct {
		name, file, from, to, want string
	}{
		{"unknown sku in module", "modules/wall-ext-4x8.toml", `sku = "HW-SCREW-3"`, `sku = "HW-SCREW-9"`, `modules/wall-ext-4x8.toml:37:7: unknown sku "HW-SCREW-9"`},
		{"negative quantity", "modules/wall-int-4x8.toml", "qty = 34", "qty = -34", "modules/wall-int-4x8.toml:29:7: quantity must be positive, got -34"},
		{"missing price", "materials.toml", `price = "5.48"`, ``, `materials.toml:7:7: material "LUM-2X6-08" has no price`},
		{"duplicate sku", "materials.toml", `sku = "LUM-2X6-10"`, `sku = "LUM-2X6-08"`, `materials.toml:20:7: duplicate sku "LUM-2X6-08"`},
		{"unknown key", "modules/roof-4x8.toml", "max_span = 192", "max_spam = 192", `modules/roof-4x8.toml:10:12: unknown key "max_spam"`},
		{"wrong type", "modules/roof-4x8.toml", "cells = 1", `cells = "one"`, `modules/roof-4x8.toml:6:9: key "cells"`},
		{"syntax error", "rates.toml", `labour_per_hour = "35.00"`, `labour_per_hour = "35.00`, "rates.toml:4:"},
		{"cut longer than stock", "modules/wall-int-4x8.toml", `length = "92 5/8"`, `length = 100`, `modules/wall-int-4x8.toml:39:10: cut part "stud": length 100" must be within the 96" stock of LUM-2X4-08`},
		{"bad category", "modules/loft-4x8.toml", `category = "loft"`, `category = "attic"`, `modules/loft-4x8.toml:3:12: unknown category "attic"`},
		{"unknown assembly", "modules/floor-4x8.toml", `assembly = "floor-frame-4x8"`, `assembly = "floor-frame-4x9"`, `modules/floor-4x8.toml:19:12: unknown assembly "floor-frame-4x9"`},
		{"duplicate module id", "modules/wall-ext-4x9.toml", `id = "wall-ext-4x9"`, `id = "wall-ext-4x8"`, `modules/wall-ext-4x9.toml:1:6: duplicate module id "wall-ext-4x8" (also in modules/wall-ext-4x8.toml)`},
		{"unknown phase", "modules/roof-4x8.toml", `phase = "B"`, `phase = "Q"`, `modules/roof-4x8.toml:15:9: unknown build phase "Q"`},
		{"no service life", "modules/roof-4x8.toml", "service_life = 75", "service_life = 0", `modules/roof-4x8.toml:16:16: service_life must be positive years`},
		{"maintenance without source", "modules/core-mech.toml", `source = "estimate: US DOE Energy Saver: clean filters`, `sourc = "`, `unknown key "maintenance.sourc"`},
		{"unknown basis", "wholehouse.toml", `basis = "floor_sqft"`, `basis = "floor_m2"`, `unknown basis "floor_m2"`},
		{"item with an unknown sku", "wholehouse.toml", `sku = "ELEC-DETECTOR"`, `sku = "ELEC-DETECTOR-X"`, `unknown sku "ELEC-DETECTOR-X"`},
		{"phase out of order", "wholehouse.toml", `id = "C"`, `id = "X"`, `phase 3 must have id "C", got "X"`},
		{"cuts exceed bought stock", "modules/wall-int-4x8.toml", "qty = 5\nnote = \"studs\"", "qty = 3\nnote = \"studs\"", `buys only 480"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := copyData(t)
			src := string(data[tc.file].Data)
			require.Contains(t, src, tc.from)
			data[tc.file] = &fstest.MapFile{Data: []byte(strings.Replace(src, tc.from, tc.to, 1))}
			_, err := LoadCatalog(data)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// BenchmarkLoadCatalog parses and checks the embedded catalog, what every
// command that needs it pays once at start.
func BenchmarkLoadCatalog(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := LoadCatalog(DataFS()); err != nil {
			b.Fatal(err)
		}
	}
}
