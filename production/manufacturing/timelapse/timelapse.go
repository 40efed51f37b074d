// Package timelapse replays a crew schedule (production/manufacturing/
// schedule) over a design: for any moment of the build it gives which
// modules stand (a module appears when its install task ends and grows
// while the task runs), where each crew member is and on which task, and
// the build clock in working days and hours. Render draws the replay as an
// animated GIF of the plan seen from above.
//
// Time is the schedule's: seconds of working time from the start of the
// build. The clock cuts it into working days of the shop's hours per day,
// starting at StartHour each morning.
package timelapse

import (
	"fmt"
	"sort"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing/schedule"
)

// StartHour is the hour of the day work starts on the clock.
const StartHour = 8

// Point is a position on the plan in cells (x east, y south); the build
// stations stand in a column east of the grid.
type Point struct{ X, Y float64 }

// Piece is one placed module as the replay draws it.
type Piece struct {
	Placement int    // index into the design's placements
	Module    string // module id
	Category  string // module category id
	Edge      string // "" for a cell module, else the side the wall stands on
	// A and B are the corners of a cell module's footprint, or the two ends
	// of an edge module's run, in cells.
	A, B Point
	// Task is the install task that raises the piece; Start and End its
	// scheduled times. Pieces with no install task stand from the start.
	Task       int
	Start, End int64
}

// Centre is the middle of the piece.
func (p Piece) Centre() Point { return Point{(p.A.X + p.B.X) / 2, (p.A.Y + p.B.Y) / 2} }

// Model is a schedule ready to replay.
type Model struct {
	Design      *designs.Design
	Schedule    *schedule.Schedule
	HoursPerDay int
	Pieces      []Piece // in install order (by end time, then task index)
	// byMember lists each crew member's slots (task indexes) by start.
	byMember [][]int
	// at is the centre of each placement's piece; site the middle of the
	// house, where whole-house work (siding, wiring, finishes) is done.
	at   []Point
	site Point
}

// New prepares the replay of schedule s of design d. hoursPerDay must be
// positive.
func New(d *designs.Design, cat *designs.Catalog, s *schedule.Schedule, hoursPerDay int) (*Model, error) {
	if hoursPerDay <= 0 {
		return nil, fmt.Errorf("timelapse: hours per day must be positive, got %d", hoursPerDay)
	}
	m := &Model{Design: d, Schedule: s, HoursPerDay: hoursPerDay}
	install := make([]int, len(d.Placements))
	for i := range install {
		install[i] = -1
	}
	for i, t := range s.Tasks {
		if t.Op == "install" && t.Module >= 0 && t.Module < len(d.Placements) && install[t.Module] < 0 {
			install[t.Module] = i
		}
	}
	for i, p := range d.Placements {
		mod, err := cat.Module(p.Module)
		if err != nil {
			return nil, fmt.Errorf("timelapse: placement %d: %w", i, err)
		}
		pc := piece(p, mod)
		pc.Placement, pc.Task = i, install[i]
		if pc.Task >= 0 {
			pc.Start, pc.End = s.Slots[pc.Task].Start, s.Slots[pc.Task].End
		}
		m.Pieces = append(m.Pieces, pc)
	}
	sort.SliceStable(m.Pieces, func(a, b int) bool {
		pa, pb := m.Pieces[a], m.Pieces[b]
		if pa.End != pb.End {
			return pa.End < pb.End
		}
		return pa.Task < pb.Task
	})
	m.at = make([]Point, len(d.Placements))
	lo, hi := Point{float64(d.Grid.Width), float64(d.Grid.Height)}, Point{}
	for _, pc := range m.Pieces {
		m.at[pc.Placement] = pc.Centre()
		lo = Point{min(lo.X, pc.A.X, pc.B.X), min(lo.Y, pc.A.Y, pc.B.Y)}
		hi = Point{max(hi.X, pc.A.X, pc.B.X), max(hi.Y, pc.A.Y, pc.B.Y)}
	}
	m.site = Point{(lo.X + hi.X) / 2, (lo.Y + hi.Y) / 2}
	m.byMember = make([][]int, len(s.Crew.Members))
	for i, sl := range s.Slots {
		if sl.Member >= 0 && sl.Member < len(m.byMember) {
			m.byMember[sl.Member] = append(m.byMember[sl.Member], i)
		}
	}
	for _, l := range m.byMember {
		sort.SliceStable(l, func(a, b int) bool { return s.Slots[l[a]].Start < s.Slots[l[b]].Start })
	}
	return m, nil
}

