package game

import (
	"fmt"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/training/profiles"
)

// ProfileScene is where learners sharing a computer pick who is training
// or add themselves, and see a learner's profile: qualifications with the
// date earned and the evidence (the hash of the replay that earned it),
// best scores, and what their qualifications unlock.
type ProfileScene struct {
	in     Frame
	field  textField
	names  []string
	loaded bool
	err    string
	t      int // 60ths of a second since the scene opened (real time): the caret blinks
	clock  sceneClock
	offer  int // stars a guest earned, offered to the learner just added (player.go)
}

// Typing implements the game's text-field hook: the name field always has
// the keyboard, so letters type instead of acting as controls.
func (s *ProfileScene) Typing() bool { return true }

// Animating keeps the cursor blinking.
func (s *ProfileScene) Animating() bool { return true }

// Field is the text typed in the new-learner field.
func (s *ProfileScene) Field() string { return s.field.text }

func (s *ProfileScene) refresh(g *Game) {
	names, err := g.ProfileNames()
	if err != nil {
		s.err = err.Error()
	}
	s.names, s.loaded = names, true
}

// Rows are the learner rows (for tests and tours).
func (s *ProfileScene) Rows(g *Game) []button {
	if !s.loaded {
		s.refresh(g)
	}
	var out []button
	for i, n := range s.names {
		if i == 9 {
			break
		}
		out = append(out, button{40, 150 + float64(i)*46, 400, 40, n, true})
	}
	return out
}

func (s *ProfileScene) fieldY() float64 { return 150 + 9*46 + 40 }

func (s *ProfileScene) buttons(g *Game) []action {
	w, h := g.Size()
	return []action{
		{button{30, 24, 120, 44, "< Back", true}, IntentBack, func() { g.Goto(&TitleScene{}) }},
		{button{340, s.fieldY() + 24, 100, 44, "Add", s.field.text != ""}, IntentConfirm, func() { s.create(g) }},
		{button{w - 300, h - 84, 260, 54, "Train >", g.Profile() != nil}, IntentConfirm, func() { g.Goto(&ChallengeSelectScene{}) }},
	}
}

// Update implements Scene.
func (s *ProfileScene) Update(g *Game, in Frame) error {
	s.in = in
	s.t = s.clock.frames(g)
	if !s.loaded {
		s.refresh(g)
	}
	if s.field.max == 0 {
		s.field = textField{max: 40, allow: nameRune}
	}
	if changed, refused := s.field.update(in.Text); refused != 0 {
		s.err = nameRefusal(refused)
	} else if changed && s.field.text == "" {
		s.err = ""
	}
	if s.updateOffer(g, in) {
		return nil
	}
	if runAction(in, s.buttons(g)) {
		return nil
	}
	for _, row := range s.Rows(g) {
		if row.clicked(in) {
			if err := g.SelectProfile(row.label); err != nil {
				s.err = err.Error()
			}
		}
	}
	return nil
}

func (s *ProfileScene) create(g *Game) {
	name := s.field.text
	if err := profiles.CheckName(name); err != nil {
		s.err = err.Error()
		return
	}
	for _, n := range s.names { // an existing learner (also those past the shown rows) is chosen
		if n == name {
			if err := g.SelectProfile(name); err != nil {
				s.err = firstLine(err)
				return
			}
			s.field.text = ""
			return
		}
	}
	if err := g.CreateProfile(name); err != nil {
		s.err = firstLine(err)
		return
	}
	s.field.text, s.err = "", ""
	s.offer = countStars(g.guestStars())
	s.refresh(g)
	if s.offer == 0 { // else the offer says hello
		g.Notify(fmt.Sprintf("Welcome, %s! Press Train to start with challenge 1.", name), false)
	}
}

// Draw implements Scene.
func (s *ProfileScene) Draw(g *Game, r *Renderer) {
	w, h := g.Size()
	r.Bold("Who is training?", w/2, 26, 32, colInk, text.AlignCenter)
	r.Text("Each learner on this computer has a profile: progress, best scores and qualifications.", w/2, 72, 15, colMutedInk, text.AlignCenter)
	bs := s.buttons(g)
	for i, b := range bs {
		b.draw(r, b.hover(s.in), i == 2)
	}
	r.Bold("Learners", 40, 118, 17, colInk, text.AlignStart)
	cur := g.Profile()
	rows := s.Rows(g)
	if len(rows) == 0 {
		r.Text("Nobody yet: type your name below.", 40, 160, 15, colMutedInk, text.AlignStart)
	}
	for _, row := range rows {
		bg := colPanel
		if row.hover(s.in) {
			bg = colPanelHi
		}
		tc := colLight
		if cur != nil && cur.Name == row.label {
			bg, tc = colAccent, colInk
		}
		r.Rect(row.x, row.y, row.w, row.h, bg)
		r.Bold(row.label, row.x+14, row.y+10, 17, tc, text.AlignStart)
		if cur != nil && cur.Name == row.label {
			r.Text("training now", row.x+row.w-12, row.y+12, 13, colInk, text.AlignEnd)
		}
	}
	if len(s.names) > len(rows) {
		r.Text(fmt.Sprintf("and %d more: type a name below to choose it", len(s.names)-len(rows)), 40, 150+float64(len(rows))*46+4, 13, colMutedInk, text.AlignStart)
	}
	fy := s.fieldY()
	r.Bold("New learner", 40, fy, 15, colInk, text.AlignStart)
	r.Rect(40, fy+24, 290, 44, colLight)
	r.Frame(40, fy+24, 290, 44, 2, colAccent)
	shown := s.field.text
	if s.t/30%2 == 0 {
		shown += "|"
	}
	if s.field.text == "" && s.t/30%2 == 1 {
		r.Text("type a name", 52, fy+36, 16, colMutedInk, text.AlignStart)
	}
	r.Text(shown, 52, fy+36, 18, colInk, text.AlignStart)
	hint := "Letters, digits, '.', '_' or '-'. Enter adds (or chooses) the learner."
	hc := colMutedInk
	if s.err != "" {
		hint, hc = s.err, colBad
	}
	r.Wrap(hint, 40, fy+76, 13, 400, hc)
	defer s.drawOffer(g, r)

	// The profile of the learner training now.
	x := 490.0
	pw := w - x - 40
	r.Rect(x, 110, pw, h-110-100, colPanel)
	if cur == nil {
		r.Wrap("Choose a learner on the left, or add one. Training challenges earn qualifications, and qualifications open design levels and palette modules.", x+24, 140, 17, pw-48, colLight)
		return
	}
	s.drawProfile(g, r, cur, x, 110, pw)
}

