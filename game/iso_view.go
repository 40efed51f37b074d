package game

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/game/isometric"
)

// isoView is the design scene's isometric view of the house: whether it
// is shown instead of the plan, its turn and cut-away, and the boxes in
// drawing order, built again only when the design, turn or cut-away
// change. hover (placement index + 1, 0 for none) is shared with the plan:
// a module under the pointer is highlighted in both views.
type isoView struct {
	on, cut bool
	rot     int
	hover   int
	boxes   []isometric.Box
	order   []int
	key     isoKey
	built   bool
	r       Renderer // kept between frames so drawing allocates little
	img     *ebiten.Image
	imgKey  isoImgKey
	imgCam  Camera // the camera the picture was drawn with
	lastCam Camera // the camera of the last frame drawn
}

type isoKey struct {
	gen, rot int
	cut      bool
}

// isoScale is the isometric view's pixels per cell at a plan zoom.
func isoScale(zoom float64) float64 { return zoom * 0.62 }

// SetIsoView shows the isometric view (or the plan), turned rot quarter
// turns, with or without the cut-away (the screenshot and bench flags).
func (s *DesignScene) SetIsoView(on bool, rot int, cut bool) {
	s.iso.on, s.iso.rot, s.iso.cut = on, ((rot%4)+4)%4, cut
}

// IsoView reports whether the isometric view is shown, its turn and
// whether the cut-away is on.
func (s *DesignScene) IsoView() (on bool, rot int, cut bool) { return s.iso.on, s.iso.rot, s.iso.cut }

// Hovered is the placement index of the module under the pointer in
// either view, or -1.
func (s *DesignScene) Hovered() int { return s.iso.hover - 1 }

// isoBoxes are the boxes of the current design, turned and cut away, and
// their drawing order.
func (s *DesignScene) isoBoxes(g *Game) ([]isometric.Box, []int) {
	k := isoKey{s.gen, s.iso.rot, s.iso.cut}
	if s.iso.built && k == s.iso.key {
		return s.iso.boxes, s.iso.order
	}
	d := s.board.Design()
	boxes := houseBoxes(g.Cat, d)
	for i := range boxes {
		boxes[i] = isometric.Rotate(boxes[i], s.iso.rot, d.Grid.Width, d.Grid.Height)
	}
	if s.iso.cut {
		boxes = isometric.CutAway(boxes)
	}
	s.iso.boxes, s.iso.order, s.iso.key, s.iso.built = boxes, isometric.Sort(boxes), k, true
	return s.iso.boxes, s.iso.order
}

// isoTo maps a point of the turned house to logical screen pixels: the
// camera's centre, at ground level, is the middle of the plan's area.
func (s *DesignScene) isoTo(g *Game) func(isometric.Point) (float64, float64) {
	px, py, pw, ph := s.planRect(g)
	o := s.isoOrigin(s.cam)
	sc := isoScale(s.cam.Zoom)
	return func(p isometric.Point) (float64, float64) {
		return px + pw/2 + (p.X-o.X)*sc, py + ph/2 + (p.Y-o.Y)*sc
	}
}

// isoOrigin is the projected point a camera centres: its centre, turned,
// a little above the ground (the walls stand up).
func (s *DesignScene) isoOrigin(c Camera) isometric.Point {
	d := s.board.Design()
	b := isometric.Rotate(isometric.Box{X0: c.CX, Y0: c.CY, X1: c.CX, Y1: c.CY}, s.iso.rot, d.Grid.Width, d.Grid.Height)
	return isometric.Project(b.X0, b.Y0, 1)
}

