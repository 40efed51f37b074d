package game

import (
	"fmt"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

// violationRows are the clickable problem lines in the HUD.
func (s *DesignScene) violationRows(g *Game) []button {
	return s.violationRowsAt(g, s.hudProblemsY(g))
}

func (s *DesignScene) violationRowsAt(g *Game, py float64) []button {
	w, h := g.Size()
	vs := s.board.Violations()
	var out []button
	y := py + 24
	for i := range vs {
		if y+36 > h-24 {
			break
		}
		out = append(out, button{w - hudW + 10, y, hudW - 20, 34, vs[i].Msg, true})
		y += 36
	}
	return out
}

type hudKey struct {
	gen         int
	w, h, scale float64
	objectives  int
}

// hudProblemsY is where the HUD's problem list starts (it follows the
// briefing and objectives, whose wrapped height depends on the font).
func (s *DesignScene) hudProblemsY(g *Game) float64 {
	w, h := g.Size()
	k := hudKey{s.gen, w, h, g.r.Scale, len(s.result.Objectives)}
	if k != s.hudK || s.hudPY == 0 {
		scratch := Renderer{Scale: g.r.Scale, Fonts: g.r.Fonts, Atlas: &Atlas{}}
		s.hudPY = s.layoutHUD(g, &scratch)
		s.hudK = k
	}
	return s.hudPY
}

// whole is money rounded to dollars, with thousands separators.
func whole(d decimal.Decimal) string {
	m := money(d.Round(0))
	return m[:len(m)-3]
}

func money(d decimal.Decimal) string {
	s := d.StringFixed(2)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac := s[:len(s)-3], s[len(s)-3:]
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String() + frac
	if neg {
		out = "-" + out
	}
	return out
}

func (s *DesignScene) drawHUD(g *Game, r *Renderer) {
	py := s.layoutHUD(g, r)
	s.drawProblems(g, r, py)
}

// layoutHUD draws the HUD down to the problem list and returns where that
// list starts.
func (s *DesignScene) layoutHUD(g *Game, r *Renderer) float64 {
	w, h := g.Size()
	x := w - hudW
	r.Rect(x, topBarH, hudW, h-topBarH, colPanel)
	y := topBarH + 10
	y += r.Wrap(strings.Join(strings.Fields(s.level.Briefing), " "), x+14, y, 13, hudW-28, colLight) + 8

	cost := s.board.Cost().Total()
	met := s.board.Metrics()
	r.Bold("Cost", x+14, y, 15, colMuted, text.AlignStart)
	budget := s.level.Budget
	label := "$" + money(cost)
	if !budget.IsZero() {
		label += " / $" + money(budget)
	}
	r.Bold(label, w-14, y, 15, colLight, text.AlignEnd)
	y += 24
	bw := hudW - 28
	r.Rect(x+14, y, bw, 14, colPanel2)
	if !budget.IsZero() {
		f, _ := cost.Div(budget).Float64()
		c := colGood
		if f > 1 {
			c = colBad
		} else if f > 0.9 {
			c = colAccent
		}
		r.Rect(x+14, y, bw*math.Min(f, 1), 14, c)
	} else {
		r.Rect(x+14, y, bw, 14, colPanelHi)
	}
	y += 24
	bd := s.board.Cost()
	r.Text(fmt.Sprintf("materials $%s · labour $%s · machine $%s", whole(bd.Materials), whole(bd.Labour), whole(bd.Machine)), x+14, y, 12, colMuted, text.AlignStart)
	y += 20
	y = s.drawLifetime(r, x, y, w)
	r.Text("Floor area", x+14, y, 14, colMuted, text.AlignStart)
	r.Text(fmt.Sprintf("%d sq ft · %.1f m²", met.FloorSqFt(), met.FloorM2()), w-14, y, 14, colLight, text.AlignEnd)
	y += 20
	r.Text("Rooms / modules", x+14, y, 14, colMuted, text.AlignStart)
	r.Text(fmt.Sprintf("%s · %s", plural(met.Rooms, "room"), plural(met.Modules, "module")), w-14, y, 14, colLight, text.AlignEnd)
	y += 26
	if len(s.result.Objectives) > 0 {
		r.Bold("Objectives", x+14, y, 15, colAccent, text.AlignStart)
		y += 24
		for _, o := range s.result.Objectives {
			sp, c := SpriteCross, colMuted
			if o.Done {
				sp, c = SpriteTick, colGood
			}
			r.Sprite(sp, x+14, y+1, 16, 16, c)
			tx := x + 38
			for k := 0; k < o.Stars && o.Stars > 1; k++ {
				r.Sprite(SpriteStar, tx, y, 16, 16, colAccent)
				tx += 14
			}
			if o.Stars > 1 {
				tx += 4
			}
			for i, line := range r.wrapLines(o.Text, 13, w-14-tx) {
				if i > 0 {
					y += 17
				}
				r.Text(line, tx, y+1, 13, colLight, text.AlignStart)
			}
			y += 22
		}
	}
	return y + 6
}

func (s *DesignScene) drawProblems(g *Game, r *Renderer, py float64) {
	w, h := g.Size()
	x := w - hudW
	vs := s.board.Violations()
	if len(vs) == 0 {
		r.Bold("No problems", x+14, py, 15, colGood, text.AlignStart)
		return
	}
	r.Bold(fmt.Sprintf("Problems (%d): click one to look", len(vs)), x+14, py, 15, colBad, text.AlignStart)
	rows := s.violationRowsAt(g, py)
	for i, b := range rows {
		if b.hover(s.in) {
			r.Rect(b.x, b.y, b.w, b.h, colPanelHi)
		}
		c := colLight
		if !vs[i].Hard {
			c = colAccent
		}
		r.Rect(b.x, b.y+3, 3, b.h-6, c)
		lines := r.wrapLines(vs[i].Msg, 12, b.w-16)
		if len(lines) > 2 {
			l := lines[1]
			for r.Measure(l+"…", 12, false) > b.w-16 && len(l) > 4 {
				l = l[:len(l)-2]
			}
			lines = []string{lines[0], l + "…"}
		}
		for k, l := range lines {
			r.Text(l, b.x+8, b.y+2+float64(k)*15, 12, colLight, text.AlignStart)
		}
	}
	if len(rows) < len(vs) {
		r.Text(fmt.Sprintf("… and %d more", len(vs)-len(rows)), x+14, h-22, 13, colMuted, text.AlignStart)
	}
}

// phaseTitle names the house the cost by phase is for: the shell or the
// finished house.
func phaseTitle(scope string) string {
	if scope == designs.ScopeFinished {
		return "Finished house by phase: "
	}
	return "Shell by phase: "
}

// drawLifetime draws the cost by build phase, the 50-year life-cycle cost
// (red over the level's life-cycle budget) and the repairability, from y;
// it returns the y below them.
func (s *DesignScene) drawLifetime(r *Renderer, x, y, w float64) float64 {
	l := s.board.Lifetime()
	y += r.Wrap(phaseTitle(l.Scope)+l.PhaseLine(), x+14, y, 12, hudW-28, colMuted) + 6
	r.Text("50-year cost", x+14, y, 14, colMuted, text.AlignStart)
	c := colLight
	if l.OverBudget() {
		c = colBad
	}
	r.Text(l.LifeLine(), w-14, y, 14, c, text.AlignEnd)
	y += 20
	r.Text("Repairable alone", x+14, y, 14, colMuted, text.AlignStart)
	r.Text(l.RepairLine(), w-14, y, 14, colLight, text.AlignEnd)
	return y + 22
}
