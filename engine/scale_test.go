package engine

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stacked is bigDesign(w, h) with extra roof panels all placed on the
// building's first roof panel, and as many walls stacked on its first wall.
func stacked(w, h, extra int) *designs.Design {
	d := bigDesign(w, h)
	for k := 0; k < extra; k++ {
		if k%2 == 0 {
			d.Placements = append(d.Placements, designs.Placement{Module: "roof-4x8", X: 1, Y: 1})
		} else {
			d.Placements = append(d.Placements, designs.Placement{Module: "wall-ext-4x8", X: 1, Y: 1, Edge: "n"})
		}
	}
	return d
}

// TestOverlapOncePerCell: modules stacked in one cell are each reported
// once, against the first module there, not once per pair (issue 12.9).
func TestOverlapOncePerCell(t *testing.T) {
	const extra = 400
	e, err := FromDesign(stacked(6, 4, extra), testCatalog(t), Options{Rules: standardRules(t)})
	require.NoError(t, err)
	var overlaps []Violation
	for _, v := range e.Violations() {
		if v.Check == CheckOverlap {
			overlaps = append(overlaps, v)
		}
	}
	require.Equal(t, extra, len(overlaps), "overlap violations")
	for _, v := range overlaps {
		require.Len(t, v.Modules, 2)
		assert.Less(t, v.Modules[1], v.Modules[0], "a later module overlaps an earlier one")
		if strings.HasPrefix(v.Message, "roof") {
			assert.Contains(t, v.Message, "overlaps roof panel 4x8 at (1,1)")
		}
	}
	// placing one more on the stack is still refused
	_, err = e.Apply(Place(e.Tick()+1, designs.Placement{Module: "roof-4x8", X: 1, Y: 1}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "overlaps")
}

// BenchmarkValidateStacked validates a design of 100,000 placements, most
// of them stacked on one roof panel and one wall: near-linear checks keep
// it well under a second (issue 12.9; was 11.7 s for 1,000 extra).
func BenchmarkValidateStacked(b *testing.B) {
	d := stacked(30, 28, 0)
	d = stacked(30, 28, designs.MaxPlacements-len(d.Placements))
	cat := testCatalog(b)
	rs := standardRules(b)
	b.ReportAllocs()
	for b.Loop() {
		e, err := FromDesign(d, cat, Options{Rules: rs})
		if err != nil {
			b.Fatal(err)
		}
		if e.HardViolations() == 0 {
			b.Fatal("no overlap found")
		}
	}
	b.ReportMetric(float64(len(d.Placements)), "placements")
}

// placeUndo times place+undo of a kitchen core in the middle of a design.
func placeUndo(b *testing.B, e *Engine, x, y, rounds int) time.Duration {
	p := designs.Placement{Module: "core-kitchen", X: x, Y: y}
	tick := e.Tick()
	best := time.Duration(-1)
	for r := 0; r < 5; r++ {
		start := time.Now()
		for k := 0; k < rounds; k++ {
			tick++
			if _, err := e.Apply(Place(tick, p)); err != nil {
				b.Fatal(err)
			}
			if _, err := e.Apply(Undo(tick)); err != nil {
				b.Fatal(err)
			}
		}
		if d := time.Since(start) / time.Duration(rounds); best < 0 || d < best {
			best = d
		}
	}
	return best
}

// BenchmarkPlaceUndoScaling times place+undo in designs of about 2,000 and
// 10,300 modules in the same run and reports their ratio (target <= 1.3:
// the cost of a command does not grow with the design).
func BenchmarkPlaceUndoScaling(b *testing.B) {
	small, large := bigEngine(b, 30, 28), bigEngine(b, 66, 68)
	var ts, tl time.Duration
	for b.Loop() {
		ts = placeUndo(b, small, 15, 14, 200)
		tl = placeUndo(b, large, 33, 34, 200)
	}
	b.ReportMetric(float64(ts.Nanoseconds())/1e3, fmt.Sprintf("us-at-%d", small.Len()))
	b.ReportMetric(float64(tl.Nanoseconds())/1e3, fmt.Sprintf("us-at-%d", large.Len()))
	b.ReportMetric(float64(tl)/float64(ts), "ratio")
}
