package game

import (
	"errors"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/game/designtool"
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
	// Lifetime is the cost by build phase, the 50-year life-cycle cost and
	// the repairability (see game/designtool).
	Lifetime() designtool.Lifetime
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