// isoMoved draws the cached picture moved and scaled to the camera while
// it pans or zooms (same design, turn and cut-away); the picture is drawn
// again sharp on the first frame the camera holds still.
func (s *DesignScene) isoMoved(g *Game, r *Renderer) {
	px, py, pw, ph := s.planRect(g)
	dev := s.planDev(g, r.Scale)
	c0 := s.iso.imgCam
	a := s.cam.Zoom / c0.Zoom
	o0, o := s.isoOrigin(c0), s.isoOrigin(s.cam)
	sc, scl := isoScale(s.cam.Zoom), r.Scale
	cx, cy := (px+pw/2)*scl, (py+ph/2)*scl
	dst := r.Dst.SubImage(dev).(*ebiten.Image)
	dst.Fill(color.RGBA{0xdc, 0xe8, 0xf0, 0xff})
	op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
	op.GeoM.Translate(float64(dev.Min.X), float64(dev.Min.Y))
	op.GeoM.Scale(a, a)
	op.GeoM.Translate(cx*(1-a)+(o0.X-o.X)*sc*scl, cy*(1-a)+(o0.Y-o.Y)*sc*scl)
	dst.DrawImage(s.iso.img.SubImage(dev).(*ebiten.Image), op)
	r.Calls += 2
}

// isoButtons are the view's own buttons, at the plan's top right: turn
// and cut-away.
func (s *DesignScene) isoButtons(g *Game) []button {
	px, py, pw, _ := s.planRect(g)
	cut := "Cut-away"
	if s.iso.cut {
		cut = "Show roof"
	}
	return []button{{px + pw - 230, py + 10, 100, 32, "Turn view", true}, {px + pw - 120, py + 10, 110, 32, cut, true}}
}

// isoUpdate handles the view toggle and, while the isometric view is
// shown, its turn, cut-away, zoom, pan and hover; it reports whether the
// rest of the frame (placing modules on the plan) is skipped.
func (s *DesignScene) isoUpdate(g *Game, in Frame) bool {
	if in.Has(IntentIsoView) {
		s.iso.on = !s.iso.on
		s.tool.Deselect()
	}
	overPlan := s.inPlan(g, in.X, in.Y)
	if !s.iso.on {
		s.iso.hover = 0
		if overPlan && s.tool.Selected == "" {
			cx, cy := s.ToCell(g, in.X, in.Y)
			s.iso.hover = placementAt(g.Cat, s.board.Design(), cx, cy) + 1
		}
		return false
	}
	bs := s.isoButtons(g)
	if in.Has(IntentRotate) || bs[0].clicked(in) {
		s.iso.rot = (s.iso.rot + 1) % 4
	}
	if in.Has(IntentCutaway) || bs[1].clicked(in) {
		s.iso.cut = !s.iso.cut
	}
	s.moduleKeys(g, Frame{Intents: map[Intent]bool{IntentFitView: in.Has(IntentFitView)}})
	s.cameraKeys(g, in)
	in.Released.Right, in.Intents = false, nil // no removing in this view
	s.pointerView(g, in, overPlan)
	s.px, s.py = in.X, in.Y
	s.paletteClick(g, in)
	s.problemsClick(g, in)
	s.iso.hover = 0
	if overPlan && !bs[0].hover(in) && !bs[1].hover(in) {
		boxes, order := s.isoBoxes(g)
		to := s.isoTo(g)
		ox, oy := to(isometric.Point{})
		sc := isoScale(s.cam.Zoom)
		if id, ok := isometric.Pick(boxes, order, isometric.Point{X: (in.X - ox) / sc, Y: (in.Y - oy) / sc}); ok {
			s.iso.hover = id + 1
		}
	}
	return true
}

// placementAt is the index of the topmost placement at a plan point (a
// wall when the point is near its edge), or -1.
func placementAt(cat *designs.Catalog, d *designs.Design, cx, cy float64) int {
	best, bestL := -1, -1
	for i, p := range d.Placements {
		m := cat.Modules[p.Module]
		if m == nil {
			continue
		}
		if m.Placement == designs.OnEdge {
			x1, y1, x2, y2 := edgeLine(p, m.Cells)
			if cx >= math.Min(x1, x2)-0.2 && cx <= math.Max(x1, x2)+0.2 && cy >= math.Min(y1, y2)-0.2 && cy <= math.Max(y1, y2)+0.2 {
				return i // walls are on top
			}
			continue
		}
		w, h := m.Footprint(p.Rotation)
		if cx >= float64(p.X) && cy >= float64(p.Y) && cx < float64(p.X+w) && cy < float64(p.Y+h) && layerOrder[m.Layer] > bestL {
			best, bestL = i, layerOrder[m.Layer]
		}
	}
	return best
}

