// Package plan reads a house drawn as text: the one ASCII plan language of
// engine.Layout (tests, design levels' `plan`) and training.ParseLayout
// (challenge levels' `layout`).
//
// A plan of W x H cells is 2H+1 lines of up to 2W+1 characters. Even lines
// (0, 2, ...) are grid lines: the character after each '+' is the wall on
// that horizontal edge. Odd lines are cell rows: even columns hold the wall
// on a vertical edge, odd columns the cell. Cell (x, y) is at line 2y+1,
// column 2x+1; its north edge at line 2y, column 2x+1; its west edge at
// line 2y+1, column 2x (0-based). The '+' corners are ignored.
//
//	cell: ' ' empty
//	      'f' foundation
//	      'F' or '.' foundation and floor
//	      'G' floor with no foundation
//	      'r' foundation, floor and roof
//	      's' the same with a solar roof panel
//	      'l' foundation, floor, loft and roof
//	      'K', 'B', 'M' the top-left cell of a 2x2 kitchen, bath or
//	      mechanical core (foundation, floor and roof under all four)
//	edge: ' ' none
//	      '-' or '|' exterior wall
//	      'w' or 'W' window wall
//	      'd' or 'D' door wall
//	      's' or 'S' exterior wall framed at 16 in o.c.
//	      'i' or ':' interior wall
//	      'o' or 'O' interior door wall
//
// Either spelling of an edge works on either orientation; by habit '-' and
// the lower-case letters go on horizontal edges, '|', ':' and the capitals
// on vertical ones, so a wall never reads like a cell.
//
// Floor, loft and roof panels are 1x2 cassettes (4x8 ft): in each column
// the cells with one pair up north to south. Placements are written
// foundation, floor, walls (in reading order), loft, roof, cores, each in
// reading order, so build-order task ids follow reading order.
package plan

import (
	"fmt"
	"strings"

	"github.com/opensourceecology/prodos/designs"
)

// Error is a problem at a line and column of a plan (1-based); Line 0
// means the plan as a whole (its size).
type Error struct {
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Col, e.Msg)
}

// Cells and edges of the alphabet.
const (
	cellChars = " fF.GrslKBM"
	floored   = "F.GrslKBM" // cells with a floor panel
	founded   = "fF.rslKBM" // cells with a foundation
	roofed    = "rslKBM"    // cells with a roof panel
)

var edgeModules = map[byte]string{
	'-': "wall-ext-4x8", '|': "wall-ext-4x8",
	'w': "wall-window-4x8", 'W': "wall-window-4x8",
	'd': "wall-door-4x8", 'D': "wall-door-4x8",
	's': "wall-ext-4x8-16oc", 'S': "wall-ext-4x8-16oc",
	'i': "wall-int-4x8", ':': "wall-int-4x8",
	'o': "wall-int-door-4x8", 'O': "wall-int-door-4x8",
}

var cores = map[byte]string{'K': "core-kitchen", 'B': "core-bath", 'M': "core-mech"}

// ParseText reads a plan written as one text: leading blank lines,
// trailing blank lines and trailing spaces of each line are dropped.
func ParseText(name, text string) (*designs.Design, error) {
	lines := strings.Split(strings.TrimRight(strings.TrimLeft(text, "\n"), "\n \t\r"), "\n")
	return Parse(name, lines)
}

// Parse reads a plan given as its lines.
func Parse(name string, lines []string) (*designs.Design, error) {
	if len(lines) < 3 || len(lines)%2 == 0 {
		return nil, &Error{Msg: fmt.Sprintf("a plan has an odd number of lines (2 per cell row plus 1), at least 3, got %d", len(lines))}
	}
	p := &parser{lines: lines, h: len(lines) / 2}
	for _, l := range lines {
		p.w = max(p.w, len(strings.TrimRight(l, " \t\r"))/2)
	}
	if p.w < 1 || p.w > designs.MaxGrid || p.h > designs.MaxGrid {
		return nil, &Error{Msg: fmt.Sprintf("a plan must be between 1x1 and %dx%d cells, got %dx%d", designs.MaxGrid, designs.MaxGrid, p.w, p.h)}
	}
	p.d = &designs.Design{Format: designs.FormatVersion, Name: name, License: designs.DefaultLicense, Grid: designs.Grid{Width: p.w, Height: p.h}}
	if err := p.parse(); err != nil {
		return nil, err
	}
	return p.d, nil
}

type parser struct {
	lines []string
	w, h  int
	d     *designs.Design
}

func (p *parser) at(r, c int) byte {
	if r < len(p.lines) && c < len(p.lines[r]) {
		return p.lines[r][c]
	}
	return ' '
}

