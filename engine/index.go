package engine

import (
	"sort"
	"sync"

	"github.com/opensourceecology/prodos/designs"
	"github.com/solarlune/resolv"
)

// cellIn is one grid cell in whole inches (the resolv Spaces work in inches).
const cellIn = int(designs.CellSize / designs.Inch)

// chunkCells is the side of one chunk of the design area, in grid cells:
// each chunk has its own resolv.Space, so Space.Remove, which scans the
// space's whole shape list, scans one chunk's shapes (a few hundred), not
// the design's.
const chunkCells = 8

// Tags of the resolv shapes: a cell module carries the bit of its layer, a
// wall the bit of its orientation.
const (
	tagHoriz = resolv.Tags(1) << 62
	tagVert  = resolv.Tags(1) << 63
)

// maxLayers bounds designs.Layers (layer bits and the per-cell buckets of
// each).
const maxLayers = 28

// index is the engine's spatial structure on the 48 in grid. The design
// area is split into chunks of chunkCells x chunkCells cells, each a
// solarlune/resolv Space whose cells are the grid's cells. A module is a
// resolv rectangle inset by one inch, so it registers only in the cells it
// covers (a wall: the cells on both sides of its edge), with the module as
// its data; a module spanning chunks has one shape in each. A query reads
// Space.Cell(x, y).Shapes and maps each shape back to its module.
//
// A key is one layer of one cell, or one edge slot. resolv's Cell keeps an
// unordered list that it scans on every insert and remove, so the Spaces
// hold at most one module per key: a module is added to its Spaces only
// when all its keys are free. A module that lands on an occupied key (an
// overlap, a rule violation anyway) is kept instead in the stack lists of
// its keys, and the first stacked module at a key turns that key's stack
// into its complete, id-ordered list (the module already in the Space
// included). That hand-written part is where resolv cannot serve: a cell
// of 50,000 stacked panels would cost resolv a scan of the cell per
// insert, quadratic in the stack, and lose the id order replays rely on.
// So a normal design lives wholly in resolv, and loading a design of
// stacked modules stays linear.
//
// Every query answers in id order (one module per key, or a stack kept
// sorted), whatever was removed and put back in between: an undo restores
// exactly what queries saw before.
type index struct {
	w, h, layers int
	cw           int             // chunks across
	spaces       []*resolv.Space // [cy*cw+cx], made on first use
	cells        []*resolv.Cell  // [y*w+x]: the Spaces' cells, nil until made
	stacks       map[int][]*placed
}

func newIndex(w, h, layers int) *index {
	if layers > maxLayers {
		panic("engine: too many layers for the index")
	}
	cw, ch := (w+chunkCells-1)/chunkCells, (h+chunkCells-1)/chunkCells
	return &index{w: w, h: h, layers: layers, cw: cw, spaces: make([]*resolv.Space, cw*ch), cells: make([]*resolv.Cell, w*h), stacks: map[int][]*placed{}}
}

// shapeMu guards resolv's package-level state (its shape ID counter), so
// engines in different goroutines can create shapes safely.
var shapeMu sync.Mutex

// cellKey and slotKey name a key: one layer of one cell, one edge slot.
func (ix *index) cellKey(layer, x, y int) int { return (layer*ix.h+y)*ix.w + x }

func (ix *index) slotKey(horiz bool, line, a int) int {
	base := ix.layers * ix.w * ix.h
	if horiz {
		return base + line*ix.w + a
	}
	return base + (ix.h+1)*ix.w + a*(ix.w+1) + line
}

// keys calls fn with every key of g.
func (ix *index) keys(g *placed, fn func(k int)) {
	if g.edge {
		for a := g.a0; a < g.a1; a++ {
			fn(ix.slotKey(g.horiz, g.line, a))
		}
		return
	}
	for y := g.y0; y < g.y1; y++ {
		for x := g.x0; x < g.x1; x++ {
			fn(ix.cellKey(g.layer, x, y))
		}
	}
}

// cellShapes is the resolv cell of grid cell (x, y), nil outside the grid
// or in a chunk never used.
func (ix *index) cellShapes(x, y int) []resolv.IShape {
	if x < 0 || y < 0 || x >= ix.w || y >= ix.h {
		return nil
	}
	if c := ix.cells[y*ix.w+x]; c != nil {
		return c.Shapes
	}
	return nil
}

// occupant is the module the Spaces hold at key k of g (g's layer or slot
// at cell or position a), or nil.
func (ix *index) occupant(g *placed, x, y, a int) *placed {
	if !g.edge {
		return ix.spaceCell(g.layer, x, y)
	}
	return ix.spaceSlot(g.horiz, g.line, a)
}

// spaceCell is the cell module of a layer the Spaces hold at (x, y).
func (ix *index) spaceCell(layer, x, y int) *placed {
	tag := resolv.Tags(1) << uint(layer)
	for _, s := range ix.cellShapes(x, y) {
		if s.Tags().Has(tag) {
			return s.Data().(*placed)
		}
	}
	return nil
}

