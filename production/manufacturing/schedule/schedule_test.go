package schedule

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/buildseq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var examples = []string{
	"../../../designs/examples/cabin-12x16.toml",
	"../../../designs/examples/two-bedroom-24x32.toml",
	"../../../designs/examples/seed-home-32x40.toml",
	"../../../designs/examples/seed-home-32x32.toml",
}

func setup(t testing.TB, file string) (*designs.Design, *designs.Catalog, map[string]*designs.Crew) {
	t.Helper()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	d, err := designs.LoadDesign(file, cat)
	require.NoError(t, err)
	crews, err := designs.DefaultCrews(cat)
	require.NoError(t, err)
	return d, cat, crews
}

// checkSchedule asserts the schedule is feasible: every task once, after its
// dependencies, by a qualified member who does one task at a time.
func checkSchedule(t *testing.T, s *Schedule) {
	t.Helper()
	require.Len(t, s.Slots, len(s.Tasks))
	byMember := map[int][]Slot{}
	var work int64
	for i, tk := range s.Tasks {
		sl := s.Slots[i]
		assert.Equal(t, i, sl.Task)
		assert.Equal(t, tk.Seconds, sl.End-sl.Start, tk.ID)
		assert.True(t, s.Crew.Members[sl.Member].Has(tk.Qual), "%s done by %s without %s", tk.ID, s.Crew.Members[sl.Member].ID, tk.Qual)
		for _, d := range tk.Deps {
			assert.GreaterOrEqual(t, sl.Start, s.Slots[d].End, "%s starts before %s ends", tk.ID, s.Tasks[d].ID)
		}
		byMember[sl.Member] = append(byMember[sl.Member], sl)
		assert.LessOrEqual(t, sl.End, s.Makespan)
		work += tk.Seconds
	}
	assert.Equal(t, work, s.WorkSeconds)
	for m, list := range byMember {
		for a := range list {
			for b := a + 1; b < len(list); b++ {
				x, y := list[a], list[b]
				overlap := x.Start < y.End && y.Start < x.End && x.End > x.Start && y.End > y.Start
				assert.False(t, overlap, "member %d does %s and %s at once", m, s.Tasks[x.Task].ID, s.Tasks[y.Task].ID)
			}
		}
	}
	assert.GreaterOrEqual(t, s.Makespan, s.LowerBound)
	assert.GreaterOrEqual(t, s.Makespan, s.QualBound)
	// the critical path is a chain of dependencies
	for k := 1; k < len(s.CriticalPath); k++ {
		assert.Contains(t, s.Tasks[s.CriticalPath[k]].Deps, s.CriticalPath[k-1])
	}
}

func TestExamples(t *testing.T) {
	for _, f := range examples {
		for _, crewID := range []string{designs.DefaultCrewID, designs.OSECrewID} {
			t.Run(filepath.Base(f)+"/"+crewID, func(t *testing.T) {
				d, cat, crews := setup(t, f)
				// the modules alone: TestFinishedHouse has the whole house
				s, err := PlanDesignScope(d, cat, crews[crewID], designs.ScopeShell)
				require.NoError(t, err)
				checkSchedule(t, s)
				// one install per placement, durations from the labour data
				installs := 0
				var want int64
				for _, p := range d.Placements {
					m := cat.Modules[p.Module]
					b, i := cat.LabourMinutes(m)
					want += seconds(b) + seconds(i)
				}
				for _, tk := range s.Tasks {
					if tk.Op == "install" {
						installs++
					}
				}
				assert.Equal(t, len(d.Placements), installs)
				assert.Equal(t, want, s.WorkSeconds)
				assert.LessOrEqual(t, s.Ratio(), 1.05, "makespan %d s, lower bound %d s", s.Makespan, s.LowerBound)
				t.Logf("%s: makespan %s h, bound %s h (ratio %.3f), qualification bound %s h, %s person-hours, %d sq ft",
					crewID, hours(s.Makespan), hours(s.LowerBound), s.Ratio(), hours(s.QualBound), s.PersonHours().StringFixed(1), FloorArea(d, cat))
			})
		}
	}
}

