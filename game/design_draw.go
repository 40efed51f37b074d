package game

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/opensourceecology/prodos/designs"
)

// Draw implements Scene.
func (s *DesignScene) Draw(g *Game, r *Renderer) {
	s.outside, s.planDirect = false, false
	s.tooltipWasOut, s.tooltipOut = s.tooltipOut, false
	_, h := g.Size()
	if s.iso.on {
		s.drawIso(g, r)
		s.drawChromeCached(g, r)
		r.Flush()
		s.overBoxes = s.overBoxes[:0]
		return
	}
	s.drawPlanCached(g, r)
	// What is drawn over the plan is tracked, so the next frame puts back
	// from the cache only those parts (see drawPlanCached).
	r.Track()
	s.drawGhost(g, r)
	r.Track()
	s.drawPlanHover(g, r)
	r.Track()
	s.drawScale(g, r)
	r.Flush()
	r.Track()

	// Status hint at the bottom of the plan.
	px, _, pw, _ := s.planRect(g)
	hint := "Pick a module on the left, then click the plan to place it.  F1: all controls"
	if s.tool.Selected != "" {
		m := g.Cat.Modules[s.tool.Selected]
		if m.Placement == designs.OnEdge {
			hint = "Click near a cell edge to put the " + lowerFirst(m.Name) + " there; drag to lay a run. Right click removes."
		} else {
			hint = "Click to place the " + lowerFirst(m.Name) + "; R rotates. Right click removes. Esc drops the module."
		}
	}
	r.Rect(px, h-30, pw, 30, color.RGBA{0xff, 0xff, 0xff, 0xc0})
	r.Text(hint, px+pw/2, h-25, 14, colInk, text.AlignCenter)
	s.drawBanner(g, r)
	if s.startHere(g) {
		// A callout pointing at the palette, until a module is first picked.
		msg := "Start here: pick a module from the palette"
		tw := r.Measure(msg, 16, true) + 40
		r.Rect(px+12, topBarH+14, tw, 34, colAccent)
		r.Quad(SpriteWhite, [4][2]float64{{px + 12, topBarH + 14}, {px + 12, topBarH + 14}, {px + 12, topBarH + 48}, {px, topBarH + 31}}, colAccent)
		r.Bold(msg, px+32, topBarH+22, 16, colInk, text.AlignStart)
	}

	r.Untrack()
	s.drawChromeCached(g, r)
	r.Flush()
	r.Track()
	s.drawTooltip(g, r)
	r.Untrack()
	s.overBoxes = s.overBoxes[:0]
	plan := s.planDev(g, r.Scale)
	for _, b := range r.Tracked() {
		if b = b.Intersect(plan); !b.Empty() {
			s.overBoxes = append(s.overBoxes, b)
		}
	}
}

// startHere reports whether the "Start here" callout shows: only to a
// player who has placed nothing in the level yet (the design is still the
// level's start) and has not picked a module, and never once the level has
// been finished.
func (s *DesignScene) startHere(g *Game) bool {
	return s.tool.Selected == "" && !s.picked && !s.result.Complete && g.Progress.Stars[s.level.ID] == 0 &&
		len(s.board.Design().Placements) <= s.startN
}

func (s *DesignScene) drawGhost(g *Game, r *Renderer) {
	if !s.ghostShown() {
		return
	}
	m := g.Cat.Modules[s.ghost.Module]
	c := colGhostOK
	if !s.check.OK {
		c = colGhostBad
	}
	to := func(cx, cy float64) (float64, float64) { return s.ToScreen(g, cx, cy) }
	px, py, pw, ph := s.planRect(g)
	inside := func(x0, y0, x1, y1 float64) {
		if x0 < px || y0 < py || x1 > px+pw || y1 > py+ph {
			s.outside = true
		}
	}
	if m.Placement == designs.OnEdge {
		x1, y1, x2, y2 := edgeLine(*s.ghost, m.Cells)
		ax, ay := to(x1, y1)
		bx, by := to(x2, y2)
		t := math.Max(6, s.cam.Zoom*0.22)
		inside(math.Min(ax, bx)-t, math.Min(ay, by)-t, math.Max(ax, bx)+t, math.Max(ay, by)+t)
		r.Line(ax, ay, bx, by, t, c)
		return
	}
	w, h := m.Footprint(s.ghost.Rotation)
	ax, ay := to(float64(s.ghost.X), float64(s.ghost.Y))
	inside(ax, ay, ax+float64(w)*s.cam.Zoom, ay+float64(h)*s.cam.Zoom)
	r.Rect(ax, ay, float64(w)*s.cam.Zoom, float64(h)*s.cam.Zoom, c)
	r.Frame(ax, ay, float64(w)*s.cam.Zoom, float64(h)*s.cam.Zoom, 2, color.RGBA{c.R, c.G, c.B, 0xff})
}

