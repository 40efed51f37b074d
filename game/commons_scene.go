package game

import (
	"fmt"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/game/commonsclient"
	"github.com/opensourceecology/prodos/production/commons"
)

// UseCommons sets the commons server the desktop game browses and
// publishes to (housegame --commons URL). In the browser the game uses the
// `prodos serve` page it was loaded from instead.
func (g *Game) UseCommons(c *commonsclient.Client) { g.commons = c }

// commonsClient is the commons to use, or nil with why there is none: the
// desktop's --commons server, else the browser page's (with the learner
// token the page holds now). With the facilitator token the author is the
// selected profile.
func (g *Game) commonsClient() (*commonsclient.Client, string) {
	if base, token, ok := commonsclient.Page(); ok {
		return &commonsclient.Client{Base: base, Token: token}, ""
	}
	if g.commons == nil {
		return nil, "No design commons: start the game with --commons URL (a prodos serve address), or play it from prodos serve"
	}
	c := *g.commons
	if p := g.Profile(); p != nil && c.As == "" {
		c.As = p.Name
	}
	return &c, ""
}

// CommonsScene browses the open design commons: a search box and status
// filter, the published versions, and the selected one's detail, from
// which it opens into the sandbox as it is or as a remix.
type CommonsScene struct {
	B      *commonsclient.Browser
	search textField
	in     Frame
	typing bool
	why    string // no commons: why
}

// OpenCommons opens the Commons scene and lists the commons.
func (g *Game) OpenCommons() *CommonsScene {
	s := &CommonsScene{search: textField{max: 40, allow: func(r rune) bool { return r >= ' ' && r < 0x7f }}}
	c, why := g.commonsClient()
	if c == nil {
		s.why = why
	} else {
		s.B = commonsclient.NewBrowser(c, g.Cat)
		s.B.Refresh()
	}
	g.Goto(s)
	return s
}

// Typing implements the text-field focus filter (typingFilter).
func (s *CommonsScene) Typing() bool { return s.typing }

// Layout of the scene on a w-wide screen.
const (
	commonsRowH   = 66.0
	commonsListY  = 150.0
	commonsListX  = 30.0
	commonsDetail = 0.52 // the detail panel starts at this share of the width
)

func (s *CommonsScene) listW(g *Game) float64 { w, _ := g.Size(); return w*commonsDetail - 50 }

func (s *CommonsScene) rows(g *Game) []button {
	if s.B == nil {
		return nil
	}
	_, h := g.Size()
	var out []button
	for i, v := range s.B.Designs {
		y := commonsListY + float64(i)*commonsRowH
		if y+commonsRowH > h-20 {
			break
		}
		out = append(out, button{commonsListX, y, s.listW(g), commonsRowH - 6, v.Name, true})
	}
	return out
}

func (s *CommonsScene) controls(g *Game) (back, field, status, find button) {
	back = button{30, 30, 120, 44, "< Back", true}
	field = button{30, 92, 330, 40, "", true}
	label := "Status: " + "All"
	if s.B != nil {
		label = "Status: " + s.B.Query.StatusLabel()
	}
	status = button{370, 92, 200, 40, label, s.B != nil}
	find = button{580, 92, s.listW(g) + commonsListX - 580, 40, "Search", s.B != nil}
	return
}

func (s *CommonsScene) actions(g *Game) []action {
	w, h := g.Size()
	x := w*commonsDetail + 10
	_, sel := s.selected()
	y := h - 70
	bw := (w - x - 40) / 2
	return []action{
		{button{x, y, bw, 50, "Open in sandbox", sel}, IntentConfirm, func() { s.open(g, false) }},
		{button{x + bw + 10, y, bw, 50, "Remix", sel}, IntentNone, func() { s.open(g, true) }},
	}
}

func (s *CommonsScene) selected() (commons.Version, bool) {
	if s.B == nil {
		return commons.Version{}, false
	}
	return s.B.Selected()
}

// open loads the selected version into the sandbox, as a remix or not.
func (s *CommonsScene) open(g *Game, remix bool) {
	v, ok := s.selected()
	if !ok {
		return
	}
	s.B.Open(remix, func(d *designs.Design) {
		if _, err := g.OpenLevel("sandbox", d); err != nil {
			g.Notify("Cannot open the design: "+firstLine(err), true)
			return
		}
		if remix {
			g.Notify(fmt.Sprintf("Remix of %s (%s): change it, then Publish; its parent is set", v.Name, commonsclient.Short(v.Hash)), false)
			return
		}
		g.Notify(fmt.Sprintf("%s by %s, opened in the sandbox", v.Name, v.Author), false)
	})
}

