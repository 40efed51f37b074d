package game

import (
	"image/color"
	"strings"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/opensourceecology/prodos/game/commonsclient"
)

// PublishScene publishes the design scene's design to the commons and
// shows the answer: the version's hash and status (a draft with its
// reasons), or the refusal (a closed licence with the allowed list).
type PublishScene struct {
	design *DesignScene
	b      *commonsclient.Browser
	out    *commonsclient.Outcome
	in     Frame
}

// publishToCommons opens the publish dialog over the design scene (the
// top bar's Publish button).
func (s *DesignScene) publishToCommons(g *Game) {
	c, why := g.commonsClient()
	if c == nil {
		g.Notify(why, true)
		return
	}
	d := *s.board.Design()
	if d.Name == "" {
		d.Name = s.level.Title
	}
	ps := &PublishScene{design: s, b: commonsclient.NewBrowser(c, g.Cat)}
	file := strings.TrimSuffix(s.saveName[strings.LastIndexByte(s.saveName, '/')+1:], ".toml") + ".toml"
	ps.b.Publish(file, &d, func(o commonsclient.Outcome) { ps.out = &o })
	g.toastOn = false // the dialog says it all
	g.Goto(ps)
}

// Outcome is the publish's answer, nil until it arrives.
func (s *PublishScene) Outcome() *commonsclient.Outcome { return s.out }

// Wait blocks until the answer arrives (tests and screenshots only).
func (s *PublishScene) Wait() { s.b.Wait() }

// Animating keeps frames coming until the answer arrives.
func (s *PublishScene) Animating() bool { return s.out == nil }

func (s *PublishScene) buttons(g *Game) []action {
	w, h := g.Size()
	return []action{{button{w/2 - 110, h/2 + 150, 220, 50, "Back to the design", s.out != nil}, IntentConfirm, func() { g.Goto(s.design) }}}
}

// Update implements Scene.
func (s *PublishScene) Update(g *Game, in Frame) error {
	s.in = in
	s.b.Poll()
	if s.out != nil && in.Has(IntentBack) {
		g.Goto(s.design)
		return nil
	}
	runAction(in, s.buttons(g))
	return nil
}

// Draw implements Scene.
func (s *PublishScene) Draw(g *Game, r *Renderer) {
	s.design.Draw(g, r)
	r.Flush()
	w, h := g.Size()
	r.Rect(0, 0, w, h, color.RGBA{0, 0, 0, 0x90})
	pw, ph := 760.0, 420.0
	x, y := (w-pw)/2, (h-ph)/2
	r.Rect(x, y, pw, ph, colPanel)
	r.Frame(x, y, pw, ph, 3, colAccent)
	r.Bold("Publish to the open design commons", w/2, y+22, 28, colLight, text.AlignCenter)
	yy := y + 80
	if s.out == nil {
		r.Text("Publishing...", w/2, yy, 20, colMuted, text.AlignCenter)
	} else {
		c := colGood
		if s.out.Bad() {
			c = colAccent
		}
		for i, line := range s.out.Lines() {
			size := 17.0
			if i == 0 {
				size = 19
			}
			yy += r.WrapN(line, x+40, yy, size, pw-80, c, 5) + 8
			c = colLight
			if yy > y+ph-100 {
				break
			}
		}
	}
	for _, b := range s.buttons(g) {
		b.draw(r, b.hover(s.in), true)
	}
}
