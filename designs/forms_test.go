package designs

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A wall edge has two names; Canonical picks one, and keeps s and e only
// on the grid's last row and column, where no cell lies beyond.
func TestWallEdgeCanonical(t *testing.T) {
	g := Grid{Width: 4, Height: 3}
	cases := []struct{ in, want Placement }{
		{Placement{X: 1, Y: 1, Edge: South}, Placement{X: 1, Y: 2, Edge: North}},
		{Placement{X: 1, Y: 2, Edge: North}, Placement{X: 1, Y: 2, Edge: North}},
		{Placement{X: 1, Y: 2, Edge: South}, Placement{X: 1, Y: 2, Edge: South}},
		{Placement{X: 1, Y: 3, Edge: North}, Placement{X: 1, Y: 2, Edge: South}},
		{Placement{X: 2, Y: 0, Edge: East}, Placement{X: 3, Y: 0, Edge: West}},
		{Placement{X: 3, Y: 0, Edge: East}, Placement{X: 3, Y: 0, Edge: East}},
		{Placement{X: 4, Y: 0, Edge: West}, Placement{X: 3, Y: 0, Edge: East}},
		{Placement{X: 0, Y: 0, Edge: West}, Placement{X: 0, Y: 0, Edge: West}},
		{Placement{X: 1, Y: 1, Rotation: 90}, Placement{X: 1, Y: 1, Rotation: 90}},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, tc.in.Canonical(g), "%+v", tc.in)
		assert.Equal(t, tc.want, tc.want.Canonical(g), "canonical is a fixed point: %+v", tc.want)
	}
	// Both names load, and a design spelt either way has one canonical form.
	cat := mustCatalog(t)
	src := func(edge string, y int) string {
		return "format = 1\nname = \"n\"\nlicense = \"CC0-1.0\"\n[grid]\nwidth = 4\nheight = 3\n" +
			"[[placement]]\nmodule = \"wall-ext-4x8\"\nx = 1\ny = " + string(rune('0'+y)) + "\nedge = \"" + edge + "\"\n"
	}
	a, err := ParseDesign("a.toml", []byte(src("s", 0)), cat)
	require.NoError(t, err)
	b, err := ParseDesign("b.toml", []byte(src("n", 1)), cat)
	require.NoError(t, err)
	assert.Equal(t, b.Canonical().Placements, a.Canonical().Placements)
	assert.Equal(t, Placement{Module: "wall-ext-4x8", X: 1, Y: 1, Edge: North}, a.Canonical().Placements[0])
}