// spaceSlot is the wall the Spaces hold on an edge slot (in the grid).
func (ix *index) spaceSlot(horiz bool, line, a int) *placed {
	x, y, tag := a, line, tagHoriz
	if horiz && y == ix.h {
		y--
	}
	if !horiz {
		x, y, tag = line, a, tagVert
		if x == ix.w {
			x--
		}
	}
	for _, s := range ix.cellShapes(x, y) {
		if s.Tags().Has(tag) {
			if g := s.Data().(*placed); g.onEdge(horiz, line, a) {
				return g
			}
		}
	}
	return nil
}

// free reports whether no key of g holds a module.
func (ix *index) free(g *placed) bool {
	if g.edge {
		for a := g.a0; a < g.a1; a++ {
			if ix.stacks[ix.slotKey(g.horiz, g.line, a)] != nil || ix.spaceSlot(g.horiz, g.line, a) != nil {
				return false
			}
		}
		return true
	}
	for y := g.y0; y < g.y1; y++ {
		for x := g.x0; x < g.x1; x++ {
			if ix.stacks[ix.cellKey(g.layer, x, y)] != nil || ix.spaceCell(g.layer, x, y) != nil {
				return false
			}
		}
	}
	return true
}

func (ix *index) add(g *placed) {
	g.self[0] = g
	if ix.free(g) {
		ix.addShapes(g)
		return
	}
	g.stacked = true
	if g.edge {
		for a := g.a0; a < g.a1; a++ {
			ix.push(ix.slotKey(g.horiz, g.line, a), g, ix.occupant(g, 0, 0, a))
		}
		return
	}
	for y := g.y0; y < g.y1; y++ {
		for x := g.x0; x < g.x1; x++ {
			ix.push(ix.cellKey(g.layer, x, y), g, ix.occupant(g, x, y, 0))
		}
	}
}

// push puts g in the stack of key k, which is made from the module the
// Spaces hold there (o, may be nil) if it is not there yet.
func (ix *index) push(k int, g, o *placed) {
	s, ok := ix.stacks[k]
	if !ok && o != nil {
		s = append(s, o)
	}
	n := len(s)
	if n > 0 && s[n-1].id > g.id {
		n = sort.Search(len(s), func(i int) bool { return s[i].id > g.id })
	}
	s = append(s, nil)
	copy(s[n+1:], s[n:])
	s[n] = g
	ix.stacks[k] = s
}

func (ix *index) remove(g *placed) {
	if len(ix.stacks) > 0 {
		ix.keys(g, func(k int) {
			s, ok := ix.stacks[k]
			if !ok {
				return
			}
			i := sort.Search(len(s), func(i int) bool { return s[i].id >= g.id })
			if i < len(s) && s[i] == g {
				copy(s[i:], s[i+1:])
				s[len(s)-1] = nil
				s = s[:len(s)-1]
			}
			if len(s) == 0 {
				delete(ix.stacks, k)
			} else {
				ix.stacks[k] = s
			}
		})
	}
	if g.stacked {
		g.stacked = false
		return
	}
	for _, s := range g.shapes {
		s.Space().Remove(s)
	}
}

// addShapes adds g to the Space of every chunk it registers in, making its
// shapes on first use (a redo adds the same shapes again).
func (ix *index) addShapes(g *placed) {
	x0, y0, x1, y1 := g.registers(ix.w, ix.h)
	if g.shapes == nil {
		rx0, ry0, rx1, ry1 := g.rect()
		for cy := y0 / chunkCells; cy <= (y1-1)/chunkCells; cy++ {
			for cx := x0 / chunkCells; cx <= (x1-1)/chunkCells; cx++ {
				ox, oy := float64(cx*chunkCells*cellIn), float64(cy*chunkCells*cellIn)
				shapeMu.Lock()
				s := resolv.NewRectangleFromTopLeft(rx0-ox, ry0-oy, rx1-rx0, ry1-ry0)
				shapeMu.Unlock()
				s.Tags().Set(g.tag())
				s.SetData(g)
				g.shapes = append(g.shapes, s)
			}
		}
	}
	k := 0
	for cy := y0 / chunkCells; cy <= (y1-1)/chunkCells; cy++ {
		for cx := x0 / chunkCells; cx <= (x1-1)/chunkCells; cx++ {
			ix.space(cx, cy).Add(g.shapes[k])
			k++
		}
	}
}

// space is the resolv Space of chunk (cx, cy), made on first use with the
// chunk's cells clipped to the grid (cells outside the grid do not exist).
func (ix *index) space(cx, cy int) *resolv.Space {
	sp := ix.spaces[cy*ix.cw+cx]
	if sp == nil {
		w := min(chunkCells, ix.w-cx*chunkCells)
		h := min(chunkCells, ix.h-cy*chunkCells)
		sp = resolv.NewSpace(w*cellIn, h*cellIn, cellIn, cellIn)
		ix.spaces[cy*ix.cw+cx] = sp
		for y := range h {
			for x := range w {
				ix.cells[(cy*chunkCells+y)*ix.w+cx*chunkCells+x] = sp.Cell(x, y)
			}
		}
	}
	return sp
}

