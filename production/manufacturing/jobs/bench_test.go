package jobs

import (
	"math"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/designs"
)

// repeatDesign is the design's placements repeated k times side by side
// (the row of houses a builder runs through the shop as one job).
func repeatDesign(d *designs.Design, k int) *designs.Design {
	maxX := 0
	for _, p := range d.Placements {
		maxX = max(maxX, p.X)
	}
	out := *d
	out.Placements = make([]designs.Placement, 0, k*len(d.Placements))
	out.Grid.Width = k * (maxX + 2)
	for i := 0; i < k; i++ {
		for _, p := range d.Placements {
			p.X += i * (maxX + 2)
			out.Placements = append(out.Placements, p)
		}
	}
	return &out
}

// jobsTime is the fastest of runs timings of what `prodos jobs` does for a
// design (plan the shop work and write its summary): wall time and the
// process's CPU time (user plus system, all threads), which other load on
// the machine does not inflate.
func jobsTime(b *testing.B, d *designs.Design, cat *designs.Catalog, shop *designs.Shop, runs int) (wall, cpu time.Duration) {
	wall, cpu = time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
	for r := 0; r < runs; r++ {
		runtime.GC()
		start, c0 := time.Now(), cpuTime()
		p, err := Build(d, cat, shop)
		if err != nil {
			b.Fatal(err)
		}
		_ = p.Summary()
		wall, cpu = min(wall, time.Since(start)), min(cpu, cpuTime()-c0)
	}
	return wall, cpu
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkJobsScaling times `prodos jobs` (Build and Summary) on rows of
// seed homes of about 1,000 and 30,000 modules in the same run and reports
// the growth exponent: log(t30k/t1k) / log(n30k/n1k) (target at most 1.15;
// 1 is linear), of the wall time (slope) and of the CPU time (cpu-slope,
// the figure to trust on a loaded machine).
func BenchmarkJobsScaling(b *testing.B) {
	d, cat, shop := setup(b, examples[2], designs.DefaultShopID)
	small := repeatDesign(d, (1000+len(d.Placements)-1)/len(d.Placements))
	large := repeatDesign(d, 30000/len(d.Placements))
	var ts, tl, cs, cl time.Duration
	for i := 0; i < b.N; i++ {
		ts, cs = jobsTime(b, small, cat, shop, 5)
		tl, cl = jobsTime(b, large, cat, shop, 2)
	}
	ns, nl := float64(len(small.Placements)), float64(len(large.Placements))
	slope := func(a, b time.Duration) float64 { return math.Log(b.Seconds()/a.Seconds()) / math.Log(nl/ns) }
	b.ReportMetric(ns, "modules-small")
	b.ReportMetric(nl, "modules-large")
	b.ReportMetric(ts.Seconds()*1000, "ms-small")
	b.ReportMetric(tl.Seconds()*1000, "ms-large")
	b.ReportMetric(cs.Seconds()*1000, "cpu-ms-small")
	b.ReportMetric(cl.Seconds()*1000, "cpu-ms-large")
	b.ReportMetric(slope(ts, tl), "slope")
	b.ReportMetric(slope(cs, cl), "cpu-slope")
}