// Colours of the isometric view, by kind of box (top face; the sides are
// shaded from it).
var isoColours = map[isometric.Kind]color.RGBA{
	isometric.Foundation: {0x9a, 0x9a, 0x96, 0xff},
	isometric.Floor:      {0xd9, 0xb9, 0x86, 0xff},
	isometric.Wall:       {0xf2, 0xec, 0xdf, 0xff},
	isometric.Core:       {0x7d, 0xa7, 0xc4, 0xff},
	isometric.Loft:       {0xc8, 0xa4, 0x6e, 0xff},
	isometric.Roof:       {0x9c, 0x4a, 0x3a, 0xff},
}

func shade(c color.RGBA, f float64) color.RGBA {
	return color.RGBA{uint8(float64(c.R) * f), uint8(float64(c.G) * f), uint8(float64(c.B) * f), c.A}
}

func mix(a, b color.RGBA, f float64) color.RGBA {
	m := func(x, y uint8) uint8 { return uint8(float64(x)*(1-f) + float64(y)*f) }
	return color.RGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), 0xff}
}

// isoImgKey is what the cached picture of the isometric view shows.
type isoImgKey struct {
	isoKey
	zoom, cx, cy, scl float64
	w, h              int
}

// drawIso draws the isometric view over the plan's area: the site, the
// boxes in painter's order as quads (one batch) and the rule problems,
// kept in an image drawn again only when the design, turn, cut-away or
// camera change; then over it the module under the pointer highlighted
// (with the boxes in front of it again), the view's buttons and hint.
func (s *DesignScene) drawIso(g *Game, r *Renderer) {
	px, py, pw, ph := s.planRect(g)
	r.Flush()
	s.blit, s.planDirect = planBlit{}, true // the plan's cache is not on screen
	dev := s.planDev(g, r.Scale)
	sb := r.Dst.Bounds()
	if s.iso.img == nil || s.iso.img.Bounds() != sb {
		if s.iso.img != nil {
			s.iso.img.Deallocate()
		}
		s.iso.img = ebiten.NewImage(sb.Dx(), sb.Dy())
		s.iso.imgKey = isoImgKey{}
	}
	boxes, order := s.isoBoxes(g)
	to := s.isoTo(g)
	q := func(p [4]isometric.Point) [4][2]float64 {
		var o [4][2]float64
		for i, v := range p {
			o[i][0], o[i][1] = to(v)
		}
		return o
	}
	edge := math.Max(1, isoScale(s.cam.Zoom)*0.02)
	pr := &s.iso.r
	pr.Scale, pr.Atlas, pr.Fonts = r.Scale, r.Atlas, r.Fonts
	k := isoImgKey{s.iso.key, s.cam.Zoom, s.cam.CX, s.cam.CY, r.Scale, sb.Dx(), sb.Dy()}
	old := s.iso.imgKey
	moving := k != old && s.cam != s.iso.lastCam && old.zoom > 0 &&
		isoImgKey{k.isoKey, old.zoom, old.cx, old.cy, k.scl, k.w, k.h} == old
	s.iso.lastCam = s.cam
	if moving {
		s.isoMoved(g, r)
	} else if k != old {
		s.iso.imgKey, s.iso.imgCam = k, s.cam
		pr.Begin(s.iso.img.SubImage(dev).(*ebiten.Image))
		pr.Rect(px, py, pw, ph, color.RGBA{0xdc, 0xe8, 0xf0, 0xff})
		d := s.board.Design()
		site := isometric.Rotate(isometric.Box{X1: float64(d.Grid.Width), Y1: float64(d.Grid.Height), Z0: -0.15}, s.iso.rot, d.Grid.Width, d.Grid.Height)
		st, sr, sl := isometric.Faces(site)
		pr.Quad(SpriteWhite, q(st), colSite)
		pr.Quad(SpriteWhite, q(sr), shade(colSite, 0.7))
		pr.Quad(SpriteWhite, q(sl), shade(colSite, 0.82))
		for _, i := range order {
			drawIsoBox(pr, q, boxes[i], isoColours[boxes[i].Kind], edge)
		}
		s.isoProblems(g, pr, q)
		pr.Flush()
		r.Calls += pr.Calls
	}
	if !moving {
		op := &ebiten.DrawImageOptions{}
		op.GeoM.Translate(float64(dev.Min.X), float64(dev.Min.Y))
		r.Dst.DrawImage(s.iso.img.SubImage(dev).(*ebiten.Image), op)
		r.Calls++
	}
	pr.Begin(r.Dst.SubImage(dev).(*ebiten.Image))
	s.isoHover(pr, q, boxes, order, edge)
	s.isoChrome(g, pr)
	pr.Flush()
	r.Calls += pr.Calls
}

