package engine

import (
	"fmt"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// layout builds a design from a visual grid (see Layout).
func layout(t testing.TB, rows ...string) *designs.Design {
	t.Helper()
	d, err := Layout("layout", rows...)
	require.NoError(t, err)
	return d
}

func testCatalog(t testing.TB) *designs.Catalog {
	t.Helper()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	return cat
}

// roofs lays rotation-0 roof panels (one cell by two) over rows y0..y1 of
// columns x0..x1.
func roofs(x0, x1, y0, y1 int, rot int) []designs.Placement {
	var out []designs.Placement
	if rot == 90 {
		for y := y0; y <= y1; y++ {
			for x := x0; x+1 <= x1; x += 2 {
				out = append(out, designs.Placement{Module: "roof-4x8", X: x, Y: y, Rotation: 90})
			}
		}
		return out
	}
	for x := x0; x <= x1; x++ {
		for y := y0; y+1 <= y1; y += 2 {
			out = append(out, designs.Placement{Module: "roof-4x8", X: x, Y: y})
		}
	}
	return out
}

func ruleIDs(vs []Violation) []string {
	out := []string{}
	for _, v := range vs {
		out = append(out, v.Rule)
	}
	return out
}

func dump(vs []Violation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "  %s\n", v)
	}
	return b.String()
}

func TestLayoutErrors(t *testing.T) {
	tests := []struct {
		rows []string
		want string
	}{
		{[]string{"+ +", "  "}, "a plan has an odd number of lines (2 per cell row plus 1), at least 3, got 2"},
		{[]string{"+ + +", "   X", "+ + +"}, "row 2, column 4: unknown cell 'X' (want one of f F . G r s l K B M or space)"},
		{[]string{"+ + +", "   F", "+ + +"}, "row 2, column 4: cell (1,0): floor panels are 1x2 and pair cells north to south, but the cell south of it has no floor"},
		{[]string{"+ +?+", "   f", "+ + +"}, "row 1, column 4: unknown wall '?' on a horizontal edge (want one of - | w W d D s S i : o O or space)"},
		{[]string{"+", "", "+"}, "a plan must be between 1x1 and 512x512 cells, got 0x1"},
	}
	for _, tt := range tests {
		_, err := Layout("bad", tt.rows...)
		assert.EqualError(t, err, tt.want)
	}
}

func TestPlacedCellsAndAt(t *testing.T) {
	e, err := FromDesign(layout(t, cabin...), testCatalog(t), Options{})
	require.NoError(t, err)
	e2, err := New(testCatalog(t), Options{Grid: designs.Grid{Width: 6, Height: 6}})
	require.NoError(t, err)
	res, err := e2.Apply(Place(0, designs.Placement{Module: "wall-slider-8", X: 1, Y: 2, Edge: "e"}))
	require.NoError(t, err)
	p, ok := e2.Module(res.ID)
	require.True(t, ok)
	x0, y0, x1, y1 := p.Cells()
	assert.Equal(t, [4]int{1, 2, 2, 4}, [4]int{x0, y0, x1, y1}, "a 2-cell wall on the east edges of (1,2) and (1,3)")
	res, err = e2.Apply(Place(1, designs.Placement{Module: "core-mech", X: 3, Y: 3, Rotation: 90}))
	require.NoError(t, err)
	p, _ = e2.Module(res.ID)
	x0, y0, x1, y1 = p.Cells()
	assert.Equal(t, [4]int{3, 3, 5, 5}, [4]int{x0, y0, x1, y1})
	// cell (2,1) of the cabin: foundation, floor, and the north window wall on its edge
	var got []string
	for _, q := range e.At(2, 1) {
		got = append(got, q.Module.ID)
	}
	assert.ElementsMatch(t, []string{"foundation-cell", "floor-4x8", "wall-window-4x8"}, got)
	assert.Empty(t, e.At(-1, 0))
}

func FuzzLayout(f *testing.F) {
	for _, r := range [][]string{cabin, propertyStart} {
		f.Add(strings.Join(r, "\n"))
	}
	cat, err := designs.DefaultCatalog()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rows := strings.Split(s, "\n")
		if len(rows) > 64 || len(s) > 4096 {
			return
		}
		d, err := Layout("fuzz", rows...)
		if err != nil {
			return
		}
		// whatever a plan draws is a valid design the engine loads
		if err := d.Validate(cat); err != nil {
			t.Fatalf("plan gave an invalid design: %v", err)
		}
		if _, err := FromDesign(d, cat, Options{}); err != nil {
			t.Fatal(err)
		}
	})
}
