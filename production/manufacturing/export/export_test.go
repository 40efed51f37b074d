package export

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

var today = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

func load(t testing.TB, name string) (*designs.Catalog, *designs.Design) {
	t.Helper()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	d, err := designs.LoadDesign(filepath.Join("..", "..", "..", "designs", "examples", name+".toml"), cat)
	require.NoError(t, err)
	return cat, d
}

func TestPackageDeterministicAndComplete(t *testing.T) {
	for _, name := range []string{"cabin-12x16", "two-bedroom-24x32", "seed-home-32x40"} {
		t.Run(name, func(t *testing.T) {
			cat, d := load(t, name)
			a, err := Package(cat, d, Options{Today: today})
			require.NoError(t, err)
			b, err := Package(cat, d, Options{Today: today})
			require.NoError(t, err)
			assert.Equal(t, a, b, "two exports give identical bytes")
			names := map[string][]byte{}
			for _, f := range a {
				names[f.Name] = f.Data
			}
			for _, want := range []string{DesignFile, BOMFile, PurchaseOrdersFile, CostFile, PlanFile, ReadmeFile, ManifestFile} {
				assert.Contains(t, names, want)
			}
			var m ManifestDoc
			require.NoError(t, json.Unmarshal(names[ManifestFile], &m))
			assert.Len(t, m.Files, len(a)-1, "manifest lists every other file")
			for _, e := range m.Files {
				sum := sha256.Sum256(names[e.Name])
				assert.Equal(t, hex.EncodeToString(sum[:]), e.SHA256, e.Name)
			}
			// The design file round-trips.
			d2, err := designs.ParseDesign(DesignFile, names[DesignFile], cat)
			require.NoError(t, err)
			assert.Equal(t, d.Placements, d2.Placements)
			// The cost breakdown's design total is the one source of truth.
			total := cat.DesignCost(d, decimal.Zero)
			assert.Contains(t, string(names[CostFile]), "design total,,"+itoa(len(d.Placements))+","+total.Materials.StringFixed(2)+","+
				total.Labour.StringFixed(2)+","+total.Machine.StringFixed(2)+","+total.Total().StringFixed(2))
		})
	}
}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }

func TestExtrasJoinManifest(t *testing.T) {
	cat, d := load(t, "cabin-12x16")
	extra := func(d *designs.Design, cat *designs.Catalog) ([]File, error) {
		return []File{{"cuts/sheet-1.svg", []byte("<svg/>")}}, nil
	}
	// Released as build-ready, so the extra file is written as it is.
	files, err := Package(cat, d, Options{Today: today, Extras: []Extra{extra}, Release: Release{Designer: "dana", Qualified: true}})
	require.NoError(t, err)
	man := files[len(files)-1]
	assert.Contains(t, string(man.Data), `"cuts/sheet-1.svg"`)
	dir := t.TempDir()
	require.NoError(t, WriteDir(dir, files))
	got, err := os.ReadFile(filepath.Join(dir, "cuts", "sheet-1.svg"))
	require.NoError(t, err)
	assert.Equal(t, "<svg/>", string(got))

	for _, bad := range []string{"../escape.txt", "/abs.txt", ManifestFile, BOMFile} {
		x := func(*designs.Design, *designs.Catalog) ([]File, error) { return []File{{bad, nil}}, nil }
		_, err := Files(cat, d, Options{Today: today, Extras: []Extra{x}})
		assert.Error(t, err, bad)
	}
}

func TestPlanSVGGolden(t *testing.T) {
	cat, d := load(t, "cabin-12x16")
	got := PlanSVG(cat, d)
	path := filepath.Join("testdata", "plan-cabin-12x16.svg")
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
	// One wall line per wall placement.
	walls := 0
	for _, p := range d.Placements {
		if cat.Modules[p.Module].Placement == designs.OnEdge {
			walls++
		}
	}
	assert.Equal(t, walls, strings.Count(string(got), `class="wall"`))
}
