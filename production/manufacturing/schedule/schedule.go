// Package schedule plans a crew's build of a design: the task graph of
// engine/buildseq (one install task per placed module, in the real build
// order) plus a build task per module (framing it at a build station, which
// must finish before the module is installed), with durations and
// qualifications from the module labour data, scheduled on a crew by a
// resource-constrained list scheduler. It reports the makespan and its lower
// bound, the critical path and the person-hours, as CSV, JSON and a Gantt
// chart in SVG.
//
// The scheduler is the parallel schedule-generation scheme: time advances
// from event to event (a task finishing); at each event the ready tasks are
// started in priority order (longest remaining path to the end first, the
// classic critical-path rule) on a free crew member holding the task's
// qualification, the one with the fewest other qualifications so the
// versatile people stay free.
package schedule

import (
	"fmt"
	"sort"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/buildseq"
	"github.com/shopspring/decimal"
)

// Task is one unit of crew work. Durations are whole seconds of one
// person's work.
type Task struct {
	ID    string // "W7" (install, from buildseq), "W7.build"
	Name  string
	Phase string // "A site prep and foundation" .. "G commissioning, ..." (OSE's phases); BuildPhase for module builds
	// PhaseID is the letter of the OSE phase the work counts in ("A" ..
	// "G"); a module's build counts in its module's phase.
	PhaseID string
	Kind    string // buildseq kind, or "build"
	Op      string // "build", "install" or SiteOp (whole-house work)
	Module  int    // design placement index, -1 when none
	Seconds int64
	Qual    string
	Deps    []int // indexes of tasks that must finish first

	// House is the placement's house in a design grouped into houses.
	House string
	// Item is the whole-house item of a SiteOp task (designs.HouseItem.ID).
	Item string
}

// Minutes is the task's duration in minutes.
func (t *Task) Minutes() decimal.Decimal {
	return decimal.NewFromInt(t.Seconds).Div(decimal.NewFromInt(60))
}

// BuildPhase is the phase name of module build tasks.
const BuildPhase = "0 module build stations"

// FromGraph turns a buildseq install graph into schedule tasks, and adds
// for every placement whose module has build labour a build task (its
// minutes and BuildQual from the catalog) that its install task waits for.
// Install minutes and qualifications come from the graph, which reads them
// from the same module data.
func FromGraph(g *buildseq.Graph, d *designs.Design, cat *designs.Catalog) ([]Task, error) {
	n := len(g.Tasks)
	tasks := make([]Task, 0, 2*n)
	for _, bt := range g.Tasks {
		t := Task{ID: bt.ID, Name: bt.Name, Phase: bt.Kind.Phase(), Kind: string(bt.Kind), Op: "install",
			Module: bt.Module, Seconds: seconds(bt.Minutes), Qual: bt.Qual, Deps: append([]int(nil), bt.Deps...), House: bt.House}
		if bt.Module >= 0 && bt.Module < len(d.Placements) {
			if m := cat.Modules[d.Placements[bt.Module].Module]; m != nil {
				if ph := cat.PhaseByID(m.Phase); ph != nil {
					t.Phase, t.PhaseID = ph.Label(), ph.ID
				}
			}
		}
		tasks = append(tasks, t)
	}
	for i := range g.Tasks {
		p := g.Tasks[i].Module
		if p < 0 || p >= len(d.Placements) {
			continue
		}
		m, err := cat.Module(d.Placements[p].Module)
		if err != nil {
			return nil, err
		}
		build, _ := cat.LabourMinutes(m)
		if build.Sign() <= 0 {
			continue
		}
		tasks = append(tasks, Task{ID: g.Tasks[i].ID + ".build", Name: "build " + m.Name + " for " + g.Tasks[i].ID,
			Phase: BuildPhase, PhaseID: tasks[i].PhaseID, Kind: "build", Op: "build", Module: p, Seconds: seconds(build), Qual: m.BuildQual, House: g.Tasks[i].House})
		tasks[i].Deps = append(tasks[i].Deps, len(tasks)-1)
	}
	return tasks, nil
}

func seconds(min decimal.Decimal) int64 { return min.Mul(decimal.NewFromInt(60)).Round(0).IntPart() }

