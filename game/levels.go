package game

import (
	"fmt"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

// Level is one design challenge as the game shows it.
type Level struct {
	ID       string
	Title    string
	Briefing string
	Start    *designs.Design
	Palette  []string // module ids offered; empty offers every module
	Budget   decimal.Decimal
	MinSqFt  int
	MinRooms int
	MinDoors int
	MinWins  int
	Require  []string        // module ids that must be placed at least once
	Star2    decimal.Decimal // cost at or under this earns a second star
	Star3    decimal.Decimal // and this, with no warnings, a third
	Unlock   string          // level id that must have a star first
	Sandbox  bool
}

// Objective is one goal of a level with whether it is met.
type Objective struct {
	Text string
	Done bool
}

// Result is a level's evaluation.
type Result struct {
	Objectives []Objective
	Complete   bool
	Stars      int
	Improve    []string
}

// Evaluate scores a board against the level.
func (l *Level) Evaluate(cat *designs.Catalog, b Board) Result {
	var r Result
	met := b.Metrics()
	cost := b.Cost().Total()
	warn := len(b.Violations())
	add := func(done bool, f string, a ...any) {
		r.Objectives = append(r.Objectives, Objective{fmt.Sprintf(f, a...), done})
	}
	if l.Sandbox {
		return r
	}
	add(warn == 0, "Close every outside edge with a wall")
	if l.MinDoors > 0 {
		add(met.Doors >= l.MinDoors, "At least %d door(s) (%d placed)", l.MinDoors, met.Doors)
	}
	if l.MinWins > 0 {
		add(met.Windows >= l.MinWins, "At least %d window(s) (%d placed)", l.MinWins, met.Windows)
	}
	if l.MinSqFt > 0 {
		add(met.FloorSqFt() >= l.MinSqFt, "Floor area at least %d sq ft (%d now)", l.MinSqFt, met.FloorSqFt())
	}
	if l.MinRooms > 0 {
		add(met.Rooms >= l.MinRooms, "At least %d enclosed room(s) (%d now)", l.MinRooms, met.Rooms)
	}
	for _, id := range l.Require {
		name := id
		if m := cat.Modules[id]; m != nil {
			name = m.Name
		}
		add(met.Counts[id] > 0, "Include a %s", name)
	}
	if !l.Budget.IsZero() {
		add(cost.LessThanOrEqual(l.Budget), "Total cost at most $%s", money(l.Budget))
	}
	r.Complete = true
	for _, o := range r.Objectives {
		if !o.Done {
			r.Complete = false
			r.Improve = append(r.Improve, o.Text)
		}
	}
	if !r.Complete {
		return r
	}
	r.Stars = 1
	if l.Star2.IsZero() || cost.LessThanOrEqual(l.Star2) {
		r.Stars = 2
	} else {
		r.Improve = append(r.Improve, fmt.Sprintf("Bring the cost down to $%s for a second star (now $%s)", money(l.Star2), money(cost)))
	}
	if r.Stars == 2 && (l.Star3.IsZero() || cost.LessThanOrEqual(l.Star3)) {
		r.Stars = 3
	} else if r.Stars == 2 {
		r.Improve = append(r.Improve, fmt.Sprintf("Bring the cost down to $%s for a third star (now $%s)", money(l.Star3), money(cost)))
	}
	return r
}

// slab lays foundation cells and floor cassettes (4x8 ft, two cells deep)
// over a w x h block of cells whose corner is (x0,y0); h must be even.
func slab(d *designs.Design, x0, y0, w, h int) {
	for y := y0; y < y0+h; y++ {
		for x := x0; x < x0+w; x++ {
			d.Placements = append(d.Placements, designs.Placement{Module: "foundation-cell", X: x, Y: y})
		}
	}
	for y := y0; y < y0+h; y += 2 {
		for x := x0; x < x0+w; x++ {
			d.Placements = append(d.Placements, designs.Placement{Module: "floor-4x8", X: x, Y: y})
		}
	}
}

// ring walls the outside of a w x h block with module id, except the
// listed (x, y, side) slots, which get the module in except.
func ring(d *designs.Design, x0, y0, w, h int, id string) {
	for x := x0; x < x0+w; x++ {
		d.Placements = append(d.Placements, designs.Placement{Module: id, X: x, Y: y0, Edge: "n"},
			designs.Placement{Module: id, X: x, Y: y0 + h - 1, Edge: "s"})
	}
	for y := y0; y < y0+h; y++ {
		d.Placements = append(d.Placements, designs.Placement{Module: id, X: x0, Y: y, Edge: "w"},
			designs.Placement{Module: id, X: x0 + w - 1, Y: y, Edge: "e"})
	}
}

func newDesign(name string, w, h int) *designs.Design {
	return &designs.Design{Format: designs.FormatVersion, Name: name, Author: "House Design Game",
		License: designs.DefaultLicense, Grid: designs.Grid{Width: w, Height: h}}
}

func usd(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// Levels are the game's levels in order, ending with the sandbox.
func Levels() []*Level {
	shed := newDesign("Shed 8x8", 6, 6)
	slab(shed, 2, 2, 2, 2)
	cabin := newDesign("Cabin 12x16", 7, 8)
	slab(cabin, 2, 2, 3, 4)
	roofed := newDesign("Roofed cabin 12x16", 7, 8)
	slab(roofed, 2, 2, 3, 4)
	ring(roofed, 2, 2, 3, 4, "wall-ext-4x8")
	roofed.Placements[len(roofed.Placements)-14].Module = "wall-door-4x8"
	two := newDesign("Two rooms 16x16", 8, 8)
	slab(two, 2, 2, 4, 4)
	house := newDesign("House 16x24", 10, 8)
	slab(house, 2, 2, 6, 4)
	walls := []string{"wall-ext-4x8", "wall-door-4x8", "wall-window-4x8"}
	return []*Level{
		{ID: "shed", Title: "1. Close a one-room shed",
			Briefing: "The foundation and floor of an 8 x 8 ft shed are down. Stand a wall panel on every outside edge and put in one door.",
			Start:    shed, Palette: walls, MinDoors: 1, Budget: usd("2000"), Star2: usd("1900"), Star3: usd("1800")},
		{ID: "cabin", Title: "2. A cabin with a view", Unlock: "shed",
			Briefing: "Close a 12 x 16 ft cabin. It needs a door and at least two windows to be pleasant to live in.",
			Start:    cabin, Palette: append(walls, "wall-ext-4x8-16oc", "wall-slider-8"), MinDoors: 1, MinWins: 2,
			Budget: usd("3300"), Star2: usd("3150"), Star3: usd("3000")},
		{ID: "roof", Title: "3. Put a roof on it", Unlock: "cabin",
			Briefing: "The cabin is closed. Cover every floor cell with a roof panel; solar panels pay for themselves later.",
			Start:    roofed, Palette: []string{"roof-4x8", "roof-solar-4x8", "wall-ext-4x8", "wall-door-4x8"}, MinDoors: 1,
			Require: []string{"roof-4x8"}, Budget: usd("6800"), Star2: usd("6500"), Star3: usd("6400")},
		{ID: "two-rooms", Title: "4. Two rooms", Unlock: "roof",
			Briefing: "Build a 16 x 16 ft home with two enclosed rooms: split it with interior walls.",
			Start:    two, Palette: append(walls, "wall-int-4x8", "wall-int-door-4x8"), MinDoors: 1, MinWins: 2, MinRooms: 2,
			Budget: usd("5600"), Star2: usd("5300"), Star3: usd("5000")},
		{ID: "kitchen", Title: "5. A home with a kitchen", Unlock: "two-rooms",
			Briefing: "A 16 x 24 ft home with a kitchen core, at least 380 sq ft, and daylight in it.",
			Start:    house, Palette: append(walls, "wall-int-4x8", "wall-int-door-4x8", "core-kitchen", "core-bath"),
			MinDoors: 1, MinWins: 3, MinSqFt: 380, Require: []string{"core-kitchen"},
			Budget: usd("13500"), Star2: usd("13000"), Star3: usd("12500")},
		{ID: "sandbox", Title: "Sandbox", Sandbox: true,
			Briefing: "Every module, no objectives, no budget. Build what you like and save it.",
			Start:    newDesign("Sandbox design", 24, 16)},
	}
}

// LevelByID finds a level.
func LevelByID(levels []*Level, id string) *Level {
	for _, l := range levels {
		if l.ID == id {
			return l
		}
	}
	return nil
}
