package engine

import (
	"fmt"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/require"
)

// layout builds a design from a visual grid. The drawing has 2*H+1 rows of
// 2*W+1 characters: cell (x, y) is at row 2y+1, column 2x+1; the north edge
// of (x, y) is at row 2y, column 2x+1; its west edge at row 2y+1, column 2x;
// even/even positions are corners (anything, "+" by habit).
//
// Cells: ' ' or '.' empty, 'f' foundation, 'F' foundation and floor, 'G'
// floor with no foundation. Floor cassettes are 4x8 (one cell by two), so F
// and G cells pair up north to south in each column.
// Edges: '-' or '|' exterior wall, 'w' window wall, 'd' door wall, 's'
// 16 in o.c. exterior wall, 'i' interior wall, 'o' interior door wall.
func layout(t testing.TB, rows ...string) *designs.Design {
	t.Helper()
	require.True(t, len(rows)%2 == 1 && len(rows) >= 3, "a layout has 2*H+1 rows, got %d", len(rows))
	h := (len(rows) - 1) / 2
	w := 0
	for _, r := range rows {
		w = max(w, (len(r)-1)/2)
	}
	at := func(r, c int) byte {
		if r < len(rows) && c < len(rows[r]) {
			return rows[r][c]
		}
		return ' '
	}
	d := &designs.Design{Format: designs.FormatVersion, Name: "layout", License: designs.DefaultLicense, Grid: designs.Grid{Width: w, Height: h}}
	add := func(mod string, x, y int, edge string) {
		d.Placements = append(d.Placements, designs.Placement{Module: mod, X: x, Y: y, Edge: edge})
	}
	edgeMod := map[byte]string{'-': "wall-ext-4x8", '|': "wall-ext-4x8", 'w': "wall-window-4x8", 'd': "wall-door-4x8",
		's': "wall-ext-4x8-16oc", 'i': "wall-int-4x8", 'o': "wall-int-door-4x8"}
	floorAt := func(x, y int) bool { c := at(2*y+1, 2*x+1); return c == 'F' || c == 'G' }
	for x := 0; x < w; x++ {
		for y := 0; y < h; y++ {
			switch c := at(2*y+1, 2*x+1); c {
			case 'f', 'F':
				add("foundation-cell", x, y, "")
			case ' ', '.', 'G':
			default:
				t.Fatalf("layout: unknown cell %q at (%d,%d)", c, x, y)
			}
		}
		for y := 0; y < h; y++ {
			if floorAt(x, y) {
				require.True(t, y+1 < h && floorAt(x, y+1), "layout: floor cell (%d,%d) has no partner to the south for a 4x8 cassette", x, y)
				add("floor-4x8", x, y, "")
				y++
			}
		}
	}
	for y := 0; y <= h; y++ {
		for x := 0; x <= w; x++ {
			if x < w {
				if c := at(2*y, 2*x+1); c != ' ' && c != '.' {
					mod, ok := edgeMod[c]
					require.True(t, ok, "layout: unknown edge %q north of (%d,%d)", c, x, y)
					if y < h {
						add(mod, x, y, designs.North)
					} else {
						add(mod, x, y-1, designs.South)
					}
				}
			}
			if y < h {
				if c := at(2*y+1, 2*x); c != ' ' && c != '.' {
					mod, ok := edgeMod[c]
					require.True(t, ok, "layout: unknown edge %q west of (%d,%d)", c, x, y)
					if x < w {
						add(mod, x, y, designs.West)
					} else {
						add(mod, x-1, y, designs.East)
					}
				}
			}
		}
	}
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
