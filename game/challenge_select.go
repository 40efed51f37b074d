package game

import (
	"fmt"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/opensourceecology/prodos/engine/training"
)

// ChallengeSelectScene lists the training challenges for the learner
// playing now: best score and stars, what each counts towards, and for
// locked ones what opens them.
type ChallengeSelectScene struct {
	in Frame
}

// OpenTraining goes to training: the challenges, or the learner picker
// when no learner is chosen yet.
func (g *Game) OpenTraining() {
	if g.Profile() == nil {
		g.Goto(&ProfileScene{})
		return
	}
	g.Goto(&ChallengeSelectScene{})
}

// Cards are the challenge cards, in challenge order (for tests and tours).
func (s *ChallengeSelectScene) Cards(g *Game) []button {
	set, _ := g.Training()
	if set == nil {
		return nil
	}
	w, _ := g.Size()
	cols := 5
	gap := 14.0
	cw := (w - 60 - float64(cols-1)*gap) / float64(cols)
	ch := 262.0
	var out []button
	for i, l := range set.Levels {
		x := 30 + float64(i%cols)*(cw+gap)
		y := 118 + float64(i/cols)*(ch+gap)
		out = append(out, button{x, y, cw, ch, l.Title, g.ChallengeLock(l) == ""})
	}
	return out
}

func (s *ChallengeSelectScene) topButtons(g *Game) []action {
	w, _ := g.Size()
	return []action{
		{button{30, 24, 120, 44, "< Back", true}, IntentBack, func() { g.Goto(&TitleScene{}) }},
		{button{w - 250, 24, 220, 44, "Profile", true}, IntentNone, func() { g.Goto(&ProfileScene{}) }},
	}
}

// Update implements Scene.
func (s *ChallengeSelectScene) Update(g *Game, in Frame) error {
	s.in = in
	if runAction(in, s.topButtons(g)) {
		return nil
	}
	set, _ := g.Training()
	for i, c := range s.Cards(g) {
		if in.Pressed.Left && c.hover(in) {
			if c.enabled {
				g.Goto(NewChallengeScene(set.Levels[i]))
			} else {
				g.Notify("Locked: "+g.ChallengeLockDetail(set.Levels[i]), false)
			}
		}
	}
	return nil
}

// earnsText says which qualifications a challenge counts towards.
func earnsText(q *training.Quals, id string) string {
	out := ""
	for _, x := range q.List {
		for _, r := range x.Challenges {
			if r.Challenge == id {
				if out != "" {
					out += ", "
				}
				out += fmt.Sprintf("%s (%d+)", x.Name, r.MinScore)
			}
		}
	}
	return out
}

// Draw implements Scene.
func (s *ChallengeSelectScene) Draw(g *Game, r *Renderer) {
	w, _ := g.Size()
	set, quals := g.Training()
	r.Bold("Training: build it in the right order", w/2, 22, 30, colInk, text.AlignCenter)
	p := g.Profile()
	who := "no learner chosen"
	if p != nil {
		who = fmt.Sprintf("Learner %s · %d qualification(s)", p.Name, len(p.Awards))
	}
	r.Text(who, w/2, 66, 16, colMutedInk, text.AlignCenter)
	for i, b := range s.topButtons(g) {
		if i == 1 && p != nil {
			b.label = "Profile: " + p.Name
		}
		b.draw(r, b.hover(s.in), false)
	}
	if set == nil {
		r.Text("The training levels could not be loaded.", w/2, 200, 18, colBad, text.AlignCenter)
		return
	}
	var best map[string]int
	stars := map[string]int{}
	if p != nil {
		best = p.BestScores()
		for id, a := range p.Best() {
			stars[id] = a.Stars
		}
	}
	for i, c := range s.Cards(g) {
		l := set.Levels[i]
		bg := colPanel
		if c.enabled && c.hover(s.in) {
			bg = colPanelHi
		}
		if !c.enabled {
			bg = colLockedCard
		}
		r.Rect(c.x+4, c.y+5, c.w, c.h, colShadow)
		r.Rect(c.x, c.y, c.w, c.h, bg)
		r.Bold(fmt.Sprint(l.Number), c.x+14, c.y+8, 30, colAccent, text.AlignStart)
		mode := "click order"
		if l.CrewMode() {
			mode = fmt.Sprintf("crew of %d", len(l.Crew))
		}
		mc := colMuted
		if !c.enabled {
			mc = colLight
		}
		r.Text(fmt.Sprintf("%s · %s", mode, clock(l.LimitTicks())), c.x+c.w-12, c.y+16, 12, mc, text.AlignEnd)
		yy := c.y + 50
		yy += r.Wrap(l.Title, c.x+14, yy, 16, c.w-28, colLight) + 6
		if !c.enabled {
			r.Sprite(SpriteLock, c.x+c.w-40, c.y+c.h-40, 28, 28, colLight)
			r.Wrap("Locked: "+g.ChallengeLock(l), c.x+14, yy, 12, c.w-28, colLight)
			continue
		}
		if e := earnsText(quals, l.ID); e != "" {
			yy += r.Wrap("Earns "+e, c.x+14, yy, 12, c.w-28, colMuted)
		}
		got := stars[l.ID]
		for k := 0; k < 3; k++ {
			sp := SpriteStarEmpty
			if k < got {
				sp = SpriteStar
			}
			r.Sprite(sp, c.x+14+float64(k)*30, c.y+c.h-62, 26, 26, colAccent)
		}
		if sc, ok := best[l.ID]; ok {
			r.Text(fmt.Sprintf("Best score %d", sc), c.x+14, c.y+c.h-28, 13, colLight, text.AlignStart)
		} else {
			r.Text("Not tried yet", c.x+14, c.y+c.h-28, 13, colMuted, text.AlignStart)
		}
	}
}
