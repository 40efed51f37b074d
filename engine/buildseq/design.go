package buildseq

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/bearing"
	"github.com/shopspring/decimal"
)

// grid is the occupancy of a design: for each layer of cell modules and
// for each unit wall slot, the task index plus one (0: empty).
type grid struct {
	w, h   int
	cells  map[string][]int32 // layer -> W*H cells
	hslots []int32            // horizontal unit edges: x in [0,W), y in [0,H]
	vslots []int32            // vertical unit edges: x in [0,W], y in [0,H)
}

func (g *grid) cell(layer string, x, y int) int {
	c := g.cells[layer]
	if c == nil || x < 0 || y < 0 || x >= g.w || y >= g.h {
		return -1
	}
	return int(c[y*g.w+x]) - 1
}

func (g *grid) hslot(x, y int) int {
	if x < 0 || y < 0 || x >= g.w || y > g.h {
		return -1
	}
	return int(g.hslots[y*g.w+x]) - 1
}

func (g *grid) vslot(x, y int) int {
	if x < 0 || y < 0 || x > g.w || y >= g.h {
		return -1
	}
	return int(g.vslots[y*(g.w+1)+x]) - 1
}

// wallGeom is a wall placement as a segment on a grid line.
type wallGeom struct {
	horizontal bool
	line       int // y of a horizontal line, x of a vertical one
	a, b       int // covered unit slots [a, b) along the line
}

func wallSegment(p designs.Placement, cells int) wallGeom {
	switch p.Edge {
	case designs.North:
		return wallGeom{true, p.Y, p.X, p.X + cells}
	case designs.South:
		return wallGeom{true, p.Y + 1, p.X, p.X + cells}
	case designs.West:
		return wallGeom{false, p.X, p.Y, p.Y + cells}
	default: // east
		return wallGeom{false, p.X + 1, p.Y, p.Y + cells}
	}
}

// sides returns the cell a wall slot stands on (the placement's own cell)
// and the cell across the edge, for the k-th unit slot of the wall.
func sides(p designs.Placement, k int) (own, other [2]int) {
	switch p.Edge {
	case designs.North:
		return [2]int{p.X + k, p.Y}, [2]int{p.X + k, p.Y - 1}
	case designs.South:
		return [2]int{p.X + k, p.Y}, [2]int{p.X + k, p.Y + 1}
	case designs.West:
		return [2]int{p.X, p.Y + k}, [2]int{p.X - 1, p.Y + k}
	default:
		return [2]int{p.X, p.Y + k}, [2]int{p.X + 1, p.Y + k}
	}
}

var edgeNames = map[string]string{"n": "north", "e": "east", "s": "south", "w": "west"}

// opposite is the other name of a wall edge: north of (x,y) is south of
// (x,y-1), west of (x,y) is east of (x-1,y), and back.
var opposite = map[string]string{"n": "s", "s": "n", "w": "e", "e": "w"}

// wallSide names a wall's edge from the cell on its floor side, as a builder
// standing in the house sees it: a design stores one canonical name per edge
// (designs.Placement.Canonical), which for an outside wall may name the
// empty cell beyond it ("north edge of cell (2,5)"); the task says "south
// edge of cell (2,4)" instead.
func wallSide(g *grid, p designs.Placement) string {
	own, other := sides(p, 0)
	if under(g, own) < 0 && under(g, other) >= 0 {
		d := [2]int{other[0] - p.X, other[1] - p.Y}
		p.X, p.Y, p.Edge = p.X+d[0], p.Y+d[1], opposite[p.Edge]
	}
	return edgeNames[p.Edge] + " edge of cell " + xy(p.X, p.Y)
}

