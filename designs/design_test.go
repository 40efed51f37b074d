package designs

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

func mustCatalog(t testing.TB) *Catalog {
	t.Helper()
	cat, err := DefaultCatalog()
	require.NoError(t, err)
	return cat
}

func TestExamplesAreValid(t *testing.T) {
	cat := mustCatalog(t)
	files, err := filepath.Glob("examples/*.toml")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 3)
	for _, f := range files {
		d, err := LoadDesign(f, cat)
		require.NoError(t, err, f)
		assert.NotEmpty(t, d.Placements, f)
		assert.Equal(t, DefaultLicense, d.License)
	}
}

// Saving is canonical: load then save gives back the bytes of a saved file,
// and the golden file pins the format.
func TestSaveRoundTripGolden(t *testing.T) {
	cat := mustCatalog(t)
	d := &Design{Format: FormatVersion, Name: "Golden \"shed\"", Author: "Test Author", License: DefaultLicense,
		Parent: "designs/examples/cabin-12x16.toml", Description: "A shed with one of each placement kind.",
		Grid: Grid{Width: 4, Height: 3},
		Placements: []Placement{
			{Module: "foundation-cell", X: 0, Y: 0},
			{Module: "floor-4x8", X: 1, Y: 0, Rotation: 90},
			{Module: "wall-ext-4x8", X: 0, Y: 0, Edge: North},
			{Module: "wall-slider-8", X: 1, Y: 2, Edge: South},
			{Module: "core-bath", X: 2, Y: 1, Rotation: 180},
		}}
	require.NoError(t, d.Validate(cat))
	dir := t.TempDir()
	path := filepath.Join(dir, "shed.toml")
	require.NoError(t, d.Save(path))
	saved, err := os.ReadFile(path)
	require.NoError(t, err)

	golden := filepath.Join("testdata", "golden", "shed.toml")
	if *update {
		require.NoError(t, os.WriteFile(golden, saved, 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(saved))

	back, err := LoadDesign(path, cat)
	require.NoError(t, err)
	assert.Equal(t, d, back)
	require.NoError(t, back.Save(path))
	again, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(saved, again), "second save differs")

	// Every example round-trips byte for byte too.
	files, _ := filepath.Glob("examples/*.toml")
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		ex, err := ParseDesign(f, src, cat)
		require.NoError(t, err)
		assert.Equal(t, string(src), string(ex.Marshal()), f)
	}
}

// A failed save leaves the previous file untouched and no temp files.
func TestSaveKeepsOldFileOnFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "keep.toml")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o644))
	require.NoError(t, os.Chmod(dir, 0o500))
	defer os.Chmod(dir, 0o700)
	d := &Design{Format: 1, Name: "x", License: DefaultLicense, Grid: Grid{1, 1}}
	err := d.Save(path)
	if os.Geteuid() == 0 {
		t.Skip("root can write to a read-only folder")
	}
	require.Error(t, err)
	b, _ := os.ReadFile(path)
	assert.Equal(t, "old", string(b))
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1)
}

func TestMalformedDesigns(t *testing.T) {
	cat := mustCatalog(t)
	cases := []struct{ file, want string }{
		{"syntax", "syntax.toml:2:"},
		{"wrong-type", `wrong-type.toml:12:5: key "placement.x": incompatible types`},
		{"unknown-key", `unknown-key.toml:14:10: unknown key "placement.colour"`},
		{"unknown-module", `unknown-module.toml:16:10: unknown module "wall-ext-4x7"`},
		{"out-of-grid", `out-of-grid.toml:12:5: module "floor-4x8" at (3,3) covers 1x2 cells, outside the 4x4 grid`},
		{"bad-edge", `bad-edge.toml:14:8: module "wall-ext-4x8" needs edge = "n", "e", "s" or "w", got "up"`},
		{"bad-rotation", `bad-rotation.toml:14:12: rotation must be 0, 90, 180 or 270, got 45`},
		{"wall-with-rotation", `wall-with-rotation.toml:15:12: module "wall-ext-4x8" stands on an edge: use edge, not rotation`},
		{"cell-with-edge", `cell-with-edge.toml:14:8: module "roof-4x8" covers cells: it takes no edge`},
		{"wall-run-outside", `wall-run-outside.toml:12:5: module "wall-slider-8" at (3,0) edge s runs outside the 4x4 grid`},
		{"newer-format", "newer-format.toml:1:10: format must be 1, got 2"},
		{"zero-grid", "zero-grid.toml:6:1: grid must be between 1x1 and 512x512 cells, got 0x4"},
		{"no-name", `no-name.toml:2:8: design has no name`},
		{"negative-cell", `negative-cell.toml:12:5: module "foundation-cell" at (-1,0) covers 1x1 cells, outside the 4x4 grid`},
		{"duplicate-key", `duplicate-key.toml:3:`},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", "malformed", tc.file+".toml")
			_, err := LoadDesign(path, cat)
			require.Error(t, err)
			assert.Contains(t, err.Error(), filepath.Join("testdata", "malformed", tc.want))
		})
	}
}

func TestLength(t *testing.T) {
	cases := []struct {
		in   string
		want Length
		out  string
	}{
		{"92", 92 * Inch, "92"},
		{"92 5/8", 92*Inch + 10, "92 5/8"},
		{"5/8", 10, "5/8"},
		{"1 1/2", 24, "1 1/2"},
		{"7/16", 7, "7/16"},
		{"1.5", 24, "1 1/2"},
		{"-3", -48, "-3"},
	}
	for _, tc := range cases {
		got, err := ParseLength(tc.in)
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
		assert.Equal(t, tc.out, got.String(), tc.in)
	}
	for _, bad := range []string{"", "abc", "1/3", "1 2 3", "5/8 1", "0.1", "1/0"} {
		_, err := ParseLength(bad)
		assert.Error(t, err, strconv.Quote(bad))
	}
}

// FuzzParseDesign: the loader never panics, and whatever it accepts saves
// and reloads to the same design.
func FuzzParseDesign(f *testing.F) {
	cat := mustCatalog(f)
	for _, dir := range []string{"examples", "examples/compact", "testdata/malformed", "testdata/golden", "testdata/compact"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.toml"))
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseDesign("fuzz.toml", data, cat)
		if err != nil {
			if len(Errors(err)) == 0 {
				t.Fatalf("error with no problems: %v", err)
			}
			return
		}
		out := d.Marshal()
		back, err := ParseDesign("fuzz.toml", out, cat)
		if err != nil {
			t.Fatalf("saved design does not reload: %v\n%s", err, out)
		}
		if !bytes.Equal(out, back.Marshal()) {
			t.Fatalf("round trip differs:\n%s\n---\n%s", out, back.Marshal())
		}
	})
}
