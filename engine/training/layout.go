package training

import (
	"fmt"
	"strings"

	"github.com/opensourceecology/prodos/designs"
)

// LayoutError is a problem at a line and column of a layout (1-based,
// counted from the layout's first line).
type LayoutError struct {
	Line, Col int
	Msg       string
}

func (e *LayoutError) Error() string { return e.Msg }

// ParseLayout reads a house drawn as text, the way challenge levels (and
// tests) write designs. A layout of W x H cells is 2H+1 lines of up to
// 2W+1 characters. Even lines are grid lines: the character after each '+'
// is the wall on that horizontal edge. Odd lines are cell rows: even
// columns hold the wall on a vertical edge, odd columns the cell.
//
//	horizontal edge: '-' exterior wall, 'w' window, 'd' door,
//	                 'i' interior wall, 'o' interior door, ' ' none
//	vertical edge:   '|' exterior wall, 'W' window, 'D' door,
//	                 ':' interior wall, 'O' interior door, ' ' none
//	cell:            ' ' empty, 'f' foundation, '.' foundation and floor,
//	                 'r' foundation, floor and roof, 's' the same with a
//	                 solar roof panel, 'l' also a loft under the roof,
//	                 'K', 'B', 'M' the top-left cell of a 2x2 kitchen,
//	                 bath or mechanical core (under a roof)
//
// Floor, loft and roof panels are 1x2 cassettes pairing rows 0-1, 2-3 and
// so on. Placements are written foundation, floor, walls (reading order),
// loft, roof, cores, so task ids follow reading order.
func ParseLayout(text string) (*designs.Design, error) {
	raw := strings.Split(strings.TrimRight(strings.TrimLeft(text, "\n"), "\n \t"), "\n")
	lines := make([]string, len(raw))
	for i, l := range raw {
		lines[i] = strings.TrimRight(l, " \t\r")
	}
	if len(lines) < 3 || len(lines)%2 == 0 {
		return nil, &LayoutError{1, 1, fmt.Sprintf("a layout has an odd number of lines (2 per cell row plus 1), got %d", len(lines))}
	}
	H := len(lines) / 2
	W := 0
	for _, l := range lines {
		W = max(W, len(l)/2)
	}
	if W < 1 || W > designs.MaxGrid || H > designs.MaxGrid {
		return nil, &LayoutError{1, 1, fmt.Sprintf("layout of %dx%d cells is out of range", W, H)}
	}
	at := func(r, c int) byte {
		if c < len(lines[r]) {
			return lines[r][c]
		}
		return ' '
	}
	cellCh := func(x, y int) byte { return at(2*y+1, 2*x+1) }
	for y := 0; y < H; y++ {
		for x := 0; x < W; x++ {
			if !strings.ContainsRune(" f.rslKBM", rune(cellCh(x, y))) {
				return nil, &LayoutError{2*y + 2, 2*x + 2, fmt.Sprintf("unknown cell %q (want one of f . r s l K B M or space)", cellCh(x, y))}
			}
		}
	}
	d := &designs.Design{Format: designs.FormatVersion, Name: "layout", License: designs.DefaultLicense, Grid: designs.Grid{Width: W, Height: H}}
	add := func(m string, x, y int, edge string) {
		d.Placements = append(d.Placements, designs.Placement{Module: m, X: x, Y: y, Edge: edge})
	}
	has := func(x, y int, set string) bool {
		return x < W && y < H && strings.IndexByte(set, cellCh(x, y)) >= 0
	}
	for y := 0; y < H; y++ {
		for x := 0; x < W; x++ {
			if cellCh(x, y) != ' ' {
				add("foundation-cell", x, y, "")
			}
		}
	}
	floored := ".rslKBM"
	roofed := "rslKBM"
	for _, c := range []struct{ set, what string }{{floored, "floor"}, {roofed, "roof"}} {
		for y := 0; y < H; y++ {
			for x := 0; x < W; x++ {
				partner := y + 1
				if y%2 == 1 {
					partner = y - 1
				}
				if has(x, y, c.set) && !has(x, partner, c.set) {
					return nil, &LayoutError{2*y + 2, 2*x + 2, fmt.Sprintf("cell (%d,%d): %s panels are 1x2 and pair rows 0-1, 2-3 and so on", x, y, c.what)}
				}
			}
		}
	}
	for y := 0; y < H; y += 2 {
		for x := 0; x < W; x++ {
			if has(x, y, floored) && has(x, y+1, floored) {
				add("floor-4x8", x, y, "")
			}
		}
	}
	if err := layoutWalls(lines, W, H, at, add); err != nil {
		return nil, err
	}
	for y := 0; y < H; y += 2 {
		for x := 0; x < W; x++ {
			if has(x, y, "l") && has(x, y+1, "l") {
				add("loft-4x8", x, y, "")
			}
		}
	}
	for y := 0; y < H; y += 2 {
		for x := 0; x < W; x++ {
			if has(x, y, roofed) && has(x, y+1, roofed) {
				m := "roof-4x8"
				if cellCh(x, y) == 's' {
					m = "roof-solar-4x8"
				}
				add(m, x, y, "")
			}
		}
	}
	cores := map[byte]string{'K': "core-kitchen", 'B': "core-bath", 'M': "core-mech"}
	for y := 0; y < H; y++ {
		for x := 0; x < W; x++ {
			if m, ok := cores[cellCh(x, y)]; ok {
				if !has(x+1, y, roofed) || !has(x, y+1, roofed) || !has(x+1, y+1, roofed) {
					return nil, &LayoutError{2*y + 2, 2*x + 2, fmt.Sprintf("cell (%d,%d): a 2x2 core needs roofed cells to its east, south and south-east", x, y)}
				}
				add(m, x, y, "")
			}
		}
	}
	return d, nil
}

// layoutWalls adds the walls of a layout in reading order: the walls on
// horizontal edges from even lines, on vertical edges from odd ones.
func layoutWalls(lines []string, W, H int, at func(r, c int) byte, add func(m string, x, y int, edge string)) error {
	hw := map[byte]string{'-': "wall-ext-4x8", 'w': "wall-window-4x8", 'd': "wall-door-4x8", 'i': "wall-int-4x8", 'o': "wall-int-door-4x8"}
	vw := map[byte]string{'|': "wall-ext-4x8", 'W': "wall-window-4x8", 'D': "wall-door-4x8", ':': "wall-int-4x8", 'O': "wall-int-door-4x8"}
	for r := range lines {
		y := r / 2
		if r%2 == 0 {
			for x := 0; x < W; x++ {
				ch := at(r, 2*x+1)
				m, ok := hw[ch]
				switch {
				case ok && y < H:
					add(m, x, y, designs.North)
				case ok:
					add(m, x, y-1, designs.South)
				case ch != ' ':
					return &LayoutError{r + 1, 2*x + 2, fmt.Sprintf("unknown wall %q on a horizontal edge (want - w d i o)", ch)}
				}
			}
			continue
		}
		for x := 0; x <= W; x++ {
			ch := at(r, 2*x)
			m, ok := vw[ch]
			switch {
			case ok && x < W:
				add(m, x, y, designs.West)
			case ok:
				add(m, x-1, y, designs.East)
			case ch != ' ':
				return &LayoutError{r + 1, 2*x + 1, fmt.Sprintf("unknown wall %q on a vertical edge (want | W D : O)", ch)}
			}
		}
	}
	return nil
}