// FromDesign builds the install task graph of a design: one task per
// placement, Tasks[i] for Placements[i]. The design should have passed
// Validate; placements naming unknown modules are an error, and modules
// sharing a slot are tolerated (the first one occupies it).
//
// Dependencies, all computed from grid geometry:
//   - a floor panel needs the foundation cells beneath it;
//   - a wall needs the floor (or else foundation) of the cells it stands on;
//   - a solid exterior wall that meets a perpendicular exterior wall at one
//     of its ends is a corner; other solid exterior walls need the nearest
//     corner in each direction along their straight run;
//   - a window or door module needs the nearest solid wall in each
//     direction along its run (its wall);
//   - a roof or loft panel needs its bearing walls, found by the same
//     function as the engine's span rule (engine/bearing): its rafters run
//     along its longer side (north-south when square), and each cell it
//     covers bears on the nearest wall at or beyond each end of its
//     rafters; a roof panel also needs the loft panels under it. Interior walls found this
//     way are bearing walls and go up with the exterior walls;
//   - a core needs the floor beneath and the roof over it (dry-in);
//   - a non-bearing interior wall needs the roof and any core on both
//     sides; an interior door also needs its wall;
//   - an energy-layer module needs the roof over it (else the floor).
func FromDesign(d *designs.Design, cat *designs.Catalog) (*Graph, error) {
	W, H := d.Grid.Width, d.Grid.Height
	if W < 1 || H < 1 || W > designs.MaxGrid || H > designs.MaxGrid {
		return nil, fmt.Errorf("buildseq: grid %dx%d out of range", W, H)
	}
	g, mods, err := indexPlacements(d, cat)
	if err != nil {
		return nil, err
	}
	gr, deps, bearing := placementTasks(d, cat, g, mods)
	classifyWalls(d, g, gr, mods, deps, bearing)
	runDeps(g, gr, mods, deps)

	for i := range gr.Tasks {
		ds := deps[i]
		sort.Ints(ds)
		out := ds[:0]
		for k, v := range ds {
			if v == i || (k > 0 && v == ds[k-1]) {
				continue
			}
			out = append(out, v)
		}
		gr.Tasks[i].Deps = out
	}
	gr.index()
	return gr, nil
}

// indexPlacements finds each placement's module and registers the
// placements in the grid: each cell of a layer, each edge slot, holds the
// first placement there (1-based).
func indexPlacements(d *designs.Design, cat *designs.Catalog) (*grid, []*designs.Module, error) {
	W, H := d.Grid.Width, d.Grid.Height
	n := len(d.Placements)
	mods := make([]*designs.Module, n)
	g := &grid{w: W, h: H, cells: map[string][]int32{},
		hslots: make([]int32, W*(H+1)), vslots: make([]int32, (W+1)*H)}
	for i, p := range d.Placements {
		m := cat.Modules[p.Module]
		if m == nil {
			return nil, nil, fmt.Errorf("buildseq: placement %d: unknown module %q", i+1, p.Module)
		}
		mods[i] = m
		if m.Placement == designs.OnEdge {
			s := wallSegment(p, m.Cells)
			for k := s.a; k < s.b; k++ {
				var slot *int32
				if s.horizontal && k >= 0 && k < W && s.line >= 0 && s.line <= H {
					slot = &g.hslots[s.line*W+k]
				} else if !s.horizontal && k >= 0 && k < H && s.line >= 0 && s.line <= W {
					slot = &g.vslots[k*(W+1)+s.line]
				}
				if slot != nil && *slot == 0 {
					*slot = int32(i + 1)
				}
			}
			continue
		}
		layer := g.cells[m.Layer]
		if layer == nil {
			layer = make([]int32, W*H)
			g.cells[m.Layer] = layer
		}
		fw, fh := m.Footprint(p.Rotation)
		for y := p.Y; y < p.Y+fh && y < H; y++ {
			for x := p.X; x < p.X+fw && x < W; x++ {
				if x >= 0 && y >= 0 && layer[y*W+x] == 0 {
					layer[y*W+x] = int32(i + 1)
				}
			}
		}
	}
	return g, mods, nil
}