func (p *parser) cell(x, y int) byte { return p.at(2*y+1, 2*x+1) }

// has reports whether cell (x, y) is on the grid and one of set.
func (p *parser) has(x, y int, set string) bool {
	return x < p.w && y < p.h && strings.IndexByte(set, p.cell(x, y)) >= 0
}

func (p *parser) add(m string, x, y int, edge string) {
	p.d.Placements = append(p.d.Placements, designs.Placement{Module: m, X: x, Y: y, Edge: edge})
}

func (p *parser) parse() error {
	for y := 0; y < p.h; y++ {
		for x := 0; x < p.w; x++ {
			if c := p.cell(x, y); strings.IndexByte(cellChars, c) < 0 {
				return &Error{2*y + 2, 2*x + 2, fmt.Sprintf("unknown cell %q (want one of f F . G r s l K B M or space)", c)}
			}
		}
	}
	floors, err := p.pairs(floored, "floor")
	if err != nil {
		return err
	}
	roofs, err := p.pairs(roofed, "roof")
	if err != nil {
		return err
	}
	p.each(func(x, y int) {
		if p.has(x, y, founded) {
			p.add("foundation-cell", x, y, "")
		}
	})
	p.each(func(x, y int) {
		if floors[y*p.w+x] {
			p.add("floor-4x8", x, y, "")
		}
	})
	if err := p.walls(); err != nil {
		return err
	}
	p.each(func(x, y int) {
		if roofs[y*p.w+x] && p.has(x, y, "l") && p.has(x, y+1, "l") {
			p.add("loft-4x8", x, y, "")
		}
	})
	p.each(func(x, y int) {
		if roofs[y*p.w+x] {
			m := "roof-4x8"
			if p.cell(x, y) == 's' {
				m = "roof-solar-4x8"
			}
			p.add(m, x, y, "")
		}
	})
	return p.cores()
}

// each calls fn for every cell in reading order.
func (p *parser) each(fn func(x, y int)) {
	for y := 0; y < p.h; y++ {
		for x := 0; x < p.w; x++ {
			fn(x, y)
		}
	}
}

// pairs pairs the cells of set north to south in each column and returns
// the north cell of each pair; a cell of set with none south of it to pair
// with is an error.
func (p *parser) pairs(set, what string) ([]bool, error) {
	north := make([]bool, p.w*p.h)
	for x := 0; x < p.w; x++ {
		for y := 0; y < p.h; y++ {
			if !p.has(x, y, set) {
				continue
			}
			if !p.has(x, y+1, set) {
				return nil, &Error{2*y + 2, 2*x + 2, fmt.Sprintf("cell (%d,%d): %s panels are 1x2 and pair cells north to south, but the cell south of it has no %s", x, y, what, what)}
			}
			north[y*p.w+x] = true
			y++
		}
	}
	return north, nil
}

// walls adds the walls in reading order: horizontal edges from even lines,
// vertical edges from odd ones.
func (p *parser) walls() error {
	for r := 0; r <= 2*p.h; r++ {
		y := r / 2
		horiz := r%2 == 0
		for c := 0; c <= 2*p.w; c++ {
			if (c%2 == 1) != horiz {
				continue
			}
			ch := p.at(r, c)
			if ch == ' ' {
				continue
			}
			m, ok := edgeModules[ch]
			if !ok {
				dir := "vertical"
				if horiz {
					dir = "horizontal"
				}
				return &Error{r + 1, c + 1, fmt.Sprintf("unknown wall %q on a %s edge (want one of - | w W d D s S i : o O or space)", ch, dir)}
			}
			x := c / 2
			switch {
			case horiz && y < p.h:
				p.add(m, x, y, designs.North)
			case horiz:
				p.add(m, x, y-1, designs.South)
			case x < p.w:
				p.add(m, x, y, designs.West)
			default:
				p.add(m, x-1, y, designs.East)
			}
		}
	}
	return nil
}

// cores adds the 2x2 cores from their top-left cells.
func (p *parser) cores() error {
	for y := 0; y < p.h; y++ {
		for x := 0; x < p.w; x++ {
			m, ok := cores[p.cell(x, y)]
			if !ok {
				continue
			}
			if !p.has(x+1, y, roofed) || !p.has(x, y+1, roofed) || !p.has(x+1, y+1, roofed) {
				return &Error{2*y + 2, 2*x + 2, fmt.Sprintf("cell (%d,%d): a 2x2 core needs roofed cells to its east, south and south-east", x, y)}
			}
			p.add(m, x, y, "")
		}
	}
	return nil
}
