package designs

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// The compact forms of a design file. A hand-written design need not list
// every cell: a [[fill]] covers a rectangle with one cell module, a [[row]]
// stands edge modules end to end, and a [[house]] groups forms into a named
// house that can be repeated along a street. ParseDesign expands them into
// Design.Placements, in file order, so every other package sees one flat
// list of placements; Marshal writes that flat, canonical list back (with a
// house key on each grouped placement).

// Fill covers the rectangle of Width x Height cells from (X, Y) with copies
// of one cell module turned by Rotation; the rectangle must be a whole
// number of the module's footprints.
type Fill struct {
	Module   string `toml:"module"`
	X        int    `toml:"x"`
	Y        int    `toml:"y"`
	Width    int    `toml:"width"`
	Height   int    `toml:"height"`
	Rotation int    `toml:"rotation"`
}

// Row stands edge modules end to end on side Edge, from cell (X, Y):
// eastwards for n and s, southwards for e and w. Either Count copies of
// Module, or the Modules listed, each where the previous one ends (a wall
// with its windows and doors in one line).
type Row struct {
	Module  string   `toml:"module"`
	Modules []string `toml:"modules"`
	X       int      `toml:"x"`
	Y       int      `toml:"y"`
	Edge    string   `toml:"edge"`
	Count   int      `toml:"count"`
}

// House is a named group of placements, fills and rows, whose coordinates
// count from the house's (X, Y). Repeat > 1 makes that many copies, each
// StepX, StepY cells from the last, named "Name 1", "Name 2", ...
type House struct {
	Name       string      `toml:"name"`
	X          int         `toml:"x"`
	Y          int         `toml:"y"`
	Repeat     int         `toml:"repeat"`
	StepX      int         `toml:"step_x"`
	StepY      int         `toml:"step_y"`
	Placements []Placement `toml:"placement"`
	Fills      []Fill      `toml:"fill"`
	Rows       []Row       `toml:"row"`
}

// designFile is the file as written: the flat design plus compact forms.
type designFile struct {
	Design
	Fills  []Fill  `toml:"fill"`
	Rows   []Row   `toml:"row"`
	Houses []House `toml:"house"`
}

// maxExpanded bounds the placements the compact forms may expand to, so a
// hostile file cannot ask for a huge allocation with one fill or repeat.
const maxExpanded = MaxPlacements

// Canonical is the one stored name of a wall's edge: the north or west side
// of a cell, except on the grid's last row or column, where only the south
// or east side of the cell inside the grid names it. South of (x,y) is
// north of (x,y+1); east of (x,y) is west of (x+1,y). Cell modules, and
// edges already canonical, come back unchanged.
func (p Placement) Canonical(g Grid) Placement {
	switch {
	case p.Edge == South && p.Y+1 < g.Height:
		p.Edge, p.Y = North, p.Y+1
	case p.Edge == East && p.X+1 < g.Width:
		p.Edge, p.X = West, p.X+1
	case p.Edge == North && p.Y == g.Height && p.Y > 0:
		p.Edge, p.Y = South, p.Y-1
	case p.Edge == West && p.X == g.Width && p.X > 0:
		p.Edge, p.X = East, p.X-1
	}
	return p
}

// Houses lists the house names of the design's placements, in order of
// first appearance. A design with no grouping has none.
func (d *Design) Houses() []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range d.Placements {
		if p.House != "" && !seen[p.House] {
			seen[p.House] = true
			out = append(out, p.House)
		}
	}
	return out
}

// expanded is one placement from the file and the key path of the form it
// came from, for error positions.
type expanded struct {
	p   Placement
	key string // "placement[3]", "fill[0]", "house[1].row[2]"
}

// item is one form of the file, where it starts, and the function that
// appends its placements shifted by (dx, dy) and grouped into house.
type item struct {
	at  Pos
	key string
	run func(out []expanded, dx, dy int, house string) []expanded
}

func byLine(items []item) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i].at, items[j].at
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
}

