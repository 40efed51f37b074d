// Package buildseq derives the build task graph of a design: one install
// task per placed module, with the dependencies of the real build order
// (site and foundation, floor, exterior walls with corners first, openings
// after their wall, roof panels once their bearing walls stand, utilities
// after dry-in, interior walls, finishes), and checks a proposed install
// order against it. The crew schedule and the training challenges both use
// this one graph.
//
// Every figure (minutes, skill, qualification) comes from the module data
// through designs.Catalog; nothing is typed here.
package buildseq

import (
	"fmt"
	"sort"

	"github.com/shopspring/decimal"
)

// Kind is what a task installs. Kinds are ranked: a task only ever depends
// on tasks of a lower rank, so the graph of a design never has a cycle.
type Kind string

// Task kinds, in rank order.
const (
	KindFoundation   Kind = "foundation"    // foundation cells
	KindFloor        Kind = "floor"         // floor cassettes
	KindCorner       Kind = "corner"        // solid exterior wall meeting a perpendicular exterior wall
	KindWall         Kind = "wall"          // other solid exterior walls, and interior walls that bear a roof or loft
	KindOpening      Kind = "opening"       // window and door wall modules (exterior, or interior on a bearing line)
	KindLoft         Kind = "loft"          // loft floor panels
	KindRoof         Kind = "roof"          // roof panels (dry-in)
	KindCore         Kind = "core"          // kitchen, bath and mechanical cores (utilities)
	KindInterior     Kind = "interior"      // non-bearing interior walls
	KindInteriorDoor Kind = "interior-door" // non-bearing interior door modules
	KindFinish       Kind = "finish"        // energy-layer modules fitted last
)

// Kinds lists every kind in rank order.
var Kinds = []Kind{KindFoundation, KindFloor, KindCorner, KindWall, KindOpening, KindLoft, KindRoof, KindCore, KindInterior, KindInteriorDoor, KindFinish}

var kindRank = func() map[Kind]int {
	m := map[Kind]int{}
	for i, k := range Kinds {
		m[k] = i
	}
	return m
}()

// Rank is the kind's place in the build order (0 is first).
func (k Kind) Rank() int { return kindRank[k] }

// Phase is the build phase of the kind, lettered like OSE's phases:
// "A site and foundation", "B floor", "C walls", "D roof", "E utilities",
// "F interior", "G finishes".
func (k Kind) Phase() string {
	switch k {
	case KindFoundation:
		return "A site and foundation"
	case KindFloor:
		return "B floor"
	case KindCorner, KindWall, KindOpening:
		return "C walls"
	case KindLoft, KindRoof:
		return "D roof"
	case KindCore:
		return "E utilities"
	case KindInterior, KindInteriorDoor:
		return "F interior"
	}
	return "G finishes"
}

var prefixes = map[Kind]string{
	KindFoundation: "F", KindFloor: "FL", KindCorner: "W", KindWall: "W", KindOpening: "O",
	KindLoft: "L", KindRoof: "R", KindCore: "U", KindInterior: "I", KindInteriorDoor: "I", KindFinish: "E",
}

// Task is one install task.
type Task struct {
	// ID is the short stable label shown to people, such as "W7" or "R3":
	// a letter for the kind and a number counting the design's placements
	// of that letter in file order.
	ID string
	// Name describes the task: "roof panel 4x8 over cells (2,1)-(2,2)".
	Name string
	// Noun is how messages call the task: "wall", "roof panel", "window".
	Noun string
	// Module is the placement index in the design (or the member index in
	// a framing graph).
	Module int
	// ModuleID is the catalog module id ("wall-ext-4x8"); for framing
	// members, the cut part name ("king stud").
	ModuleID string
	Kind     Kind
	// Minutes is the install time from the module's labour data.
	Minutes decimal.Decimal
	// Skill is the skill of the install labour ("install", "utilities").
	Skill string
	// Qual is the qualification the installer needs (Module.InstallQual).
	Qual string
	// Deps are the indexes of the tasks that must be done first, ascending.
	Deps []int
	// X, Y, Edge, W, H locate the task on the grid for drawing: the
	// placement's cell, its edge for walls, and the covered size in cells.
	X, Y, W, H int
	Edge       string
	// House is the house the placement belongs to in a design grouped into
	// houses (designs.Placement.House), empty otherwise.
	House string
}

// Graph is a task graph. Tasks[i].Deps index into Tasks.
type Graph struct {
	Tasks []Task
	byID  map[string]int
}

// Index returns the index of the task with the id, or -1.
func (g *Graph) Index(id string) int {
	if i, ok := g.byID[id]; ok {
		return i
	}
	return -1
}

// Len is the number of tasks.
func (g *Graph) Len() int { return len(g.Tasks) }

func (g *Graph) index() {
	g.byID = make(map[string]int, len(g.Tasks))
	for i := range g.Tasks {
		g.byID[g.Tasks[i].ID] = i
	}
}