// FromDesign builds the design's task graph (engine/buildseq) and its
// schedule tasks, for a finished house: the module builds and installs
// and the whole-house work of every phase (AddHouseItems).
func FromDesign(d *designs.Design, cat *designs.Catalog) ([]Task, error) {
	return FromDesignScope(d, cat, designs.ScopeFinished)
}

// FromDesignScope is FromDesign for a scope: designs.ScopeShell leaves the
// whole-house work out.
func FromDesignScope(d *designs.Design, cat *designs.Catalog, scope string) ([]Task, error) {
	g, err := buildseq.FromDesign(d, cat)
	if err != nil {
		return nil, err
	}
	tasks, err := FromGraph(g, d, cat)
	if err != nil || scope == designs.ScopeShell {
		return tasks, err
	}
	return AddHouseItems(tasks, d, cat), nil
}

// Slot is a scheduled task: who does it and when (seconds from the start).
type Slot struct {
	Task     int
	Member   int // index into the crew's members
	Start    int64
	End      int64
	Critical bool // on the critical path of the schedule
}

// Schedule is a crew schedule.
type Schedule struct {
	Tasks []Task
	Crew  *designs.Crew
	Slots []Slot // by task index
	// Makespan is the end of the last task, in seconds.
	Makespan int64
	// CriticalPath is the longest chain of dependencies by duration (task
	// indexes, first to last) and PathSeconds its length.
	CriticalPath []int
	PathSeconds  int64
	// WorkSeconds is the total work. QualBound is the qualification bound:
	// for every set of qualifications, the work needing one of them over
	// the people holding any of them, plus the least time before the first
	// such task can start and after the last can end. LowerBound is the
	// largest of PathSeconds, WorkSeconds over the crew size and QualBound.
	WorkSeconds int64
	LowerBound  int64
	QualBound   int64
	// StageBound is the bound of the whole-house stages (see
	// problem.stageBound), part of LowerBound.
	StageBound int64
	// Phases are the build phases the tasks count in (PlanDesign sets
	// them from the catalog), for PhaseHours and PhaseTable.
	Phases []designs.Phase
	// ChainCritical lists the tasks of the schedule's own critical chain:
	// from the last task back through whichever dependency or crew member
	// it waited for.
	ChainCritical []int
}

// PersonHours is the total work in hours.
func (s *Schedule) PersonHours() decimal.Decimal {
	return decimal.NewFromInt(s.WorkSeconds).Div(decimal.NewFromInt(3600))
}

// Ratio is the makespan over its lower bound.
func (s *Schedule) Ratio() float64 {
	if s.LowerBound == 0 {
		return 1
	}
	return float64(s.Makespan) / float64(s.LowerBound)
}

// Error is a graph the crew cannot build: a dependency cycle or tasks no
// one is qualified for. It names the tasks.
type Error struct {
	Cycle      []string            // task ids on a cycle
	Unassigned map[string][]string // qualification -> task ids no one can do
	// Crew names the crew and where its qualifications come from.
	Crew string
}

func (e *Error) Error() string {
	var parts []string
	if len(e.Cycle) > 0 {
		parts = append(parts, "dependency cycle: "+strings.Join(e.Cycle, " -> "))
	}
	quals := make([]string, 0, len(e.Unassigned))
	for q := range e.Unassigned {
		quals = append(quals, q)
	}
	sort.Strings(quals)
	for _, q := range quals {
		ids := e.Unassigned[q]
		more := ""
		if len(ids) > 12 {
			more = fmt.Sprintf(" and %d more", len(ids)-12)
			ids = ids[:12]
		}
		parts = append(parts, fmt.Sprintf("no one on the crew holds %q for task(s) %s%s", q, strings.Join(ids, ", "), more))
	}
	crew := ""
	if len(e.Unassigned) > 0 && e.Crew != "" {
		crew = " (" + e.Crew + ")"
	}
	return "schedule: " + strings.Join(parts, "; ") + crew
}

// crewLabel names a crew in an Error: its id, its people when they are
// profiles, and whether their qualifications are claimed or verified.
func crewLabel(c *designs.Crew) string {
	if !c.Verified {
		return fmt.Sprintf("crew %s, qualifications claimed by the roster", c.ID)
	}
	ids := make([]string, len(c.Members))
	for i, m := range c.Members {
		ids[i] = m.ID
	}
	return fmt.Sprintf("crew %s: %s, qualifications verified", c.ID, strings.Join(ids, ", "))
}

