package game

import (
	"fmt"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/opensourceecology/prodos/engine"
	"github.com/shopspring/decimal"
)

// editorMetric is a metric the editor offers for an objective: whether
// its target is a most (Max) or a least (Min), the target a new objective
// starts at and the step of the +/- buttons.
type editorMetric struct {
	id          string
	most        bool
	start, step decimal.Decimal
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// editorMetrics are the level metrics (see engine's plain metrics) the
// editor's objectives cycle through.
var editorMetrics = []editorMetric{
	{"floor_area_m2", false, dec("20"), dec("5")},
	{"rooms", false, dec("2"), dec("1")},
	{"reachable_rooms", false, dec("2"), dec("1")},
	{"window_ratio", false, dec("0.08"), dec("0.02")},
	{"labor", true, dec("40"), dec("10")},
	{"modules", true, dec("20"), dec("2")},
	{"warnings", true, dec("0"), dec("1")},
}

// goalEditor is the objective being composed: the metric (an index into
// editorMetrics) and its target.
type goalEditor struct {
	metric int
	target decimal.Decimal
}

func (e *goalEditor) cur() editorMetric { return editorMetrics[e.metric] }

func (e *goalEditor) cycle() {
	e.metric = (e.metric + 1) % len(editorMetrics)
	e.target = e.cur().start
}

func (e *goalEditor) nudge(sign int64) {
	e.target = decimal.Max(decimal.Zero, e.target.Add(e.cur().step.Mul(decimal.NewFromInt(sign))))
}

// goal is the composed objective, with its sentence.
func (e *goalEditor) goal() engine.Goal {
	m, t := e.cur(), e.target
	if m.most {
		return engine.Goal{Text: fmt.Sprintf("%s at most %s", m.id, t), Metric: m.id, Max: &t}
	}
	return engine.Goal{Text: fmt.Sprintf("%s at least %s", m.id, t), Metric: m.id, Min: &t}
}

func (e *goalEditor) label() string {
	g := e.goal()
	return g.Text
}

// starCost is the cost cap among a star list's goals (zero: none).
func starCost(gs []engine.Goal) decimal.Decimal {
	for _, g := range gs {
		if g.Metric == "cost" && g.Max != nil {
			return *g.Max
		}
	}
	return decimal.Zero
}

// nudgeStarCost moves a star list's cost cap by a budget step (down to
// none), keeping its other goals.
func nudgeStarCost(gs []engine.Goal, sign int64) []engine.Goal {
	c := decimal.Max(decimal.Zero, starCost(gs).Add(budgetStep.Mul(decimal.NewFromInt(sign))))
	var out []engine.Goal
	for _, g := range gs {
		if !(g.Metric == "cost" && g.Max != nil) {
			out = append(out, g)
		}
	}
	if c.IsPositive() {
		out = append([]engine.Goal{{Text: "Build it for $" + c.StringFixed(2) + " or less", Metric: "cost", Max: &c}}, out...)
	}
	return out
}

// goalButtons are the objective and star controls, in the left column.
func (s *LevelEditorScene) goalButtons() []action {
	m, e := s.Model, &s.goal
	at := func(col int, y float64, w float64, label string, do func()) action {
		return action{button{20 + float64(col)*115, y, w, 40, label, true}, IntentNone, do}
	}
	return []action{
		at(0, 230, 340, e.label(), e.cycle),
		at(0, 276, 110, "target -", func() { e.nudge(-1) }),
		at(1, 276, 110, "target +", func() { e.nudge(1) }),
		at(2, 276, 110, "add", func() { m.Objectives = append(m.Objectives, e.goal()) }),
		at(0, 322, 170, "remove last", func() {
			if n := len(m.Objectives); n > 0 {
				m.Objectives = m.Objectives[:n-1]
			}
		}),
		at(0, 560, 110, "2 stars -", func() { m.TwoStars = nudgeStarCost(m.TwoStars, -1) }),
		at(1, 560, 110, "2 stars +", func() { m.TwoStars = nudgeStarCost(m.TwoStars, 1) }),
		at(0, 640, 110, "3 stars -", func() { m.ThreeStars = nudgeStarCost(m.ThreeStars, -1) }),
		at(1, 640, 110, "3 stars +", func() { m.ThreeStars = nudgeStarCost(m.ThreeStars, 1) }),
	}
}

// drawGoals draws the objectives list and the star thresholds.
func (s *LevelEditorScene) drawGoals(r *Renderer) {
	m := s.Model
	r.Text("Objective (click to change the metric)", 20, 208, 15, colMuted, text.AlignStart)
	y := 372.0
	for i, g := range m.Objectives {
		if i == 7 {
			r.Text(fmt.Sprintf("... and %d more", len(m.Objectives)-i), 20, y, 15, colMuted, text.AlignStart)
			break
		}
		r.Text("- "+g.Text, 20, y, 15, colLight, text.AlignStart)
		y += 22
	}
	star := func(gs []engine.Goal) string {
		if c := starCost(gs); c.IsPositive() {
			return "cost at most $" + c.StringFixed(0)
		}
		return "no cost cap"
	}
	r.Text("Two stars: "+star(m.TwoStars), 20, 538, 15, colLight, text.AlignStart)
	r.Text("Three stars: "+star(m.ThreeStars), 20, 618, 15, colLight, text.AlignStart)
}
