package game

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

// Violation is one broken rule, placed on the grid so the view can centre on it.
type Violation struct {
	Rule string
	Msg  string
	X, Y int
	Side string // the cell's side at fault, when the rule is about an edge
	Hard bool
}

// Room is an enclosed room: floor cells closed in by walls.
type Room struct {
	Name  string  // "Kitchen", "Bathroom", ... or "Room"
	Cells int     // floor cells
	X, Y  float64 // centre, in cells
	// LabelX, LabelY is where its label goes: the centre of the room's cell
	// nearest its centre with no door on its sides and no core, so the
	// label keeps off door swings (the centre when every cell has one).
	LabelX, LabelY float64
}

// Check is the answer to "may this module go here?".
type Check struct {
	OK     bool
	Reason string          // why not, when !OK
	Delta  decimal.Decimal // change in total cost if placed
	Swap   string          // the name of the module it would take the place of, when it is a swap
}

// Metrics are the figures the HUD shows.
type Metrics struct {
	FloorCells int
	Rooms      int
	Modules    int
	Doors      int
	Windows    int
	Counts     map[string]int // placements by module id
	RoomList   []Room
}

// FloorSqFt is the floor area in square feet (one cell is 4 x 4 ft).
func (m Metrics) FloorSqFt() int { return m.FloorCells * 16 }

// FloorM2 is the floor area in square metres.
func (m Metrics) FloorM2() float64 { return float64(m.FloorSqFt()) * 0.09290304 }

// Board is the design state the game plays on: the rules, cost and history.
// The game only asks it questions and sends it commands, so the same scenes
// run over any implementation (see docs/game.md).
type Board interface {
	Design() *designs.Design
	Check(p designs.Placement) Check
	Place(p designs.Placement) error
	// RemoveAt removes the topmost module at a cell (edge "") or on a cell's edge.
	RemoveAt(x, y int, edge string) bool
	// SwapCheck is Check for putting p's module in the place of the module
	// standing in p's slot; false when no module there could be swapped.
	SwapCheck(p designs.Placement) (Check, bool)
	// Swap exchanges the module in p's slot for p's module, in place.
	Swap(p designs.Placement) error
	Undo() bool
	Redo() bool
	Cost() designs.Cost
	Violations() []Violation
	Metrics() Metrics
}

var errNothingToSwap = errors.New("nothing here to swap")

// edgeKey names an edge slot independent of which cell it is read from.
type edgeKey struct {
	x, y int
	vert bool // true: the west side of cell (x,y); false: its north side
}

func edgeOf(x, y int, side string) edgeKey {
	switch side {
	case designs.South:
		return edgeKey{x, y + 1, false}
	case designs.East:
		return edgeKey{x + 1, y, true}
	case designs.West:
		return edgeKey{x, y, true}
	}
	return edgeKey{x, y, false}
}

// edgeSlots lists the edge slots a wall placement stands on.
func edgeSlots(m *designs.Module, p designs.Placement) []edgeKey {
	out := make([]edgeKey, 0, m.Cells)
	for i := 0; i < m.Cells; i++ {
		x, y := p.X, p.Y
		if p.Edge == designs.East || p.Edge == designs.West {
			y += i
		} else {
			x += i
		}
		out = append(out, edgeOf(x, y, p.Edge))
	}
	return out
}

type cellKey struct {
	x, y  int
	layer string
}

// PlanAnalysis analyses a design for drawing only: where the envelope is open
// (edge by edge, so the plan can mark each one) and where the enclosed rooms
// are (so the plan can label them). The rules, cost and score the player is
// judged by come from the engine (EngineBoard); this never decides anything.
type PlanAnalysis struct {
	cat     *designs.Catalog
	d       *designs.Design
	cells   map[cellKey]int // placement index
	edges   map[edgeKey]int
	viol    []Violation
	metrics Metrics
}

// AnalysePlan analyses a design (copied).
func AnalysePlan(cat *designs.Catalog, d *designs.Design) *PlanAnalysis {
	c := *d
	c.Placements = append([]designs.Placement(nil), d.Placements...)
	b := &PlanAnalysis{cat: cat, d: &c}
	b.rebuild()
	return b
}

// rebuild recomputes the indexes, cost, metrics and violations.
func (b *PlanAnalysis) rebuild() {
	b.cells = make(map[cellKey]int, len(b.d.Placements))
	b.edges = map[edgeKey]int{}
	for i, p := range b.d.Placements {
		m := b.cat.Modules[p.Module]
		if m == nil {
			continue
		}
		if m.Placement == designs.OnEdge {
			for _, e := range edgeSlots(m, p) {
				b.edges[e] = i
			}
			continue
		}
		w, h := m.Footprint(p.Rotation)
		for dy := 0; dy < h; dy++ {
			for dx := 0; dx < w; dx++ {
				b.cells[cellKey{p.X + dx, p.Y + dy, m.Layer}] = i
			}
		}
	}
	b.evaluate()
}

