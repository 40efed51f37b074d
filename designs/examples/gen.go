//go:build ignore

// gen writes the example designs: go run designs/examples/gen.go
// Each house is a rectangle of foundation cells, floor cassettes and roof
// panels, closed by exterior walls with windows and doors away from the
// corners, with an interior bearing line so no roof span exceeds 16 ft.
package main

import (
	"log"

	"github.com/opensourceecology/prodos/designs"
)

type house struct {
	file, name, desc string
	w, h             int
	bearingX         int              // interior bearing wall on the west edge of this column (0: none)
	splits           [][3]int         // interior walls: north edge of row y from col x0 to x1 (inclusive)
	intDoors         [][3]int         // x, y, kind (0: west edge, 1: north edge)
	windows, doors   map[string][]int // side -> cell indexes along that side
	slider           map[string]int   // side -> first cell index of an 8 ft slider
	cores            [][3]int         // x, y, kind (0 kitchen, 1 bath, 2 mech)
	solar            int              // number of roof panels to make solar, from the south-east
	rafterEW         bool             // roof panels turned 90 degrees: rafters run east-west onto the bearing wall
}

func main() {
	cat, err := designs.DefaultCatalog()
	if err != nil {
		log.Fatal(err)
	}
	houses := []house{
		{file: "cabin-12x16.toml", name: "One-room cabin 12x16",
			desc: "A 12 x 16 ft one-room cabin: the smallest closed, buildable house of the system.",
			w:    3, h: 4,
			windows: map[string][]int{"w": {1, 2}, "e": {2}, "n": {1}},
			doors:   map[string][]int{"s": {1}}},
		{file: "two-bedroom-24x32.toml", name: "Two-bedroom house 24x32",
			desc: "A 24 x 32 ft two-bedroom house: bedrooms west of a central bearing wall, living room with kitchen and bathroom cores east.",
			w:    6, h: 8, bearingX: 3,
			splits:   [][3]int{{0, 4, 2}, {3, 6, 5}},
			intDoors: [][3]int{{3, 1, 0}, {3, 5, 0}, {4, 6, 1}},
			windows:  map[string][]int{"w": {1, 2, 5, 6}, "n": {1, 4}, "e": {2, 4}, "s": {1}},
			doors:    map[string][]int{"e": {1}, "s": {4}},
			cores:    [][3]int{{4, 0, 0}, {4, 6, 1}}, rafterEW: true},
		{file: "seed-home-32x40.toml", name: "Seed Eco-Home 32x40",
			desc: "A 32 x 40 ft (1,280 sq ft) three-bedroom house near OSE's 1,300 sq ft Seed Eco-Home 4, with kitchen, bath and mechanical cores and solar roof panels.",
			w:    8, h: 10, bearingX: 4,
			splits:   [][3]int{{0, 3, 3}, {0, 7, 3}, {4, 7, 7}},
			intDoors: [][3]int{{4, 1, 0}, {4, 4, 0}, {4, 8, 0}, {5, 7, 1}},
			windows:  map[string][]int{"w": {1, 2, 4, 5, 8}, "n": {1, 2, 5}, "e": {3, 5}, "s": {2, 5}},
			doors:    map[string][]int{"s": {6}},
			slider:   map[string]int{"e": 1},
			cores:    [][3]int{{6, 0, 0}, {6, 8, 1}, {4, 8, 2}},
			solar:    8, rafterEW: true},
		{file: "seed-home-32x32.toml", name: "Seed Eco-Home 32x32",
			desc: "A 32 x 32 ft (1,024 sq ft) two-bedroom house, the size of OSE's 1,000 sq ft Seed Eco-Home 2 and of OSE's per-1,000 sq ft build-time targets, with kitchen, bath and mechanical cores.",
			w:    8, h: 8, bearingX: 4,
			splits:   [][3]int{{0, 4, 3}, {4, 5, 7}},
			intDoors: [][3]int{{4, 1, 0}, {4, 6, 0}, {1, 4, 1}},
			windows:  map[string][]int{"w": {1, 2, 5, 6}, "n": {1, 2, 5}, "e": {2, 6}, "s": {2, 5}},
			doors:    map[string][]int{"s": {6}, "e": {4}},
			cores:    [][3]int{{6, 0, 0}, {6, 6, 1}, {4, 6, 2}},
			rafterEW: true},
	}
	for _, h := range houses {
		d := build(h)
		if err := d.Validate(cat); err != nil {
			log.Fatalf("%s: %v", h.file, err)
		}
		if err := d.Save("designs/examples/" + h.file); err != nil {
			log.Fatal(err)
		}
	}
}

