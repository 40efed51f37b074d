package schedule

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
)

// randomSerial is the reference the scheduler is measured against: a
// randomized serial schedule generator written apart from the scheduler.
// Each sample takes the tasks in a random topological order (a uniformly
// random key among the ready tasks) and puts each at the earliest time its
// dependencies have finished and a member holding its qualification has a
// gap long enough. It returns the shortest makespan over the samples.
func randomSerial(tasks []Task, crew *designs.Crew, samples int, seed uint64) int64 {
	r := rand.New(rand.NewPCG(seed, 14))
	n := len(tasks)
	users := make([][]int, n)
	for i, t := range tasks {
		for _, d := range t.Deps {
			users[d] = append(users[d], i)
		}
	}
	holders := map[string][]int{}
	for _, t := range tasks {
		if _, ok := holders[t.Qual]; ok {
			continue
		}
		for m := range crew.Members {
			if crew.Members[m].Has(t.Qual) {
				holders[t.Qual] = append(holders[t.Qual], m)
			}
		}
	}
	type iv struct{ s, e int64 }
	best := int64(-1)
	end := make([]int64, n)
	waiting := make([]int, n)
	for k := 0; k < samples; k++ {
		busy := make([][]iv, len(crew.Members))
		var ready []int
		for i, t := range tasks {
			waiting[i] = len(t.Deps)
			if waiting[i] == 0 {
				ready = append(ready, i)
			}
		}
		var span int64
		for len(ready) > 0 {
			j := r.IntN(len(ready))
			i := ready[j]
			ready[j] = ready[len(ready)-1]
			ready = ready[:len(ready)-1]
			var t0 int64
			for _, d := range tasks[i].Deps {
				t0 = max(t0, end[d])
			}
			d := tasks[i].Seconds
			bs, bm := int64(-1), -1
			for _, m := range holders[tasks[i].Qual] {
				st := t0
				for _, b := range busy[m] {
					if b.e <= st {
						continue
					}
					if b.s >= st+d {
						break
					}
					st = b.e
				}
				if bs < 0 || st < bs {
					bs, bm = st, m
				}
			}
			end[i] = bs + d
			span = max(span, end[i])
			busy[bm] = append(busy[bm], iv{bs, bs + d})
			sort.Slice(busy[bm], func(a, b int) bool { return busy[bm][a].s < busy[bm][b].s })
			for _, u := range users[i] {
				waiting[u]--
				if waiting[u] == 0 {
					ready = append(ready, u)
				}
			}
		}
		if best < 0 || span < best {
			best = span
		}
	}
	return best
}

// BenchmarkScheduleVsReference plans every example's modules (the shell;
// the finished house: BenchmarkScheduleExamples) for crews of 2, 4, 8
// and 24 and reports, measured in the same run, the makespan over the best
// of 1,000 samples of the randomized serial generator (target <= 1) and
// over the lower bound (target <= 1.05). A crew that cannot build a design
// (no one holds a qualification it needs) is skipped.
func BenchmarkScheduleVsReference(b *testing.B) {
	for _, f := range examples {
		for _, size := range []int{2, 4, 8, 24} {
			name := fmt.Sprintf("%s/crew=%d", strings.TrimSuffix(filepath.Base(f), ".toml"), size)
			b.Run(name, func(b *testing.B) {
				d, cat, crews := setup(b, f)
				crew, err := designs.CrewOfSize(crews, size)
				if err != nil {
					b.Fatal(err)
				}
				tasks, err := FromDesignScope(d, cat, designs.ScopeShell)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := Plan(tasks, crew); err != nil {
					b.Skipf("crew of %d: %v", size, err)
				}
				ref := randomSerial(tasks, crew, 1000, 1)
				var s *Schedule
				for i := 0; i < b.N; i++ {
					s, _ = Plan(tasks, crew)
				}
				b.ReportMetric(float64(s.Makespan)/float64(ref), "makespan/random")
				b.ReportMetric(s.Ratio(), "makespan/lowerbound")
				b.ReportMetric(float64(s.Makespan)/3600, "makespan-h")
				b.ReportMetric(float64(ref)/3600, "random-h")
			})
		}
	}
}