// The compact forms expand to the flat placements the golden file pins, in
// file order, each grouped placement naming its house; the flat form saves
// every wall edge under its canonical name (the street's "s" walls come back
// as "n" of the next row) and reloads to the same design.
func TestCompactFormsGolden(t *testing.T) {
	cat := mustCatalog(t)
	d, err := LoadDesign(filepath.Join("testdata", "compact", "street.toml"), cat)
	require.NoError(t, err)
	assert.Equal(t, []string{"Shed 1", "Shed 2"}, d.Houses())
	assert.Equal(t, Placement{Module: "foundation-cell", X: 5, Y: 1, House: "Shed 2"}, d.Placements[10])
	out := d.Marshal()
	golden := filepath.Join("testdata", "golden", "street-flat.toml")
	if *update {
		require.NoError(t, os.WriteFile(golden, out, 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(out))
	back, err := ParseDesign("flat.toml", out, cat)
	require.NoError(t, err)
	assert.Equal(t, d.Canonical(), back, "a saved design keeps one name per wall edge")
	assert.True(t, bytes.Equal(out, back.Marshal()))
}

// A row of twenty 24x32 houses is a short file, and every house in it is
// the two-bedroom example house, wall for wall.
func TestRowOfHousesIsShort(t *testing.T) {
	cat := mustCatalog(t)
	path := filepath.Join("examples", "compact", "row-of-20-24x32.toml")
	src, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Less(t, bytes.Count(src, []byte("\n")), 150, "lines in %s", path)
	row, err := LoadDesign(path, cat)
	require.NoError(t, err)
	one, err := LoadDesign(filepath.Join("examples", "two-bedroom-24x32.toml"), cat)
	require.NoError(t, err)
	houses := row.Houses()
	require.Len(t, houses, 20)
	assert.Equal(t, "House 1", houses[0])
	assert.Equal(t, "House 20", houses[19])
	require.Len(t, row.Placements, 20*len(one.Placements))

	key := func(ps []Placement, g Grid, dx int) []string {
		var out []string
		for _, p := range ps {
			p.X -= dx
			p.House = ""
			c := p.Canonical(g)
			out = append(out, c.Module+" "+strings.Join([]string{itoa(c.X), itoa(c.Y), c.Edge, itoa(c.Rotation)}, " "))
		}
		sort.Strings(out)
		return out
	}
	want := key(one.Placements, one.Grid, 0)
	for k, name := range houses {
		var ps []Placement
		for _, p := range row.Placements {
			if p.House == name {
				ps = append(ps, p)
			}
		}
		// the row's grid is wider; compare in the single house's frame
		g := Grid{Width: one.Grid.Width, Height: row.Grid.Height}
		shifted := make([]Placement, len(ps))
		for i, p := range ps {
			p.X -= 7 * k
			shifted[i] = p
		}
		assert.Equal(t, want, key(shifted, g, 0), name)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestCompactFormErrors(t *testing.T) {
	cat := mustCatalog(t)
	head := "format = 1\nname = \"n\"\nlicense = \"CC0-1.0\"\n[grid]\nwidth = 6\nheight = 4\n"
	cases := []struct{ name, body, want string }{
		{"fill of walls", "[[fill]]\nmodule = \"wall-ext-4x8\"\nwidth = 2\nheight = 1\n",
			`x.toml:8:10: module "wall-ext-4x8" stands on an edge: stand a run of them with [[row]], not [[fill]]`},
		{"fill not whole", "[[fill]]\nmodule = \"floor-4x8\"\nwidth = 2\nheight = 3\n",
			`x.toml:9:9: module "floor-4x8" covers 1x2 cells: a 2x3 fill is not a whole number of them`},
		{"fill outside", "[[fill]]\nmodule = \"foundation-cell\"\nx = 4\nwidth = 3\nheight = 1\n",
			`x.toml:9:5: module "foundation-cell" at (6,0) covers 1x1 cells, outside the 6x4 grid`},
		{"row of floors", "[[row]]\nmodule = \"floor-4x8\"\ncount = 2\nedge = \"n\"\n",
			`x.toml:8:10: module "floor-4x8" covers cells: cover a rectangle of them with [[fill]], not [[row]]`},
		{"row no count", "[[row]]\nmodule = \"wall-ext-4x8\"\nedge = \"n\"\n",
			`x.toml:7:1: row count must be between 1 and 512, got 0`},
		{"row both", "[[row]]\nmodule = \"wall-ext-4x8\"\nmodules = [\"wall-ext-4x8\"]\nedge = \"n\"\n",
			`x.toml:9:11: a row takes module and count, or modules, not both`},
		{"row bad edge", "[[row]]\nmodules = [\"wall-ext-4x8\"]\nedge = \"up\"\n",
			`x.toml:9:8: a row needs edge = "n", "e", "s" or "w", got "up"`},
		{"row unknown", "[[row]]\nmodules = [\"wall-ext-4x8\", \"wall-ext-4x7\"]\nedge = \"n\"\n",
			`x.toml:8:11: unknown module "wall-ext-4x7"`},
		{"row outside", "[[row]]\nmodule = \"wall-ext-4x8\"\ncount = 7\nedge = \"n\"\n",
			`x.toml:7:1: module "wall-ext-4x8" at (6,0) edge n runs outside the 6x4 grid`},
		{"house copy outside", "[[house]]\nname = \"A\"\nrepeat = 3\nstep_x = 3\n[[house.fill]]\nmodule = \"foundation-cell\"\nwidth = 2\nheight = 1\n",
			`x.toml:11:1: module "foundation-cell" at (6,0) covers 1x1 cells, outside the 6x4 grid`},
		{"house placement outside", "[[house]]\nname = \"A\"\nx = 5\n[[house.placement]]\nmodule = \"floor-4x8\"\ny = 3\n",
			`x.toml:10:1: module "floor-4x8" at (5,3) covers 1x2 cells, outside the 6x4 grid`},
		{"house no step", "[[house]]\nname = \"A\"\nrepeat = 3\n[[house.placement]]\nmodule = \"foundation-cell\"\n",
			`x.toml:9:10: house "A" repeats 3 times in one place: give step_x or step_y`},
		{"house twice", "[[house]]\nname = \"A\"\n[[house]]\nname = \"A\"\n",
			`x.toml:10:8: house "A" is named twice`},
		{"house no name", "[[house]]\nx = 1\n",
			`x.toml:7:1: house has no name`},
		{"house key inside", "[[house]]\nname = \"A\"\n[[house.placement]]\nmodule = \"foundation-cell\"\nhouse = \"B\"\n",
			`x.toml:11:9: a placement inside house "A" takes its house from it: remove house = "B"`},
		{"house unknown key", "[[house]]\nname = \"A\"\ncolour = \"red\"\n",
			`x.toml:9:10: unknown key "house.colour"`},
		{"too many", "[[house]]\nname = \"A\"\nrepeat = 300000\nstep_x = 1\n[[house.fill]]\nmodule = \"foundation-cell\"\nwidth = 1\nheight = 1\n",
			`x.toml:9:10: house "A": repeat must be between 1 and 100000, got 300000`},
		{"expands too far", "[[house]]\nname = \"A\"\nrepeat = 2000\nstep_x = 1\n[[house.fill]]\nmodule = \"foundation-cell\"\nwidth = 512\nheight = 512\n",
			`x.toml:7:1: the design expands to more than 100000 placements`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseDesign("x.toml", []byte(head+tc.body), cat)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
