package buildseq

import (
	"sort"

	"github.com/opensourceecology/prodos/designs"
)

// RestsOn finds, for every placement of a design, the placements it rests
// on, from the grid's geometry: a floor panel on the foundation cells
// under it; a wall on the floor (or else foundation) of the cells on both
// sides of each of its slots; a roof or loft panel on the walls it bears on
// (the span rule's own reading, engine/bearing), and a roof panel also on
// the loft panels under it; a core on the floor under it; an energy-layer
// module on the roof over it (else the floor). out[i] lists the
// placements i rests on, ascending, each once.
func RestsOn(d *designs.Design, cat *designs.Catalog) ([][]int, error) {
	g, mods, err := indexPlacements(d, cat)
	if err != nil {
		return nil, err
	}
	out := make([][]int, len(mods))
	var scratch [][2]int
	for i, p := range d.Placements {
		m := mods[i]
		add := func(j int) {
			if j >= 0 && j != i {
				out[i] = appendDep(out[i], j)
			}
		}
		if m.Placement == designs.OnEdge {
			for k := 0; k < m.Cells; k++ {
				own, other := sides(p, k)
				add(under(g, own))
				add(under(g, other))
			}
			continue
		}
		t := &Task{X: p.X, Y: p.Y}
		t.W, t.H = m.Footprint(p.Rotation)
		cells := cover(&scratch, t, g.w, g.h)
		switch m.Layer {
		case "foundation":
		case "floor":
			for _, c := range cells {
				add(g.cell("foundation", c[0], c[1]))
			}
		case "roof", "loft":
			for _, w := range bearingWalls(g, t) {
				add(w)
			}
			if m.Layer == "roof" {
				for _, c := range cells {
					add(g.cell("loft", c[0], c[1]))
				}
			}
		case "core":
			for _, c := range cells {
				add(under(g, c))
			}
		default:
			for _, c := range cells {
				r := g.cell("roof", c[0], c[1])
				if r < 0 {
					r = under(g, c)
				}
				add(r)
			}
		}
	}
	for i := range out {
		out[i] = sortUnique(out[i])
	}
	return out, nil
}

// sortUnique sorts a and drops repeats.
func sortUnique(a []int) []int {
	sort.Ints(a)
	out := a[:0]
	for k, v := range a {
		if k == 0 || v != a[k-1] {
			out = append(out, v)
		}
	}
	return out
}

// Repairability is the share of a design's modules that can be replaced
// without disturbing another: those no other module rests on (RestsOn).
// It returns the replaceable count and the total; a design without
// modules has 0 of 0.
func Repairability(d *designs.Design, cat *designs.Catalog) (replaceable, total int, err error) {
	rests, err := RestsOn(d, cat)
	if err != nil {
		return 0, 0, err
	}
	carries := make([]bool, len(rests))
	for _, on := range rests {
		for _, j := range on {
			carries[j] = true
		}
	}
	for _, c := range carries {
		if !c {
			replaceable++
		}
	}
	return replaceable, len(rests), nil
}