// expandForms turns the file's placements and compact forms into the flat
// list of placements, in the order the forms appear in the file. Problems
// with the forms themselves are returned; the placements they make are
// checked later like any other.
func (f *designFile) expandForms(file string, pos positions, cat *Catalog) ([]expanded, ErrorList) {
	var errs ErrorList
	e := func(key, format string, a ...any) {
		errs = append(errs, &Error{File: file, Pos: pos.of(key), Msg: fmt.Sprintf(format, a...)})
	}
	top := f.forms("", kinds(len(f.Placements), len(f.Fills), len(f.Rows), len(f.Houses)) > 1, pos, cat, e, f.Placements, f.Fills, f.Rows)
	names := map[string]Pos{}
	for hi := range f.Houses {
		top = append(top, f.houseItems(hi, pos, cat, e, names)...)
	}
	byLine(top)
	var out []expanded
	for _, it := range top {
		out = it.run(out, 0, 0, "")
		if len(out) > maxExpanded {
			e(it.key, "the design expands to more than %d placements", maxExpanded)
			return nil, errs
		}
	}
	return out, errs
}

// kinds counts the non-zero lengths: how many kinds of form one level of
// a file has.
func kinds(n ...int) int {
	k := 0
	for _, x := range n {
		if x > 0 {
			k++
		}
	}
	return k
}

// forms makes the items of one level of the file (the top, or a house
// whose key prefix is given). Only when the level mixes kinds of form
// (ordered) are the items given their positions, so that byLine puts them
// in file order; one kind alone is in file order already, and a good file
// then never indexes its positions.
func (f *designFile) forms(prefix string, ordered bool, pos positions, cat *Catalog, e func(string, string, ...any), ps []Placement, fills []Fill, rows []Row) []item {
	var items []item
	at := func(key string) Pos {
		if !ordered {
			return Pos{}
		}
		return pos.of(key)
	}
	for i := range ps {
		key := prefix + "placement[" + strconv.Itoa(i) + "]"
		p := ps[i]
		items = append(items, item{at(key), key, func(out []expanded, dx, dy int, house string) []expanded {
			p := p
			p.X, p.Y = p.X+dx, p.Y+dy
			if house != "" {
				p.House = house
			}
			return append(out, expanded{p, key})
		}})
	}
	for i := range fills {
		key := prefix + "fill[" + strconv.Itoa(i) + "]"
		items = append(items, item{at(key), key, f.fillRun(key, fills[i], cat, e)})
	}
	for i := range rows {
		key := prefix + "row[" + strconv.Itoa(i) + "]"
		items = append(items, item{at(key), key, rowRun(key, rows[i], cat, e)})
	}
	return items
}

// houseItems checks house hi and makes one item per copy of it. names
// holds the house names taken so far and where.
func (f *designFile) houseItems(hi int, pos positions, cat *Catalog, e func(string, string, ...any), names map[string]Pos) []item {
	h := f.Houses[hi]
	hkey := "house[" + strconv.Itoa(hi) + "]"
	inner := f.forms(hkey+".", kinds(len(h.Placements), len(h.Fills), len(h.Rows)) > 1, pos, cat, e, h.Placements, h.Fills, h.Rows)
	byLine(inner)
	for i, p := range h.Placements {
		if p.House != "" {
			e(hkey+".placement["+strconv.Itoa(i)+"].house", "a placement inside house %q takes its house from it: remove house = %q", h.Name, p.House)
		}
	}
	repeat := h.Repeat
	switch {
	case strings.TrimSpace(h.Name) == "":
		e(hkey, "house has no name")
		return nil
	case repeat == 0:
		repeat = 1
	case repeat < 0 || repeat > maxExpanded:
		e(hkey+".repeat", "house %q: repeat must be between 1 and %d, got %d", h.Name, maxExpanded, h.Repeat)
		return nil
	}
	if h.Repeat > 1 && h.StepX == 0 && h.StepY == 0 {
		e(hkey+".repeat", "house %q repeats %d times in one place: give step_x or step_y", h.Name, h.Repeat)
		return nil
	}
	var items []item
	for k := 0; k < repeat; k++ {
		name := h.Name
		if h.Repeat > 1 {
			name += " " + strconv.Itoa(k+1)
		}
		if prev, dup := names[name]; dup {
			e(hkey+".name", "house %q is named twice (first at line %d)", name, prev.Line)
			return items
		}
		names[name] = pos.of(hkey)
		dx, dy := h.X+k*h.StepX, h.Y+k*h.StepY
		items = append(items, item{pos.of(hkey), hkey, func(out []expanded, _, _ int, _ string) []expanded {
			for _, it := range inner {
				out = it.run(out, dx, dy, name)
				if len(out) > maxExpanded {
					return out
				}
			}
			return out
		}})
	}
	return items
}

