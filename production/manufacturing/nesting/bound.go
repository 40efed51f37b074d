package nesting

import (
	"math"

	"github.com/opensourceecology/prodos/designs"
)

// dffMax is the largest k of the dual feasible functions u^(k) tried.
const dffMax = 12

// dff is u^(k) of Fekete and Schepers ("New classes of fast lower bounds for
// bin packing problems", Math. Programming 91, 2001) applied to the size
// a/b (0 < a <= b): a/b when (k+1)a/b is whole, else floor((k+1)a/b)/k.
// k = 0 is the identity. Any set of sizes that fits side by side in b still
// sums to at most 1 after the map, which is what makes the bound valid.
func dff(k int, a, b int64) float64 {
	if k == 0 || ((int64(k)+1)*a)%b == 0 {
		return float64(a) / float64(b)
	}
	return float64(((int64(k)+1)*a)/b) / float64(k)
}

// KerfBound is a lower bound on the sheets needed for parts (all of one
// material) on width x height sheets with kerf between parts, at least the
// plain area bound and often higher: every part and the sheet are grown by
// the kerf (so parts kerf apart become parts touching), and each size is
// mapped by a pair of dual feasible functions, one per axis, before summing
// areas; the best pair over u^(0..12) x u^(0..12) gives the bound. A part
// that may turn counts in its cheaper orientation.
func KerfBound(parts []Part, width, height, kerf designs.Length) int {
	if len(parts) == 0 {
		return 0
	}
	W, H := int64(width+kerf), int64(height+kerf)
	var area int64
	for _, p := range parts {
		area += p.Area()
	}
	sheet := int64(width) * int64(height)
	best := int((area + sheet - 1) / sheet)
	for kx := 0; kx <= dffMax; kx++ {
		for ky := 0; ky <= dffMax; ky++ {
			sum := 0.0
			for _, p := range parts {
				w, h := int64(p.Length+kerf), int64(p.Width+kerf)
				v := math.Inf(1)
				if w <= W && h <= H {
					v = dff(kx, w, W) * dff(ky, h, H)
				}
				if !p.Grain && h <= W && w <= H {
					v = min(v, dff(kx, h, W)*dff(ky, w, H))
				}
				if !math.IsInf(v, 1) {
					sum += v
				}
			}
			best = max(best, int(math.Ceil(sum-1e-9)))
		}
	}
	return best
}
