package schedule

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

// SiteOp is the op of whole-house work: on site, not a module.
const SiteOp = "site"

// FinishedRatioTarget is the target of makespan over lower bound for a
// schedule with whole-house work: its phases wait for each other, which
// the lower bound sees only in part (the phase-stage bound), so the target
// is looser than the modules' 1.10.
const FinishedRatioTarget = 1.15

// partTask is the longest a whole-house task is: longer work (the wiring
// of a house, its drywall) is split into tasks of half an 8-hour day, so
// several qualified people can share it and the phases pack tightly.
const partTask = 4 * 3600

// AddHouseItems adds the whole-house work of a design (the catalog's
// house items priced by designs.Catalog.HouseLines, per house of a design
// grouped into houses) to its module tasks. Each item becomes tasks of at
// most 4 hours, with ids like "F-drywall-ceiling-2" (and "@house-slug" in a
// grouped design). An item task of phase P waits for the module installs
// of earlier phases that no other such install waits for (the ends of the
// module graph), and for every item task of the latest earlier phase with
// items: the phases follow each other, A to G.
func AddHouseItems(tasks []Task, d *designs.Design, cat *designs.Catalog) []Task {
	parts, rest := d.SplitHouses()
	if len(parts) == 0 {
		whole := *d
		parts = []designs.HousePart{{Design: &whole}}
	} else if len(rest) > 0 {
		hd := *d
		hd.Placements = rest
		parts = append(parts, designs.HousePart{Design: &hd})
	}
	for _, hp := range parts {
		tasks = addHouse(tasks, hp, cat)
	}
	return tasks
}

// addHouse adds one house's item tasks.
func addHouse(tasks []Task, hp designs.HousePart, cat *designs.Catalog) []Task {
	house := hp.Name
	byPhase := map[string][]int{} // item tasks of each phase
	suffix := ""
	if house != "" {
		suffix = "@" + hp.Slug
	}
	lines := cat.HouseLines(hp.Design)
	for _, ph := range cat.Phases {
		deps := moduleEnds(tasks, house, ph.ID)
		for _, a := range ph.After {
			deps = append(deps, byPhase[a]...)
		}
		sort.Ints(deps)
		for _, l := range lines {
			if l.Item.Phase != ph.ID || l.Minutes.Sign() <= 0 {
				continue
			}
			total := seconds(l.Minutes)
			n := (total + partTask - 1) / partTask
			for k := int64(0); k < n; k++ {
				sec := min(partTask, total-k*partTask)
				name := fmt.Sprintf("%s (%s %s), part %d of %d", l.Item.Name, l.Qty, basisUnit(l.Item.Basis), k+1, n)
				if n == 1 {
					name = fmt.Sprintf("%s (%s %s)", l.Item.Name, l.Qty, basisUnit(l.Item.Basis))
				}
				tasks = append(tasks, Task{ID: fmt.Sprintf("%s-%s-%d%s", ph.ID, l.Item.ID, k+1, suffix), Name: name,
					Phase: ph.Label(), PhaseID: ph.ID, Kind: "item", Op: SiteOp, Module: -1, Seconds: sec, Qual: l.Item.Qual, Item: l.Item.ID,
					Deps: append([]int(nil), deps...), House: house})
			}
		}
		for i := len(tasks) - 1; i >= 0 && tasks[i].Op == SiteOp && tasks[i].PhaseID == ph.ID && tasks[i].House == house; i-- {
			byPhase[ph.ID] = append(byPhase[ph.ID], i)
		}
	}
	return tasks
}

// moduleEnds lists the house's module installs a whole-house task of phase
// id waits for: those of earlier phases (and of its own phase, after
// phase A: siding waits for the walls, the plumbing for its core) that no
// other such install waits for.
func moduleEnds(tasks []Task, house, id string) []int {
	in := func(t Task) bool {
		return t.Op == "install" && t.House == house && (t.PhaseID < id || (t.PhaseID == id && id > "A"))
	}
	waited := map[int]bool{}
	for _, t := range tasks {
		if in(t) {
			for _, dep := range t.Deps {
				waited[dep] = true
			}
		}
	}
	var out []int
	for i, t := range tasks {
		if in(t) && !waited[i] {
			out = append(out, i)
		}
	}
	return out
}

// basisUnit names a basis's unit for task names.
func basisUnit(basis string) string {
	switch basis {
	case designs.BasisFloor, designs.BasisRoof:
		return strings.Replace(basis, "_sqft", " sq ft", 1)
	case designs.BasisExtWall, designs.BasisIntWall:
		return strings.ReplaceAll(strings.TrimSuffix(basis, "_ft"), "_", " ") + " ft"
	}
	return strings.ReplaceAll(basis, "_", " ")
}

// PhaseHours is one phase's person-hours in a schedule: on site (module
// installs and whole-house work) and at the module build stations.
type PhaseHours struct {
	Phase  designs.Phase
	Site   decimal.Decimal
	Prefab decimal.Decimal
}

// Total is site plus prefab hours.
func (p PhaseHours) Total() decimal.Decimal { return p.Site.Add(p.Prefab) }

// PhaseHours sums the schedule's work by OSE phase, A to G (the phases
// of s.Phases).
func (s *Schedule) PhaseHours() []PhaseHours {
	out := make([]PhaseHours, len(s.Phases))
	at := map[string]int{}
	for i, p := range s.Phases {
		out[i].Phase = p
		at[p.ID] = i
	}
	site, prefab := make([]int64, len(out)), make([]int64, len(out))
	for _, t := range s.Tasks {
		i, ok := at[t.PhaseID]
		if !ok {
			continue
		}
		if t.Op == "build" {
			prefab[i] += t.Seconds
		} else {
			site[i] += t.Seconds
		}
	}
	h := decimal.NewFromInt(3600)
	for i := range out {
		out[i].Site = decimal.NewFromInt(site[i]).Div(h)
		out[i].Prefab = decimal.NewFromInt(prefab[i]).Div(h)
	}
	return out
}

