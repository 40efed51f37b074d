// Package isometric turns a house's module boxes into a 2.5D isometric
// picture: it projects axis-aligned boxes to screen polygons for a view
// turned in 90° steps, orders them so that a nearer box is drawn after
// every box it covers (painter's order), finds the topmost box under a
// screen point (picking) and hides the roof and the near walls for a
// cut-away. It knows nothing of ebiten or the game: coordinates are in
// plan cells (x east, y south) and z up, in cells too.
package isometric

import (
	"math"
	"sort"
)

// Kind is what part of the house a box is; it picks the colour and the
// cut-away rule.
type Kind int

// The kinds of box.
const (
	Foundation Kind = iota
	Floor
	Wall
	Core
	Loft
	Roof
)

// Box is one axis-aligned block of the house, in cells (z up). ID names
// the placement it belongs to (several boxes share one: a wall with a
// window is posts, a sill and a header).
type Box struct {
	ID                     int
	Kind                   Kind
	X0, Y0, Z0, X1, Y1, Z1 float64
}

// Cos and Sin of the isometric angle (30°): screen x is (x-y)·Cos, screen
// y is (x+y)·Sin - z, in cells.
var (
	Cos = math.Cos(math.Pi / 6)
	Sin = 0.5
)

// Rotate turns a box a quarter turn clockwise rot times (0..3) about a grid
// of w by h cells, so that the view can be turned while the projection and
// the order stay the same: after turning, the viewer always looks from +x,
// +y and above.
func Rotate(b Box, rot, w, h int) Box {
	W, H := float64(w), float64(h)
	for i := 0; i < ((rot%4)+4)%4; i++ {
		// (x, y) -> (H - y, x): a quarter turn; the grid becomes h by w.
		b.X0, b.Y0, b.X1, b.Y1 = H-b.Y1, b.X0, H-b.Y0, b.X1
		W, H = H, W
	}
	return b
}

// Point is a screen point, in cells from the projection's origin.
type Point struct{ X, Y float64 }

// Project maps a point of the (turned) house to the screen.
func Project(x, y, z float64) Point { return Point{(x - y) * Cos, (x+y)*Sin - z} }

// Faces are a box's three visible faces as screen quads: the top, the face
// towards +x (right) and the face towards +y (left), each in drawing order
// of its corners.
func Faces(b Box) (top, right, left [4]Point) {
	top = [4]Point{Project(b.X0, b.Y0, b.Z1), Project(b.X1, b.Y0, b.Z1), Project(b.X1, b.Y1, b.Z1), Project(b.X0, b.Y1, b.Z1)}
	right = [4]Point{Project(b.X1, b.Y0, b.Z1), Project(b.X1, b.Y1, b.Z1), Project(b.X1, b.Y1, b.Z0), Project(b.X1, b.Y0, b.Z0)}
	left = [4]Point{Project(b.X0, b.Y1, b.Z1), Project(b.X1, b.Y1, b.Z1), Project(b.X1, b.Y1, b.Z0), Project(b.X0, b.Y1, b.Z0)}
	return top, right, left
}

// Bounds is a box's screen rectangle.
func Bounds(b Box) (x0, y0, x1, y1 float64) { return bounds(b) }

// bounds is a box's screen rectangle.
func bounds(b Box) (x0, y0, x1, y1 float64) {
	x0, x1 = (b.X0-b.Y1)*Cos, (b.X1-b.Y0)*Cos
	y0, y1 = (b.X0+b.Y0)*Sin-b.Z1, (b.X1+b.Y1)*Sin-b.Z0
	return
}

// behind reports whether a is on the far side of b along an axis that
// separates them (the viewer is at +x, +y, +z).
func behind(a, b Box) bool {
	const eps = 1e-9
	return a.X1 <= b.X0+eps || a.Y1 <= b.Y0+eps || a.Z1 <= b.Z0+eps
}

// screenOverlap reports whether two boxes' screen outlines can overlap:
// their projections overlap on the screen axes and on the x+y+... hexagon
// axes (x - y, x + y - 2z... checked through the bounds and the u = x - z,
// v = y - z extents).
func screenOverlap(a, b Box) bool {
	ax0, ay0, ax1, ay1 := bounds(a)
	bx0, by0, bx1, by1 := bounds(b)
	if ax1 <= bx0 || bx1 <= ax0 || ay1 <= by0 || by1 <= ay0 {
		return false
	}
	// The outline is a hexagon: also separate along x - z and y - z.
	if a.X1-a.Z0 <= b.X0-b.Z1 || b.X1-b.Z0 <= a.X0-a.Z1 {
		return false
	}
	return !(a.Y1-a.Z0 <= b.Y0-b.Z1 || b.Y1-b.Z0 <= a.Y0-a.Z1)
}

