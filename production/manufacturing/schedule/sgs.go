package schedule

import (
	"container/heap"
	"math/bits"
	"math/rand/v2"
	"sort"
)

// problem is a task graph and crew prepared for the schedule generators.
type problem struct {
	tasks   []Task
	users   [][]int32
	order   []int   // a topological order
	pos     []int   // task -> place in order
	tail    []int64 // longest path from the task's start to the end
	head    []int64 // longest path from the start to the task's start
	qual    []int   // task -> qualification index
	holders [][]int // qualification -> members holding it, fewest-qualified first
	members int
}

// slotsEnd is the makespan of a set of slots.
func slotsEnd(sl []Slot) int64 {
	var m int64
	for _, s := range sl {
		m = max(m, s.End)
	}
	return m
}

// parallel is the parallel schedule-generation scheme: time advances from
// event to event (a task finishing); at each event the ready tasks are
// started in priority order (higher prio first, then lower index) on a free
// crew member holding the task's qualification, the one with the fewest
// other qualifications so the versatile people stay free.
func (p *problem) parallel(prio []int64) []Slot {
	tasks, n := p.tasks, len(p.tasks)
	slots := make([]Slot, n)
	waiting := make([]int32, n)
	ready := make([]taskHeap, len(p.holders))
	for i, t := range tasks {
		waiting[i] = int32(len(t.Deps))
		if waiting[i] == 0 {
			heap.Push(&ready[p.qual[i]], item{i, prio[i]})
		}
	}
	free := make([]bool, p.members)
	for i := range free {
		free[i] = true
	}
	var events eventHeap
	var now int64
	started := 0
	for started < n {
		// Start ready tasks, highest priority first across qualifications.
		for {
			bestQ, bestM := -1, -1
			var bestP int64
			for q := range ready {
				if ready[q].Len() == 0 {
					continue
				}
				top := ready[q].items[0]
				if bestQ >= 0 && (top.prio < bestP || (top.prio == bestP && top.task > ready[bestQ].items[0].task)) {
					continue
				}
				for _, mi := range p.holders[q] {
					if free[mi] {
						bestQ, bestM, bestP = q, mi, top.prio
						break
					}
				}
			}
			if bestQ < 0 {
				break
			}
			it := heap.Pop(&ready[bestQ]).(item)
			free[bestM] = false
			end := now + tasks[it.task].Seconds
			slots[it.task] = Slot{Task: it.task, Member: bestM, Start: now, End: end}
			heap.Push(&events, event{end, it.task, bestM})
			started++
		}
		if events.Len() == 0 {
			break
		}
		// Advance to the next finish; release everything finishing then.
		now = events[0].at
		for events.Len() > 0 && events[0].at == now {
			ev := heap.Pop(&events).(event)
			free[ev.member] = true
			for _, u := range p.users[ev.task] {
				waiting[u]--
				if waiting[u] == 0 {
					heap.Push(&ready[p.qual[u]], item{int(u), prio[u]})
				}
			}
		}
	}
	return slots
}

// list turns priorities into a precedence-feasible task list: repeatedly
// the eligible task of highest priority (then lower index).
func (p *problem) list(prio []int64) []int {
	n := len(p.tasks)
	waiting := make([]int32, n)
	var ready taskHeap
	for i, t := range p.tasks {
		waiting[i] = int32(len(t.Deps))
		if waiting[i] == 0 {
			heap.Push(&ready, item{i, prio[i]})
		}
	}
	out := make([]int, 0, n)
	for ready.Len() > 0 {
		it := heap.Pop(&ready).(item)
		out = append(out, it.task)
		for _, u := range p.users[it.task] {
			waiting[u]--
			if waiting[u] == 0 {
				heap.Push(&ready, item{int(u), prio[u]})
			}
		}
	}
	return out
}

// timeline is one member's busy intervals, sorted and disjoint.
type timeline []Slot

// fit is the earliest start >= t0 of a gap of length d.
func (tl timeline) fit(t0, d int64) int64 {
	k := sort.Search(len(tl), func(k int) bool { return tl[k].End > t0 })
	for ; k < len(tl); k++ {
		if tl[k].Start >= t0+d {
			return t0
		}
		t0 = max(t0, tl[k].End)
	}
	return t0
}

func (tl *timeline) insert(s Slot) {
	k := sort.Search(len(*tl), func(k int) bool { return (*tl)[k].Start >= s.End })
	*tl = append(*tl, Slot{})
	copy((*tl)[k+1:], (*tl)[k:])
	(*tl)[k] = s
}

