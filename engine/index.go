package engine

import "sort"

// index is the engine's spatial index on the 48 in grid: for each layer and
// cell, the cell modules covering the cell; for each unit edge slot, the
// walls standing on it. Every list is sorted by id, so a query sees modules
// in the order they were placed, whatever was removed and put back in
// between (an undo restores exactly the state before). Adding or removing a
// module touches only the lists of the cells and slots it covers: its cost
// does not grow with the size of the design. (It replaces a solarlune/resolv
// Space, whose Remove scans every shape of the space and whose cells scan
// their whole list on every insert.)
type index struct {
	w, h  int
	cells [][][]*placed // [layer][y*w+x]; a layer's slice is made on first use
	hs    [][]*placed   // horizontal slots: line y in [0,h], column a: y*w+a
	vs    [][]*placed   // vertical slots: line x in [0,w], row a: a*(w+1)+x
}

func newIndex(w, h, layers int) *index {
	return &index{w: w, h: h, cells: make([][][]*placed, layers), hs: make([][]*placed, (h+1)*w), vs: make([][]*placed, h*(w+1))}
}

// lists calls fn with a pointer to every list g belongs to.
func (ix *index) lists(g *placed, fn func(l *[]*placed)) {
	if g.edge {
		for a := g.a0; a < g.a1; a++ {
			fn(ix.slot(g.horiz, g.line, a))
		}
		return
	}
	if ix.cells[g.layer] == nil {
		ix.cells[g.layer] = make([][]*placed, ix.w*ix.h)
	}
	layer := ix.cells[g.layer]
	for y := g.y0; y < g.y1; y++ {
		for x := g.x0; x < g.x1; x++ {
			fn(&layer[y*ix.w+x])
		}
	}
}

// slot is the list of walls on a unit edge slot (the caller checks bounds).
func (ix *index) slot(horiz bool, line, a int) *[]*placed {
	if horiz {
		return &ix.hs[line*ix.w+a]
	}
	return &ix.vs[a*(ix.w+1)+line]
}

// slotAt is the list of walls on a unit edge slot, nil outside the grid.
func (ix *index) slotAt(horiz bool, line, a int) []*placed {
	if horiz {
		if line < 0 || line > ix.h || a < 0 || a >= ix.w {
			return nil
		}
	} else if line < 0 || line > ix.w || a < 0 || a >= ix.h {
		return nil
	}
	return *ix.slot(horiz, line, a)
}

// cellAt is the list of cell modules of a layer covering a cell, nil
// outside the grid.
func (ix *index) cellAt(layer, x, y int) []*placed {
	if x < 0 || y < 0 || x >= ix.w || y >= ix.h || ix.cells[layer] == nil {
		return nil
	}
	return ix.cells[layer][y*ix.w+x]
}

func (ix *index) add(g *placed) {
	ix.lists(g, func(l *[]*placed) {
		s := *l
		k := len(s)
		if k > 0 && s[k-1].id > g.id {
			k = sort.Search(len(s), func(i int) bool { return s[i].id > g.id })
		}
		s = append(s, nil)
		copy(s[k+1:], s[k:])
		s[k] = g
		*l = s
	})
}

func (ix *index) remove(g *placed) {
	ix.lists(g, func(l *[]*placed) {
		s := *l
		k := sort.Search(len(s), func(i int) bool { return s[i].id >= g.id })
		if k < len(s) && s[k] == g {
			copy(s[k:], s[k+1:])
			s[len(s)-1] = nil
			*l = s[:len(s)-1]
		}
	})
}

// each calls fn for every module registered at cell (x, y): the cell
// modules covering it, layer by layer, then the walls on its north, south,
// west and east edges, each list in id order. fn returns false to stop.
func (ix *index) each(x, y int, fn func(g *placed) bool) bool {
	if x < 0 || y < 0 || x >= ix.w || y >= ix.h {
		return true
	}
	for _, layer := range ix.cells {
		if layer == nil {
			continue
		}
		for _, g := range layer[y*ix.w+x] {
			if !fn(g) {
				return false
			}
		}
	}
	for _, l := range [4][]*placed{ix.hs[y*ix.w+x], ix.hs[(y+1)*ix.w+x], ix.vs[y*(ix.w+1)+x], ix.vs[y*(ix.w+1)+x+1]} {
		for _, g := range l {
			if !fn(g) {
				return false
			}
		}
	}
	return true
}
