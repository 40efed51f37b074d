package game

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/shopspring/decimal"
)

// TitleScene is the first screen.
type TitleScene struct {
	in Frame
}

func (s *TitleScene) buttons(g *Game) []action {
	w, h := g.Size()
	bw, bh := 300.0, 54.0
	x := (w - bw) / 2
	y := h * 0.52
	return []action{
		{button{x, y, bw, bh, "Play", true}, IntentConfirm, func() { g.Goto(&SelectScene{}) }},
		{button{x, y + 70, bw, bh, "Sandbox", true}, IntentNone, func() { g.Play(LevelByID(g.Levels, "sandbox")) }},
		{button{x, y + 140, bw, bh, "How to play", true}, IntentNone, func() { g.help = true }},
		{button{x, y + 210, bw, bh, "Training challenges", true}, IntentNone, g.OpenTraining},
		{button{30, 30, 200, 44, "Level editor", true}, IntentNone, func() { g.OpenLevelEditor() }},
	}
}

// Update implements Scene.
func (s *TitleScene) Update(g *Game, in Frame) error {
	s.in = in
	if runAction(in, s.buttons(g)) {
		return nil
	}
	switch {
	case playerButton(g, &g.r).clicked(in):
		g.Goto(&ProfileScene{})
	case in.Has(IntentBack):
		return ErrQuit
	}
	return nil
}

// Draw implements Scene.
func (s *TitleScene) Draw(g *Game, r *Renderer) {
	w, h := g.Size()
	r.Rect(0, 0, w, h, colPanel)
	// A little house plan as the backdrop.
	cell := 34.0
	ox, oy := w/2-3*cell, h*0.5-250
	for y := 0; y < 4; y++ {
		for x := 0; x < 6; x++ {
			r.Rect(ox+float64(x)*cell, oy+float64(y)*cell, cell, cell, color.RGBA{0xe8, 0xc8, 0x96, 0x40})
		}
	}
	r.Frame(ox, oy, 6*cell, 4*cell, 6, colAccent)
	r.Rect(ox+2*cell+6, oy+4*cell-6, cell-12, 6, colPanel)
	r.Sprite(SpriteDoor, ox+2*cell+6, oy+3*cell-6+6, cell-12, cell-12, colAccent)
	r.Rect(ox+6*cell-6, oy+cell, 6, cell, colLight)
	r.Bold("House Design Game", w/2, oy+4*cell+18, 48, colLight, text.AlignCenter)
	r.Text("Design real 4 ft modular houses from Open Source Ecology panels", w/2, oy+4*cell+80, 19, colMuted, text.AlignCenter)
	for i, b := range s.buttons(g) {
		b.draw(r, b.hover(s.in), i == 0)
	}
	r.Text("F1 or H: controls at any time   ·   Esc: back", w/2, h-40, 15, colMuted, text.AlignCenter)
	drawPlayer(g, r, s.in, true)
}

// SelectScene lists the levels.
type SelectScene struct {
	in Frame
}

func (s *SelectScene) cards(g *Game) []button {
	x0, y0, cw, ch, gap, cols := cardGeometry(g)
	var out []button
	for i, l := range g.Levels {
		x := x0 + float64(i%cols)*(cw+gap)
		y := y0 + float64(i/cols)*(ch+gap)
		out = append(out, button{x, y, cw, ch, l.Title, g.Unlocked(l)})
	}
	return out
}

func (s *SelectScene) back(g *Game) button {
	return button{30, 30, 120, 44, "< Back", true}
}

func (s *SelectScene) commons(g *Game) button {
	return button{160, 30, 200, 44, "Design commons", true}
}

// Update implements Scene.
func (s *SelectScene) Update(g *Game, in Frame) error {
	s.in = in
	if in.Has(IntentBack) || s.back(g).clicked(in) {
		g.Goto(&TitleScene{})
		return nil
	}
	if playerButton(g, &g.r).clicked(in) {
		g.Goto(&ProfileScene{})
		return nil
	}
	if s.commons(g).clicked(in) {
		g.OpenCommons()
		return nil
	}
	for i, c := range s.cards(g) {
		switch {
		case c.clicked(in):
			g.Play(g.Levels[i])
		case in.Pressed.Left && c.hover(in) && !c.enabled:
			g.Notify(g.levelLockDetail(g.Levels[i]), false)
		}
	}
	return nil
}

// Draw implements Scene.
func (s *SelectScene) Draw(g *Game, r *Renderer) {
	w, _ := g.Size()
	r.Bold("Choose a level", w/2, 40, 34, colInk, text.AlignCenter)
	b := s.back(g)
	b.draw(r, b.hover(s.in), false)
	cb := s.commons(g)
	cb.draw(r, cb.hover(s.in), false)
	drawPlayer(g, r, s.in, false)
	for i, c := range s.cards(g) {
		s.drawCard(g, r, i, c)
	}
}

