package buildseq_test

import (
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/buildseq"
	"github.com/stretchr/testify/require"
)

// A layout draws a design on a character grid, 2W+1 wide and 2H+1 high.
// Even rows are grid lines: the character after each '+' is the wall on
// that horizontal edge. Odd rows are cells: even columns are the wall on a
// vertical edge, odd columns the cell's content.
//
//	walls on a horizontal edge: '-' exterior, 'w' window, 'd' door,
//	                            'i' interior, 'o' interior door
//	walls on a vertical edge:   '|' exterior, 'W' window, 'D' door,
//	                            ':' interior, 'O' interior door
//	cells: ' ' empty, 'f' foundation, '.' foundation and floor,
//	       'r' foundation, floor and roof, 'l' loft and roof too,
//	       'K' kitchen core (2x2, from its top-left cell, cells below 'r')
//
// Floor, loft and roof panels are 1x2 cassettes, so they pair rows 0-1,
// 2-3 and so on. Placements go in this order: foundation, floor, walls in
// reading order, loft, roof, cores; so task ids follow reading order.
func layout(t testing.TB, text string) *designs.Design {
	t.Helper()
	lines := strings.Split(strings.Trim(text, "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimLeft(lines[i], "\t")
	}
	require.Equal(t, 1, len(lines)%2, "a layout has 2H+1 lines")
	H := len(lines) / 2
	W := 0
	for _, l := range lines {
		if (len(l)-1)/2 > W {
			W = (len(l) - 1) / 2
		}
	}
	at := func(r, c int) byte {
		if c < len(lines[r]) {
			return lines[r][c]
		}
		return ' '
	}
	cellCh := func(x, y int) byte { return at(2*y+1, 2*x+1) }
	d := &designs.Design{Format: 1, Name: "layout", License: designs.DefaultLicense, Grid: designs.Grid{Width: W, Height: H}}
	add := func(m string, x, y int, edge string) {
		d.Placements = append(d.Placements, designs.Placement{Module: m, X: x, Y: y, Edge: edge})
	}
	has := func(x, y int, set string) bool { return y < H && strings.IndexByte(set, cellCh(x, y)) >= 0 }
	for y := 0; y < H; y++ {
		for x := 0; x < W; x++ {
			if has(x, y, "f.rlK") {
				add("foundation-cell", x, y, "")
			}
		}
	}
	for y := 0; y < H; y += 2 {
		for x := 0; x < W; x++ {
			if has(x, y, ".rlK") && has(x, y+1, ".rlK") {
				add("floor-4x8", x, y, "")
			}
		}
	}
	hw := map[byte]string{'-': "wall-ext-4x8", 'w': "wall-window-4x8", 'd': "wall-door-4x8", 'i': "wall-int-4x8", 'o': "wall-int-door-4x8"}
	vw := map[byte]string{'|': "wall-ext-4x8", 'W': "wall-window-4x8", 'D': "wall-door-4x8", ':': "wall-int-4x8", 'O': "wall-int-door-4x8"}
	for r := 0; r < len(lines); r++ {
		y := r / 2
		if r%2 == 0 {
			for x := 0; x < W; x++ {
				if m, ok := hw[at(r, 2*x+1)]; ok {
					if y < H {
						add(m, x, y, designs.North)
					} else {
						add(m, x, y-1, designs.South)
					}
				}
			}
			continue
		}
		for x := 0; x <= W; x++ {
			if m, ok := vw[at(r, 2*x)]; ok {
				if x < W {
					add(m, x, y, designs.West)
				} else {
					add(m, x-1, y, designs.East)
				}
			}
		}
	}
	for _, layer := range []string{"l", "rlK"} {
		for y := 0; y < H; y += 2 {
			for x := 0; x < W; x++ {
				if has(x, y, layer) && has(x, y+1, layer) {
					if layer == "l" {
						add("loft-4x8", x, y, "")
					} else {
						add("roof-4x8", x, y, "")
					}
				}
			}
		}
	}
	for y := 0; y < H; y++ {
		for x := 0; x < W; x++ {
			if cellCh(x, y) == 'K' {
				add("core-kitchen", x, y, "")
			}
		}
	}
	return d
}

// kinds draws the wall kinds found by the graph on the layout's grid:
// 'C' corner, '=' fill wall, 'o' opening, 'B' bearing interior wall,
// 'b' bearing interior door, 'i' interior wall, 'd' interior door.
func kinds(g *buildseq.Graph, d *designs.Design, cat *designs.Catalog) string {
	W, H := d.Grid.Width, d.Grid.Height
	rows := make([][]byte, 2*H+1)
	for r := range rows {
		rows[r] = []byte(strings.Repeat(" ", 2*W+1))
		if r%2 == 0 {
			for x := 0; x <= W; x++ {
				rows[r][2*x] = '+'
			}
		}
	}
	for i, t := range g.Tasks {
		m := cat.Modules[d.Placements[i].Module]
		if m.Placement != designs.OnEdge {
			continue
		}
		ch := map[buildseq.Kind]byte{buildseq.KindCorner: 'C', buildseq.KindWall: '=', buildseq.KindOpening: 'o',
			buildseq.KindInterior: 'i', buildseq.KindInteriorDoor: 'd'}[t.Kind]
		if !m.Exterior && t.Kind == buildseq.KindWall {
			ch = 'B'
		}
		if !m.Exterior && t.Kind == buildseq.KindOpening {
			ch = 'b'
		}
		p := d.Placements[i]
		switch p.Edge {
		case "n":
			rows[2*p.Y][2*p.X+1] = ch
		case "s":
			rows[2*p.Y+2][2*p.X+1] = ch
		case "w":
			rows[2*p.Y+1][2*p.X] = ch
		case "e":
			rows[2*p.Y+1][2*p.X+2] = ch
		}
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = strings.TrimRight(string(r), " ")
	}
	return strings.Join(out, "\n")
}

func trimLayout(s string) string {
	lines := strings.Split(strings.Trim(s, "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(strings.TrimLeft(lines[i], "\t"), " ")
	}
	return strings.Join(lines, "\n")
}