// placementTasks makes one task per placement, with the dependencies of
// the cell modules; the walls the roof and loft panels bear on are marked
// in bearing.
func placementTasks(d *designs.Design, cat *designs.Catalog, g *grid, mods []*designs.Module) (*Graph, [][]int, []bool) {
	W, H, n := g.w, g.h, len(mods)
	type modInfo struct {
		minutes decimal.Decimal
		skill   string
	}
	info := map[*designs.Module]modInfo{}
	var scratch [][2]int
	gr := &Graph{Tasks: make([]Task, n)}
	deps := make([][]int, n)
	bearing := make([]bool, n)
	counts := map[string]int{}
	for i, p := range d.Placements {
		m := mods[i]
		t := &gr.Tasks[i]
		t.Module, t.ModuleID, t.X, t.Y, t.Edge = i, m.ID, p.X, p.Y, p.Edge
		t.House = p.House
		mi, ok := info[m]
		if !ok {
			_, mi.minutes = cat.LabourMinutes(m)
			mi.skill = installSkill(cat, m)
			info[m] = mi
		}
		t.Minutes, t.Skill = mi.minutes, mi.skill
		t.Qual = m.InstallQual
		prefix := taskPrefix(m)
		counts[prefix]++
		t.ID = prefix + strconv.Itoa(counts[prefix])
		if m.Placement == designs.OnEdge {
			t.W, t.H = m.Cells, 1
			if p.Edge == designs.East || p.Edge == designs.West {
				t.W, t.H = 1, m.Cells
			}
			continue
		}
		t.W, t.H = m.Footprint(p.Rotation)
		switch m.Layer {
		case "foundation":
			t.Kind, t.Noun = KindFoundation, "foundation cell"
		case "floor":
			t.Kind, t.Noun = KindFloor, "floor panel"
			for _, c := range cover(&scratch, t, W, H) {
				deps[i] = appendDep(deps[i], g.cell("foundation", c[0], c[1]))
			}
		case "loft", "roof":
			t.Kind, t.Noun = KindRoof, "roof panel"
			if m.Layer == "loft" {
				t.Kind, t.Noun = KindLoft, "loft panel"
			}
			for _, w := range bearingWalls(g, t) {
				deps[i] = appendDep(deps[i], w)
				bearing[w] = true
			}
			if m.Layer == "roof" {
				for _, c := range cover(&scratch, t, W, H) {
					deps[i] = appendDep(deps[i], g.cell("loft", c[0], c[1]))
				}
			}
		case "core":
			t.Kind, t.Noun = KindCore, "core"
			for _, c := range cover(&scratch, t, W, H) {
				deps[i] = appendDep(deps[i], under(g, c))
				deps[i] = appendDep(deps[i], g.cell("roof", c[0], c[1]))
			}
		default:
			t.Kind, t.Noun = KindFinish, strings.ToLower(m.Name)
			for _, c := range cover(&scratch, t, W, H) {
				r := g.cell("roof", c[0], c[1])
				if r < 0 {
					r = under(g, c)
				}
				deps[i] = appendDep(deps[i], r)
			}
		}
		if t.W == 1 && t.H == 1 {
			t.Name = m.Name + " at cell " + xy(p.X, p.Y)
		} else {
			t.Name = m.Name + " over cells " + xy(p.X, p.Y) + "-" + xy(p.X+t.W-1, p.Y+t.H-1)
		}
	}
	return gr, deps, bearing
}

// taskPrefix is the letter(s) of a module's task ids: F1, FL2, W3, ...
func taskPrefix(m *designs.Module) string {
	prefix := "E"
	switch {
	case m.Placement == designs.OnEdge && m.Exterior:
		prefix = "W"
	case m.Placement == designs.OnEdge:
		prefix = "I"
	case m.Layer == "foundation":
		prefix = "F"
	case m.Layer == "floor":
		prefix = "FL"
	case m.Layer == "roof":
		prefix = "R"
	case m.Layer == "loft":
		prefix = "L"
	case m.Layer == "core":
		prefix = "U"
	}
	return prefix
}

// classifyWalls sets the kind, name and dependencies of the wall tasks,
// now that the bearing walls are known.
func classifyWalls(d *designs.Design, g *grid, gr *Graph, mods []*designs.Module, deps [][]int, bearing []bool) {
	// Classify walls now that bearing walls are known.
	for i, p := range d.Placements {
		m := mods[i]
		if m.Placement != designs.OnEdge {
			continue
		}
		t := &gr.Tasks[i]
		seg := wallSegment(p, m.Cells)
		solid := m.Opening == ""
		switch {
		case m.Exterior && solid && isCorner(g, gr, mods, seg):
			t.Kind = KindCorner
		case m.Exterior && solid:
			t.Kind = KindWall
		case m.Exterior:
			t.Kind = KindOpening
		case bearing[i] && solid:
			t.Kind = KindWall
		case bearing[i]:
			t.Kind = KindOpening
		case solid:
			t.Kind = KindInterior
		default:
			t.Kind = KindInteriorDoor
		}
		t.Noun = "wall"
		if !solid {
			t.Noun = m.Opening
		}
		t.Name = m.Name + " on the " + wallSide(g, p)
		switch {
		case t.Kind == KindCorner:
			t.Name += ", corner"
		case !m.Exterior && bearing[i]:
			t.Name += ", bearing"
		}
		for k := 0; k < m.Cells; k++ {
			own, other := sides(p, k)
			u := under(g, own)
			if u < 0 {
				u = under(g, other)
			}
			deps[i] = appendDep(deps[i], u)
			if t.Kind == KindInterior || t.Kind == KindInteriorDoor {
				for _, c := range [][2]int{own, other} {
					deps[i] = appendDep(deps[i], g.cell("roof", c[0], c[1]))
					deps[i] = appendDep(deps[i], g.cell("core", c[0], c[1]))
				}
			}
		}
	}
}

func xy(x, y int) string { return "(" + strconv.Itoa(x) + "," + strconv.Itoa(y) + ")" }

