package engine

import (
	"fmt"

	"github.com/opensourceecology/prodos/designs"
)

// Layout builds a design from a plan drawn in text, the way tests and level
// files write floor plans. The drawing has 2*H+1 rows of up to 2*W+1
// characters: cell (x, y) is at row 2y+1, column 2x+1; the north edge of
// (x, y) at row 2y, column 2x+1; its west edge at row 2y+1, column 2x; the
// even/even positions are corners ("+" by habit, ignored).
//
// Cells: ' ' or '.' empty, 'f' foundation, 'F' foundation and floor, 'G'
// floor with no foundation. Floor cassettes are 4x8 (one cell by two), so F
// and G cells pair up north to south in each column.
// Edges: '-' or '|' exterior wall, 'w' window wall, 'd' door wall, 's'
// exterior wall at 16 in o.c., 'i' interior wall, 'o' interior door wall.
//
// For example a closed 12 x 8 ft cabin with a window and a door (the
// drawing is written as Go strings: a comment block whose first line starts
// with "+ " would be a bullet list to gofmt):
//
//	d, err := engine.Layout("cabin",
//		"+ + + + + +",
//		"           ",
//		"+ +-+w+-+ +",
//		"  |F F F|  ",
//		"+ + + + + +",
//		"  |F F F|  ",
//		"+ +-+d+-+ +",
//		"           ",
//		"+ + + + + +",
//	)
//
// Errors name the row and column (1-based) of the drawing.
func Layout(name string, rows ...string) (*designs.Design, error) {
	if len(rows)%2 != 1 || len(rows) < 3 {
		return nil, fmt.Errorf("a plan has an odd number (2*H+1) of rows, at least 3, got %d", len(rows))
	}
	h := (len(rows) - 1) / 2
	w := 0
	for _, r := range rows {
		w = max(w, (len(r)-1)/2)
	}
	if w < 1 || w > designs.MaxGrid || h > designs.MaxGrid {
		return nil, fmt.Errorf("a plan must be between 1x1 and %dx%d cells, got %dx%d", designs.MaxGrid, designs.MaxGrid, w, h)
	}
	at := func(r, c int) byte {
		if r < len(rows) && c < len(rows[r]) {
			return rows[r][c]
		}
		return ' '
	}
	d := &designs.Design{Format: designs.FormatVersion, Name: name, License: designs.DefaultLicense, Grid: designs.Grid{Width: w, Height: h}}
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
				return nil, fmt.Errorf("row %d, column %d: unknown cell %q (want f, F, G, '.' or space)", 2*y+2, 2*x+2, c)
			}
		}
		for y := 0; y < h; y++ {
			if floorAt(x, y) {
				if y+1 >= h || !floorAt(x, y+1) {
					return nil, fmt.Errorf("row %d, column %d: floor cell (%d,%d) has no floor cell south of it: 4x8 cassettes pair cells north to south", 2*y+2, 2*x+2, x, y)
				}
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
					if !ok {
						return nil, fmt.Errorf("row %d, column %d: unknown edge %q (want - | w d s i o)", 2*y+1, 2*x+2, c)
					}
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
					if !ok {
						return nil, fmt.Errorf("row %d, column %d: unknown edge %q (want - | w d s i o)", 2*y+2, 2*x+1, c)
					}
					if x < w {
						add(mod, x, y, designs.West)
					} else {
						add(mod, x-1, y, designs.East)
					}
				}
			}
		}
	}
	return d, nil
}