// piece places a module on the plan.
func piece(p designs.Placement, mod *designs.Module) Piece {
	x, y := float64(p.X), float64(p.Y)
	n := float64(max(mod.Cells, 1))
	pc := Piece{Module: mod.ID, Category: mod.Category, Edge: p.Edge}
	switch p.Edge {
	case designs.North:
		pc.A, pc.B = Point{x, y}, Point{x + n, y}
	case designs.South:
		pc.A, pc.B = Point{x, y + 1}, Point{x + n, y + 1}
	case designs.West:
		pc.A, pc.B = Point{x, y}, Point{x, y + n}
	case designs.East:
		pc.A, pc.B = Point{x + 1, y}, Point{x + 1, y + n}
	default:
		w, h := mod.Footprint(p.Rotation)
		pc.A, pc.B = Point{x, y}, Point{x + float64(max(w, 1)), y + float64(max(h, 1))}
	}
	return pc
}

// Clock is a moment of the build on the site's clock.
type Clock struct {
	Day    int // working day, from 1
	Hour   int // hour of the day, from StartHour
	Minute int
}

func (c Clock) String() string { return fmt.Sprintf("day %d %02d:%02d", c.Day, c.Hour, c.Minute) }

// ClockAt is the clock at working time t (seconds). The end of a working
// day reads as its closing time, not the next morning.
func (m *Model) ClockAt(t int64) Clock {
	t = max(t, 0)
	day := int64(m.HoursPerDay) * 3600
	d, sec := t/day, t%day
	if t > 0 && sec == 0 {
		d, sec = d-1, day
	}
	return Clock{Day: int(d) + 1, Hour: StartHour + int(sec/3600), Minute: int(sec % 3600 / 60)}
}

// PieceState is a piece at a moment: Progress 0 not begun, 1 standing,
// between while its install task runs.
type PieceState struct {
	Piece
	Progress float64
}

// CrewState is a crew member at a moment.
type CrewState struct {
	Member int    // index into the crew's members
	ID     string // member id
	Task   int    // task worked on, -1 between tasks
	At     Point  // where the member is, in cells
}

// State is the build at working time T.
type State struct {
	T     int64
	Clock Clock
	// Pieces are those begun or standing, in install order; Standing counts
	// the finished ones.
	Pieces   []PieceState
	Standing int
	Crew     []CrewState
	// Done counts the tasks finished (builds and installs).
	Done int
}

// At is the state of the build at working time t (seconds).
func (m *Model) At(t int64) State {
	st := State{T: t, Clock: m.ClockAt(t)}
	for _, pc := range m.Pieces {
		switch {
		case pc.Task < 0 || t >= pc.End:
			st.Pieces = append(st.Pieces, PieceState{pc, 1})
			st.Standing++
		case t >= pc.Start && pc.End > pc.Start:
			st.Pieces = append(st.Pieces, PieceState{pc, float64(t-pc.Start) / float64(pc.End-pc.Start)})
		}
	}
	for _, sl := range m.Schedule.Slots {
		if sl.End <= t {
			st.Done++
		}
	}
	for k, slots := range m.byMember {
		st.Crew = append(st.Crew, m.member(k, slots, t))
	}
	return st
}

// member places crew member k at time t: at the task it works on, or on
// the way from its last task to its next one.
func (m *Model) member(k int, slots []int, t int64) CrewState {
	cs := CrewState{Member: k, ID: m.Schedule.Crew.Members[k].ID, Task: -1, At: m.Station(k)}
	prevEnd, prevAt := int64(0), cs.At
	for _, i := range slots {
		sl := m.Schedule.Slots[i]
		at := m.TaskPoint(i, k)
		if t < sl.Start {
			if sl.Start > prevEnd {
				f := float64(t-prevEnd) / float64(sl.Start-prevEnd)
				cs.At = Point{prevAt.X + f*(at.X-prevAt.X), prevAt.Y + f*(at.Y-prevAt.Y)}
			} else {
				cs.At = at
			}
			return cs
		}
		if t < sl.End {
			cs.Task, cs.At = i, at
			return cs
		}
		prevEnd, prevAt = sl.End, at
	}
	cs.At = prevAt
	return cs
}

// Station is crew member k's build station, east of the grid.
func (m *Model) Station(k int) Point {
	rows := max(m.Design.Grid.Height, 1)
	return Point{float64(m.Design.Grid.Width) + 1.5 + float64(k/rows), 0.5 + float64(k%rows)}
}

// TaskPoint is where task i is done by member k: a module build at the
// member's station, an install at the module, whole-house site work in
// the middle of the house (each member a little apart, so the dots do not
// hide each other).
func (m *Model) TaskPoint(i, k int) Point {
	t := m.Schedule.Tasks[i]
	switch {
	case t.Op == "install" && t.Module >= 0 && t.Module < len(m.at):
		return m.at[t.Module]
	case t.Op == schedule.SiteOp:
		return Point{m.site.X + 0.4*float64(k%3-1), m.site.Y + 0.4*float64(k/3%3-1)}
	}
	return m.Station(k)
}