func (s *DesignScene) drawTooltip(g *Game, r *Renderer) {
	if !s.ghostShown() {
		return
	}
	m := g.Cat.Modules[s.ghost.Module]
	lines := []string{engineDelta(s.check.Delta)}
	if s.check.Swap != "" {
		lines = []string{"Click to swap for the " + s.check.Swap + ": " + engineDelta(s.check.Delta)}
	}
	c := colGood
	if !s.check.OK {
		lines = r.wrapLines("Not here: "+s.check.Reason, 14, 320)
		c = colBad
	}
	tw := r.Measure(m.Name, 14, true)
	for _, l := range lines {
		tw = math.Max(tw, r.Measure(l, 14, false))
	}
	tw += 20
	th := 28 + float64(len(lines))*19
	x, y := s.in.X+18, s.in.Y+18
	w, h := g.Size()
	if x+tw > w-hudW {
		x = math.Max(paletteW, s.in.X-tw-10)
	}
	if y+th > h-30 {
		y = s.in.Y - th - 10
	}
	y = math.Max(y, topBarH+2)
	if x < paletteW || x+tw > w-hudW || y+th > h {
		s.tooltipOut = true // drawn over the panels: they are redrawn next frame
	}
	r.Rect(x, y, tw, th, color.RGBA{0x20, 0x24, 0x2a, 0xe8})
	r.Rect(x, y, 4, th, c)
	r.Bold(m.Name, x+10, y+5, 14, colLight, text.AlignStart)
	for i, l := range lines {
		r.Text(l, x+10, y+26+float64(i)*19, 14, c, text.AlignStart)
	}
	r.Flush()
}

// drawScale draws a scale bar in feet and metres at the plan's bottom left.
func (s *DesignScene) drawScale(g *Game, r *Renderer) {
	px, _, _, _ := s.planRect(g)
	_, h := g.Size()
	cells := 1
	for _, n := range []int{1, 2, 4, 8, 16, 32} {
		cells = n
		if float64(n)*s.cam.Zoom >= 80 {
			break
		}
	}
	l := float64(cells) * s.cam.Zoom
	x, y := px+20, h-58
	r.Rect(x-6, y-20, l+12, 34, color.RGBA{0xff, 0xff, 0xff, 0xc8})
	r.Rect(x, y, l, 4, colInk)
	r.Rect(x, y-6, 2, 10, colInk)
	r.Rect(x+l-2, y-6, 2, 10, colInk)
	r.Rect(x+l/2-1, y-4, 2, 6, colInk)
	ft := cells * 4
	r.Text(fmt.Sprintf("%d ft  ·  %.2f m", ft, float64(ft)*0.3048), x+l/2, y-18, 12, colInk, text.AlignCenter)
}

// edgeLine is the segment, in cells, a wall placement stands on.
func edgeLine(p designs.Placement, cells int) (x1, y1, x2, y2 float64) {
	x, y, n := float64(p.X), float64(p.Y), float64(cells)
	switch p.Edge {
	case designs.South:
		return x, y + 1, x + n, y + 1
	case designs.East:
		return x + 1, y, x + 1, y + n
	case designs.West:
		return x, y, x, y + n
	}
	return x, y, x + n, y
}