// Update implements Scene.
func (s *CommonsScene) Update(g *Game, in Frame) error {
	s.in = in
	if s.B != nil && s.B.Poll() && s.B.Err != "" {
		g.Notify(s.B.Err, true)
	}
	back, field, status, find := s.controls(g)
	switch {
	case back.clicked(in) || in.Has(IntentBack) && !s.typing:
		g.Goto(&SelectScene{})
		return nil
	case in.Has(IntentBack):
		s.typing = false
		return nil
	case s.B == nil:
		return nil
	case field.clicked(in):
		s.typing = true
	case in.Pressed.Left:
		s.typing = false
	}
	if s.typing {
		s.search.update(in.Text)
		if in.Has(IntentConfirm) {
			s.typing = false
			s.find()
		}
		return nil
	}
	switch {
	case status.clicked(in):
		s.B.Query.NextStatus()
		s.find()
	case find.clicked(in):
		s.find()
	}
	for i, r := range s.rows(g) {
		if r.clicked(in) {
			s.B.Select(i)
		}
	}
	runAction(in, s.actions(g))
	return nil
}

func (s *CommonsScene) find() {
	s.B.Query.Text = s.search.text
	s.B.Refresh()
}

// Animating keeps frames coming while a request is under way, so its
// answer is drawn when it arrives.
func (s *CommonsScene) Animating() bool { return s.B != nil && s.B.Busy() }

// Draw implements Scene.
func (s *CommonsScene) Draw(g *Game, r *Renderer) {
	w, h := g.Size()
	back, field, status, find := s.controls(g)
	r.Bold("Open design commons", w/2, 36, 32, colInk, text.AlignCenter)
	back.draw(r, back.hover(s.in), false)
	drawPlayer(g, r, s.in, false)
	if s.B == nil {
		r.Wrap(s.why, 60, 160, 20, w-120, colMutedInk)
		return
	}
	r.Rect(field.x, field.y, field.w, field.h, colLight)
	fc := colMutedInk
	if s.typing {
		fc = colAccent
	}
	r.Frame(field.x, field.y, field.w, field.h, 2, fc)
	hint, tc := s.search.text, colInk
	if hint == "" && !s.typing {
		hint, tc = "Search name, author, licence", colMutedInk
	}
	if s.typing {
		hint += "|"
	}
	r.Text(r.Ellipsis(hint, 17, false, field.w-20), field.x+10, field.y+10, 17, tc, text.AlignStart)
	status.draw(r, status.hover(s.in), false)
	find.draw(r, find.hover(s.in), false)
	s.drawList(g, r)
	r.Rect(w*commonsDetail, commonsListY-58, w-w*commonsDetail-20, h-commonsListY+38, colPanel)
	s.drawDetail(g, r)
	for _, a := range s.actions(g) {
		a.draw(r, a.hover(s.in), a.key == IntentConfirm)
	}
}

func (s *CommonsScene) drawList(g *Game, r *Renderer) {
	switch {
	case len(s.B.Designs) == 0 && s.B.Busy():
		r.Text("Loading the commons...", commonsListX, commonsListY, 18, colMutedInk, text.AlignStart)
	case len(s.B.Designs) == 0:
		r.Text("No published design matches.", commonsListX, commonsListY, 18, colMutedInk, text.AlignStart)
	}
	for i, b := range s.rows(g) {
		v := s.B.Designs[i]
		bg := colPanel
		if i == s.B.Sel || b.hover(s.in) {
			bg = colPanelHi
		}
		r.Rect(b.x, b.y, b.w, b.h, bg)
		if d := s.B.Plans[v.Hash]; d != nil {
			drawMiniPlan(r, g.Cat, d, b.x+6, b.y+4, 72, b.h-8)
		}
		tx := b.x + 88
		chipW := 104.0
		r.Bold(r.Ellipsis(v.Name, 17, true, b.w-tx+b.x-chipW-20), tx, b.y+7, 17, colLight, text.AlignStart)
		sub := fmt.Sprintf("%s · %s · %d sq ft · $%s/sq ft", v.Author, v.Licence, v.FloorArea, money(v.CostPerSqFt))
		r.Text(r.Ellipsis(sub, 14, false, b.w-tx+b.x-chipW-20), tx, b.y+34, 14, colMuted, text.AlignStart)
		statusChip(r, v.Status, b.x+b.w-chipW-8, b.y+7, chipW)
		r.Text("$"+money(v.Cost), b.x+b.w-8, b.y+34, 14, colLight, text.AlignEnd)
	}
}

