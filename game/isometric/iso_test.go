package isometric

import (
	"math"
	"math/rand"
	"testing"

	"github.com/stretchr/testify/require"
)

// house is a small house as the game builds it: a 3x2 floor on
// foundation, walls on every outer edge (one with a window: posts, sill,
// header), a core and roof panels.
func house() []Box {
	var b []Box
	id := 0
	for x := 0; x < 3; x++ {
		for y := 0; y < 2; y++ {
			fx, fy := float64(x), float64(y)
			b = append(b, Box{id, Foundation, fx, fy, 0, fx + 1, fy + 1, 0.2})
			b = append(b, Box{id + 1, Floor, fx, fy, 0.2, fx + 1, fy + 1, 0.35})
			b = append(b, Box{id + 2, Roof, fx, fy, 2.45, fx + 1, fy + 1, 2.6})
			id += 3
		}
	}
	const t = 0.06
	for x := 0; x < 3; x++ {
		fx := float64(x)
		b = append(b, Box{id, Wall, fx + t, -t, 0.35, fx + 1 - t, t, 2.35})
		if x == 1 { // a window in the south wall, with parts narrower than the wall is thick
			b = append(b, Box{id + 1, Wall, fx + 0.28, 2 - t, 0.35, fx + 0.3, 2 + t, 2.35})
			b = append(b, Box{id + 1, Wall, fx + t, 2 - t, 0.35, fx + 0.3, 2 + t, 2.35},
				Box{id + 1, Wall, fx + 0.7, 2 - t, 0.35, fx + 1 - t, 2 + t, 2.35},
				Box{id + 1, Wall, fx + 0.3, 2 - t, 0.35, fx + 0.7, 2 + t, 1.0},
				Box{id + 1, Wall, fx + 0.3, 2 - t, 1.9, fx + 0.7, 2 + t, 2.35})
		} else {
			b = append(b, Box{id + 1, Wall, fx + t, 2 - t, 0.35, fx + 1 - t, 2 + t, 2.35})
		}
		id += 2
	}
	for y := 0; y < 2; y++ {
		fy := float64(y)
		b = append(b, Box{id, Wall, -t, fy + t, 0.35, t, fy + 1 - t, 2.35},
			Box{id + 1, Wall, 3 - t, fy + t, 0.35, 3 + t, fy + 1 - t, 2.35})
		id += 2
	}
	for _, v := range [][2]float64{{0, 0}, {3, 0}, {0, 2}, {3, 2}, {1, 0}, {3, 1}} { // corner posts
		b = append(b, Box{id, Wall, v[0] - t, v[1] - t, 0.35, v[0] + t, v[1] + t, 2.35})
	}
	return append(b, Box{id + 1, Core, 1.1, 0.1, 0.35, 1.9, 0.9, 2.3})
}

// scattered is n random non-intersecting boxes on a grid, some stacked.
func scattered(seed int64, n int) []Box {
	r := rand.New(rand.NewSource(seed))
	used := map[[3]int]bool{}
	var b []Box
	for len(b) < n {
		x, y, z := r.Intn(6), r.Intn(6), r.Intn(3)
		if used[[3]int{x, y, z}] {
			continue
		}
		used[[3]int{x, y, z}] = true
		in := 0.1 * float64(r.Intn(4))
		b = append(b, Box{len(b), Kind(r.Intn(6)), float64(x) + in, float64(y), float64(z), float64(x) + 1, float64(y) + 1 - in, float64(z) + 1 - in})
	}
	return b
}

// span is where the line of sight through screen point p enters and
// leaves b: the line is the points (x, y, 0) + t(1, 1, 1), t growing
// towards the viewer.
func span(b Box, p Point) (t0, t1 float64, hit bool) {
	// (x - y) Cos = p.X, (x + y) Sin = p.Y at z = 0
	d, s := p.X/Cos, p.Y/Sin
	o := [3]float64{(s + d) / 2, (s - d) / 2, 0}
	lo := [3]float64{b.X0, b.Y0, b.Z0}
	hi := [3]float64{b.X1, b.Y1, b.Z1}
	t0, t1 = math.Inf(-1), math.Inf(1)
	for k := 0; k < 3; k++ {
		t0 = math.Max(t0, lo[k]-o[k])
		t1 = math.Min(t1, hi[k]-o[k])
	}
	return t0, t1, t1-t0 > 1e-6
}

