// Package leveledit is the model behind the facilitators' level editor:
// site size, budget, required modules, objectives, rule set and star
// thresholds, written out as a level file (TOML) and checked by the same
// parser as the built-in levels. No ebiten: the game's editor scene and
// the command line drive the same model.
package leveledit

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
	"github.com/opensourceecology/prodos/levels"
	"github.com/shopspring/decimal"
)

// Model is a level being edited. Budget (zero: none) becomes an objective
// on cost; each Required module an objective on module.ID of at least 1.
type Model struct {
	ID, Title, Briefing string
	Rules               string // rule set id
	License             string // SPDX id; "" is the default
	Width, Height       int    // site size, cells
	Budget              decimal.Decimal
	Required            []string
	Palette             []string // modules offered; empty: the whole library
	// Plan and Shop are kept from a level opened in the editor (the
	// starting layout drawn as text, the shop); the editor does not change
	// them.
	Plan, Shop string
	Objectives []engine.Goal
	TwoStars   []engine.Goal
	ThreeStars []engine.Goal
}

// New is a fresh level: a 6 x 6 cell site under the beginner rules with
// one objective (close the envelope).
func New(id string) *Model {
	one := decimal.NewFromInt(1)
	return &Model{ID: id, Title: "New level", Briefing: "Build a closed house on this site.", Rules: "beginner",
		Width: 6, Height: 6, Objectives: []engine.Goal{{Text: "Close the envelope", Metric: "closed", Min: &one}}}
}

// FromLevel opens an existing level in the editor: its cost objective
// becomes the budget and its module.ID objectives of at least 1 the
// required modules.
func FromLevel(l *engine.Level) *Model {
	m := &Model{ID: l.ID, Title: l.Title, Briefing: l.Briefing, Rules: l.RulesID, License: l.License,
		Width: l.Grid.Width, Height: l.Grid.Height, Palette: append([]string(nil), l.Palette...), Plan: l.Plan,
		TwoStars: append([]engine.Goal(nil), l.TwoStars...), ThreeStars: append([]engine.Goal(nil), l.ThreeStars...)}
	if l.Shop != designs.DefaultShopID {
		m.Shop = l.Shop // the default needs no line
	}
	for _, g := range l.Objectives {
		switch id, isMod := strings.CutPrefix(g.Metric, "module."); {
		case g.Metric == "cost" && g.Max != nil && g.Min == nil && m.Budget.IsZero():
			m.Budget = *g.Max
		case isMod && g.Max == nil && g.Min != nil && g.Min.Equal(decimal.NewFromInt(1)):
			m.Required = append(m.Required, id)
		default:
			m.Objectives = append(m.Objectives, g)
		}
	}
	return m
}

// SetSize sets the site size, kept within 1..designs.MaxGrid cells.
func (m *Model) SetSize(w, h int) {
	m.Width, m.Height = clamp(w), clamp(h)
}

func clamp(n int) int { return max(1, min(designs.MaxGrid, n)) }

// ToggleRequired adds a module to the required ones, or removes it.
func (m *Model) ToggleRequired(id string) {
	for i, r := range m.Required {
		if r == id {
			m.Required = append(m.Required[:i], m.Required[i+1:]...)
			return
		}
	}
	m.Required = append(m.Required, id)
	sort.Strings(m.Required)
}

// Goals are the level's objectives as the level file states them: the
// budget, the required modules, then the others.
func (m *Model) Goals() []engine.Goal {
	var gs []engine.Goal
	if m.Budget.IsPositive() {
		b := m.Budget
		gs = append(gs, engine.Goal{Text: "Build it for $" + b.StringFixed(2) + " or less", Metric: "cost", Max: &b})
	}
	one := decimal.NewFromInt(1)
	for _, id := range m.Required {
		gs = append(gs, engine.Goal{Text: "Use a " + id, Metric: "module." + id, Min: &one})
	}
	return append(gs, m.Objectives...)
}

type goalFile struct {
	Text   string `toml:"text"`
	Metric string `toml:"metric"`
	Min    string `toml:"min,omitempty"`
	Max    string `toml:"max,omitempty"`
}

type gridFile struct {
	Width  int `toml:"width"`
	Height int `toml:"height"`
}

type levelFile struct {
	ID         string     `toml:"id"`
	Title      string     `toml:"title"`
	Briefing   string     `toml:"briefing"`
	License    string     `toml:"license,omitempty"`
	Rules      string     `toml:"rules"`
	Shop       string     `toml:"shop,omitempty"`
	Palette    []string   `toml:"palette,omitempty"`
	Plan       string     `toml:"plan,omitempty"`
	Grid       gridFile   `toml:"grid"`
	Objective  []goalFile `toml:"objective"`
	TwoStars   []goalFile `toml:"two_stars,omitempty"`
	ThreeStars []goalFile `toml:"three_stars,omitempty"`
}

func goals(gs []engine.Goal) []goalFile {
	var out []goalFile
	for _, g := range gs {
		f := goalFile{Text: g.Text, Metric: g.Metric}
		if g.Min != nil {
			f.Min = g.Min.String()
		}
		if g.Max != nil {
			f.Max = g.Max.String()
		}
		out = append(out, f)
	}
	return out
}

// Marshal writes the level file (TOML). The same model always gives the
// same bytes, so the same level publishes to the same hash.
func (m *Model) Marshal() []byte {
	f := levelFile{ID: m.ID, Title: m.Title, Briefing: m.Briefing, License: m.License, Rules: m.Rules, Shop: m.Shop, Palette: m.Palette, Plan: m.Plan,
		Grid: gridFile{m.Width, m.Height}, Objective: goals(m.Goals()), TwoStars: goals(m.TwoStars), ThreeStars: goals(m.ThreeStars)}
	var b bytes.Buffer
	enc := toml.NewEncoder(&b)
	enc.Indent = ""
	if err := enc.Encode(f); err != nil {
		// only strings, ints and lists of them: the encoder cannot fail
		panic(fmt.Sprintf("leveledit: %v", err))
	}
	return b.Bytes()
}

// Build writes the level file and checks it as levels.Parse checks any
// level (file:line:column problems name file).
func (m *Model) Build(file string) (*engine.Level, []byte, error) {
	data := m.Marshal()
	l, err := levels.Parse(file, data)
	if err != nil {
		return nil, data, err
	}
	return l, data, nil
}
