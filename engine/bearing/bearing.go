// Package bearing answers one question for the span rule and the build
// order alike: which walls carry a roof or loft panel. The engine's span
// check measures the distance between the walls it finds, and
// engine/buildseq makes the panel's install task wait for the same walls, so
// the rule and the schedule cannot disagree about a panel's bearing walls.
package bearing

// Slot is one unit edge slot of the grid: on a horizontal grid line (Horiz;
// Line is the y of the line, A the column) or on a vertical grid line (Line
// is the x of the line, A the row).
type Slot struct {
	Horiz   bool
	Line, A int
}

// RaftersNS reports whether a panel w cells wide (east-west) and h cells
// deep (north-south) has its rafters running north-south: panels span along
// their longer side, north-south when square. Such a panel bears on walls
// standing on horizontal grid lines (north and south of it); otherwise on
// vertical grid lines (west and east).
func RaftersNS(w, h int) bool { return h >= w }

// Walls finds the bearing walls of the panel covering cells [x0,x1) x
// [y0,y1) of a gridW x gridH grid. For every cell of the panel it looks
// along the rafters for the nearest wall at or before the cell's near edge
// and the nearest at or after its far edge; stands reports whether a wall
// stands on a slot, and visit (when not nil) is called with every bearing
// slot found, once per cell that bears on it.
//
// It returns the longest span, in cells, between the two bearing walls of
// any cell, and missing: the first direction ("north", "south", "west",
// "east") in which some cell has no bearing wall at all, or "". Cells with a
// missing side do not count towards span.
func Walls(x0, y0, x1, y1, gridW, gridH int, stands func(Slot) bool, visit func(Slot)) (span int, missing string) {
	ns := RaftersNS(x1-x0, y1-y0)
	x0, y0 = max(x0, 0), max(y0, 0)
	x1, y1 = min(x1, gridW), min(y1, gridH)
	for cy := y0; cy < y1; cy++ {
		for cx := x0; cx < x1; cx++ {
			// along the rafters: position p of the cell on lines 0..n
			p, a, n, near, far := cy, cx, gridH, "north", "south"
			if !ns {
				p, a, n, near, far = cx, cy, gridW, "west", "east"
			}
			lo, hi := -1, -1
			for l := p; l >= 0; l-- {
				if stands(Slot{ns, l, a}) {
					lo = l
					break
				}
			}
			for l := p + 1; l <= n; l++ {
				if stands(Slot{ns, l, a}) {
					hi = l
					break
				}
			}
			if lo >= 0 && visit != nil {
				visit(Slot{ns, lo, a})
			}
			if hi >= 0 && visit != nil {
				visit(Slot{ns, hi, a})
			}
			switch {
			case lo < 0 && missing == "":
				missing = near
			case hi < 0 && missing == "":
				missing = far
			case lo >= 0 && hi >= 0 && hi-lo > span:
				span = hi - lo
			}
		}
	}
	return span, missing
}