func build(h house) *designs.Design {
	d := &designs.Design{Format: designs.FormatVersion, Name: h.name, Author: "Production OS examples",
		License: designs.DefaultLicense, Description: h.desc, Grid: designs.Grid{Width: h.w + 2, Height: h.h + 2}}
	add := func(mod string, x, y int, edge string) {
		// houses sit one cell in from the grid edge so there is room around them
		d.Placements = append(d.Placements, designs.Placement{Module: mod, X: x + 1, Y: y + 1, Edge: edge})
	}
	for y := 0; y < h.h; y++ {
		for x := 0; x < h.w; x++ {
			add("foundation-cell", x, y, "")
		}
	}
	for y := 0; y < h.h; y += 2 {
		for x := 0; x < h.w; x++ {
			add("floor-4x8", x, y, "")
		}
	}
	addExteriorWalls(h, add)
	addInteriorWalls(h, add)
	for _, c := range h.cores {
		add([]string{"core-kitchen", "core-bath", "core-mech"}[c[2]], c[0], c[1], "")
	}
	addRoof(h, d)
	return d
}

// adder places a module at house cell x, y on an edge ("" for a cell module).
type adder func(mod string, x, y int, edge string)

// addExteriorWalls places the four outer walls with their sliders, doors
// and windows.
func addExteriorWalls(h house, add adder) {
	in := func(list []int, i int) bool {
		for _, v := range list {
			if v == i {
				return true
			}
		}
		return false
	}
	side := func(s string, n int, pos func(i int) (int, int)) {
		slider, hasSlider := h.slider[s]
		for i := 0; i < n; i++ {
			x, y := pos(i)
			switch {
			case hasSlider && i == slider:
				add("wall-slider-8", x, y, s)
			case hasSlider && i == slider+1:
			case in(h.doors[s], i):
				add("wall-door-4x8", x, y, s)
			case in(h.windows[s], i):
				add("wall-window-4x8", x, y, s)
			default:
				add("wall-ext-4x8", x, y, s)
			}
		}
	}
	side("n", h.w, func(i int) (int, int) { return i, 0 })
	side("s", h.w, func(i int) (int, int) { return i, h.h - 1 })
	side("w", h.h, func(i int) (int, int) { return 0, i })
	side("e", h.h, func(i int) (int, int) { return h.w - 1, i })
}

// addInteriorWalls places the bearing wall and the splitting walls, with
// their doors.
func addInteriorWalls(h house, add adder) {
	isDoor := func(x, y, kind int) bool {
		for _, dd := range h.intDoors {
			if dd[0] == x && dd[1] == y && dd[2] == kind {
				return true
			}
		}
		return false
	}
	if h.bearingX > 0 {
		for y := 0; y < h.h; y++ {
			mod := "wall-int-4x8"
			if isDoor(h.bearingX, y, 0) {
				mod = "wall-int-door-4x8"
			}
			add(mod, h.bearingX, y, "w")
		}
	}
	for _, s := range h.splits {
		for x := s[0]; x <= s[2]; x++ {
			mod := "wall-int-4x8"
			if isDoor(x, s[1], 1) {
				mod = "wall-int-door-4x8"
			}
			add(mod, x, s[1], "n")
		}
	}
}

// addRoof places the roof panels, solar ones first, laid across the
// rafters' direction.
func addRoof(h house, d *designs.Design) {
	solar := h.solar
	roof := func(x, y, rot int) {
		mod := "roof-4x8"
		if solar > 0 {
			mod = "roof-solar-4x8"
			solar--
		}
		d.Placements = append(d.Placements, designs.Placement{Module: mod, X: x + 1, Y: y + 1, Rotation: rot})
	}
	if h.rafterEW {
		// 8 ft panels laid east-west: rafters bear on the side walls and the
		// interior bearing wall, so no span exceeds 16 ft
		for y := h.h - 1; y >= 0; y-- {
			for x := h.w - 2; x >= 0; x -= 2 {
				roof(x, y, 90)
			}
		}
		return
	}
	for y := h.h - 2; y >= 0; y -= 2 {
		for x := h.w - 1; x >= 0; x-- {
			roof(x, y, 0)
		}
	}
}