func (s *ProfileScene) drawProfile(g *Game, r *Renderer, p *profiles.Profile, x, y, pw float64) {
	_, quals := g.Training()
	r.Bold(p.Name, x+24, y+18, 26, colLight, text.AlignStart)
	r.Text("learner since "+p.Created.Local().Format("2 Jan 2006"), x+pw-24, y+26, 14, colMuted, text.AlignEnd)
	yy := y + 66
	r.Bold("Qualifications", x+24, yy, 17, colAccent, text.AlignStart)
	yy += 28
	if len(p.Awards) == 0 {
		msg := "None yet."
		if quals != nil && len(quals.List) > 0 {
			msg = fmt.Sprintf("None yet. %s: %s.", quals.List[0].Name, quals.HowToEarn(quals.List[0].ID))
		}
		yy += r.Wrap(msg, x+24, yy, 15, pw-48, colLight) + 8
	}
	for _, a := range p.Awards {
		name := a.Qualification
		if quals != nil && quals.Get(a.Qualification) != nil {
			name = quals.Get(a.Qualification).Name
		}
		r.Sprite(SpriteTick, x+24, yy, 18, 18, colGood)
		r.Bold(name, x+50, yy, 16, colLight, text.AlignStart)
		r.Text("earned "+a.At.Local().Format("2 Jan 2006 15:04")+", "+profiles.AttestationLabel(a.Attestation), x+pw-24, yy+1, 14, colLight, text.AlignEnd)
		r.Text("evidence (replay hash) "+a.Evidence, x+50, yy+22, 11, colMuted, text.AlignStart)
		r.Text(fmt.Sprintf("Open Badge: prodos badge %s %s --out %s-%s.json", p.Name, a.Qualification, p.Name, a.Qualification), x+50, yy+38, 11, colMuted, text.AlignStart)
		yy += 60
	}
	yy += 12
	if quals != nil {
		held := p.Holds()
		var open, locked []string
		for _, l := range g.Levels {
			if len(quals.Unlocking(training.UnlockLevel, l.ID)) == 0 {
				continue
			}
			if quals.Allows(held, training.UnlockLevel, l.ID) {
				open = append(open, l.Title)
			} else {
				locked = append(locked, l.Title)
			}
		}
		var cats []string
		for _, q := range quals.List {
			if held[q.ID] {
				cats = append(cats, q.Categories...)
			}
		}
		r.Bold("Open to you", x+24, yy, 17, colAccent, text.AlignStart)
		yy += 26
		lines := []string{
			"Design levels: " + listOr(open, "none by qualification yet") + waiting(locked),
			"Palette (sandbox): " + listOr(cats, "none yet"),
		}
		perms, err := profiles.PermissionLines(p, quals, time.Now())
		if err != nil {
			perms = []string{"Permissions: " + err.Error()}
		}
		lines = append(lines, perms...)
		for _, l := range lines {
			yy += r.Wrap(l, x+24, yy, 14, pw-48, colLight) + 4
		}
		var next []string
		for _, q := range quals.List {
			ready := !held[q.ID]
			for _, req := range q.Requires {
				ready = ready && held[req]
			}
			if ready && len(next) < 2 {
				next = append(next, q.Name+": "+quals.HowToEarn(q.ID))
			}
		}
		if len(next) > 0 {
			yy += 8
			r.Bold("Next to earn", x+24, yy, 17, colAccent, text.AlignStart)
			yy += 26
			for _, l := range next {
				yy += r.Wrap(l, x+24, yy, 14, pw-48, colLight) + 4
			}
		}
	}
	yy += 10
	best := p.Best()
	if len(best) > 0 {
		r.Bold("Best scores", x+24, yy, 17, colAccent, text.AlignStart)
		yy += 26
		var parts []string
		set, _ := g.Training()
		if set != nil {
			for _, l := range set.Levels {
				if a, ok := best[l.ID]; ok {
					parts = append(parts, fmt.Sprintf("%d %s: %d (%d stars)", l.Number, l.Title, a.Score, a.Stars))
				}
			}
		}
		r.Wrap(strings.Join(parts, " · "), x+24, yy, 14, pw-48, colLight)
	}
}

func listOr(l []string, none string) string {
	if len(l) == 0 {
		return none
	}
	return strings.Join(l, ", ")
}

func waiting(locked []string) string {
	if len(locked) == 0 {
		return ""
	}
	return "; still locked: " + strings.Join(locked, ", ")
}
