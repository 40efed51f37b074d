package schedule

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/require"
)

// randomDesign is a random one-storey building: a foundation under a w x h
// block, exterior walls (some windows and doors) round it, random interior
// walls, loft panels on some cells and roof panels of random orientation.
func randomDesign(r *rand.Rand) *designs.Design {
	w, h := 2+r.IntN(7), 2+r.IntN(7)
	d := &designs.Design{Format: designs.FormatVersion, Name: "random", License: designs.DefaultLicense,
		Grid: designs.Grid{Width: w + 2, Height: h + 2}}
	add := func(mod string, x, y, rot int, edge string) {
		d.Placements = append(d.Placements, designs.Placement{Module: mod, X: x + 1, Y: y + 1, Rotation: rot, Edge: edge})
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			add("foundation-cell", x, y, 0, "")
		}
	}
	ext := func() string {
		return []string{"wall-ext-4x8", "wall-ext-4x8", "wall-window-4x8", "wall-door-4x8"}[r.IntN(4)]
	}
	for x := 0; x < w; x++ {
		add(ext(), x, 0, 0, "n")
		add(ext(), x, h-1, 0, "s")
	}
	for y := 0; y < h; y++ {
		add(ext(), 0, y, 0, "w")
		add(ext(), w-1, y, 0, "e")
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if x > 0 && r.IntN(4) == 0 {
				add([]string{"wall-int-4x8", "wall-int-door-4x8"}[r.IntN(2)], x, y, 0, "w")
			}
			if y > 0 && r.IntN(4) == 0 {
				add("wall-int-4x8", x, y, 0, "n")
			}
		}
	}
	// 1x2 panels (rotation 0: one cell wide, two deep; 90: two wide, one deep)
	panels := func(mod string, share int) {
		used := make([]bool, w*h)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				if used[y*w+x] || r.IntN(share) != 0 {
					continue
				}
				rot := 90 * r.IntN(2)
				x1, y1 := x, y+1
				if rot == 90 {
					x1, y1 = x+1, y
				}
				if x1 >= w || y1 >= h || used[y1*w+x1] {
					continue
				}
				used[y*w+x], used[y1*w+x1] = true, true
				add(mod, x, y, rot, "")
			}
		}
	}
	panels("loft-4x8", 3)
	panels("roof-4x8", 1)
	return d
}

// bearingOracle is the span rule read straight from its statement: a panel's
// rafters run along its longer side (north-south when square); each of its
// cells bears on the nearest wall at or beyond each end of its rafters.
func bearingOracle(d *designs.Design, cat *designs.Catalog, panel int) []int {
	type slot struct {
		horiz   bool
		line, a int
	}
	walls := map[slot]int{}
	for i, p := range d.Placements {
		m := cat.Modules[p.Module]
		if m.Placement != designs.OnEdge {
			continue
		}
		var s slot
		switch p.Edge {
		case designs.North:
			s = slot{true, p.Y, p.X}
		case designs.South:
			s = slot{true, p.Y + 1, p.X}
		case designs.West:
			s = slot{false, p.X, p.Y}
		default:
			s = slot{false, p.X + 1, p.Y}
		}
		if _, ok := walls[s]; !ok {
			walls[s] = i
		}
	}
	p := d.Placements[panel]
	fw, fh := cat.Modules[p.Module].Footprint(p.Rotation)
	var out []int
	for y := p.Y; y < p.Y+fh; y++ {
		for x := p.X; x < p.X+fw; x++ {
			if fh >= fw { // rafters north-south: walls on horizontal lines
				for l := y; l >= 0; l-- {
					if i, ok := walls[slot{true, l, x}]; ok {
						out = append(out, i)
						break
					}
				}
				for l := y + 1; l <= d.Grid.Height; l++ {
					if i, ok := walls[slot{true, l, x}]; ok {
						out = append(out, i)
						break
					}
				}
				continue
			}
			for l := x; l >= 0; l-- {
				if i, ok := walls[slot{false, l, y}]; ok {
					out = append(out, i)
					break
				}
			}
			for l := x + 1; l <= d.Grid.Width; l++ {
				if i, ok := walls[slot{false, l, y}]; ok {
					out = append(out, i)
					break
				}
			}
		}
	}
	return out
}

// TestRoofAfterBearingWalls is the property of issue 12.1: over the
// examples and random designs, every roof and loft panel starts after every
// wall it bears on (by the span rule) is installed.
func TestRoofAfterBearingWalls(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	crews, err := designs.DefaultCrews(cat)
	require.NoError(t, err)
	var ds []*designs.Design
	for _, f := range examples {
		d, err := designs.LoadDesign(f, cat)
		require.NoError(t, err)
		ds = append(ds, d)
	}
	for seed := uint64(1); seed <= 30; seed++ {
		ds = append(ds, randomDesign(rand.New(rand.NewPCG(seed, 12))))
	}
	for k, d := range ds {
		seed := k + 1 - len(examples) // the examples come first, as seeds <= 0
		for _, crewID := range []string{designs.DefaultCrewID, designs.OSECrewID} {
			s, err := PlanDesign(d, cat, crews[crewID])
			require.NoError(t, err, "seed %d", seed)
			install := map[int]int{} // placement -> install task
			for i, tk := range s.Tasks {
				if tk.Op == "install" {
					install[tk.Module] = i
				}
			}
			for i, p := range d.Placements {
				if l := cat.Modules[p.Module].Layer; l != "roof" && l != "loft" {
					continue
				}
				pt := install[i]
				for _, w := range bearingOracle(d, cat, i) {
					wt := install[w]
					if s.Slots[pt].Start < s.Slots[wt].End {
						t.Fatalf("seed %d, crew %s: %s (%s) starts at %d s, before the wall it bears on, %s (%s), is installed at %d s\n%s",
							seed, crewID, s.Tasks[pt].ID, s.Tasks[pt].Name, s.Slots[pt].Start, s.Tasks[wt].ID, s.Tasks[wt].Name, s.Slots[wt].End, fmt.Sprint(d.Placements))
					}
				}
			}
		}
	}
}