// Sort orders boxes for drawing (painter's order): whenever two boxes
// overlap on the screen, the nearer is drawn later. Boxes must not
// intersect. It returns the boxes' indices in drawing order.
func Sort(boxes []Box) []int {
	n := len(boxes)
	// Candidates by a coarse depth key; the exact order comes from a
	// topological sort over the pairs that overlap on screen, found with a
	// screen-space bucket grid so large houses stay fast.
	const cell = 2.0
	buckets := map[[2]int][]int{}
	for i, b := range boxes {
		x0, y0, x1, y1 := bounds(b)
		for bx := int(math.Floor(x0 / cell)); bx <= int(math.Floor(x1/cell)); bx++ {
			for by := int(math.Floor(y0 / cell)); by <= int(math.Floor(y1/cell)); by++ {
				k := [2]int{bx, by}
				buckets[k] = append(buckets[k], i)
			}
		}
	}
	after := make([][]int, n) // after[i]: boxes drawn after i
	indeg := make([]int, n)
	seen := map[[2]int]bool{}
	for _, list := range buckets {
		for p := 0; p < len(list); p++ {
			for q := p + 1; q < len(list); q++ {
				i, j := list[p], list[q]
				if i > j {
					i, j = j, i
				}
				if seen[[2]int{i, j}] || !screenOverlap(boxes[i], boxes[j]) {
					continue
				}
				seen[[2]int{i, j}] = true
				switch {
				case behind(boxes[i], boxes[j]):
					after[i] = append(after[i], j)
					indeg[j]++
				case behind(boxes[j], boxes[i]):
					after[j] = append(after[j], i)
					indeg[i]++
				}
			}
		}
	}
	key := func(i int) float64 {
		b := boxes[i]
		return b.X0 + b.X1 + b.Y0 + b.Y1 + b.Z0 + b.Z1
	}
	var ready []int
	for i := range boxes {
		if indeg[i] == 0 {
			ready = append(ready, i)
		}
	}
	order := make([]int, 0, n)
	done := make([]bool, n)
	for len(order) < n {
		if len(ready) == 0 { // a cycle (touching or intersecting boxes): break it at the farthest
			best := -1
			for i := range boxes {
				if !done[i] && (best < 0 || key(i) < key(best)) {
					best = i
				}
			}
			ready = append(ready, best)
			indeg[best] = 0
		}
		sort.Slice(ready, func(a, b int) bool { return key(ready[a]) > key(ready[b]) })
		i := ready[len(ready)-1]
		ready = ready[:len(ready)-1]
		if done[i] {
			continue
		}
		done[i] = true
		order = append(order, i)
		for _, j := range after[i] {
			if indeg[j]--; indeg[j] == 0 && !done[j] {
				ready = append(ready, j)
			}
		}
	}
	return order
}

// inQuad reports whether p is inside the convex quad q.
func inQuad(p Point, q [4]Point) bool {
	sign := 0
	for i := 0; i < 4; i++ {
		a, b := q[i], q[(i+1)%4]
		c := (b.X-a.X)*(p.Y-a.Y) - (b.Y-a.Y)*(p.X-a.X)
		s := 0
		if c > 0 {
			s = 1
		} else if c < 0 {
			s = -1
		}
		if s != 0 {
			if sign != 0 && s != sign {
				return false
			}
			sign = s
		}
	}
	return true
}

// Contains reports whether a screen point falls on a box's outline.
func Contains(b Box, p Point) bool {
	t, r, l := Faces(b)
	return inQuad(p, t) || inQuad(p, r) || inQuad(p, l)
}

// Pick is the ID of the topmost box under screen point p, given the boxes
// and their drawing order (Sort); false when none is.
func Pick(boxes []Box, order []int, p Point) (int, bool) {
	for k := len(order) - 1; k >= 0; k-- {
		if b := boxes[order[k]]; Contains(b, p) {
			return b.ID, true
		}
	}
	return 0, false
}

// CutAway drops the roof and loft boxes and the walls on the house's near
// sides (walls with floor or foundation behind them and none in front,
// seen from +x, +y) from turned boxes, so the rooms can be seen.
func CutAway(boxes []Box) []Box {
	floored := map[[2]int]bool{}
	for _, b := range boxes {
		if b.Kind != Floor && b.Kind != Foundation {
			continue
		}
		for x := int(math.Round(b.X0)); x < int(math.Round(b.X1)); x++ {
			for y := int(math.Round(b.Y0)); y < int(math.Round(b.Y1)); y++ {
				floored[[2]int{x, y}] = true
			}
		}
	}
	// clear reports whether no floor lies on the near side of a wall line:
	// the column x (alongY) or the row y, over the box's extent.
	clear := func(b Box, alongY bool) bool {
		if alongY {
			x := int(math.Round((b.X0 + b.X1) / 2))
			for y := int(math.Floor(b.Y0 + 0.01)); float64(y) < b.Y1-0.01; y++ {
				if floored[[2]int{x, y}] {
					return false
				}
			}
			return true
		}
		y := int(math.Round((b.Y0 + b.Y1) / 2))
		for x := int(math.Floor(b.X0 + 0.01)); float64(x) < b.X1-0.01; x++ {
			if floored[[2]int{x, y}] {
				return false
			}
		}
		return true
	}
	// A wall stands on a grid line: a wall along y has its centre's x on
	// a line, one along x its y. The parts beside an opening may be
	// narrower than the wall is thick, so the shape cannot tell the run.
	// A part centred on both (a corner post) is near on either side.
	onLine := func(v float64) bool { return math.Abs(v-math.Round(v)) < 1e-6 }
	near := func(b Box) bool {
		xl, yl := onLine((b.X0+b.X1)/2), onLine((b.Y0+b.Y1)/2)
		switch {
		case xl && yl:
			return clear(b, true) || clear(b, false)
		case xl != yl:
			return clear(b, xl)
		}
		return clear(b, b.X1-b.X0 < b.Y1-b.Y0)
	}
	var out []Box
	for _, b := range boxes {
		if b.Kind == Roof || b.Kind == Loft || b.Kind == Wall && near(b) {
			continue
		}
		out = append(out, b)
	}
	return out
}
