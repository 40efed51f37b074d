package game

import (
	"math"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/game/isometric"
)

// Sizes of the isometric house, in cells (one cell is 4 ft = 48 in).
const (
	cellIn     = 48.0
	wallThick  = 6 / cellIn  // a 2x6 wall
	windowHead = 80 / cellIn // head height of windows above the floor (6 ft 8 in, the usual door head)
)

// houseBoxes turns a design into the isometric view's boxes, with real
// heights from the catalog: foundation, then the floor on it, walls
// standing on the floor with their door and window openings left open,
// cores on the floor, lofts under the wall tops and roof panels on them.
// A box's ID is its placement's index in the design.
func houseBoxes(cat *designs.Catalog, d *designs.Design) []isometric.Box {
	base, floorTop, wallTop := isoLevels(cat, d)
	var out []isometric.Box
	posts := map[[2]int]int{} // wall corners: grid point -> placement
	for i, p := range d.Placements {
		m := cat.Modules[p.Module]
		if m == nil {
			continue
		}
		h := m.Height.InchesFloat() / cellIn
		if m.Placement == designs.OnEdge {
			out = wallBoxes(out, i, m, p, floorTop)
			x1, y1, x2, y2 := edgeLine(p, m.Cells)
			for _, v := range [][2]int{{int(x1), int(y1)}, {int(x2), int(y2)}} {
				if _, ok := posts[v]; !ok {
					posts[v] = i
				}
			}
			continue
		}
		w, dp := m.Footprint(p.Rotation)
		b := isometric.Box{ID: i, X0: float64(p.X), Y0: float64(p.Y), X1: float64(p.X + w), Y1: float64(p.Y + dp)}
		switch m.Layer {
		case "foundation":
			b.Kind, b.Z0, b.Z1 = isometric.Foundation, 0, base
		case "floor":
			b.Kind, b.Z0, b.Z1 = isometric.Floor, base, base+h
		case "core":
			b.Kind, b.Z0, b.Z1 = isometric.Core, floorTop, floorTop+math.Min(h, wallTop-floorTop-0.02)
			b.X0, b.Y0, b.X1, b.Y1 = b.X0+0.12, b.Y0+0.12, b.X1-0.12, b.Y1-0.12
		case "loft":
			b.Kind, b.Z0, b.Z1 = isometric.Loft, wallTop-h, wallTop
		case "roof":
			b.Kind, b.Z0, b.Z1 = isometric.Roof, wallTop, wallTop+h
		default: // energy: on the roof
			b.Kind, b.Z0, b.Z1 = isometric.Roof, wallTop+12/cellIn, wallTop+12/cellIn+h
			b.X0, b.Y0, b.X1, b.Y1 = b.X0+0.05, b.Y0+0.05, b.X1-0.05, b.Y1-0.05
		}
		out = append(out, b)
	}
	t := wallThick / 2
	for v, i := range posts {
		x, y := float64(v[0]), float64(v[1])
		out = append(out, isometric.Box{ID: i, Kind: isometric.Wall, X0: x - t, Y0: y - t, Z0: floorTop, X1: x + t, Y1: y + t, Z1: wallTop})
	}
	return out
}

// isoLevels are the heights the house stands on: the top of the foundation,
// of the floor and of the walls, from the catalog's tallest module of each.
func isoLevels(cat *designs.Catalog, d *designs.Design) (base, floorTop, wallTop float64) {
	var floorH, wallH float64
	for _, p := range d.Placements {
		m := cat.Modules[p.Module]
		if m == nil {
			continue
		}
		h := m.Height.InchesFloat() / cellIn
		switch {
		case m.Layer == "foundation":
			base = math.Max(base, h)
		case m.Layer == "floor":
			floorH = math.Max(floorH, h)
		case m.Placement == designs.OnEdge:
			wallH = math.Max(wallH, h)
		}
	}
	if wallH == 0 {
		wallH = 96 / cellIn
	}
	return base, base + floorH, base + floorH + wallH
}

// wallBoxes adds a wall's boxes: one slab, or around its door or window
// opening (centred in the run) the parts beside, above and below it.
func wallBoxes(out []isometric.Box, i int, m *designs.Module, p designs.Placement, z0 float64) []isometric.Box {
	x1, y1, x2, y2 := edgeLine(p, m.Cells)
	t := wallThick / 2
	z1 := z0 + m.Height.InchesFloat()/cellIn
	// along is the run as [a, b] on its axis; slab makes a box over part of it.
	alongX := y1 == y2
	a, b := y1, y2
	if alongX {
		a, b = x1, x2
	}
	slab := func(from, to, zb, zt float64) {
		bx := isometric.Box{ID: i, Kind: isometric.Wall, Z0: zb, Z1: zt}
		if alongX {
			bx.X0, bx.X1, bx.Y0, bx.Y1 = from, to, y1-t, y1+t
		} else {
			bx.X0, bx.X1, bx.Y0, bx.Y1 = x1-t, x1+t, from, to
		}
		out = append(out, bx)
	}
	a, b = a+t, b-t // the corner posts stand at the ends
	ow := m.OpeningWidth.InchesFloat() / cellIn
	if m.Opening == "" || ow <= 0 || ow >= b-a {
		slab(a, b, z0, z1)
		return out
	}
	oh := m.OpeningHeight.InchesFloat() / cellIn
	head, sill := z0+oh, z0
	if m.Opening == "window" {
		head = z0 + math.Max(windowHead, oh)
		sill = head - oh
	}
	head = math.Min(head, z1-0.02)
	mid := (a + b) / 2
	o0, o1 := mid-ow/2, mid+ow/2
	slab(a, o0, z0, z1)
	slab(o1, b, z0, z1)
	slab(o0, o1, head, z1)
	if sill > z0 {
		slab(o0, o1, z0, sill)
	}
	return out
}