// Plan schedules tasks on the crew.
func Plan(tasks []Task, crew *designs.Crew) (*Schedule, error) {
	n := len(tasks)
	if crew == nil || len(crew.Members) == 0 {
		return nil, fmt.Errorf("schedule: the crew has no members")
	}
	// qualification -> members holding it, fewest-qualified first
	qualIdx := map[string]int{}
	var holders [][]int
	for _, t := range tasks {
		if _, ok := qualIdx[t.Qual]; !ok {
			qualIdx[t.Qual] = len(holders)
			var hs []int
			for mi := range crew.Members {
				if crew.Members[mi].Has(t.Qual) {
					hs = append(hs, mi)
				}
			}
			sort.SliceStable(hs, func(a, b int) bool {
				return len(crew.Members[hs[a]].Qualifications) < len(crew.Members[hs[b]].Qualifications)
			})
			holders = append(holders, hs)
		}
	}
	serr := &Error{Unassigned: map[string][]string{}, Crew: crewLabel(crew)}
	for _, t := range tasks {
		if len(holders[qualIdx[t.Qual]]) == 0 {
			serr.Unassigned[t.Qual] = append(serr.Unassigned[t.Qual], t.ID)
		}
	}
	for i, t := range tasks {
		for _, d := range t.Deps {
			if d < 0 || d >= n || d == i {
				return nil, fmt.Errorf("schedule: task %s has a bad dependency %d", t.ID, d)
			}
		}
	}
	order, cycle := topo(tasks)
	if cycle != nil {
		for _, i := range cycle {
			serr.Cycle = append(serr.Cycle, tasks[i].ID)
		}
	}
	if len(serr.Cycle) > 0 || len(serr.Unassigned) > 0 {
		return nil, serr
	}

	// Longest path from each task to the end (priority), and the critical
	// path from the start.
	tail := make([]int64, n)
	users := make([][]int32, n)
	for i, t := range tasks {
		for _, d := range t.Deps {
			users[d] = append(users[d], int32(i))
		}
	}
	for k := n - 1; k >= 0; k-- {
		i := order[k]
		var best int64
		for _, u := range users[i] {
			best = max(best, tail[u])
		}
		tail[i] = tasks[i].Seconds + best
	}
	s := &Schedule{Tasks: tasks, Crew: crew, Slots: make([]Slot, n)}
	s.criticalPath(tail, users)
	pr := &problem{tasks: tasks, users: users, order: order, pos: make([]int, n), tail: tail, head: make([]int64, n),
		qual: make([]int, n), holders: holders, members: len(crew.Members)}
	for k, i := range order {
		pr.pos[i] = k
		pr.qual[i] = qualIdx[tasks[i].Qual]
		for _, d := range tasks[i].Deps {
			pr.head[i] = max(pr.head[i], pr.head[d]+tasks[d].Seconds)
		}
	}
	crewSize := int64(len(crew.Members))
	s.QualBound = pr.qualBound()
	s.StageBound = pr.stageBound()
	s.LowerBound = max(s.PathSeconds, (s.WorkSeconds+crewSize-1)/crewSize, s.QualBound, s.StageBound)
	s.Slots = pr.best(Passes(n))
	for _, sl := range s.Slots {
		s.Makespan = max(s.Makespan, sl.End)
	}
	s.markChain(users)
	return s, nil
}

// criticalPath sets WorkSeconds, PathSeconds and CriticalPath from the
// longest remaining path of every task.
func (s *Schedule) criticalPath(tail []int64, users [][]int32) {
	tasks := s.Tasks
	start := -1
	for i := range tasks {
		s.WorkSeconds += tasks[i].Seconds
		if len(tasks[i].Deps) == 0 && (start < 0 || tail[i] > tail[start]) {
			start = i
		}
	}
	if start < 0 {
		return
	}
	s.PathSeconds = tail[start]
	for i := start; i >= 0; {
		s.CriticalPath = append(s.CriticalPath, i)
		next := -1
		for _, u := range users[i] {
			if tail[u] == tail[i]-tasks[i].Seconds && (next < 0 || int(u) < next) {
				next = int(u)
			}
		}
		i = next
	}
}