// TestSortNearerDrawnLater checks the painter's order against lines of
// sight: wherever two boxes cover the same screen point, the one the line
// of sight meets nearer the viewer is drawn later.
func TestSortNearerDrawnLater(t *testing.T) {
	scenes := map[string][]Box{"house": house(), "scattered-1": scattered(1, 40), "scattered-2": scattered(2, 60), "scattered-3": scattered(3, 80)}
	for name, boxes := range scenes {
		for rot := 0; rot < 4; rot++ {
			turned := make([]Box, len(boxes))
			for i, b := range boxes {
				turned[i] = Rotate(b, rot, 6, 6)
			}
			order := Sort(turned)
			require.Len(t, order, len(turned), name)
			pos := make([]int, len(turned))
			for k, i := range order {
				pos[i] = k
			}
			checked := 0
			for i := range turned {
				for j := i + 1; j < len(turned); j++ {
					a, b := turned[i], turned[j]
					ax0, ay0, ax1, ay1 := bounds(a)
					bx0, by0, bx1, by1 := bounds(b)
					x0, y0, x1, y1 := math.Max(ax0, bx0), math.Max(ay0, by0), math.Min(ax1, bx1), math.Min(ay1, by1)
					for sx := 0.5; sx < 8; sx++ {
						for sy := 0.5; sy < 8; sy++ {
							p := Point{x0 + (x1-x0)*sx/8, y0 + (y1-y0)*sy/8}
							_, ae, ah := span(a, p)
							_, be, bh := span(b, p)
							if !ah || !bh || x1 <= x0 || y1 <= y0 {
								continue
							}
							checked++
							if ae > be+1e-9 {
								require.Greater(t, pos[i], pos[j], "%s rot %d: box %v is nearer than %v at %v but drawn first", name, rot, a, b, p)
							} else if be > ae+1e-9 {
								require.Greater(t, pos[j], pos[i], "%s rot %d: box %v is nearer than %v at %v but drawn first", name, rot, b, a, p)
							}
						}
					}
				}
			}
			require.Positive(t, checked, "%s: no overlapping boxes were checked", name)
		}
	}
}

func TestRotate(t *testing.T) {
	b := Box{X0: 0, Y0: 0, Z0: 0, X1: 1, Y1: 2, Z1: 1}
	tests := []struct {
		rot  int
		want Box
	}{
		{0, b},
		{1, Box{X0: 1, Y0: 0, X1: 3, Y1: 1, Z1: 1}},
		{2, Box{X0: 4, Y0: 1, X1: 5, Y1: 3, Z1: 1}},
		{3, Box{X0: 0, Y0: 4, X1: 2, Y1: 5, Z1: 1}},
		{4, b},
	}
	for _, tc := range tests {
		require.Equal(t, tc.want, Rotate(b, tc.rot, 5, 3), "rot %d", tc.rot)
	}
}

func TestPick(t *testing.T) {
	boxes := house()
	order := Sort(boxes)
	tests := []struct {
		name string
		p    Point
		want int
		ok   bool
	}{
		// Above the middle of the house, the roof over cell (1,1) is on top.
		{"roof", Project(1.5, 1.5, 2.6), 11, true},
		{"nothing", Project(-5, 9, 0), 0, false},
		// The core's top, seen when the roof is cut away.
		{"core under a cut-away", Project(1.5, 0.5, 2.3), len(boxes) - 1, true},
	}
	for _, tc := range tests {
		bs, o := boxes, order
		if tc.name == "core under a cut-away" {
			bs = CutAway(boxes)
			o = Sort(bs)
		}
		id, ok := Pick(bs, o, tc.p)
		require.Equal(t, tc.ok, ok, tc.name)
		if tc.ok {
			want := tc.want
			if tc.name == "core under a cut-away" {
				want = bs[len(bs)-1].ID
			}
			require.Equal(t, want, id, tc.name)
		}
	}
}

func TestCutAway(t *testing.T) {
	boxes := house()
	cut := CutAway(boxes)
	count := func(bs []Box, k Kind, f func(Box) bool) int {
		n := 0
		for _, b := range bs {
			if b.Kind == k && (f == nil || f(b)) {
				n++
			}
		}
		return n
	}
	require.Zero(t, count(cut, Roof, nil), "roof hidden")
	require.Equal(t, count(boxes, Floor, nil), count(cut, Floor, nil), "floor kept")
	require.Equal(t, 1, count(cut, Core, nil), "core kept")
	far := func(b Box) bool { return b.X1 < 0.2 && b.Y0 < 1.8 || b.Y1 < 0.2 && b.X1 < 2.9 } // north and west walls, their posts
	nearSide := func(b Box) bool { return b.X0 > 2.8 || b.Y0 > 1.8 }                        // east and south walls, their posts
	require.Equal(t, count(boxes, Wall, far), count(cut, Wall, far), "far walls kept")
	require.Zero(t, count(cut, Wall, nearSide), "near walls hidden")
}
