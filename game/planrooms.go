package game

import (
	"fmt"
	"math"
	"sort"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
)

// The plan's open-edge marks and room labels come from the engine's room
// and open-edge analysis (engine.OpenEdges, Rooms, RoomAt, WallOn); the game
// only names and places the labels.

var sideName = map[string]string{"n": "north", "e": "east", "s": "south", "w": "west"}

// sideOrder orders a cell's sides clockwise from north.
var sideOrder = map[string]int{designs.North: 0, designs.East: 1, designs.South: 2, designs.West: 3}

// openEdgeMarks are the engine's open envelope edges as marks for the plan,
// in grid order (row, then column, then side clockwise from north).
func openEdgeMarks(e *engine.Engine) []Violation {
	open := e.OpenEdges()
	sort.Slice(open, func(i, j int) bool {
		a, b := open[i], open[j]
		if a.Y != b.Y {
			return a.Y < b.Y
		}
		if a.X != b.X {
			return a.X < b.X
		}
		return sideOrder[a.Side] < sideOrder[b.Side]
	})
	out := make([]Violation, len(open))
	for i, o := range open {
		out[i] = Violation{Rule: "closed-envelope", X: o.X, Y: o.Y, Side: o.Side,
			Msg: fmt.Sprintf("Open edge: %s side of cell (%d,%d) needs a wall", sideName[o.Side], o.X, o.Y)}
	}
	return out
}

// labelledRooms are the engine's enclosed rooms, in grid order of their
// first cell, each named after the core in it and with its label placed.
func labelledRooms(e *engine.Engine) []Room {
	var out []Room
	for i, r := range e.Rooms() {
		if !r.Enclosed {
			continue
		}
		room := Room{Name: "Room", Cells: r.Cells}
		var cells [][2]int
		for y := r.Y0; y <= r.Y1; y++ {
			for x := r.X0; x <= r.X1; x++ {
				if e.RoomAt(x, y) != i {
					continue
				}
				cells = append(cells, [2]int{x, y})
				room.X += float64(x) + 0.5
				room.Y += float64(y) + 0.5
				if c := coreAt(e, x, y); c != nil && c.Room != "" && room.Name == "Room" {
					room.Name = c.Room // the room kind its core makes it
				}
			}
		}
		room.X /= float64(room.Cells)
		room.Y /= float64(room.Cells)
		placeLabel(e, &room, cells)
		out = append(out, room)
	}
	return out
}

// coreAt is the core module covering cell (x, y), or nil.
func coreAt(e *engine.Engine, x, y int) *designs.Module {
	for _, p := range e.At(x, y) {
		if p.Module.Placement != designs.OnEdge && p.Module.Layer == "core" {
			return p.Module
		}
	}
	return nil
}

// placeLabel puts the room's label in the cell nearest its centre with no
// door on its sides and no core (at the centre when there is none).
func placeLabel(e *engine.Engine, room *Room, cells [][2]int) {
	room.LabelX, room.LabelY = room.X, room.Y
	best := math.Inf(1)
	for _, c := range cells {
		if coreAt(e, c[0], c[1]) != nil || doorBeside(e, c[0], c[1]) {
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
func doorBeside(e *engine.Engine, x, y int) bool {
	for _, side := range []string{designs.North, designs.East, designs.South, designs.West} {
		if p, ok := e.WallOn(x, y, side); ok && p.Module.Opening == "door" {
			return true
		}
	}
	return false
}
