package engine

import (
	"fmt"
	"sort"
	"strings"

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
	isFloor := func(x, y int) bool { return x >= 0 && y >= 0 && x < w && y < h && a.floor[y*w+x] }
	// walls on the four sides of cell (x, y)
	wallN := func(x, y int) *placed { return a.hWall[y*w+x] }
	wallS := func(x, y int) *placed { return a.hWall[(y+1)*w+x] }
	wallW := func(x, y int) *placed { return a.vWall[y*(w+1)+x] }
	wallE := func(x, y int) *placed { return a.vWall[y*(w+1)+x+1] }
	type side struct {
		dx, dy int
		name   string
		wall   func(x, y int) *placed
	}
	sides := [4]side{{0, -1, designs.North, wallN}, {1, 0, designs.East, wallE}, {0, 1, designs.South, wallS}, {-1, 0, designs.West, wallW}}
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
				wall := s.wall(x, y)
				if !isFloor(nx, ny) {
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
	// Reachability: from outside through open edges and doors.
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
			if wall := s.wall(x, y); wall != nil && wall.opening == "door" && !isFloor(x+s.dx, y+s.dy) {
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
					if !isFloor(nx, ny) {
						continue
					}
					if wall := s.wall(x, y); wall != nil && wall.opening == "door" {
						if o := a.roomOf[ny*w+nx]; !a.rooms[o].reachable {
							a.rooms[o].reachable = true
							rq = append(rq, o)
						}
					}
				}
			}
		}
	}
	return a
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
	for i, c := range designs.Categories {
		m.ByCategory[c] = e.count[i]
	}
	return m
}

func pct(d decimal.Decimal) string { return d.Mul(decimal.NewFromInt(100)).Round(1).String() + "%" }

func edgeText(r edgeRef) string {
	return fmt.Sprintf("the %s edge of (%d,%d)", sideName(r.side), r.x, r.y)
}

// designViolations runs the design checks of the rule set.
func (e *Engine) designViolations(a *analysis, m *Metrics) []Violation {
	var out []Violation
	for ri := range e.rules.Rules {
		r := &e.rules.Rules[ri]
		if r.Disabled || r.place {
			continue
		}
		add := func(msg string, ids []ID) {
			out = append(out, Violation{Rule: r.ID, Check: r.Check, Severity: r.sev, Modules: ids, Message: msg})
		}
		switch r.Check {
		case CheckEnvelope:
			if len(a.open) > 0 {
				var list []string
				for i, o := range a.open {
					if i == 6 {
						list = append(list, fmt.Sprintf("and %d more", len(a.open)-6))
						break
					}
					list = append(list, edgeText(o))
				}
				add(fmt.Sprintf("the envelope is open at %d outside edge(s) of the floor with no wall: %s", len(a.open), strings.Join(list, ", ")), nil)
			}
			seen := map[ID]bool{}
			for _, g := range a.badWall {
				if !seen[g.id] {
					seen[g.id] = true
					add(fmt.Sprintf("%s is an interior wall on the outside of the envelope; use an exterior wall module", describe(g)), []ID{g.id})
				}
			}
		case CheckShear:
			e.shear(a, r, add)
		case CheckReachable:
			for _, rm := range a.rooms {
				if !rm.open && !rm.reachable {
					add(fmt.Sprintf("the room of %d cells (%d sq ft) from (%d,%d) to (%d,%d) has no way in from outside through doors", rm.cells, rm.cells*16, rm.x0, rm.y0, rm.x1, rm.y1), nil)
				}
			}
		case CheckWindowRatio:
			if a.floorN > 0 && m.WindowRatio.LessThan(*r.Min) {
				add(fmt.Sprintf("windows are %s of the floor area (%s of %d sq ft); at least %s is needed", pct(m.WindowRatio), m.WindowAreaSqFt.Round(1).String()+" sq ft", m.FloorAreaSqFt, pct(*r.Min)), nil)
			}
		case CheckBudget:
			if t := e.cost.Total(); t.GreaterThan(*r.Max) {
				add(fmt.Sprintf("the design costs $%s, $%s over the budget of $%s", t.StringFixed(2), t.Sub(*r.Max).StringFixed(2), r.Max.StringFixed(2)), nil)
			}
		case CheckFloorArea:
			if decimal.NewFromInt(int64(m.FloorAreaSqFt)).LessThan(*r.Min) {
				add(fmt.Sprintf("the floor area is %d sq ft; at least %s sq ft is needed", m.FloorAreaSqFt, r.Min.String()), nil)
			}
		case CheckRooms:
			if decimal.NewFromInt(int64(m.Rooms)).LessThan(*r.Min) {
				add(fmt.Sprintf("the design has %d enclosed room(s); at least %s are needed", m.Rooms, r.Min.String()), nil)
			}
		case CheckStockQuantity:
			e.stockQuantity(a, add)
		case CheckRequired:
			for _, id := range r.Modules {
				if a.byMod[id] == 0 {
					add(fmt.Sprintf("the design needs at least one %s", strings.ToLower(e.cat.Modules[id].Name)), nil)
				}
			}
		}
	}
	return out
}