// fillRun checks a fill and returns the function that adds its placements.
func (f *designFile) fillRun(key string, fl Fill, cat *Catalog, e func(string, string, ...any)) func([]expanded, int, int, string) []expanded {
	none := func(out []expanded, _, _ int, _ string) []expanded { return out }
	m, ok := cat.Modules[fl.Module]
	switch {
	case !ok:
		e(key+".module", "unknown module %q", fl.Module)
		return none
	case m.Placement == OnEdge:
		e(key+".module", "module %q stands on an edge: stand a run of them with [[row]], not [[fill]]", fl.Module)
		return none
	case fl.Rotation%90 != 0 || fl.Rotation < 0 || fl.Rotation > 270:
		e(key+".rotation", "rotation must be 0, 90, 180 or 270, got %d", fl.Rotation)
		return none
	}
	w, h := m.Footprint(fl.Rotation)
	switch {
	case fl.Width < 1 || fl.Height < 1 || fl.Width > MaxGrid || fl.Height > MaxGrid:
		e(key+".width", "fill must be between 1x1 and %dx%d cells, got %dx%d", MaxGrid, MaxGrid, fl.Width, fl.Height)
		return none
	case fl.Width%w != 0 || fl.Height%h != 0:
		e(key+".width", "module %q covers %dx%d cells: a %dx%d fill is not a whole number of them", fl.Module, w, h, fl.Width, fl.Height)
		return none
	}
	return func(out []expanded, dx, dy int, house string) []expanded {
		for y := 0; y < fl.Height; y += h {
			for x := 0; x < fl.Width; x += w {
				out = append(out, expanded{Placement{Module: fl.Module, X: fl.X + x + dx, Y: fl.Y + y + dy, Rotation: fl.Rotation, House: house}, key})
			}
		}
		return out
	}
}

// rowRun checks a row and returns the function that adds its placements.
func rowRun(key string, r Row, cat *Catalog, e func(string, string, ...any)) func([]expanded, int, int, string) []expanded {
	none := func(out []expanded, _, _ int, _ string) []expanded { return out }
	list := r.Modules
	switch {
	case r.Module != "" && len(list) > 0:
		e(key+".modules", "a row takes module and count, or modules, not both")
		return none
	case len(list) > MaxGrid:
		e(key+".modules", "a row holds at most %d modules, got %d", MaxGrid, len(list))
		return none
	case len(list) == 0 && (r.Count < 1 || r.Count > MaxGrid):
		e(key+".count", "row count must be between 1 and %d, got %d", MaxGrid, r.Count)
		return none
	case len(list) > 0 && r.Count != 0:
		e(key+".count", "a row of listed modules takes no count")
		return none
	case len(list) == 0:
		list = make([]string, r.Count)
		for i := range list {
			list[i] = r.Module
		}
	}
	horiz := r.Edge == North || r.Edge == South
	if !horiz && r.Edge != East && r.Edge != West {
		e(key+".edge", "a row needs edge = \"n\", \"e\", \"s\" or \"w\", got %q", r.Edge)
		return none
	}
	steps := make([]int, len(list))
	for i, id := range list {
		m, ok := cat.Modules[id]
		field := key + ".module"
		if len(r.Modules) > 0 {
			field = key + ".modules"
		}
		switch {
		case !ok:
			e(field, "unknown module %q", id)
			return none
		case m.Placement != OnEdge:
			e(field, "module %q covers cells: cover a rectangle of them with [[fill]], not [[row]]", id)
			return none
		}
		steps[i] = m.Cells
	}
	return func(out []expanded, ox, oy int, house string) []expanded {
		at := 0
		for i, id := range list {
			p := Placement{Module: id, X: r.X + ox, Y: r.Y + oy, Edge: r.Edge, House: house}
			if horiz {
				p.X += at
			} else {
				p.Y += at
			}
			at += steps[i]
			out = append(out, expanded{p, key})
		}
		return out
	}
}

// Canonical returns a copy of the design with every wall edge under its
// canonical name (Placement.Canonical).
func (d *Design) Canonical() *Design {
	c := *d
	c.Placements = make([]Placement, len(d.Placements))
	for i, p := range d.Placements {
		c.Placements[i] = p.Canonical(d.Grid)
	}
	return &c
}