// ResultsScene shows a level's score.
type ResultsScene struct {
	design *DesignScene
	res    Result
	in     Frame
	t      int // 60ths of a second since the results opened (real time)
	clock  sceneClock
}

func (s *ResultsScene) buttons(g *Game) []action {
	w, h := g.Size()
	y := h/2 + 250 - 50 - 24 // inside the 500-high dialog, clear of its border
	next := s.nextLevel(g)
	return []action{
		{button{w/2 - 330, y, 200, 50, "Keep improving", true}, IntentBack, func() { g.Goto(s.design) }},
		{button{w/2 - 100, y, 200, 50, "Level select", true}, IntentNone, func() { g.Goto(&SelectScene{}) }},
		{button{w/2 + 130, y, 200, 50, "Next level", next != nil && g.Unlocked(next)}, IntentConfirm, func() { g.Play(next) }},
		{button{w/2 + 360 - 196, h/2 - 250 + 20, 176, 40, "Watch it go up", true}, IntentNone, func() {
			g.Goto(NewTimelapseScene(g, s.design.board.Design(), s))
		}},
	}
}

func (s *ResultsScene) nextLevel(g *Game) *Level {
	for i, l := range g.Levels {
		if l == s.design.level && i+1 < len(g.Levels) {
			return g.Levels[i+1]
		}
	}
	return nil
}

// Animating reports whether the stars are still appearing.
func (s *ResultsScene) Animating() bool { return s.t < 60 }

// Update implements Scene.
func (s *ResultsScene) Update(g *Game, in Frame) error {
	s.in = in
	s.t = s.clock.frames(g)
	runAction(in, s.buttons(g))
	return nil
}

// Draw implements Scene.
// resultsPanel is the results dialog's rectangle on a w x h screen.
func resultsPanel(w, h float64) (x, y, pw, ph float64) {
	pw, ph = 720, 500
	return (w - pw) / 2, (h - ph) / 2, pw, ph
}

func (s *ResultsScene) Draw(g *Game, r *Renderer) {
	s.design.Draw(g, r)
	r.Flush()
	w, h := g.Size()
	r.Rect(0, 0, w, h, color.RGBA{0, 0, 0, 0x90})
	x, y, pw, ph := resultsPanel(w, h)
	r.Rect(x, y, pw, ph, colPanel)
	r.Frame(x, y, pw, ph, 3, colAccent)
	r.Bold("Level complete!", w/2, y+24, 34, colLight, text.AlignCenter)
	r.Text(s.design.level.Title, w/2, y+72, 18, colMuted, text.AlignCenter)
	for k := 0; k < 3; k++ {
		grow := math.Min(1, float64(s.t-k*15)/15)
		sz := 70.0
		cx := w/2 + float64(k-1)*90
		if k < s.res.Stars && grow > 0 {
			d := sz * grow
			r.Sprite(SpriteStar, cx-d/2, y+150-d/2, d, d, colAccent)
		} else {
			r.Sprite(SpriteStarEmpty, cx-sz/2, y+150-sz/2, sz, sz, colMuted)
		}
	}
	b := s.design.board
	met := b.Metrics()
	lv := s.design.level
	cost := b.Cost().Total()
	rows := [][2]string{
		{"Cost", costLine(cost, lv.Budget)},
		{"Floor area", fmt.Sprintf("%d sq ft (%.1f m²)", met.FloorSqFt(), met.FloorM2())},
		{"Rooms", fmt.Sprintf("%d", met.Rooms)},
		{"Modules", fmt.Sprintf("%d", met.Modules)},
	}
	for i, row := range rows {
		yy := y + 210 + float64(i)*28
		r.Text(row[0], x+120, yy, 18, colMuted, text.AlignStart)
		r.Bold(row[1], x+280, yy, 18, colLight, text.AlignStart)
	}
	yy := y + 330
	if len(s.res.Improve) == 0 {
		r.Text("Full marks: this is as good as it gets.", w/2, yy, 17, colGood, text.AlignCenter)
	} else {
		r.Bold("To improve:", x+120, yy, 17, colAccent, text.AlignStart)
		for i, t := range s.res.Improve {
			if i == 2 {
				break
			}
			r.Text("• "+t, x+120, yy+26+float64(i)*24, 16, colLight, text.AlignStart)
		}
	}
	bs := s.buttons(g)
	for i, b := range bs {
		b.draw(r, b.hover(s.in), i == 2)
	}
}

func costLine(cost, budget decimal.Decimal) string {
	if budget.IsZero() {
		return "$" + money(cost)
	}
	return fmt.Sprintf("$%s (target $%s)", money(cost), money(budget))
}
