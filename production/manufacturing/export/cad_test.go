package export

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The package carries the house for designers' tools: house.glb and
// house.ifc, listed in the manifest with their hashes.
func TestPackageHoldsHouseModels(t *testing.T) {
	cat, d := load(t, "cabin-12x16")
	files, err := Package(cat, d, Options{Today: today})
	require.NoError(t, err)
	names := byName(files)
	require.Contains(t, names, "house.glb")
	require.Contains(t, names, "house.ifc")
	assert.Equal(t, uint32(0x46546C67), binary.LittleEndian.Uint32(names["house.glb"]), "GLB magic")
	assert.True(t, bytes.HasPrefix(names["house.ifc"], []byte("ISO-10303-21;\n")))
	var man ManifestDoc
	require.NoError(t, json.Unmarshal(names[ManifestFile], &man))
	listed := map[string]bool{}
	for _, f := range man.Files {
		listed[f.Name] = true
	}
	assert.True(t, listed["house.glb"], "manifest lists house.glb")
	assert.True(t, listed["house.ifc"], "manifest lists house.ifc")
}

// A draft package's house.glb and house.ifc say so in the place their
// format keeps notes (asset.extras, FILE_DESCRIPTION) and stay readable.
func TestDraftHouseModelsAreMarked(t *testing.T) {
	cat, d := load(t, "cabin-12x16")
	files, err := Package(cat, d, Options{Today: today}) // no designer: a draft
	require.NoError(t, err)
	names := byName(files)
	glb := names["house.glb"]
	require.Greater(t, len(glb), 20)
	n := binary.LittleEndian.Uint32(glb[12:])
	var doc struct {
		Asset struct {
			Extras map[string]string `json:"extras"`
		} `json:"asset"`
	}
	require.NoError(t, json.Unmarshal(glb[20:20+n], &doc))
	assert.Equal(t, DraftMark, doc.Asset.Extras["draft"])
	assert.Equal(t, uint32(len(glb)), binary.LittleEndian.Uint32(glb[8:]), "GLB length field")
	assert.Contains(t, string(names["house.ifc"]), "FILE_DESCRIPTION(('ViewDefinition [ReferenceView]','"+DraftMark+"')")
}

// BenchmarkPackageSeedHome is the whole package of the seed home;
// BenchmarkHouseModelsSeedHome its house.glb and house.ifc alone: their
// ratio is what the designers' files add to an export.
func BenchmarkPackageSeedHome(b *testing.B) {
	cat, d := load(b, "seed-home-32x40")
	for b.Loop() {
		if _, err := Package(cat, d, Options{Today: today}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHouseModelsSeedHome(b *testing.B) {
	cat, d := load(b, "seed-home-32x40")
	for b.Loop() {
		if _, err := HouseModels(cat, d, Options{Today: today}); err != nil {
			b.Fatal(err)
		}
	}
}
