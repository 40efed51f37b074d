package game

import (
	"fmt"
	"image/color"
	"strings"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/opensourceecology/prodos/levels/leveledit"
	"github.com/shopspring/decimal"
)

// editorModules are the modules a facilitator can require in the editor.
var editorModules = []string{"wall-door-4x8", "wall-window-4x8", "roof-4x8", "floor-4x8", "foundation-cell"}

// budgetStep is what the budget buttons add or take away.
var budgetStep = decimal.NewFromInt(500)

// LevelEditorScene is the facilitators' level editor: site size, budget,
// required modules and rule set on a leveledit.Model, test-played in the
// design scene. The level file it makes is what `prodos commons
// publish-level` publishes.
type LevelEditorScene struct {
	Model  *leveledit.Model
	msg    string
	bad    bool
	in     Frame
	title  textField
	typing bool // the title field has the focus
	goal   goalEditor
	pub    *levelPublish
	// Published is the hash of the level last published ("" for none).
	Published string
}

// titleRune is a character allowed in a level's title.
func titleRune(r rune) bool { return r >= ' ' && r < 0x7f }

// Typing reports whether the title field has the focus (keys type).
func (s *LevelEditorScene) Typing() bool { return s.typing }

// titleBox is the title field, left of the settings.
func (s *LevelEditorScene) titleBox() button {
	return button{20, 150, 340, 44, "", true}
}

// OpenLevelEditor opens the editor on a new level.
func (g *Game) OpenLevelEditor() *LevelEditorScene {
	s := &LevelEditorScene{Model: leveledit.New("class-level")}
	s.Model.Title = "A level for my class"
	s.title = textField{text: s.Model.Title, max: 60, allow: titleRune}
	s.goal.target = editorMetrics[0].start
	g.Goto(s)
	return s
}

// Buttons are the editor's actions, in drawing order.
func (s *LevelEditorScene) Buttons(g *Game) []action {
	m := s.Model
	w, _ := g.Size()
	x := w/2 - 260
	row := func(i int) float64 { return 150 + float64(i)*56 }
	small := func(i, col int, label string, do func()) action {
		return action{button{x + 300 + float64(col)*110, row(i), 100, 44, label, true}, IntentNone, do}
	}
	acts := append(s.goalButtons(), []action{
		small(0, 0, "width -", func() { m.SetSize(m.Width-1, m.Height) }),
		small(0, 1, "width +", func() { m.SetSize(m.Width+1, m.Height) }),
		small(1, 0, "depth -", func() { m.SetSize(m.Width, m.Height-1) }),
		small(1, 1, "depth +", func() { m.SetSize(m.Width, m.Height+1) }),
		small(2, 0, "budget -", func() { m.Budget = decimal.Max(decimal.Zero, m.Budget.Sub(budgetStep)) }),
		small(2, 1, "budget +", func() { m.Budget = m.Budget.Add(budgetStep) }),
		small(3, 0, "rules", func() {
			if m.Rules == "beginner" {
				m.Rules = "standard"
			} else {
				m.Rules = "beginner"
			}
		}),
	}...)
	for i, id := range editorModules {
		id := id
		acts = append(acts, action{button{x + 300, row(4 + i), 210, 44, id, true}, IntentNone, func() { m.ToggleRequired(id) }})
	}
	y := row(4 + len(editorModules))
	acts = append(acts,
		action{button{x, y + 10, 250, 54, "Test play", true}, IntentConfirm, func() { s.testPlay(g) }},
		action{button{x + 270, y + 10, 250, 54, "Back", true}, IntentBack, func() { g.Goto(&TitleScene{}) }},
		action{button{x + 540, y + 10, 250, 54, "Publish", s.pub == nil}, IntentNone, func() { s.publish(g) }},
	)
	return acts
}