// Design is the analysed design.
func (b *PlanAnalysis) Design() *designs.Design { return b.d }

// Violations are the open outside edges, one per edge.
func (b *PlanAnalysis) Violations() []Violation { return b.viol }

// Metrics are the counts and the rooms found.
func (b *PlanAnalysis) Metrics() Metrics { return b.metrics }

func (b *PlanAnalysis) has(x, y int, layer string) bool {
	_, ok := b.cells[cellKey{x, y, layer}]
	return ok
}

// placeLabel puts the room's label in the cell nearest its centre with no
// door on its sides and no core (at the centre when there is none).
func (b *PlanAnalysis) placeLabel(room *Room, cells [][2]int) {
	room.LabelX, room.LabelY = room.X, room.Y
	best := math.Inf(1)
	for _, c := range cells {
		if b.has(c[0], c[1], "core") || b.doorBeside(c[0], c[1]) {
			continue
		}
		cx, cy := float64(c[0])+0.5, float64(c[1])+0.5
		d := math.Hypot(cx-room.X, cy-room.Y)
		if d < best-1e-9 || d < best+1e-9 && (cy < room.LabelY || cy == room.LabelY && cx < room.LabelX) {
			best, room.LabelX, room.LabelY = d, cx, cy
		}
	}
}

// doorBeside reports whether a door stands on a side of cell (x, y).
func (b *PlanAnalysis) doorBeside(x, y int) bool {
	for _, side := range []string{designs.North, designs.East, designs.South, designs.West} {
		if i, ok := b.edges[edgeOf(x, y, side)]; ok {
			if m := b.cat.Modules[b.d.Placements[i].Module]; m != nil && m.Opening == "door" {
				return true
			}
		}
	}
	return false
}

var coreRoom = map[string]string{"core-kitchen": "Kitchen", "core-bath": "Bathroom", "core-mech": "Utility room"}

var sideName = map[string]string{"n": "north", "e": "east", "s": "south", "w": "west"}

// evaluate finds open envelope edges, enclosed rooms and the counts.
func (b *PlanAnalysis) evaluate() {
	b.viol = b.viol[:0]
	met := Metrics{Counts: map[string]int{}, Modules: len(b.d.Placements)}
	for _, p := range b.d.Placements {
		met.Counts[p.Module]++
		if m := b.cat.Modules[p.Module]; m != nil {
			switch m.Opening {
			case "door":
				met.Doors++
			case "window":
				met.Windows++
			}
		}
	}
	type xy struct{ x, y int }
	var floors []xy
	for k := range b.cells {
		if k.layer == "floor" {
			floors = append(floors, xy{k.x, k.y})
		}
	}
	sort.Slice(floors, func(i, j int) bool {
		if floors[i].y != floors[j].y {
			return floors[i].y < floors[j].y
		}
		return floors[i].x < floors[j].x
	})
	met.FloorCells = len(floors)
	sides := []struct {
		s      string
		dx, dy int
	}{{"n", 0, -1}, {"e", 1, 0}, {"s", 0, 1}, {"w", -1, 0}}
	for _, f := range floors {
		for _, s := range sides {
			if b.has(f.x+s.dx, f.y+s.dy, "floor") {
				continue
			}
			if _, ok := b.edges[edgeOf(f.x, f.y, s.s)]; !ok {
				b.viol = append(b.viol, Violation{Rule: "closed-envelope", X: f.x, Y: f.y,
					Side: s.s, Msg: fmt.Sprintf("Open edge: %s side of cell (%d,%d) needs a wall", sideName[s.s], f.x, f.y)})
			}
		}
	}
	// Rooms: flood fill floor cells through edges without walls; a region
	// whose every outside edge has a wall is an enclosed room.
	seen := map[xy]bool{}
	for _, f := range floors {
		if seen[f] {
			continue
		}
		closed := true
		stack := []xy{f}
		seen[f] = true
		room := Room{Name: "Room"}
		var cells [][2]int
		for len(stack) > 0 {
			c := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			cells = append(cells, [2]int{c.x, c.y})
			room.Cells++
			room.X += float64(c.x) + 0.5
			room.Y += float64(c.y) + 0.5
			if i, ok := b.cells[cellKey{c.x, c.y, "core"}]; ok {
				if n := coreRoom[b.d.Placements[i].Module]; n != "" {
					room.Name = n
				}
			}
			for _, s := range sides {
				if _, walled := b.edges[edgeOf(c.x, c.y, s.s)]; walled {
					continue
				}
				n := xy{c.x + s.dx, c.y + s.dy}
				if !b.has(n.x, n.y, "floor") {
					closed = false
					continue
				}
				if !seen[n] {
					seen[n] = true
					stack = append(stack, n)
				}
			}
		}
		if closed {
			met.Rooms++
			room.X /= float64(room.Cells)
			room.Y /= float64(room.Cells)
			b.placeLabel(&room, cells)
			met.RoomList = append(met.RoomList, room)
		}
	}
	b.metrics = met
}