// markChain walks back from the last-finishing task through whatever it
// waited for: the dependency that finished when it started, or else the
// task its member did just before.
func (s *Schedule) markChain(users [][]int32) {
	n := len(s.Tasks)
	if n == 0 {
		return
	}
	byMember := map[int][]int{}
	last := 0
	for i, sl := range s.Slots {
		byMember[sl.Member] = append(byMember[sl.Member], i)
		if sl.End > s.Slots[last].End {
			last = i
		}
	}
	prevOf := make([]int, n)
	for _, list := range byMember {
		sort.Slice(list, func(a, b int) bool { return s.Slots[list[a]].Start < s.Slots[list[b]].Start })
		for k, t := range list {
			prevOf[t] = -1
			if k > 0 {
				prevOf[t] = list[k-1]
			}
		}
	}
	for i := last; i >= 0; {
		s.Slots[i].Critical = true
		s.ChainCritical = append([]int{i}, s.ChainCritical...)
		st := s.Slots[i].Start
		if st == 0 {
			break
		}
		next := -1
		for _, d := range s.Tasks[i].Deps {
			if s.Slots[d].End == st {
				next = d
				break
			}
		}
		if next < 0 && prevOf[i] >= 0 && s.Slots[prevOf[i]].End == st {
			next = prevOf[i]
		}
		i = next
	}
}

// topo returns a topological order, or the tasks of one cycle.
func topo(tasks []Task) ([]int, []int) {
	n := len(tasks)
	indeg := make([]int, n)
	users := make([][]int, n)
	for i, t := range tasks {
		indeg[i] = len(t.Deps)
		for _, d := range t.Deps {
			users[d] = append(users[d], i)
		}
	}
	order := make([]int, 0, n)
	for i := range tasks {
		if indeg[i] == 0 {
			order = append(order, i)
		}
	}
	for k := 0; k < len(order); k++ {
		for _, u := range users[order[k]] {
			indeg[u]--
			if indeg[u] == 0 {
				order = append(order, u)
			}
		}
	}
	if len(order) == n {
		return order, nil
	}
	// Find a cycle among the tasks left: walk dependencies still unresolved.
	left := make([]bool, n)
	for i := range left {
		left[i] = indeg[i] > 0
	}
	start := -1
	for i := range left {
		if left[i] {
			start = i
			break
		}
	}
	pos := map[int]int{}
	var path []int
	for i := start; ; {
		if p, ok := pos[i]; ok {
			cyc := append([]int(nil), path[p:]...)
			// dependencies point backwards in time: print in build order
			for a, b := 0, len(cyc)-1; a < b; a, b = a+1, b-1 {
				cyc[a], cyc[b] = cyc[b], cyc[a]
			}
			return nil, append(cyc, cyc[0])
		}
		pos[i] = len(path)
		path = append(path, i)
		for _, d := range tasks[i].Deps {
			if left[d] {
				i = d
				break
			}
		}
	}
}

type item struct {
	task int
	prio int64
}

// taskHeap orders ready tasks by longest remaining path, then index.
type taskHeap struct{ items []item }

func (h taskHeap) Len() int { return len(h.items) }
func (h taskHeap) Less(a, b int) bool {
	if h.items[a].prio != h.items[b].prio {
		return h.items[a].prio > h.items[b].prio
	}
	return h.items[a].task < h.items[b].task
}
func (h taskHeap) Swap(a, b int) { h.items[a], h.items[b] = h.items[b], h.items[a] }
func (h *taskHeap) Push(x any)   { h.items = append(h.items, x.(item)) }
func (h *taskHeap) Pop() any {
	old := h.items
	x := old[len(old)-1]
	h.items = old[:len(old)-1]
	return x
}

type event struct {
	at     int64
	task   int
	member int
}

type eventHeap []event

func (h eventHeap) Len() int { return len(h) }
func (h eventHeap) Less(a, b int) bool {
	if h[a].at != h[b].at {
		return h[a].at < h[b].at
	}
	return h[a].task < h[b].task
}
func (h eventHeap) Swap(a, b int) { h[a], h[b] = h[b], h[a] }
func (h *eventHeap) Push(x any)   { *h = append(*h, x.(event)) }
func (h *eventHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
