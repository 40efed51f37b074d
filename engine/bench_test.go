package engine

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/require"
)

// bigDesign is one closed w x h cell building (h a multiple of 4) one cell
// in from the grid edge: foundation, floor cassettes, exterior walls, a
// bearing wall line every 16 ft and roof panels spanning between them.
func bigDesign(w, h int) *designs.Design {
	d := &designs.Design{Format: designs.FormatVersion, Name: "big", License: designs.DefaultLicense, Grid: designs.Grid{Width: w + 2, Height: h + 2}}
	add := func(mod string, x, y, rot int, edge string) {
		d.Placements = append(d.Placements, designs.Placement{Module: mod, X: x + 1, Y: y + 1, Rotation: rot, Edge: edge})
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			add("foundation-cell", x, y, 0, "")
		}
	}
	for y := 0; y < h; y += 2 {
		for x := 0; x < w; x++ {
			add("floor-4x8", x, y, 0, "")
		}
	}
	for x := 0; x < w; x++ {
		add("wall-ext-4x8", x, 0, 0, "n")
		add("wall-ext-4x8", x, h-1, 0, "s")
		for y := 4; y < h; y += 4 {
			add("wall-int-4x8", x, y, 0, "n")
		}
	}
	for y := 0; y < h; y++ {
		west := "wall-ext-4x8"
		if y%4 == 1 {
			west = "wall-door-4x8" // a door into every 16 ft band
		}
		add(west, 0, y, 0, "w")
		add("wall-ext-4x8", w-1, y, 0, "e")
	}
	for y := 0; y < h; y += 2 {
		for x := 0; x < w; x++ {
			add("roof-4x8", x, y, 0, "")
		}
	}
	return d
}

// ofLimit reports the time per op as a share of a target (1 = at the limit).
func ofLimit(b *testing.B, limit time.Duration) {
	if b.N > 0 {
		b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(limit), "of-limit")
	}
}

func bigEngine(b testing.TB, w, h int) *Engine {
	cat := testCatalog(b)
	e, err := FromDesign(bigDesign(w, h), cat, Options{Rules: standardRules(b)})
	require.NoError(b, err)
	return e
}

func TestBigDesignIsValid(t *testing.T) {
	e := bigEngine(t, 30, 28)
	require.Zero(t, e.HardViolations(), "violations:\n%s", dump(e.Violations()))
	require.Equal(t, []string{"daylight"}, ruleIDs(e.Violations()))
	require.InDelta(t, 2000, e.Len(), 100)
}

// BenchmarkPlace places one module with all its rule checks in a design of
// about 2,000 modules, then undoes it (two commands per op).
func BenchmarkPlace(b *testing.B) {
	for _, size := range []struct{ w, h int }{{30, 28}, {66, 68}} {
		e := bigEngine(b, size.w, size.h)
		b.Run(fmt.Sprintf("modules=%d/core+undo", e.Len()), func(b *testing.B) {
			p := designs.Placement{Module: "core-kitchen", X: size.w / 2, Y: size.h / 2}
			tick := e.Tick()
			b.ReportAllocs()
			for b.Loop() {
				tick++
				if _, err := e.Apply(Place(tick, p)); err != nil {
					b.Fatal(err)
				}
				if _, err := e.Apply(Undo(tick)); err != nil {
					b.Fatal(err)
				}
			}
			ofLimit(b, 50*time.Microsecond) // placing one module: under 50 µs (this op also undoes it)
		})
		b.Run(fmt.Sprintf("modules=%d/wall+undo", e.Len()), func(b *testing.B) {
			p := designs.Placement{Module: "wall-int-4x8", X: size.w / 2, Y: size.h / 2, Edge: "w"}
			tick := e.Tick()
			b.ReportAllocs()
			for b.Loop() {
				tick++
				if _, err := e.Apply(Place(tick, p)); err != nil {
					b.Fatal(err)
				}
				if _, err := e.Apply(Undo(tick)); err != nil {
					b.Fatal(err)
				}
			}
			ofLimit(b, 50*time.Microsecond) // placing one module: under 50 µs (this op also undoes it)
		})
		b.Run(fmt.Sprintf("modules=%d/refused", e.Len()), func(b *testing.B) {
			p := designs.Placement{Module: "roof-4x8", X: 1, Y: 1}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Apply(Place(e.Tick(), p)); err == nil {
					b.Fatal("overlapping roof accepted")
				}
			}
		})
	}
}

// BenchmarkValidate runs every rule over a design of about 10,000 modules.
func BenchmarkValidate(b *testing.B) {
	e := bigEngine(b, 66, 68)
	b.Run(fmt.Sprintf("modules=%d", e.Len()), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			e.version++ // drop the cache: a full validation every time
			if n := e.HardViolations(); n != 0 {
				b.Fatal(n)
			}
		}
		ofLimit(b, 20*time.Millisecond) // full validation of 10,000 modules: under 20 ms
	})
}

// BenchmarkState reports the memory a 10,000-module session holds.
func BenchmarkState(b *testing.B) {
	d := bigDesign(66, 68)
	cat := testCatalog(b)
	rs := standardRules(b)
	var ms0, ms1 runtime.MemStats
	var keep *Engine
	for b.Loop() {
		runtime.GC()
		runtime.ReadMemStats(&ms0)
		e, err := FromDesign(d, cat, Options{Rules: rs})
		if err != nil {
			b.Fatal(err)
		}
		e.Violations() // with its caches filled
		runtime.GC()
		runtime.ReadMemStats(&ms1)
		keep = e
	}
	b.ReportMetric(float64(ms1.HeapAlloc-ms0.HeapAlloc)/(1<<20), "MB-state")
	b.ReportMetric(float64(ms1.HeapAlloc-ms0.HeapAlloc)/(20<<20), "of-limit") // its state: under 20 MB
	b.ReportMetric(float64(keep.Len()), "modules")
}

// BenchmarkPreviewCost prices a candidate placement: no allocation, and no
// growth with the design's size.
func BenchmarkPreviewCost(b *testing.B) {
	for _, size := range []struct{ w, h int }{{4, 4}, {30, 28}, {66, 68}} {
		e := bigEngine(b, size.w, size.h)
		b.Run(fmt.Sprintf("modules=%d", e.Len()), func(b *testing.B) {
			p := designs.Placement{Module: "wall-window-4x8", X: 1, Y: 1, Edge: "n"}
			b.ReportAllocs()
			for b.Loop() {
				if _, ok := e.PreviewCost(p); !ok {
					b.Fatal("no cost")
				}
			}
			ofLimit(b, 5*time.Microsecond) // cost preview: under 5 µs, no allocation
		})
	}
}

// BenchmarkPreview is the full preview: rule checks and cost.
func BenchmarkPreview(b *testing.B) {
	for _, size := range []struct{ w, h int }{{30, 28}, {66, 68}} {
		e := bigEngine(b, size.w, size.h)
		b.Run(fmt.Sprintf("modules=%d", e.Len()), func(b *testing.B) {
			p := designs.Placement{Module: "core-kitchen", X: 3, Y: 3}
			b.ReportAllocs()
			for b.Loop() {
				if pv := e.Preview(p); !pv.Allowed {
					b.Fatal(pv.Violations)
				}
			}
		})
	}
}

// BenchmarkSnap snaps a pointer to the nearest allowed wall slot.
func BenchmarkSnap(b *testing.B) {
	e := bigEngine(b, 30, 28)
	b.ReportAllocs()
	for b.Loop() {
		e.Snap("wall-int-4x8", designs.Length(10*48*16+20*16), designs.Length(9*48*16+3*16))
	}
}
