package engine

import (
	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

// Metrics describe the current design.
type Metrics struct {
	FloorCells     int             // grid cells with a floor
	FloorAreaSqFt  int             // 16 sq ft per floor cell
	FloorAreaM2    decimal.Decimal // exact: sq ft x 0.09290304
	Rooms          int             // enclosed rooms (flood fill over floor cells, walls as borders)
	ReachableRooms int             // enclosed rooms a person can enter from outside through doors
	OpenEdges      int             // outside edges of floor cells with no exterior wall
	Closed         bool            // there is floor and the envelope has no open edge
	WindowAreaSqFt decimal.Decimal // rough-opening area of all windows
	WindowRatio    decimal.Decimal // window area / floor area, 4 decimals (0 without floor)
	Modules        int
	ByCategory     map[string]int // module counts by category (every category, zeros too)
	ByModule       map[string]int // module counts by module id (used ones)
}

// sqFtPerM2 converts: 1 sq ft = 0.09290304 m² exactly.
var sqFtToM2 = decimal.RequireFromString("0.09290304")

const sqInPerSqFt = 144

// room is one connected floor region.
type room struct {
	cells          int
	x0, y0, x1, y1 int  // bounding cells (inclusive)
	open           bool // touches the outside through an edge with no wall
	reachable      bool
}

// analysis is the whole-design picture the design checks and metrics share.
type analysis struct {
	w, h    int
	floor   []bool
	hWall   []*placed // line y (0..h), column x: index y*w+x
	vWall   []*placed // line x (0..w), row y: index y*(w+1)+x
	roomOf  []int32
	rooms   []room
	open    []edgeRef // open outside edges of floor cells
	badWall []*placed // interior walls standing on the envelope
	floorN  int
	winSqIn int64
	byMod   map[string]int
}

type edgeRef struct {
	x, y int
	side string
}

// cellSide is one side of a grid cell: the step to the neighbour across
// it, its name and the wall standing on it.
type cellSide struct {
	dx, dy int
	name   string
	wall   func(a *analysis, x, y int) *placed
}

// sides are the four sides of a cell, clockwise from north.
var sides = [4]cellSide{
	{0, -1, designs.North, func(a *analysis, x, y int) *placed { return a.hWall[y*a.w+x] }},
	{1, 0, designs.East, func(a *analysis, x, y int) *placed { return a.vWall[y*(a.w+1)+x+1] }},
	{0, 1, designs.South, func(a *analysis, x, y int) *placed { return a.hWall[(y+1)*a.w+x] }},
	{-1, 0, designs.West, func(a *analysis, x, y int) *placed { return a.vWall[y*(a.w+1)+x] }},
}

// isFloor reports whether (x, y) is a floor cell of the grid.
func (a *analysis) isFloor(x, y int) bool {
	return x >= 0 && y >= 0 && x < a.w && y < a.h && a.floor[y*a.w+x]
}

func (e *Engine) analyse() *analysis {
	w, h := e.w, e.h
	a := &analysis{w: w, h: h, floor: make([]bool, w*h), hWall: make([]*placed, (h+1)*w), vWall: make([]*placed, h*(w+1)),
		roomOf: make([]int32, w*h), byMod: map[string]int{}}
	floorLayer := indexOf(designs.Layers, "floor")
	for _, g := range e.mods {
		a.byMod[g.m.ID]++
		if g.edge {
			a.winSqIn += g.windowSqI
			for t := g.a0; t < g.a1; t++ {
				if g.horiz {
					a.hWall[g.line*w+t] = g
				} else {
					a.vWall[t*(w+1)+g.line] = g
				}
			}
			continue
		}
		if g.layer == floorLayer {
			for y := g.y0; y < g.y1; y++ {
				for x := g.x0; x < g.x1; x++ {
					a.floor[y*w+x] = true
				}
			}
		}
	}
	a.findRooms()
	a.reach()
	return a
}

// findRooms flood-fills the floor cells into rooms, walls as borders, and
// notes the open outside edges and the interior walls on the envelope.
func (a *analysis) findRooms() {
	w := a.w
	for i := range a.roomOf {
		a.roomOf[i] = -1
	}
	var queue []int
	for start := range a.floor {
		if !a.floor[start] || a.roomOf[start] >= 0 {
			continue
		}
		a.floorN++
		id := int32(len(a.rooms))
		r := room{x0: start % w, y0: start / w, x1: start % w, y1: start / w}
		a.roomOf[start] = id
		queue = append(queue[:0], start)
		for len(queue) > 0 {
			c := queue[0]
			queue = queue[1:]
			x, y := c%w, c/w
			r.cells++
			r.x0, r.y0 = min(r.x0, x), min(r.y0, y)
			r.x1, r.y1 = max(r.x1, x), max(r.y1, y)
			for _, s := range sides {
				nx, ny := x+s.dx, y+s.dy
				wall := s.wall(a, x, y)
				if !a.isFloor(nx, ny) {
					if wall == nil {
						r.open = true
						a.open = append(a.open, edgeRef{x, y, s.name})
					} else if !wall.exterior {
						a.badWall = append(a.badWall, wall)
					}
					continue
				}
				if wall != nil {
					continue
				}
				n := ny*w + nx
				if a.roomOf[n] < 0 {
					a.roomOf[n] = id
					a.floorN++
					queue = append(queue, n)
				}
			}
		}
		a.rooms = append(a.rooms, r)
	}
}

// reach marks the rooms reachable from outside: through open edges and
// doors to the outside, then from room to room through doors.
func (a *analysis) reach() {
	w := a.w
	var rq []int32
	for i := range a.rooms {
		if a.rooms[i].open {
			a.rooms[i].reachable = true
			rq = append(rq, int32(i))
		}
	}
	// doors to the outside
	for c, f := range a.floor {
		if !f {
			continue
		}
		x, y := c%w, c/w
		for _, s := range sides {
			if wall := s.wall(a, x, y); wall != nil && wall.opening == "door" && !a.isFloor(x+s.dx, y+s.dy) {
				if r := a.roomOf[c]; !a.rooms[r].reachable {
					a.rooms[r].reachable = true
					rq = append(rq, r)
				}
			}
		}
	}
	// rooms to rooms through doors
	for len(rq) > 0 {
		r := rq[0]
		rq = rq[1:]
		rm := a.rooms[r]
		for y := rm.y0; y <= rm.y1; y++ {
			for x := rm.x0; x <= rm.x1; x++ {
				if a.roomOf[y*w+x] != r {
					continue
				}
				for _, s := range sides {
					nx, ny := x+s.dx, y+s.dy
					if !a.isFloor(nx, ny) {
						continue
					}
					if wall := s.wall(a, x, y); wall != nil && wall.opening == "door" {
						if o := a.roomOf[ny*w+nx]; !a.rooms[o].reachable {
							a.rooms[o].reachable = true
							rq = append(rq, o)
						}
					}
				}
			}
		}
	}
}

// Metrics measures the design (cached until the next change).
func (e *Engine) Metrics() Metrics {
	e.refresh()
	m := e.cache.metrics
	m.ByCategory = make(map[string]int, len(e.cache.metrics.ByCategory))
	for k, v := range e.cache.metrics.ByCategory {
		m.ByCategory[k] = v
	}
	m.ByModule = make(map[string]int, len(e.cache.metrics.ByModule))
	for k, v := range e.cache.metrics.ByModule {
		m.ByModule[k] = v
	}
	return m
}

// Violations lists every rule violation of the current design, placement
// checks first (by rule, then module), then design checks (cached until the
// next change).
func (e *Engine) Violations() []Violation {
	e.refresh()
	return append([]Violation(nil), e.cache.violations...)
}

// HardViolations counts the hard violations of the current design.
func (e *Engine) HardViolations() int {
	e.refresh()
	n := 0
	for _, v := range e.cache.violations {
		if v.Severity == Hard {
			n++
		}
	}
	return n
}

func (e *Engine) refresh() {
	if e.cache.ok && e.cache.version == e.version {
		return
	}
	a := e.analyse()
	e.cache.analysis = a
	e.cache.metrics = e.metricsOf(a)
	e.cache.violations = append(e.allLocal(), e.designViolations(a, &e.cache.metrics)...)
	e.cache.version = e.version
	e.cache.ok = true
}

func (e *Engine) metricsOf(a *analysis) Metrics {
	m := Metrics{FloorCells: a.floorN, FloorAreaSqFt: a.floorN * 16, Modules: len(e.mods), ByCategory: map[string]int{}, ByModule: a.byMod,
		OpenEdges: len(a.open)}
	m.FloorAreaM2 = decimal.NewFromInt(int64(m.FloorAreaSqFt)).Mul(sqFtToM2)
	for _, r := range a.rooms {
		if !r.open {
			m.Rooms++
			if r.reachable {
				m.ReachableRooms++
			}
		}
	}
	m.Closed = a.floorN > 0 && len(a.open) == 0
	m.WindowAreaSqFt = decimal.NewFromInt(a.winSqIn).Div(decimal.NewFromInt(sqInPerSqFt))
	if a.floorN > 0 {
		m.WindowRatio = decimal.NewFromInt(a.winSqIn).Div(decimal.NewFromInt(int64(m.FloorAreaSqFt) * sqInPerSqFt)).Round(4)
	}
	for i, c := range e.cats {
		m.ByCategory[c] = e.count[i]
	}
	return m
}

func pct(d decimal.Decimal) string { return d.Mul(decimal.NewFromInt(100)).Round(1).String() + "%" }

// designViolations runs the design checks of the rule set.
func (e *Engine) designViolations(a *analysis, m *Metrics) []Violation {
	rep := &e.rep
	*rep = report{}
	for ri := range e.rules.Rules {
		r := &e.rules.Rules[ri]
		if r.Disabled || r.place {
			continue
		}
		rep.ri, rep.r = ri, r
		r.kind.Design(e, a, m, r, rep)
	}
	out := rep.out
	*rep = report{}
	return out
}

// Edge names one side of a grid cell.
type Edge struct {
	X, Y int
	Side string // designs.North, East, South or West
}

// OpenEdges lists the outside edges of floor cells that have no wall: where
// the envelope is open (for drawing).
func (e *Engine) OpenEdges() []Edge {
	e.refresh()
	out := make([]Edge, len(e.cache.analysis.open))
	for i, o := range e.cache.analysis.open {
		out[i] = Edge{X: o.x, Y: o.y, Side: o.side}
	}
	return out
}

// Room is one connected region of floor cells, walls as its borders.
type Room struct {
	Cells          int
	X0, Y0, X1, Y1 int  // bounding cells, inclusive
	Enclosed       bool // every border edge has a wall
	Reachable      bool // a person gets in from outside through doors (or an opening)
}

// Rooms lists the floor regions found by flood fill, in grid order of
// their first cell (for drawing room labels).
func (e *Engine) Rooms() []Room {
	e.refresh()
	out := make([]Room, len(e.cache.analysis.rooms))
	for i, r := range e.cache.analysis.rooms {
		out[i] = Room{Cells: r.cells, X0: r.x0, Y0: r.y0, X1: r.x1, Y1: r.y1, Enclosed: !r.open, Reachable: r.reachable}
	}
	return out
}

// RoomAt is the index in Rooms of the room containing cell (x, y), or -1.
func (e *Engine) RoomAt(x, y int) int {
	e.refresh()
	a := e.cache.analysis
	if x < 0 || y < 0 || x >= a.w || y >= a.h {
		return -1
	}
	return int(a.roomOf[y*a.w+x])
}