// statusChip draws BUILD-READY in green or DRAFT in red.
func statusChip(r *Renderer, status string, x, y, w float64) {
	c := colBad
	if status == commons.StatusBuildReady {
		c = colGood
	}
	r.Rect(x, y, w, 22, c)
	r.Bold(strings.ToUpper(status), x+w/2, y+3, 13, colLight, text.AlignCenter)
}

func (s *CommonsScene) drawDetail(g *Game, r *Renderer) {
	w, h := g.Size()
	x := w*commonsDetail + 20
	pw := w - x - 40
	v, ok := s.selected()
	if !ok {
		r.Wrap("Pick a design to see its plan, cost and lineage; open it in the sandbox, or remix it and publish your version.", x, commonsListY-40, 17, pw, colMuted)
		return
	}
	y := commonsListY - 46
	r.Bold(r.Ellipsis(v.Name, 22, true, pw-120), x, y, 22, colLight, text.AlignStart)
	statusChip(r, v.Status, x+pw-110, y+4, 110)
	y += 34
	r.Text(fmt.Sprintf("by %s · %s · %s · version %s", v.Author, v.Licence, v.Published.Format("2006-01-02"), commonsclient.Short(v.Hash)), x, y, 14, colMuted, text.AlignStart)
	y += 22
	if v.Parent != "" {
		r.Text("Remix of "+commonsclient.Short(v.Parent), x, y, 14, colAccent, text.AlignStart)
		y += 22
	}
	rows := [][2]string{{"Cost", "$" + money(v.Cost)}, {"Per sq ft", "$" + money(v.CostPerSqFt)},
		{"Floor area", fmt.Sprintf("%d sq ft", v.FloorArea)}, {"Bedrooms (est.)", fmt.Sprint(v.Bedrooms)}, {"Modules", fmt.Sprint(v.Modules)}}
	if d := s.B.Detail; d != nil {
		rows = append(rows, [2]string{"Labour", d.Labor.Total + " h"}, [2]string{"BOM lines", fmt.Sprint(d.BOM.Lines)},
			[2]string{"Remixes", fmt.Sprint(len(d.Lineage.Children))})
	}
	for i, row := range rows {
		yy := y + float64(i)*22
		r.Text(row[0], x, yy, 15, colMuted, text.AlignStart)
		r.Bold(row[1], x+130, yy, 15, colLight, text.AlignStart)
	}
	planX := x + 250
	planH := h - 90 - y - 10
	if d := s.B.Plan; d != nil {
		drawMiniPlan(r, g.Cat, d, planX, y, pw-250, math.Min(planH, 260))
	} else if s.B.Busy() {
		r.Text("Loading...", planX, y, 15, colMuted, text.AlignStart)
	}
	y += math.Max(float64(len(rows))*22, math.Min(planH, 260)) + 10
	for _, p := range v.Problems {
		if y > h-110 {
			break
		}
		y += r.WrapN("Draft: "+p, x, y, 14, pw, colAccent, 2) + 4
	}
}

// drawMiniPlan draws design d's plan fitted into the box.
func drawMiniPlan(r *Renderer, cat *designs.Catalog, d *designs.Design, x, y, w, h float64) {
	gw, gh := float64(d.Grid.Width), float64(d.Grid.Height)
	if gw <= 0 || gh <= 0 {
		return
	}
	zoom := math.Min(w/gw, h/gh)
	ox, oy := x+(w-gw*zoom)/2, y+(h-gh*zoom)/2
	r.Rect(ox, oy, gw*zoom, gh*zoom, colLight)
	db := r.Dst.Bounds()
	pp := planPainter{r: r, to: func(cx, cy float64) (float64, float64) { return ox + cx*zoom, oy + cy*zoom }, zoom: zoom,
		vx0: float64(db.Min.X) / r.Scale, vy0: float64(db.Min.Y) / r.Scale,
		vx1: float64(db.Max.X) / r.Scale, vy1: float64(db.Max.Y) / r.Scale}
	pp.modules(cat, d)
}