// shear checks every straight run of exterior wall: the share of solid
// panels (cells of walls with no opening) must reach r.MinShare.
func (e *Engine) shear(a *analysis, r *Rule, add func(string, []ID)) {
	check := func(run []*placed, solid, total int, desc string) {
		if total == 0 {
			return
		}
		share := decimal.NewFromInt(int64(solid)).Div(decimal.NewFromInt(int64(total)))
		if share.LessThan(r.MinShare) {
			ids := make([]ID, 0, len(run))
			for _, g := range run {
				if len(ids) == 0 || ids[len(ids)-1] != g.id {
					ids = append(ids, g.id)
				}
			}
			add(fmt.Sprintf("the exterior wall run %s is %s solid (%d of %d panels); at least %s must be solid panels for shear", desc, pct(share.Round(3)), solid, total, pct(r.MinShare)), ids)
		}
	}
	scan := func(n, lines int, at func(line, t int) *placed, desc func(line, t0, t1 int) string) {
		for l := 0; l < lines; l++ {
			var run []*placed
			solid, total, t0 := 0, 0, 0
			for t := 0; t <= n; t++ {
				var g *placed
				if t < n {
					g = at(l, t)
				}
				if g != nil && g.exterior {
					if total == 0 {
						t0 = t
					}
					run = append(run, g)
					total++
					if g.opening == "" {
						solid++
					}
					continue
				}
				if total > 0 {
					check(run, solid, total, desc(l, t0, t-1))
				}
				run, solid, total = run[:0], 0, 0
			}
		}
	}
	w, h := a.w, a.h
	scan(w, h+1, func(l, t int) *placed { return a.hWall[l*w+t] }, func(l, t0, t1 int) string {
		return fmt.Sprintf("along grid line y=%d from x=%d to x=%d", l, t0, t1+1)
	})
	scan(h, w+1, func(l, t int) *placed { return a.vWall[t*(w+1)+l] }, func(l, t0, t1 int) string {
		return fmt.Sprintf("along grid line x=%d from y=%d to y=%d", l, t0, t1+1)
	})
}

// stockQuantity compares the design's material quantities (module counts
// times each module's exploded parts) with the suppliers' stock. Materials
// no supplier lists at all are the supplier-stock rule's business.
func (e *Engine) stockQuantity(a *analysis, add func(string, []ID)) {
	need := map[string]decimal.Decimal{}
	var skus []string
	for _, id := range e.cat.ModuleIDs() {
		n := a.byMod[id]
		if n == 0 {
			continue
		}
		for _, mq := range e.explode[e.modIndex[id]] {
			if _, ok := need[mq.SKU]; !ok {
				skus = append(skus, mq.SKU)
			}
			need[mq.SKU] = need[mq.SKU].Add(mq.Qty.Mul(decimal.NewFromInt(int64(n))))
		}
	}
	sort.Strings(skus)
	for _, sku := range skus {
		have, listed := e.stock[sku]
		if !listed {
			continue
		}
		if q := need[sku]; q.GreaterThan(decimal.NewFromInt(have)) {
			mat := e.cat.Materials[sku]
			add(fmt.Sprintf("the design needs %s %s of %s (%s); the suppliers hold %d in all", q.String(), mat.Unit, sku, mat.Description, have), nil)
		}
	}
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