// serial is the serial schedule-generation scheme: tasks in list order
// (precedence-feasible), each at the earliest time its dependencies allow
// and some qualified member has a gap for it (fewest qualifications first
// among equally early members). With back set, the graph is reversed
// (a task waits for its users) and times run from the end.
func (p *problem) serial(list []int, back bool) []Slot {
	n := len(p.tasks)
	slots := make([]Slot, n)
	lines := make([]timeline, p.members)
	for _, i := range list {
		var t0 int64
		if back {
			for _, u := range p.users[i] {
				t0 = max(t0, slots[u].End)
			}
		} else {
			for _, d := range p.tasks[i].Deps {
				t0 = max(t0, slots[d].End)
			}
		}
		d := p.tasks[i].Seconds
		best, bm := int64(-1), -1
		for _, mi := range p.holders[p.qual[i]] {
			if st := lines[mi].fit(t0, d); best < 0 || st < best {
				best, bm = st, mi
				if st == t0 {
					break
				}
			}
		}
		s := Slot{Task: i, Member: bm, Start: best, End: best + d}
		slots[i] = s
		if d > 0 {
			lines[bm].insert(s)
		}
	}
	return slots
}

// justify is one forward-backward improvement step (Valls, Ballestin and
// Quintanilla, 2005): schedule every task as late as possible in the order
// of its finish (latest first), then as early as possible in the order of
// those late starts. Neither pass can lengthen the schedule.
func (p *problem) justify(sl []Slot) []Slot {
	n := len(p.tasks)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool {
		x, y := idx[a], idx[b]
		if sl[x].End != sl[y].End {
			return sl[x].End > sl[y].End
		}
		return p.pos[x] > p.pos[y]
	})
	back := p.serial(idx, true)
	// back times run from the end: the latest real start is first
	sort.Slice(idx, func(a, b int) bool {
		x, y := idx[a], idx[b]
		if back[x].End != back[y].End {
			return back[x].End > back[y].End
		}
		return p.pos[x] < p.pos[y]
	})
	return p.serial(idx, false)
}

// rules are the priority rules tried, each a priority per task (higher
// first): longest remaining path; remaining path with the task's own
// qualification pressure; greatest rank positional weight (own time plus
// the time of its direct users); most direct users; and earliest possible
// start (lowest head).
func (p *problem) rules() [][]int64 {
	n := len(p.tasks)
	qualWork := make([]int64, len(p.holders))
	for i, t := range p.tasks {
		qualWork[p.qual[i]] += t.Seconds
	}
	lrp := p.tail
	press := make([]int64, n)
	grpw := make([]int64, n)
	users := make([]int64, n)
	est := make([]int64, n)
	for i, t := range p.tasks {
		q := p.qual[i]
		press[i] = p.tail[i] + qualWork[q]/int64(len(p.holders[q]))/4
		grpw[i] = t.Seconds
		for _, u := range p.users[i] {
			grpw[i] += p.tasks[u].Seconds
		}
		users[i] = int64(len(p.users[i]))<<40 + p.tail[i]
		est[i] = -p.head[i]<<20 + p.tail[i]
	}
	return [][]int64{lrp, press, grpw, users, est}
}

// improve justifies sl while that shortens it, spending passes.
func (p *problem) improve(sl []Slot, passes int, try func([]Slot) bool) int {
	for passes >= 2 {
		nx := p.justify(sl)
		passes -= 2
		improved := slotsEnd(nx) < slotsEnd(sl)
		try(nx)
		if !improved {
			break
		}
		sl = nx
	}
	return passes
}

// best runs every priority rule through both schedule-generation schemes,
// improves the better ones by forward-backward justification, and keeps
// the shortest schedule (the first found on ties). passes bounds the work.
func (p *problem) best(passes int) []Slot {
	var bestSl []Slot
	bestM := int64(-1)
	try := func(sl []Slot) bool {
		m := slotsEnd(sl)
		if bestM < 0 || m < bestM {
			bestSl, bestM = sl, m
			return true
		}
		return false
	}
	var starts [][]Slot
	for _, prio := range p.rules() {
		if passes <= 0 {
			break
		}
		a := p.parallel(prio)
		b := p.serial(p.list(prio), false)
		passes -= 2
		try(a)
		try(b)
		starts = append(starts, a, b)
	}
	for _, sl := range starts {
		passes = p.improve(sl, passes, try)
	}
	// Spend what is left on randomized samples through the serial scheme,
	// each justified: in turn the remaining path with a random weight of up
	// to a half, and a random order.
	r := rand.New(rand.NewPCG(uint64(len(p.tasks)), 14))
	prio := make([]int64, len(p.tasks))
	for k := 0; passes >= 3; k++ {
		for i, t := range p.tail {
			if k%2 == 0 {
				prio[i] = t + int64(r.Float64()*float64(t)/2)
			} else {
				prio[i] = r.Int64()
			}
		}
		sl := p.serial(p.list(prio), false)
		passes--
		try(sl)
		passes = p.improve(sl, passes, try)
	}
	return bestSl
}