// drawIsoBox draws one box's three visible faces, shaded, and its top's
// outline when the view is close enough for it to show.
func drawIsoBox(pr *Renderer, q func([4]isometric.Point) [4][2]float64, b isometric.Box, c color.RGBA, edge float64) {
	t, rt, lf := isometric.Faces(b)
	pr.Quad(SpriteWhite, q(rt), shade(c, 0.72))
	pr.Quad(SpriteWhite, q(lf), shade(c, 0.86))
	pr.Quad(SpriteWhite, q(t), c)
	if edge > 1.2 { // the outline of the top, so panels read as panels
		tq := q(t)
		for i := 0; i < 4; i++ {
			a, e := tq[i], tq[(i+1)%4]
			pr.Line(a[0], a[1], e[0], e[1], edge, shade(c, 0.6))
		}
	}
}

// isoHover draws the hovered module's boxes in the highlight over the
// cached picture, then again every later box (nearer) that overlaps them,
// so the highlight stays behind what stands in front of it.
func (s *DesignScene) isoHover(pr *Renderer, q func([4]isometric.Point) [4][2]float64, boxes []isometric.Box, order []int, edge float64) {
	id := s.iso.hover - 1
	if id < 0 {
		return
	}
	hi := color.RGBA{0xff, 0xc8, 0x30, 0xff}
	first := -1
	var bx0, by0, bx1, by1 float64
	for k, i := range order {
		b := boxes[i]
		if b.ID == id {
			if first < 0 {
				first = k
				bx0, by0, bx1, by1 = isometric.Bounds(b)
			}
			x0, y0, x1, y1 := isometric.Bounds(b)
			bx0, by0, bx1, by1 = math.Min(bx0, x0), math.Min(by0, y0), math.Max(bx1, x1), math.Max(by1, y1)
		}
	}
	if first < 0 {
		return
	}
	for _, i := range order[first:] {
		b := boxes[i]
		c := isoColours[b.Kind]
		if b.ID == id {
			c = mix(c, hi, 0.55)
		} else if x0, y0, x1, y1 := isometric.Bounds(b); x1 <= bx0 || x0 >= bx1 || y1 <= by0 || y0 >= by1 {
			continue
		}
		drawIsoBox(pr, q, b, c, edge)
	}
}

