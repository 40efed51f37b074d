package engine

import (
	"fmt"
	"sort"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

// Goal is one objective or star condition: a metric with a lower and/or
// upper bound.
//
// Metrics: cost, materials, labor, machine (USD, for the level's house:
// shell or finished); lcc (50-year life-cycle cost, USD); repairability
// (percent of modules replaceable alone); floor_area (sq ft),
// floor_area_m2; rooms (enclosed), reachable_rooms, open_edges; closed (1 when
// the envelope is closed); window_ratio; modules; hard_violations; warnings;
// count.CATEGORY (modules of a category); module.ID (modules of one id).
type Goal struct {
	Text   string           `toml:"text"`
	Metric string           `toml:"metric"`
	Min    *decimal.Decimal `toml:"min"`
	Max    *decimal.Decimal `toml:"max"`
}

// Level is one design level: the briefing, the starting design, what the
// player may use and the rules, objectives and star thresholds.
type Level struct {
	ID         string          `toml:"id"`
	Title      string          `toml:"title"`
	Order      int             `toml:"order"`
	Sandbox    bool            `toml:"sandbox"`
	Briefing   string          `toml:"briefing"`
	RulesID    string          `toml:"rules"`
	Shop       string          `toml:"shop"`
	Suppliers  []string        `toml:"suppliers"`
	Palette    []string        `toml:"palette"`
	LabourRate decimal.Decimal `toml:"labour_rate"`
	// House is what the level asks for: "shell" (the modules alone, the
	// default) or "finished" (the whole house: its cost and labour count
	// the whole-house items of every phase).
	House string `toml:"house"`
	// LifeCycleBudget, when set, is an objective: the 50-year life-cycle
	// cost at most this (USD).
	LifeCycleBudget *decimal.Decimal `toml:"life_cycle_budget"`
	License         string           `toml:"license"` // SPDX id in the commons; "" is CC-BY-SA-4.0
	Grid            designs.Grid     `toml:"grid"`
	// Plan draws the starting design as a text plan (see Layout); Start
	// adds placements to it. The grid defaults to the plan's size.
	Plan  string              `toml:"plan"`
	Start []designs.Placement `toml:"placement"`
	// Rules add to or replace (by id) rules of the named rule set.
	Rules      []Rule `toml:"rule"`
	Objectives []Goal `toml:"objective"`
	// One star: every objective met and no hard violation. Two stars: also
	// every TwoStars goal. Three stars: also every ThreeStars goal.
	TwoStars   []Goal `toml:"two_stars"`
	ThreeStars []Goal `toml:"three_stars"`

	// File is where the level was read from.
	File string `toml:"-"`
	// RuleSet is the named rule set with the level's own rules applied.
	RuleSet *RuleSet `toml:"-"`

	planned []designs.Placement
}

var plainMetrics = []string{"cost", "materials", "labor", "machine", "lcc", "repairability", "floor_area", "floor_area_m2", "rooms", "reachable_rooms",
	"open_edges", "closed", "window_ratio", "modules", "hard_violations", "warnings"}

func validMetric(m string, cat *designs.Catalog) bool {
	if indexOf(plainMetrics, m) >= 0 {
		return true
	}
	if c, ok := strings.CutPrefix(m, "count."); ok {
		if cat != nil {
			return indexOf(cat.CategoryIDs(), c) >= 0
		}
		return indexOf(designs.Categories(), c) >= 0
	}
	if id, ok := strings.CutPrefix(m, "module."); ok {
		return cat == nil || cat.Modules[id] != nil
	}
	return false
}

// ParseLevel reads a level file. ruleSets are the rule sets it may name.
// Problems come back as *designs.Error values naming file, line, column.
func ParseLevel(file string, data []byte, cat *designs.Catalog, ruleSets map[string]*RuleSet) (*Level, error) {
	var l Level
	pos, errs := designs.DecodeTOML(file, data, &l)
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	l.File = file
	// every message names the key it is about
	e := func(key, f string, a ...any) {
		errs = append(errs, &designs.Error{File: file, Pos: pos.Of(key), Msg: key + ": " + fmt.Sprintf(f, a...)})
	}
	if l.ID == "" {
		e("id", "level has no id")
	}
	if strings.TrimSpace(l.Title) == "" {
		e("title", "level %q has no title", l.ID)
	}
	if strings.TrimSpace(l.Briefing) == "" {
		e("briefing", "level %q has no briefing", l.ID)
	}
	if l.LabourRate.Sign() < 0 {
		e("labour_rate", "labour_rate must not be negative, got %s", l.LabourRate)
	}
	switch l.House {
	case "":
		l.House = designs.ScopeShell
	case designs.ScopeShell, designs.ScopeFinished:
	default:
		e("house", "house must be %q or %q, got %q", designs.ScopeShell, designs.ScopeFinished, l.House)
	}
	if b := l.LifeCycleBudget; b != nil {
		if b.Sign() <= 0 {
			e("life_cycle_budget", "life_cycle_budget must be positive, got %s", b)
		} else {
			l.Objectives = append(l.Objectives, Goal{Text: "50-year life-cycle cost of $" + thousands(b.StringFixed(0)) + " or less", Metric: "lcc", Max: b})
		}
	}
	base, ok := ruleSets[l.RulesID]
	if !ok {
		ids := make([]string, 0, len(ruleSets))
		for id := range ruleSets {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		e("rules", "unknown rule set %q (want one of %s)", l.RulesID, strings.Join(ids, ", "))
	}
	shops, err := designs.DefaultShops()
	if err != nil {
		return nil, fmt.Errorf("level %s: %w", file, err)
	}
	if l.Shop == "" {
		l.Shop = designs.DefaultShopID
	} else if shops[l.Shop] == nil {
		e("shop", "unknown shop %q", l.Shop)
	}
	if len(l.Suppliers) > 0 {
		sups, err := designs.DefaultSuppliers(cat)
		if err != nil {
			return nil, fmt.Errorf("level %s: %w", file, err)
		}
		for _, id := range l.Suppliers {
			found := false
			for _, s := range sups {
				found = found || s.ID == id
			}
			if !found {
				e("suppliers", "unknown supplier %q", id)
			}
		}
	}
	for _, id := range l.Palette {
		if cat.Modules[id] == nil {
			e("palette", "palette names unknown module %q", id)
		}
	}
	l.checkPlan(cat, e)
	errs = append(errs, checkRules(file, pos, "rule", l.Rules, cat)...)
	checkGoals("objective", l.Objectives, cat, e)
	checkGoals("two_stars", l.TwoStars, cat, e)
	checkGoals("three_stars", l.ThreeStars, cat, e)
	if len(l.Objectives) == 0 && !l.Sandbox {
		e("id", "level %q has no objectives (only a sandbox may have none)", l.ID)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	l.RuleSet = base.With(base.ID+"+"+l.ID, l.Rules)
	if err := l.RuleSet.compile(); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return &l, nil
}

// levelErr reports a problem with a key of a level file.
type levelErr func(key, f string, a ...any)

// checkPlan reads the level's plan (its grid when none is given) and
// checks the grid and the start placements.
func (l *Level) checkPlan(cat *designs.Catalog, e levelErr) {
	planErr := false
	if l.Plan != "" {
		rows := strings.Split(strings.TrimRight(l.Plan, "\n"), "\n")
		d, err := Layout(l.ID, rows...)
		if err != nil {
			e("plan", "%v", err)
			planErr = true
		} else {
			l.planned = d.Placements
			if l.Grid == (designs.Grid{}) {
				l.Grid = d.Grid
			} else if d.Grid.Width > l.Grid.Width || d.Grid.Height > l.Grid.Height {
				e("plan", "the plan is %dx%d cells, larger than the %dx%d grid", d.Grid.Width, d.Grid.Height, l.Grid.Width, l.Grid.Height)
			}
		}
	}
	if planErr {
		// the plan's error says it all
	} else if l.Grid.Width < 1 || l.Grid.Height < 1 || l.Grid.Width > designs.MaxGrid || l.Grid.Height > designs.MaxGrid {
		e("grid", "grid must be between 1x1 and %dx%d cells, got %dx%d", designs.MaxGrid, designs.MaxGrid, l.Grid.Width, l.Grid.Height)
	} else {
		d := l.StartDesign()
		for i, p := range l.Start {
			at := fmt.Sprintf("placement[%d].", i)
			if cat.Modules[p.Module] == nil {
				e(at+"module", "unknown module %q", p.Module)
				continue
			}
			one := *d
			one.Placements = []designs.Placement{p}
			if err := one.Validate(cat); err != nil {
				for _, pe := range designs.Errors(err) {
					e(at+"x", "%s", pe.Msg)
				}
			}
		}
	}
}

// checkGoals checks the goals of one table (objective, two_stars, ...).
func checkGoals(table string, gs []Goal, cat *designs.Catalog, e levelErr) {
	for i, g := range gs {
		at := fmt.Sprintf("%s[%d].", table, i)
		if !validMetric(g.Metric, cat) {
			e(at+"metric", "unknown metric %q (want one of %s, count.CATEGORY, module.ID)", g.Metric, strings.Join(plainMetrics, ", "))
		}
		if g.Min == nil && g.Max == nil {
			e(at+"metric", "goal on %q needs min or max", g.Metric)
		}
		if g.Min != nil && g.Max != nil && g.Min.GreaterThan(*g.Max) {
			e(at+"min", "min %s is above max %s", g.Min, g.Max)
		}
	}
}

// StartDesign is the level's starting design.
func (l *Level) StartDesign() *designs.Design {
	return &designs.Design{Format: designs.FormatVersion, Name: l.Title, Author: "Production OS levels", License: designs.DefaultLicense,
		Description: l.Briefing, Grid: l.Grid, Placements: append(append([]designs.Placement(nil), l.planned...), l.Start...)}
}

// Options are the engine options the level asks for.
func (l *Level) Options(cat *designs.Catalog) (Options, error) {
	shops, err := designs.DefaultShops()
	if err != nil {
		return Options{}, err
	}
	shop := shops[l.Shop]
	if shop == nil {
		shop = shops[designs.DefaultShopID]
	}
	opts := Options{Rules: l.RuleSet, Shop: shop, LabourRate: l.LabourRate, Scope: l.House}
	if l.LifeCycleBudget != nil {
		opts.LifeCycleBudget = *l.LifeCycleBudget
	}
	if len(l.Palette) > 0 {
		opts.Palette = l.Palette
	}
	if len(l.Suppliers) > 0 {
		sups, err := designs.DefaultSuppliers(cat)
		if err != nil {
			return Options{}, err
		}
		for _, s := range sups {
			if indexOf(l.Suppliers, s.ID) >= 0 {
				opts.Suppliers = append(opts.Suppliers, s)
			}
		}
	}
	return opts, nil
}

// FromLevel starts a session on a level.
func FromLevel(l *Level, cat *designs.Catalog) (*Engine, error) {
	opts, err := l.Options(cat)
	if err != nil {
		return nil, fmt.Errorf("level %s: %w", l.ID, err)
	}
	e, err := FromDesign(l.StartDesign(), cat, opts)
	if err != nil {
		return nil, err
	}
	e.level = l
	return e, nil
}

// Level is the level the session plays (FromLevel), or nil.
func (e *Engine) Level() *Level { return e.level }

// Score evaluates the session's own level; ok is false without one.
func (e *Engine) Score() (Score, bool) {
	if e.level == nil {
		return Score{}, false
	}
	return e.Evaluate(e.level), true
}

// GoalResult is one goal with the value measured.
type GoalResult struct {
	Goal  Goal
	Value decimal.Decimal
	Met   bool
}

// Score is a level's evaluation.
type Score struct {
	Level          string
	Objectives     []GoalResult
	TwoStars       []GoalResult
	ThreeStars     []GoalResult
	HardViolations int
	// Complete: every objective met and no hard violation.
	Complete bool
	Stars    int // 0 to 3
	Cost     decimal.Decimal
}

// Metric is the value of one metric of the current design (see Goal).
func (e *Engine) Metric(name string) (decimal.Decimal, bool) {
	m := e.Metrics()
	n := func(i int) decimal.Decimal { return decimal.NewFromInt(int64(i)) }
	switch name {
	case "cost", "materials", "labor", "machine":
		c := e.ScopeCost()
		return map[string]decimal.Decimal{"cost": c.Total(), "materials": c.Materials, "labor": c.Labour, "machine": c.Machine}[name], true
	case "lcc":
		return e.LifeCycle().Total(), true
	case "repairability":
		return e.RepairabilityPercent(), true
	case "floor_area":
		return n(m.FloorAreaSqFt), true
	case "floor_area_m2":
		return m.FloorAreaM2, true
	case "rooms":
		return n(m.Rooms), true
	case "reachable_rooms":
		return n(m.ReachableRooms), true
	case "open_edges":
		return n(m.OpenEdges), true
	case "closed":
		if m.Closed {
			return n(1), true
		}
		return n(0), true
	case "window_ratio":
		return m.WindowRatio, true
	case "modules":
		return n(m.Modules), true
	case "hard_violations", "warnings":
		hard := e.HardViolations()
		if name == "hard_violations" {
			return n(hard), true
		}
		return n(len(e.cache.violations) - hard), true
	}
	if c, ok := strings.CutPrefix(name, "count."); ok {
		v, ok := m.ByCategory[c]
		return n(v), ok
	}
	if id, ok := strings.CutPrefix(name, "module."); ok {
		return n(m.ByModule[id]), e.cat.Modules[id] != nil
	}
	return decimal.Decimal{}, false
}

func (e *Engine) goals(gs []Goal) ([]GoalResult, bool) {
	all := true
	out := make([]GoalResult, len(gs))
	for i, g := range gs {
		v, ok := e.Metric(g.Metric)
		met := ok && (g.Min == nil || v.GreaterThanOrEqual(*g.Min)) && (g.Max == nil || v.LessThanOrEqual(*g.Max))
		out[i] = GoalResult{Goal: g, Value: v, Met: met}
		all = all && met
	}
	return out, all
}

// Evaluate scores the current design against a level's objectives and star
// thresholds. The engine should run the level's rule set (FromLevel).
func (e *Engine) Evaluate(l *Level) Score {
	s := Score{Level: l.ID, HardViolations: e.HardViolations(), Cost: e.ScopeCost().Total()}
	var ok1, ok2, ok3 bool
	s.Objectives, ok1 = e.goals(l.Objectives)
	s.TwoStars, ok2 = e.goals(l.TwoStars)
	s.ThreeStars, ok3 = e.goals(l.ThreeStars)
	s.Complete = ok1 && s.HardViolations == 0 && !l.Sandbox
	if s.Complete {
		s.Stars = 1
		if ok2 {
			s.Stars = 2
			if ok3 {
				s.Stars = 3
			}
		}
	}
	return s
}

// thousands puts commas in a whole number of dollars: "90000" is "90,000".
func thousands(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}