// tag is g's resolv tag.
func (g *placed) tag() resolv.Tags {
	switch {
	case !g.edge:
		return resolv.Tags(1) << uint(g.layer)
	case g.horiz:
		return tagHoriz
	}
	return tagVert
}

// registers is the cell rectangle [x0,x1) x [y0,y1) g registers in, clipped
// to a w x h grid: the cells it covers, or for a wall the cells on both
// sides of its edge.
func (g *placed) registers(w, h int) (x0, y0, x1, y1 int) {
	switch {
	case !g.edge:
		return g.x0, g.y0, g.x1, g.y1
	case g.horiz:
		return g.a0, max(g.line-1, 0), g.a1, min(g.line+1, h)
	}
	return max(g.line-1, 0), g.a0, min(g.line+1, w), g.a1
}

// rect is the module's shape in inches: inset by one inch so that a module
// registers only in the cells it covers (a wall: the two cells it divides).
func (g *placed) rect() (x0, y0, x1, y1 float64) {
	c := float64(cellIn)
	if !g.edge {
		return float64(g.x0)*c + 1, float64(g.y0)*c + 1, float64(g.x1)*c - 1, float64(g.y1)*c - 1
	}
	l := float64(g.line) * c
	if g.horiz {
		return float64(g.a0)*c + 1, l - 1, float64(g.a1)*c - 1, l + 1
	}
	return l - 1, float64(g.a0)*c + 1, l + 1, float64(g.a1)*c - 1
}

// slotAt is the list of walls on a unit edge slot in id order, nil outside
// the grid.
func (ix *index) slotAt(horiz bool, line, a int) []*placed {
	if horiz {
		if line < 0 || line > ix.h || a < 0 || a >= ix.w {
			return nil
		}
	} else if line < 0 || line > ix.w || a < 0 || a >= ix.h {
		return nil
	}
	if len(ix.stacks) > 0 {
		if s, ok := ix.stacks[ix.slotKey(horiz, line, a)]; ok {
			return s
		}
	}
	if g := ix.spaceSlot(horiz, line, a); g != nil {
		return g.self[:]
	}
	return nil
}

// cellAt is the list of cell modules of a layer covering a cell in id
// order, nil outside the grid.
func (ix *index) cellAt(layer, x, y int) []*placed {
	if x < 0 || y < 0 || x >= ix.w || y >= ix.h {
		return nil
	}
	if len(ix.stacks) > 0 {
		if s, ok := ix.stacks[ix.cellKey(layer, x, y)]; ok {
			return s
		}
	}
	if g := ix.spaceCell(layer, x, y); g != nil {
		return g.self[:]
	}
	return nil
}

// each calls fn for every module registered at cell (x, y): the cell
// modules covering it, layer by layer, then the walls on its north, south,
// west and east edges, each list in id order. fn returns false to stop.
func (ix *index) each(x, y int, fn func(g *placed) bool) bool {
	if x < 0 || y < 0 || x >= ix.w || y >= ix.h {
		return true
	}
	// one pass over the resolv cell: at most one module per key
	var at [maxLayers + 4]*placed
	for _, s := range ix.cellShapes(x, y) {
		g := s.Data().(*placed)
		at[ix.slotOf(g, x, y)] = g
	}
	for i := 0; i < ix.layers+4; i++ {
		if len(ix.stacks) > 0 {
			if s, ok := ix.stacks[ix.keyAt(i, x, y)]; ok {
				for _, g := range s {
					if !fn(g) {
						return false
					}
				}
				continue
			}
		}
		if at[i] != nil && !fn(at[i]) {
			return false
		}
	}
	return true
}

// slotOf is the position of g among the keys of cell (x, y): its layer, or
// layers+0..3 for a wall on the cell's north, south, west, east edge.
func (ix *index) slotOf(g *placed, x, y int) int {
	switch {
	case !g.edge:
		return g.layer
	case g.horiz && g.line == y:
		return ix.layers
	case g.horiz:
		return ix.layers + 1
	case g.line == x:
		return ix.layers + 2
	}
	return ix.layers + 3
}

// keyAt is the key at position i of cell (x, y) (see slotOf).
func (ix *index) keyAt(i, x, y int) int {
	switch i - ix.layers {
	case 0:
		return ix.slotKey(true, y, x)
	case 1:
		return ix.slotKey(true, y+1, x)
	case 2:
		return ix.slotKey(false, x, y)
	case 3:
		return ix.slotKey(false, x+1, y)
	}
	return ix.cellKey(i, x, y)
}