// testPlay checks the level and switches into the design scene with it.
func (s *LevelEditorScene) testPlay(g *Game) {
	l, _, err := s.Model.Build(s.Model.ID + ".toml")
	if err != nil {
		s.msg, s.bad = "The level has a problem: "+firstLine(err), true
		return
	}
	g.Play(&Level{Level: l, Budget: s.Model.Budget})
}

// Update implements Scene.
func (s *LevelEditorScene) Update(g *Game, in Frame) error {
	s.in = in
	s.pollPublish(false)
	switch box := s.titleBox(); {
	case box.clicked(in):
		s.typing = true
		return nil
	case s.typing && (in.Pressed.Left || in.Has(IntentBack) || in.Has(IntentConfirm)):
		s.typing = false
		return nil
	case s.typing:
		if _, bad := s.title.update(in.Text); bad != 0 {
			s.msg, s.bad = fmt.Sprintf("A title cannot have %q in it", bad), true
		}
		s.Model.Title = strings.TrimSpace(s.title.text)
		return nil
	}
	runAction(in, s.Buttons(g))
	return nil
}

// Draw implements Scene.
func (s *LevelEditorScene) Draw(g *Game, r *Renderer) {
	w, h := g.Size()
	m := s.Model
	r.Rect(0, 0, w, h, colPanel)
	r.Bold("Level editor", w/2, 50, 36, colLight, text.AlignCenter)
	r.Text("Set the site, the budget, the modules a house must use and the rules; test-play it; publish it to the commons.", w/2, 100, 15, colMuted, text.AlignCenter)
	s.drawTitle(r)
	s.drawGoals(r)
	x := w/2 - 260
	budget := "none"
	if m.Budget.IsPositive() {
		budget = "$" + m.Budget.StringFixed(0)
	}
	labels := []string{
		fmt.Sprintf("Site: %d cells wide", m.Width),
		fmt.Sprintf("Site: %d cells deep", m.Height),
		"Budget: " + budget,
		"Rules: " + m.Rules,
	}
	for _, id := range editorModules {
		mark := "optional"
		for _, req := range m.Required {
			if req == id {
				mark = "REQUIRED"
			}
		}
		name := id
		if mod, ok := g.Cat.Modules[id]; ok {
			name = mod.Name
		}
		labels = append(labels, name+": "+mark)
	}
	for i, l := range labels {
		r.Text(l, x, 150+float64(i)*56+12, 18, colLight, text.AlignStart)
	}
	// the site drawn to scale in the corner
	cell := min(8.0, 200/float64(max(m.Width, m.Height)))
	r.Frame(w-230, 150, cell*float64(m.Width), cell*float64(m.Height), 2, color.RGBA{0xe8, 0xc8, 0x96, 0xff})
	r.Text(fmt.Sprintf("the site to scale: %d x %d ft", m.Width*4, m.Height*4), w-230, 150+cell*float64(m.Height)+10, 14, colMuted, text.AlignStart)
	for i, b := range s.Buttons(g) {
		b.draw(r, b.hover(s.in), i == len(s.Buttons(g))-3)
	}
	if s.msg != "" {
		c := colMuted
		if s.bad {
			c = colAccent
		}
		r.Text(strings.TrimSpace(s.msg), w/2+100, 124, 15, c, text.AlignCenter) // under the subtitle, clear of the buttons
	}
}

// drawTitle draws the title field (a caret while it has the focus).
func (s *LevelEditorScene) drawTitle(r *Renderer) {
	b := s.titleBox()
	r.Text("Title (click to type)", b.x, b.y-22, 15, colMuted, text.AlignStart)
	r.Rect(b.x, b.y, b.w, b.h, colLight)
	edge := colMuted
	if s.typing {
		edge = colAccent
	}
	r.Frame(b.x, b.y, b.w, b.h, 2, edge)
	t := s.title.text
	if s.typing {
		t += "|"
	}
	r.Text(t, b.x+10, b.y+12, 17, colInk, text.AlignStart)
}