// passBudget is the task placements the improvement search may spend: the
// number of schedule-generation passes falls as the graph grows, so a
// schedule of 10,000 tasks still takes a fraction of a second.
const passBudget = 40_000

// Passes is the number of schedule-generation passes Plan spends on n
// tasks: at least 4, at most 1,000.
func Passes(n int) int { return min(1000, max(4, passBudget/max(n, 1))) }

// qualBound is the qualification bound: for every set Q of qualifications
// (every subset when there are at most 12 of them, else each one alone and
// all together), the tasks needing one of Q cannot start before the
// earliest of their heads, must leave the least of their remaining paths
// after them, and in between the m people holding any of Q must do them
// all: their total work over m, and since someone does at least
// ceil(count/m) of them, one after the other, the sum of that many of the
// shortest.
func (p *problem) qualBound() int64 {
	k := len(p.holders)
	work := make([]int64, k)
	head := make([]int64, k)
	tail := make([]int64, k)
	durs := make([][]int64, k) // per qualification, ascending
	for i, t := range p.tasks {
		durs[p.qual[i]] = append(durs[p.qual[i]], t.Seconds)
	}
	for _, d := range durs {
		sort.Slice(d, func(a, b int) bool { return d[a] < d[b] })
	}
	for q := range head {
		head[q], tail[q] = -1, -1
	}
	for i, t := range p.tasks {
		q := p.qual[i]
		work[q] += t.Seconds
		if h := p.head[i]; head[q] < 0 || h < head[q] {
			head[q] = h
		}
		if r := p.tail[i] - t.Seconds; tail[q] < 0 || r < tail[q] {
			tail[q] = r
		}
	}
	words := (p.members + 63) / 64
	sets := make([][]uint64, k)
	for q, hs := range p.holders {
		sets[q] = make([]uint64, words)
		for _, m := range hs {
			sets[q][m/64] |= 1 << uint(m%64)
		}
	}
	bound := func(qs []int) int64 {
		var w int64
		h, r := int64(-1), int64(-1)
		union := make([]uint64, words)
		for _, q := range qs {
			w += work[q]
			if h < 0 || head[q] < h {
				h = head[q]
			}
			if r < 0 || tail[q] < r {
				r = tail[q]
			}
			for x := range union {
				union[x] |= sets[q][x]
			}
		}
		m := int64(0)
		for _, x := range union {
			m += int64(popcount(x))
		}
		if m == 0 || w == 0 {
			return 0
		}
		return h + max((w+m-1)/m, shortest(durs, qs, m)) + r
	}
	var best int64
	if k <= 12 {
		qs := make([]int, 0, k)
		for mask := 1; mask < 1<<k; mask++ {
			qs = qs[:0]
			for q := 0; q < k; q++ {
				if mask&(1<<q) != 0 {
					qs = append(qs, q)
				}
			}
			best = max(best, bound(qs))
		}
		return best
	}
	all := make([]int, k)
	for q := range all {
		all[q] = q
		best = max(best, bound([]int{q}))
	}
	return max(best, bound(all))
}

// shortest is the sum of the ceil(count/m) shortest durations among the
// qualifications qs (lists ascending), count being their number of tasks.
func shortest(durs [][]int64, qs []int, m int64) int64 {
	count := 0
	for _, q := range qs {
		count += len(durs[q])
	}
	c := (int64(count) + m - 1) / m
	if c <= 1 || c > 64 {
		// one task each: the work bound covers it; over 64 each: it adds
		// less than one task to the work bound, not worth the time
		return 0
	}
	at := make([]int, len(qs))
	var sum int64
	for ; c > 0; c-- {
		bi := -1
		for j, q := range qs {
			if at[j] < len(durs[q]) && (bi < 0 || durs[q][at[j]] < durs[qs[bi]][at[bi]]) {
				bi = j
			}
		}
		sum += durs[qs[bi]][at[bi]]
		at[bi]++
	}
	return sum
}

func popcount(x uint64) int { return bits.OnesCount64(x) }