// isoChrome draws the view's buttons, its hint and the hovered module's
// name.
func (s *DesignScene) isoChrome(g *Game, pr *Renderer) {
	px, py, pw, ph := s.planRect(g)
	for _, b := range s.isoButtons(g) {
		pr.Rect(b.x, b.y, b.w, b.h, color.RGBA{0xff, 0xff, 0xff, 0xe8})
		pr.Frame(b.x, b.y, b.w, b.h, 1, colInk)
		pr.Text(b.label, b.x+b.w/2, b.y+8, 14, colInk, text.AlignCenter)
	}
	turns := []string{"from the south-east", "from the south-west", "from the north-west", "from the north-east"}
	pr.Rect(px, py+ph-30, pw, 30, color.RGBA{0xff, 0xff, 0xff, 0xc0})
	pr.Text("3D view, "+turns[s.iso.rot]+".  "+g.Keys.First(IntentRotate)+": turn   "+g.Keys.First(IntentCutaway)+": cut-away   "+g.Keys.First(IntentIsoView)+": back to the plan",
		px+pw/2, py+ph-25, 14, colInk, text.AlignCenter)
	d := s.board.Design()
	if i := s.iso.hover - 1; i >= 0 && i < len(d.Placements) {
		if m := g.Cat.Modules[d.Placements[i].Module]; m != nil {
			pr.Bold(m.Name, s.in.X+14, s.in.Y+14, 14, colInk, text.AlignStart)
		}
	}
}

// isoProblems marks the open envelope edges (as the plan does) with a red
// translucent wall standing where the wall is missing.
func (s *DesignScene) isoProblems(g *Game, r *Renderer, q func([4]isometric.Point) [4][2]float64) {
	var b Board = s.board
	open := b.Violations()
	if oe, ok := b.(interface{ OpenEdges() []Violation }); ok {
		open = oe.OpenEdges()
	}
	d := s.board.Design()
	_, floorTop, wallTop := isoLevels(g.Cat, d)
	for _, v := range open {
		if v.Side == "" {
			continue
		}
		x1, y1, x2, y2 := edgeLine(designs.Placement{X: v.X, Y: v.Y, Edge: v.Side}, 1)
		e := isometric.Rotate(isometric.Box{X0: x1, Y0: y1, X1: x2, Y1: y2}, s.iso.rot, d.Grid.Width, d.Grid.Height)
		ends := [2]isometric.Point{isometric.Project(e.X0, e.Y0, floorTop), isometric.Project(e.X1, e.Y1, floorTop)}
		h := wallTop - floorTop
		wall := [4]isometric.Point{ends[0], ends[1], {X: ends[1].X, Y: ends[1].Y - h}, {X: ends[0].X, Y: ends[0].Y - h}}
		r.Quad(SpriteWhite, q(wall), color.RGBA{0xd0, 0x30, 0x30, 0x60})
		w := q(wall)
		for i := 0; i < 4; i++ {
			r.Line(w[i][0], w[i][1], w[(i+1)%4][0], w[(i+1)%4][1], 2, colBad)
		}
	}
}

// drawPlanHover outlines on the plan the module under the pointer (in
// either view: the hover is shared), when no module is being placed.
func (s *DesignScene) drawPlanHover(g *Game, r *Renderer) {
	d := s.board.Design()
	i := s.iso.hover - 1
	if i < 0 || i >= len(d.Placements) || s.tool.Selected != "" {
		return
	}
	p := d.Placements[i]
	m := g.Cat.Modules[p.Module]
	if m == nil {
		return
	}
	hi := color.RGBA{0xff, 0xb0, 0x00, 0xff}
	var x0, y0, x1, y1 float64
	if m.Placement == designs.OnEdge {
		x0, y0, x1, y1 = edgeLine(p, m.Cells)
	} else {
		w, h := m.Footprint(p.Rotation)
		x0, y0, x1, y1 = float64(p.X), float64(p.Y), float64(p.X+w), float64(p.Y+h)
	}
	ax, ay := s.ToScreen(g, x0, y0)
	bx, by := s.ToScreen(g, x1, y1)
	px, py, pw, ph := s.planRect(g)
	if ax < px || ay < py || bx > px+pw || by > py+ph {
		return // partly out of view: not drawn over the panels
	}
	if m.Placement == designs.OnEdge {
		r.Line(ax, ay, bx, by, math.Max(4, s.cam.Zoom*0.2), hi)
		return
	}
	r.Frame(ax, ay, bx-ax, by-ay, 3, hi)
}