// TestMakespanTargets (issue 14): on every example's modules and crews of
// 2, 4, 8 and 24, the makespan is at most the best of 300 randomized
// serial samples and at most 1.05 times the lower bound (the whole house:
// TestFinishedHouseMakespan).
func TestMakespanTargets(t *testing.T) {
	for _, f := range examples {
		for _, size := range []int{2, 4, 8, 24} {
			t.Run(fmt.Sprintf("%s/crew=%d", filepath.Base(f), size), func(t *testing.T) {
				d, cat, crews := setup(t, f)
				crew, err := designs.CrewOfSize(crews, size)
				require.NoError(t, err)
				s, err := PlanDesignScope(d, cat, crew, designs.ScopeShell)
				var se *Error
				if errors.As(err, &se) && len(se.Unassigned) > 0 {
					t.Skipf("crew of %d cannot build it: %v", size, err)
				}
				require.NoError(t, err)
				checkSchedule(t, s)
				assert.LessOrEqual(t, s.Makespan, randomSerial(s.Tasks, s.Crew, 300, 1), "against the randomized serial generator")
				assert.LessOrEqual(t, s.Ratio(), 1.05, "makespan %d s, lower bound %d s", s.Makespan, s.LowerBound)
			})
		}
	}
}

func TestInstallWaitsForBuildAndGraph(t *testing.T) {
	d, cat, _ := setup(t, examples[0])
	g, err := buildseq.FromDesign(d, cat)
	require.NoError(t, err)
	tasks, err := FromGraph(g, d, cat)
	require.NoError(t, err)
	for i, bt := range g.Tasks {
		tk := tasks[i]
		assert.Equal(t, bt.ID, tk.ID)
		for _, dep := range bt.Deps {
			assert.Contains(t, tk.Deps, dep)
		}
		m := cat.Modules[d.Placements[bt.Module].Module]
		build, _ := cat.LabourMinutes(m)
		if build.Sign() > 0 {
			b := tk.Deps[len(tk.Deps)-1]
			assert.Equal(t, bt.ID+".build", tasks[b].ID)
			assert.Equal(t, m.BuildQual, tasks[b].Qual)
		}
	}
}

func TestErrorsNameTasks(t *testing.T) {
	crew := &designs.Crew{ID: "c", Members: []designs.Member{{ID: "a", Qualifications: []string{"x"}}}}
	cyc := []Task{
		{ID: "A", Seconds: 60, Qual: "x", Deps: []int{2}},
		{ID: "B", Seconds: 60, Qual: "x", Deps: []int{0}},
		{ID: "C", Seconds: 60, Qual: "x", Deps: []int{1}},
		{ID: "D", Seconds: 60, Qual: "x"},
	}
	_, err := Plan(cyc, crew)
	var se *Error
	require.True(t, errors.As(err, &se))
	assert.ElementsMatch(t, []string{"A", "B", "C"}, se.Cycle[:3])
	assert.Equal(t, se.Cycle[0], se.Cycle[3])
	assert.Contains(t, err.Error(), "dependency cycle")

	unq := []Task{{ID: "A", Seconds: 60, Qual: "x"}, {ID: "R1", Seconds: 60, Qual: "roof-framer"}, {ID: "R2", Seconds: 60, Qual: "roof-framer"}}
	_, err = Plan(unq, crew)
	require.True(t, errors.As(err, &se))
	assert.Equal(t, []string{"R1", "R2"}, se.Unassigned["roof-framer"])
	assert.Contains(t, err.Error(), `no one on the crew holds "roof-framer" for task(s) R1, R2`)

	// A one-person crew from the default roles cannot install cores.
	d, cat, crews := setup(t, examples[1])
	one, err := designs.CrewOfSize(crews, 1)
	require.NoError(t, err)
	_, err = PlanDesign(d, cat, one)
	require.True(t, errors.As(err, &se))
	assert.Contains(t, se.Unassigned, "utility-installer")
}

func TestSmallGraphOptimal(t *testing.T) {
	// Two people, both qualified: a 3-chain of 10 min beside four 5-min
	// tasks: the bound (30 min) is reached.
	crew := &designs.Crew{ID: "c", Members: []designs.Member{{ID: "a", Qualifications: []string{"x"}}, {ID: "b", Qualifications: []string{"x"}}}}
	tasks := []Task{
		{ID: "C1", Seconds: 600, Qual: "x"},
		{ID: "C2", Seconds: 600, Qual: "x", Deps: []int{0}},
		{ID: "C3", Seconds: 600, Qual: "x", Deps: []int{1}},
		{ID: "S1", Seconds: 300, Qual: "x"}, {ID: "S2", Seconds: 300, Qual: "x"},
		{ID: "S3", Seconds: 300, Qual: "x"}, {ID: "S4", Seconds: 300, Qual: "x"},
	}
	s, err := Plan(tasks, crew)
	require.NoError(t, err)
	checkSchedule(t, s)
	assert.Equal(t, int64(1800), s.Makespan)
	assert.Equal(t, int64(1800), s.LowerBound)
	assert.Equal(t, []int{0, 1, 2}, s.CriticalPath)
}