// PhaseTable prints the person-hours of each phase, on site and at the
// build stations, and per 1,000 sq ft of floor beside OSE's target for the
// phase (OSE counts every hour on site, and its module build stations
// stand on site, so both count).
func (s *Schedule) PhaseTable(areaSqFt int) string {
	var b bytes.Buffer
	b.WriteString("Person-hours by phase (OSE's targets per 1,000 sq ft, Seed Eco-Home Optimized Build Time):\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  phase\ton site\tbuild stations\ttotal\tper 1,000 sq ft\tOSE target\t\n")
	thousand := decimal.NewFromInt(1000)
	for _, ph := range s.PhaseHours() {
		per, mark := "-", ""
		if areaSqFt > 0 {
			v := ph.Total().Mul(thousand).Div(decimal.NewFromInt(int64(areaSqFt)))
			per = v.StringFixed(0)
			switch {
			case v.Round(0).LessThan(decimal.NewFromInt(int64(ph.Phase.HoursLow))):
				mark = " (under)"
			case v.Round(0).GreaterThan(decimal.NewFromInt(int64(ph.Phase.HoursHigh))):
				mark = " (over)"
			}
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%d-%d%s\t\n", ph.Phase.Label(), ph.Site.StringFixed(1), ph.Prefab.StringFixed(1),
			ph.Total().StringFixed(1), per, ph.Phase.HoursLow, ph.Phase.HoursHigh, mark)
	}
	tw.Flush()
	return b.String()
}

// stageBound is the bound of the whole-house stages: the item tasks of one
// phase of one house (a stage) all wait for the same tasks, so a stage
// cannot start before every one of them can have finished (a module
// install at its head plus its length; an earlier stage at its own bound;
// all the work they wait for, directly or not, shared by the crew and by
// the holders of each qualification)
// and then lasts at least the longest of its tasks, its work over the
// crew, and each qualification's share of its work over the people holding
// it. The latest end of a stage bounds the makespan.
func (p *problem) stageBound() int64 {
	type stage struct{ end int64 }
	stageOf := make(map[int]*stage)
	var best int64
	tasks := p.tasks
	for i := 0; i < len(tasks); {
		if tasks[i].Op != SiteOp {
			i++
			continue
		}
		j := i
		for j < len(tasks) && tasks[j].Op == SiteOp && tasks[j].House == tasks[i].House && tasks[j].PhaseID == tasks[i].PhaseID {
			j++
		}
		start := p.ancestorBound(tasks[i].Deps)
		for _, d := range tasks[i].Deps {
			if st := stageOf[d]; st != nil {
				start = max(start, st.end)
			} else {
				start = max(start, p.head[d]+tasks[d].Seconds)
			}
		}
		length := p.stageLength(i, j)
		st := &stage{end: start + length}
		for k := i; k < j; k++ {
			stageOf[k] = st
		}
		best = max(best, st.end)
		i = j
	}
	return best
}

// stageLength is the least time the tasks [i, j) take once they can
// start: the longest of them, their work over the crew, and for each
// qualification its work over the people holding it and, since one of
// them does at least ceil(count/holders) of its tasks one after the other,
// the sum of that many of the shortest.
func (p *problem) stageLength(i, j int) int64 {
	tasks := p.tasks
	var work, longest int64
	perQual := map[int][]int64{}
	var all []int64
	for k := i; k < j; k++ {
		work += tasks[k].Seconds
		longest = max(longest, tasks[k].Seconds)
		perQual[p.qual[k]] = append(perQual[p.qual[k]], tasks[k].Seconds)
		all = append(all, tasks[k].Seconds)
	}
	m := int64(p.members)
	length := max(longest, (work+m-1)/m, shortestOf(all, m))
	for q, ds := range perQual {
		h := int64(len(p.holders[q]))
		if h == 0 {
			continue
		}
		var w int64
		for _, d := range ds {
			w += d
		}
		length = max(length, (w+h-1)/h, shortestOf(ds, h))
	}
	return length
}

// shortestOf is the sum of the ceil(len(ds)/m) shortest of ds: the least
// work of whoever of m people does the most of these tasks.
func shortestOf(ds []int64, m int64) int64 {
	c := (int64(len(ds)) + m - 1) / m
	sorted := append([]int64(nil), ds...)
	sort.Slice(sorted, func(a, b int) bool { return sorted[a] < sorted[b] })
	var sum int64
	for k := int64(0); k < c && k < int64(len(sorted)); k++ {
		sum += sorted[k]
	}
	return sum
}

// ancestorBound is the least time in which the crew can do every task that
// deps wait for, directly or not: their work over the crew, and each
// qualification's work over the people holding it.
func (p *problem) ancestorBound(deps []int) int64 {
	seen := make([]bool, len(p.tasks))
	stack := append([]int(nil), deps...)
	var work int64
	perQual := map[int]int64{}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[i] {
			continue
		}
		seen[i] = true
		work += p.tasks[i].Seconds
		perQual[p.qual[i]] += p.tasks[i].Seconds
		stack = append(stack, p.tasks[i].Deps...)
	}
	m := int64(p.members)
	b := (work + m - 1) / m
	for q, w := range perQual {
		if h := int64(len(p.holders[q])); h > 0 {
			b = max(b, (w+h-1)/h)
		}
	}
	return b
}