// Waits explains a dependency: "roof panel R3 needs wall W7 standing first".
func (g *Graph) Waits(task, dep int) string {
	t, d := &g.Tasks[task], &g.Tasks[dep]
	verb := "in place"
	switch d.Kind {
	case KindCorner, KindWall, KindOpening, KindInterior, KindInteriorDoor:
		verb = "standing"
	case "member":
		verb = "fixed"
	}
	return fmt.Sprintf("%s %s needs %s %s %s first", t.Noun, t.ID, d.Noun, d.ID, verb)
}

// Blocker returns the first dependency of task that is not done, or -1
// when the task is ready. done is indexed by task.
func (g *Graph) Blocker(done []bool, task int) int {
	for _, d := range g.Tasks[task].Deps {
		if !done[d] {
			return d
		}
	}
	return -1
}

// OrderError names the first task of a proposed order that is out of order
// and the task it waits for.
type OrderError struct {
	Pos   int    // position in the proposed order (0-based)
	Task  int    // task index, -1 for an unknown id
	Waits int    // the dependency not yet done, -1 when not a wait
	Msg   string // "roof panel R3 needs wall W7 standing first"
}

func (e *OrderError) Error() string { return fmt.Sprintf("step %d: %s", e.Pos+1, e.Msg) }

// CheckOrder checks a complete install order given as task indexes: every
// task exactly once, each after all its dependencies. It returns nil for a
// valid order, or the first problem.
func (g *Graph) CheckOrder(order []int) *OrderError {
	if err := g.CheckPrefix(order); err != nil {
		return err
	}
	if len(order) < len(g.Tasks) {
		seen := make([]bool, len(g.Tasks))
		for _, i := range order {
			seen[i] = true
		}
		for i, s := range seen {
			if !s {
				return &OrderError{Pos: len(order), Task: i, Waits: -1, Msg: fmt.Sprintf("the order never installs %s %s", g.Tasks[i].Noun, g.Tasks[i].ID)}
			}
		}
	}
	return nil
}

// CheckPrefix checks the start of an install order: each task at most once
// and after all its dependencies; tasks not yet named are not an error.
func (g *Graph) CheckPrefix(order []int) *OrderError {
	done := make([]bool, len(g.Tasks))
	for pos, i := range order {
		if i < 0 || i >= len(g.Tasks) {
			return &OrderError{Pos: pos, Task: -1, Waits: -1, Msg: fmt.Sprintf("no task number %d", i)}
		}
		if done[i] {
			return &OrderError{Pos: pos, Task: i, Waits: -1, Msg: fmt.Sprintf("%s %s is already installed", g.Tasks[i].Noun, g.Tasks[i].ID)}
		}
		if d := g.Blocker(done, i); d >= 0 {
			return &OrderError{Pos: pos, Task: i, Waits: d, Msg: g.Waits(i, d)}
		}
		done[i] = true
	}
	return nil
}

// CheckOrderIDs is CheckOrder over task ids ("F1", "W7").
func (g *Graph) CheckOrderIDs(ids []string) *OrderError {
	order := make([]int, len(ids))
	for pos, id := range ids {
		i := g.Index(id)
		if i < 0 {
			return &OrderError{Pos: pos, Task: -1, Waits: -1, Msg: fmt.Sprintf("no task %q", id)}
		}
		order[pos] = i
	}
	return g.CheckOrder(order)
}

// Order returns a valid install order: kind rank first, then placement
// order. Dependencies always point to a lower rank, so it is a topological
// order of a design graph. For other graphs (framing) it falls back to a
// stable topological sort.
func (g *Graph) Order() []int {
	order := make([]int, len(g.Tasks))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return g.Tasks[order[a]].Kind.Rank() < g.Tasks[order[b]].Kind.Rank()
	})
	if g.CheckOrder(order) == nil {
		return order
	}
	return g.topo()
}

// topo is Kahn's algorithm taking the lowest ready index first.
func (g *Graph) topo() []int {
	n := len(g.Tasks)
	indeg := make([]int, n)
	users := make([][]int, n)
	for i, t := range g.Tasks {
		indeg[i] = len(t.Deps)
		for _, d := range t.Deps {
			users[d] = append(users[d], i)
		}
	}
	var order []int
	done := make([]bool, n)
	for len(order) < n {
		next := -1
		for i := 0; i < n; i++ {
			if !done[i] && indeg[i] == 0 {
				next = i
				break
			}
		}
		if next < 0 {
			return order // a cycle: callers check with CheckOrder
		}
		done[next] = true
		order = append(order, next)
		for _, u := range users[next] {
			indeg[u]--
		}
	}
	return order
}

// Ready lists the tasks whose dependencies are all done and that are not
// done themselves, ascending.
func (g *Graph) Ready(done []bool) []int {
	var out []int
	for i := range g.Tasks {
		if !done[i] && g.Blocker(done, i) < 0 {
			out = append(out, i)
		}
	}
	return out
}

// TotalMinutes is the sum of the tasks' minutes.
func (g *Graph) TotalMinutes() decimal.Decimal {
	var t decimal.Decimal
	for _, task := range g.Tasks {
		t = t.Add(task.Minutes)
	}
	return t
}