func appendDep(ds []int, d int) []int {
	if d < 0 {
		return ds
	}
	return append(ds, d)
}

// cover lists the cells a cell task covers, clipped to the grid, reusing
// the scratch buffer.
func cover(buf *[][2]int, t *Task, W, H int) [][2]int {
	out := (*buf)[:0]
	defer func() { *buf = out }()
	for y := t.Y; y < t.Y+t.H && y < H; y++ {
		for x := t.X; x < t.X+t.W && x < W; x++ {
			out = append(out, [2]int{x, y})
		}
	}
	return out
}

// under is the floor panel of a cell, or else its foundation cell, or -1.
func under(g *grid, c [2]int) int {
	if f := g.cell("floor", c[0], c[1]); f >= 0 {
		return f
	}
	return g.cell("foundation", c[0], c[1])
}

// bearingWalls finds the walls a roof or loft panel rests on, by the
// span rule's own reading (engine/bearing): along its rafters, the nearest
// wall at or beyond each end, for every cell it covers.
func bearingWalls(g *grid, t *Task) []int {
	var out []int
	bearing.Walls(t.X, t.Y, t.X+t.W, t.Y+t.H, g.w, g.h, func(s bearing.Slot) bool {
		return g.slot(s) >= 0
	}, func(s bearing.Slot) {
		out = append(out, g.slot(s))
	})
	return out
}

// slot is the wall on a unit edge slot, or -1.
func (g *grid) slot(s bearing.Slot) int {
	if s.Horiz {
		return g.hslot(s.A, s.Line)
	}
	return g.vslot(s.Line, s.A)
}

// isCorner reports whether an exterior wall meets a perpendicular exterior
// wall at one of its two end points.
func isCorner(g *grid, gr *Graph, mods []*designs.Module, s wallGeom) bool {
	ext := func(i int) bool { return i >= 0 && mods[i].Exterior }
	for _, v := range []int{s.a, s.b} {
		if s.horizontal {
			if ext(g.vslot(v, s.line-1)) || ext(g.vslot(v, s.line)) {
				return true
			}
		} else if ext(g.hslot(s.line-1, v)) || ext(g.hslot(s.line, v)) {
			return true
		}
	}
	return false
}

// runDeps walks every straight run of contiguous walls (exterior and
// interior runs apart) and adds: fill walls -> nearest corner each way;
// openings -> nearest solid wall of a lower rank each way.
func runDeps(g *grid, gr *Graph, mods []*designs.Module, deps [][]int) {
	var run []int
	flush := func() {
		if len(run) > 1 {
			linkRun(gr, mods, run, deps)
		}
		run = run[:0]
	}
	add := func(i int) {
		if i < 0 {
			flush()
			return
		}
		if len(run) > 0 {
			last := run[len(run)-1]
			if last == i {
				return
			}
			if mods[last].Exterior != mods[i].Exterior {
				flush()
			}
		}
		run = append(run, i)
	}
	for y := 0; y <= g.h; y++ {
		for x := 0; x < g.w; x++ {
			add(g.hslot(x, y))
		}
		flush()
	}
	for x := 0; x <= g.w; x++ {
		for y := 0; y < g.h; y++ {
			add(g.vslot(x, y))
		}
		flush()
	}
}

func linkRun(gr *Graph, mods []*designs.Module, run []int, deps [][]int) {
	isSolid := func(i int) bool { return mods[i].Opening == "" }
	for k, i := range run {
		t := &gr.Tasks[i]
		var want func(j int) bool
		switch t.Kind {
		case KindWall:
			if !mods[i].Exterior {
				continue
			}
			want = func(j int) bool { return gr.Tasks[j].Kind == KindCorner }
		case KindOpening, KindInteriorDoor:
			r := t.Kind.Rank()
			want = func(j int) bool { return isSolid(j) && gr.Tasks[j].Kind.Rank() < r }
		default:
			continue
		}
		for j := k - 1; j >= 0; j-- {
			if want(run[j]) {
				deps[i] = append(deps[i], run[j])
				break
			}
		}
		for j := k + 1; j < len(run); j++ {
			if want(run[j]) {
				deps[i] = append(deps[i], run[j])
				break
			}
		}
	}
}

// installSkill is the skill of the module's longest install operation.
func installSkill(cat *designs.Catalog, m *designs.Module) string {
	skill := ""
	var best = cat.OpMinutes(m, designs.LabourOp{})
	for _, l := range m.Labour {
		if l.Op != "install" {
			continue
		}
		if mins := cat.OpMinutes(m, l); skill == "" || mins.GreaterThan(best) {
			skill, best = l.Skill, mins
		}
	}
	return skill
}
