package game

import (
	"fmt"

	"github.com/BurntSushi/toml"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// Who is playing: the title and the level select say it, a new learner is
// offered what was earned as a guest, and a name the profiles cannot take
// is refused with the reason.

// playerLabel is the "Playing as ..." line of the title and level select.
func (g *Game) playerLabel() string {
	if p := g.Profile(); p != nil {
		return "Playing as " + p.Name
	}
	return "Playing as a guest"
}

// playerButton is the top-right button of the title and level select that
// says who is playing and opens the learner picker.
func playerButton(g *Game, r *Renderer) button {
	w, _ := g.Size()
	label := g.playerLabel()
	bw := 200.0
	if r != nil && r.Fonts != nil {
		bw = r.Measure(label, 15, true) + 36
	}
	return button{w - bw - 30, 30, bw, 44, label, true}
}

// drawPlayer draws the player button with a hint under it, on a dark
// background (the title) or a light one (the level select).
func drawPlayer(g *Game, r *Renderer, in Frame, dark bool) {
	b := playerButton(g, r)
	c, hc := colPanel, colInk
	if dark {
		c, hc = colPanel2, colLight
	}
	if b.hover(in) {
		c = colPanelHi
	}
	r.Rect(b.x, b.y, b.w, b.h, c)
	r.Bold(b.label, b.x+b.w/2, b.y+12, 15, colLight, text.AlignCenter)
	hint := "click to choose who is playing"
	if g.Profile() == nil {
		hint = "click to add your name"
	}
	r.Text(hint, b.x+b.w, b.y+b.h+4, 13, hc, text.AlignEnd)
}

// nameRefusal says why a character cannot go in a learner's name.
func nameRefusal(c rune) string {
	what := fmt.Sprintf("%q", c)
	if c == ' ' {
		what = "a space"
	}
	return fmt.Sprintf("A name cannot have %s: use letters, digits, '.', '_' or '-' (Two_Words, for example). Your name is kept as typed so far.", what)
}

// guestStars is what a guest earned on this computer (progress.toml).
func (g *Game) guestStars() map[string]int {
	data, err := g.Store.Read("progress.toml")
	if err != nil {
		return nil
	}
	var p Progress
	if _, err := toml.Decode(string(data), &p); err != nil {
		return nil
	}
	return p.Stars
}

// carryGuest gives the learner playing now the guest's stars (the best of
// both per level) and the guest's designs of levels they have not started.
func (g *Game) carryGuest() {
	for id, n := range g.guestStars() {
		g.RecordStars(id, n)
	}
	for _, l := range g.Levels {
		data, err := g.Store.Read("designs/" + l.ID + ".toml")
		if err != nil {
			continue
		}
		mine := g.designFile(l.ID)
		if _, err := g.Store.Read(mine); err == nil {
			continue
		}
		if err := g.Store.Write(mine, data); err != nil {
			g.Notify("could not copy the guest's design: "+err.Error(), true)
		}
	}
}

func countStars(stars map[string]int) int {
	n := 0
	for _, s := range stars {
		n += s
	}
	return n
}

// offerButtons are the carry-over offer's buttons: take the guest's stars,
// or not (none when there is no offer).
func (s *ProfileScene) offerButtons(g *Game) []action {
	if s.offer == 0 {
		return nil
	}
	w, h := g.Size()
	y := h - 150
	return []action{
		{button{w - 570, y, 250, 44, "Carry them over", true}, IntentNone, func() {
			g.carryGuest()
			g.Notify(fmt.Sprintf("%d stars carried over to %s", s.offer, g.Profile().Name), false)
			s.offer = 0
		}},
		{button{w - 310, y, 170, 44, "No, thanks", true}, IntentNone, func() { s.offer = 0 }},
	}
}

// updateOffer handles a click on the offer; it reports whether it took the click.
func (s *ProfileScene) updateOffer(g *Game, in Frame) bool {
	return runAction(in, s.offerButtons(g))
}

// drawOffer draws the carry-over offer over the bottom of the profile.
func (s *ProfileScene) drawOffer(g *Game, r *Renderer) {
	b := s.offerButtons(g)
	if len(b) == 0 {
		return
	}
	w, _ := g.Size()
	x, y := w-600.0, b[0].y-62
	r.Rect(x, y, 560, 124, colPanel)
	r.Frame(x, y, 560, 124, 2, colAccent)
	msg := fmt.Sprintf("You earned %d stars as a guest on this computer. Carry them (and your designs) over to %s?", s.offer, g.Profile().Name)
	r.Wrap(msg, x+20, y+10, 15, 520, colLight)
	for i, bb := range b {
		bb.draw(r, bb.hover(s.in), i == 0)
	}
}

// toastAvoid implements toastAvoider: messages keep off the scene's buttons.
func (s *ProfileScene) toastAvoid(g *Game) []button {
	return plainButtons(append(s.buttons(g), s.offerButtons(g)...))
}

// toastAvoid implements toastAvoider.
// The whole dialog counts: a message never covers its title or figures.
func (s *ResultsScene) toastAvoid(g *Game) []button {
	w, h := g.Size()
	x, y, pw, ph := resultsPanel(w, h)
	return append(plainButtons(s.buttons(g)), button{x: x, y: y, w: pw, h: ph})
}
