package training

import "sort"

// AutoPlay plays a level the way a good trainee would, taking think ticks
// per decision: in pick levels it picks a valid install order, one task
// per decision; in crew levels, at each decision it gives the ready tasks
// with the longest remaining chain of work first to free members that may
// do them (specialists before generalists). It returns the ended session,
// whose Replay is a valid attempt. Tests, demos and level checks use it.
func AutoPlay(l *Level, think int) *Session {
	think = max(think, 1)
	s := NewSession(l)
	if !l.CrewMode() {
		for _, i := range l.graph.Order() {
			s.AdvanceTo(s.tick + think)
			s.Pick(l.graph.Tasks[i].ID)
			if s.status != Playing {
				break
			}
		}
		return s
	}
	prio := chainTicks(l)
	for s.status == Playing {
		var ready []int
		for i := range l.graph.Tasks {
			if s.State(i) == Ready {
				ready = append(ready, i)
			}
		}
		sort.SliceStable(ready, func(a, b int) bool { return prio[ready[a]] > prio[ready[b]] })
		for _, i := range ready {
			t := l.graph.Tasks[i]
			best := -1
			for k := range l.Crew {
				m := &l.Crew[k]
				okS, okQ := m.Has(t.Skill, t.Qual)
				if s.crew[k].task >= 0 || !okS || !okQ {
					continue
				}
				if best < 0 || len(m.Skills)+len(m.Qualifications) < len(l.Crew[best].Skills)+len(l.Crew[best].Qualifications) {
					best = k
				}
			}
			if best >= 0 {
				s.Assign(t.ID, l.Crew[best].Name)
			}
		}
		s.AdvanceTo(s.tick + think)
	}
	return s
}

// chainTicks is, per task, its duration plus the longest chain of
// durations of the tasks that wait for it.
func chainTicks(l *Level) []int {
	g := l.graph
	order := g.Order()
	users := make([][]int, g.Len())
	for i, t := range g.Tasks {
		for _, d := range t.Deps {
			users[d] = append(users[d], i)
		}
	}
	out := make([]int, g.Len())
	for k := len(order) - 1; k >= 0; k-- {
		i := order[k]
		best := 0
		for _, u := range users[i] {
			best = max(best, out[u])
		}
		out[i] = l.Duration(i) + best
	}
	return out
}
