package gltf

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/cad"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

var examples = []string{"cabin-12x16", "two-bedroom-24x32", "seed-home-32x40"}

func house(t *testing.T, name string) *cad.House {
	t.Helper()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	d, err := designs.LoadDesign(filepath.Join("..", "..", "..", "designs", "examples", name+".toml"), cat)
	require.NoError(t, err)
	h, err := cad.Build(cat, d)
	require.NoError(t, err)
	return h
}

func jsonChunk(t *testing.T, glb []byte) document {
	t.Helper()
	require.Greater(t, len(glb), 20)
	assert.Equal(t, uint32(glbMagic), binary.LittleEndian.Uint32(glb))
	assert.Equal(t, uint32(2), binary.LittleEndian.Uint32(glb[4:]))
	assert.Equal(t, uint32(len(glb)), binary.LittleEndian.Uint32(glb[8:]))
	n := binary.LittleEndian.Uint32(glb[12:])
	assert.Zero(t, n%4, "JSON chunk padded to 4 bytes")
	var doc document
	require.NoError(t, json.Unmarshal(glb[20:20+n], &doc))
	return doc
}

// Each example's house.glb has the same bytes every time (golden SHA-256,
// refreshed with -update), one node per placement named by its placement
// and module id with both in extras.
func TestEncodeExamplesGolden(t *testing.T) {
	for _, name := range examples {
		t.Run(name, func(t *testing.T) {
			h := house(t, name)
			a, err := Encode(h)
			require.NoError(t, err)
			b, err := Encode(h)
			require.NoError(t, err)
			require.Equal(t, a, b, "two encodings differ")
			sum := sha256.Sum256(a)
			got := hex.EncodeToString(sum[:]) + "\n"
			golden := filepath.Join("testdata", name+".glb.sha256")
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			assert.Equal(t, string(want), got, "house.glb of %s changed (go test -update if intended)", name)

			doc := jsonChunk(t, a)
			require.Len(t, doc.Nodes, len(h.Elements)+1)
			assert.Equal(t, h.Name, doc.Nodes[0].Name)
			for i, e := range h.Elements {
				n := doc.Nodes[i+1]
				assert.Equal(t, e.PlacementID+" "+e.Module, n.Name)
				require.NotNil(t, n.Extras)
				assert.Equal(t, e.Module, n.Extras.Module)
				assert.Equal(t, e.PlacementID, n.Extras.Placement)
			}
		})
	}
}

// The draft mark goes into asset.extras; the binary chunk is unchanged.
func TestMarkDraftKeepsGeometry(t *testing.T) {
	a, err := Encode(house(t, "cabin-12x16"))
	require.NoError(t, err)
	b, err := MarkDraft(a, "DRAFT")
	require.NoError(t, err)
	assert.Equal(t, "DRAFT", jsonChunk(t, b).Asset.Extras["draft"])
	na, nb := binary.LittleEndian.Uint32(a[12:]), binary.LittleEndian.Uint32(b[12:])
	assert.True(t, bytes.Equal(a[20+na:], b[20+nb:]), "BIN chunk changed")
	_, err = MarkDraft([]byte("not a glb file at all"), "DRAFT")
	assert.Error(t, err)
}

// Box faces wind counter-clockwise seen from outside: each triangle's
// normal points along its face normal.
func TestBoxWinding(t *testing.T) {
	vs, is := boxVertices([3]float32{0, 0, 0}, [3]float32{1, 2, 3}, 0)
	require.Len(t, vs, 24)
	require.Len(t, is, 36)
	for i := 0; i < len(is); i += 3 {
		a, b, c := vs[is[i]].p, vs[is[i+1]].p, vs[is[i+2]].p
		u := [3]float32{b[0] - a[0], b[1] - a[1], b[2] - a[2]}
		v := [3]float32{c[0] - a[0], c[1] - a[1], c[2] - a[2]}
		n := [3]float32{u[1]*v[2] - u[2]*v[1], u[2]*v[0] - u[0]*v[2], u[0]*v[1] - u[1]*v[0]}
		want := vs[is[i]].n
		assert.Positive(t, n[0]*want[0]+n[1]*want[1]+n[2]*want[2], "triangle %d", i/3)
	}
}