func TestOutputs(t *testing.T) {
	d, cat, crews := setup(t, examples[0])
	s, err := PlanDesign(d, cat, crews[designs.DefaultCrewID])
	require.NoError(t, err)
	data, err := s.JSON(d.Name, FloorArea(d, cat))
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(data, &got))
	for _, k := range []string{"makespan_hours", "lower_bound_hours", "person_hours", "critical_path", "tasks", "person_hours_per_1000_sqft"} {
		assert.Contains(t, got, k)
	}
	assert.Equal(t, float64(192), got["area_sqft"])
	assert.Len(t, got["tasks"], len(s.Tasks))

	dir := t.TempDir()
	files, err := WritePackage(dir, d, cat, nil)
	require.NoError(t, err)
	assert.Len(t, files, 4)
	if _, err := exec.LookPath("rsvg-convert"); err == nil {
		out, err := exec.Command("rsvg-convert", "-o", filepath.Join(dir, "gantt.png"), filepath.Join(dir, "gantt.svg")).CombinedOutput()
		require.NoError(t, err, "%s", out)
		fi, err := os.Stat(filepath.Join(dir, "gantt.png"))
		require.NoError(t, err)
		assert.Positive(t, fi.Size())
	}
}

// synthetic builds a layered random DAG of n tasks over 8 qualifications.
func synthetic(n int) ([]Task, *designs.Crew) {
	quals := []string{"foundation-crew", "floor-framer", "wall-framer", "opening-framer", "roof-framer", "module-installer", "utility-installer", "solar-installer"}
	seed := uint32(1)
	rnd := func(k int) int { seed = seed*1664525 + 1013904223; return int(seed>>8) % k }
	tasks := make([]Task, n)
	for i := range tasks {
		tasks[i] = Task{ID: fmt.Sprintf("T%d", i+1), Seconds: int64(300 + rnd(3600)), Qual: quals[rnd(len(quals))]}
		for k := 0; k < 3 && i > 0; k++ {
			d := i - 1 - rnd(min(i, 50))
			tasks[i].Deps = append(tasks[i].Deps, d)
		}
	}
	cat, _ := designs.DefaultCatalog()
	crews, _ := designs.DefaultCrews(cat)
	return tasks, crews[designs.OSECrewID]
}

func TestSynthetic(t *testing.T) {
	tasks, crew := synthetic(2000)
	s, err := Plan(tasks, crew)
	require.NoError(t, err)
	checkSchedule(t, s)
}

// BenchmarkSchedule10000 schedules 10,000 tasks on the 24-person crew
// (target: under 100 ms per op).
func BenchmarkSchedule10000(b *testing.B) {
	tasks, crew := synthetic(10000)
	var s *Schedule
	for i := 0; i < b.N; i++ {
		var err error
		s, err = Plan(tasks, crew)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(s.Ratio(), "makespan/lowerbound")
}

// BenchmarkScheduleExamples schedules each example, a finished house, on
// the default and the 24-person crew and reports makespan over its lower
// bound (target at most 1.15 for a finished house) and person-hours per
// 1,000 sq ft (OSE: 500-750 on site).
func BenchmarkScheduleExamples(b *testing.B) {
	for _, f := range examples {
		for _, crewID := range []string{designs.DefaultCrewID, designs.OSECrewID} {
			b.Run(strings.TrimSuffix(filepath.Base(f), ".toml")+"/"+crewID, func(b *testing.B) {
				d, cat, crews := setup(b, f)
				var s *Schedule
				for i := 0; i < b.N; i++ {
					var err error
					s, err = PlanDesign(d, cat, crews[crewID])
					if err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(s.Ratio(), "makespan/lowerbound")
				b.ReportMetric(float64(s.Makespan)/3600, "makespan-h")
				b.ReportMetric(s.PersonHours().InexactFloat64()*1000/float64(FloorArea(d, cat)), "personhours/1000sqft")
			})
		}
	}
}
