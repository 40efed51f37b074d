package game

import (
	"fmt"

	"github.com/opensourceecology/prodos/designs"
)

// BenchDesign builds a closed, roofed k x k cell house of exactly n modules
// (foundation, floor, roof, exterior walls, then interior walls), for
// frame-time measurements. n must be at least 16.
func BenchDesign(n int) *designs.Design {
	k := 2
	for size := func(k int) int { return 2*k*k + 4*k }; size(k+2) <= n; k += 2 {
	}
	d := newDesign(fmt.Sprintf("Benchmark house, %d modules", n), k+2, k+2)
	slab(d, 1, 1, k, k)
	for y := 1; y <= k; y += 2 {
		for x := 1; x <= k; x++ {
			d.Placements = append(d.Placements, designs.Placement{Module: "roof-4x8", X: x, Y: y})
		}
	}
	ring(d, 1, 1, k, k, "wall-ext-4x8")
	for y := 1; y <= k && len(d.Placements) < n; y++ {
		for x := 1; x < k && len(d.Placements) < n; x++ {
			d.Placements = append(d.Placements, designs.Placement{Module: "wall-int-4x8", X: x, Y: y, Edge: "e"})
		}
	}
	return d
}

func benchDesign(n int) *designs.Design { return BenchDesign(n) }
