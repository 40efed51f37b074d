package game

import (
	"fmt"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
	"github.com/opensourceecology/prodos/levels"
	"github.com/shopspring/decimal"
)

// Level is an engine level as the game shows it: the engine defines it and
// scores it; the game adds only the order in which levels unlock.
type Level struct {
	*engine.Level
	Unlock string // id of the level that must have a star first ("" = open)
	Budget decimal.Decimal
	// Hash is the commons hash of a published level (an assignment);
	// "" for the built-in levels.
	Hash string
}

// Objective is one goal with whether it is met; Stars is 1 for an
// objective, 2 or 3 for the goals of the second and third star.
type Objective struct {
	Text  string
	Done  bool
	Stars int
}

// Result is a level's evaluation.
type Result struct {
	Objectives []Objective
	Complete   bool
	Stars      int
	Improve    []string
}

// LoadLevels returns the engine's design levels in play order, sandbox
// last; each level unlocks the next.
func LoadLevels() ([]*Level, error) {
	ls, err := levels.DesignLevels()
	if err != nil {
		return nil, fmt.Errorf("levels: %w", err)
	}
	var out []*Level
	var sandbox *Level
	prev := ""
	for _, l := range ls {
		gl := &Level{Level: l}
		// The bar's target: the level's budget rule, else its loosest cost goal.
		if l.RuleSet != nil {
			for _, r := range l.RuleSet.Rules {
				if r.Check == engine.CheckBudget && !r.Disabled && r.Max != nil {
					gl.Budget = *r.Max
				}
			}
		}
		if gl.Budget.IsZero() {
			for _, gs := range [][]engine.Goal{l.Objectives, l.TwoStars, l.ThreeStars} {
				for _, g := range gs {
					if g.Metric == "cost" && g.Max != nil && g.Max.GreaterThan(gl.Budget) {
						gl.Budget = *g.Max
					}
				}
			}
		}
		if l.Sandbox {
			sandbox = gl
			continue
		}
		gl.Unlock = prev
		prev = l.ID
		out = append(out, gl)
	}
	if sandbox != nil {
		out = append(out, sandbox)
	}
	return out, nil
}

// NewBoard starts an engine session on the level, from its start design or
// from d when d is not nil.
func (l *Level) NewBoard(cat *designs.Catalog, d *designs.Design, tick func() int64) (*EngineBoard, error) {
	var e *engine.Engine
	var err error
	if d == nil {
		e, err = engine.FromLevel(l.Level, cat)
	} else {
		var opts engine.Options
		if opts, err = l.Options(cat); err == nil {
			e, err = engine.FromDesign(d, cat, opts)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("level %s: %w", l.ID, err)
	}
	return NewEngineBoard(e, cat, tick), nil
}

// Evaluate scores the board with the engine.
func (l *Level) Evaluate(b Board) Result {
	var r Result
	eb, ok := b.(*EngineBoard)
	if !ok || l.Sandbox {
		return r
	}
	sc := eb.E.Evaluate(l.Level)
	add := func(gs []engine.GoalResult, stars int) {
		for _, g := range gs {
			r.Objectives = append(r.Objectives, Objective{Text: g.Goal.Text, Done: g.Met, Stars: stars})
		}
	}
	add(sc.Objectives, 1)
	add(sc.TwoStars, 2)
	add(sc.ThreeStars, 3)
	r.Complete, r.Stars = sc.Complete, sc.Stars
	if sc.HardViolations > 0 {
		r.Improve = append(r.Improve, fmt.Sprintf("Fix the %d problem(s) listed on the right", sc.HardViolations))
	}
	for _, o := range r.Objectives {
		if !o.Done {
			t := o.Text
			if o.Stars > 1 {
				t = fmt.Sprintf("For %d stars: %s", o.Stars, o.Text)
			}
			r.Improve = append(r.Improve, t)
		}
	}
	return r
}

// LevelByID finds a level.
func LevelByID(levels []*Level, id string) *Level {
	for _, l := range levels {
		if l.ID == id {
			return l
		}
	}
	return nil
}

// slab lays foundation cells and floor cassettes (4x8 ft, two cells deep)
// over a w x h block of cells whose corner is (x0,y0); h must be even.
func slab(d *designs.Design, x0, y0, w, h int) {
	for y := y0; y < y0+h; y++ {
		for x := x0; x < x0+w; x++ {
			d.Placements = append(d.Placements, designs.Placement{Module: "foundation-cell", X: x, Y: y})
		}
	}
	for y := y0; y < y0+h; y += 2 {
		for x := x0; x < x0+w; x++ {
			d.Placements = append(d.Placements, designs.Placement{Module: "floor-4x8", X: x, Y: y})
		}
	}
}

// ring walls the outside of a w x h block with module id.
func ring(d *designs.Design, x0, y0, w, h int, id string) {
	for x := x0; x < x0+w; x++ {
		d.Placements = append(d.Placements, designs.Placement{Module: id, X: x, Y: y0, Edge: "n"},
			designs.Placement{Module: id, X: x, Y: y0 + h - 1, Edge: "s"})
	}
	for y := y0; y < y0+h; y++ {
		d.Placements = append(d.Placements, designs.Placement{Module: id, X: x0, Y: y, Edge: "w"},
			designs.Placement{Module: id, X: x0 + w - 1, Y: y, Edge: "e"})
	}
}

func newDesign(name string, w, h int) *designs.Design {
	return &designs.Design{Format: designs.FormatVersion, Name: name, Author: "House Design Game",
		License: designs.DefaultLicense, Grid: designs.Grid{Width: w, Height: h}}
}
