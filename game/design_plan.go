package game

import (
	"image"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// planKey is what the cached plan image depends on.
type planKey struct {
	gen       int
	zoom      float64
	w, h, scl float64
}

// planDev is the plan's rectangle on the screen in device pixels, as the
// cached plan is drawn there.
func (s *DesignScene) planDev(g *Game, sc float64) image.Rectangle {
	px, py, pw, ph := s.planRect(g)
	x, y := int(math.Round(px*sc)), int(math.Round(py*sc))
	return image.Rect(x, y, x+int(math.Ceil(pw*sc)), y+int(math.Ceil(ph*sc)))
}

// planBlit is what the plan on screen was last drawn from.
type planBlit struct {
	img    *ebiten.Image
	x0, y0 int
	dst    image.Rectangle
}

// planMargin is how far, in logical pixels, the cached plan reaches past
// the view on each side, so panning is a shifted copy until it runs out.
const planMargin = 128.0

// drawPlanCached draws the plan into an image kept between frames and
// redrawn only when the design, the zoom or the window changes, or the
// camera pans past the cached margin; each frame then costs one image draw
// however many modules the design has.
func (s *DesignScene) drawPlanCached(g *Game, r *Renderer) {
	blit := s.blit
	s.blit = planBlit{} // set again at the end when the plan is drawn from the cache
	px, py, pw, ph := s.planRect(g)
	sc := r.Scale
	dw, dh := int(math.Ceil((pw+2*planMargin)*sc)), int(math.Ceil((ph+2*planMargin)*sc))
	if pw < 1 || ph < 1 {
		return
	}
	if s.planImg == nil || s.planImg.Bounds().Dx() != dw || s.planImg.Bounds().Dy() != dh {
		if s.planImg != nil {
			s.planImg.Deallocate()
		}
		s.planImg = ebiten.NewImage(dw, dh)
		s.planKey = planKey{gen: -1}
	}
	key := planKey{gen: s.gen, zoom: s.cam.Zoom, w: pw, h: ph, scl: sc}
	dx, dy := (s.cam.CX-s.planOrigin.CX)*s.cam.Zoom, (s.cam.CY-s.planOrigin.CY)*s.cam.Zoom
	stale := key != s.planKey || math.Abs(dx) > planMargin || math.Abs(dy) > planMargin
	zoomOnly := s.planKey.gen == s.gen && s.planKey.w == pw && s.planKey.h == ph && s.planKey.scl == sc && s.planKey.zoom != s.cam.Zoom
	if zoomOnly && s.cam.Zoom != s.lastZoom {
		// While the zoom is changing, show the cached plan scaled; it is
		// redrawn sharp on the first frame the zoom holds still.
		s.lastZoom = s.cam.Zoom
		r.Flush()
		o := s.planOrigin
		a := s.cam.Zoom / o.Zoom
		bx := px + pw/2 + (o.CX-s.cam.CX)*s.cam.Zoom - (pw/2+planMargin)*a
		by := py + ph/2 + (o.CY-s.cam.CY)*s.cam.Zoom - (ph/2+planMargin)*a
		// The background shows only where the scaled cache (opaque) leaves
		// part of the plan uncovered, zoomed out past its margin.
		if bx > px-1 || by > py-1 || bx+(pw+2*planMargin)*a < px+pw+1 || by+(ph+2*planMargin)*a < py+ph+1 {
			r.Rect(px, py, pw, ph, colBG)
			r.Flush()
		}
		op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
		op.GeoM.Scale(a, a)
		op.GeoM.Translate(bx*sc, by*sc)
		// Drawn through the plan's own rectangle of the screen, so the
		// scaled cache never spills under the panels and they stay as they
		// are (only the plan's pixels are shaded).
		// The edges meet the panels' rectangles in drawChromeCached.
		clip := image.Rect(int(math.Ceil(px*sc)), int(math.Ceil(py*sc)), int((px+pw)*sc), int(math.Ceil((py+ph)*sc)))
		r.Dst.SubImage(clip).(*ebiten.Image).DrawImage(s.planImg, op)
		r.Calls++
		return
	}
	s.lastZoom = s.cam.Zoom
	if stale && s.planStale && key != s.directKey {
		// Stale two frames running (zooming, dragging modules in): the cache
		// is not paying for itself, so draw straight to the screen. Once a
		// frame finds nothing changed since (key == directKey), the cache is
		// drawn again and used from then on.
		s.planKey = planKey{gen: -1}
		s.directKey = key
		s.planDirect = true
		r.Flush()
		r.Rect(px, py, pw, ph, colBG)
		DrawPlan(r, g.Cat, s.board, func(cx, cy float64) (float64, float64) { return s.ToScreen(g, cx, cy) }, s.cam.Zoom)
		r.Flush()
		s.planStale = stale
		return
	}
	s.planStale = stale
	if stale && key == s.planKey && s.scrollPlan(g, r, dw, dh, int(math.Round(dx*sc)), int(math.Round(dy*sc))) {
		dx, dy = (s.cam.CX-s.planOrigin.CX)*s.cam.Zoom, (s.cam.CY-s.planOrigin.CY)*s.cam.Zoom
	} else if stale {
		s.planOrigin = s.cam
		dx, dy = 0, 0
		s.planImg.Fill(colBG)
		s.drawPlanInto(g, r, s.planImg)
		s.planKey = key
	} else {
		s.planHits++
	}
	r.Flush()
	x0, y0 := int(math.Round((planMargin+dx)*sc)), int(math.Round((planMargin+dy)*sc))
	dst := s.planDev(g, sc)
	s.blit = planBlit{img: s.planImg, x0: x0, y0: y0, dst: dst}
	if !stale && g.PartialOK() && blit == s.blit {
		// The screen still shows this very part of the cache: put back
		// only what was drawn over it last frame (ghost, tooltip, scale,
		// hint), not the whole plan.
		for _, b := range s.overBoxes {
			src := b.Sub(dst.Min).Add(image.Pt(x0, y0))
			op := &ebiten.DrawImageOptions{}
			op.GeoM.Translate(float64(b.Min.X), float64(b.Min.Y))
			r.Dst.DrawImage(s.planImg.SubImage(src).(*ebiten.Image), op)
			r.Calls++
		}
		s.planRestores++
		return
	}
	sub := s.planImg.SubImage(image.Rect(x0, y0, x0+dst.Dx(), y0+dst.Dy())).(*ebiten.Image)
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(float64(dst.Min.X), float64(dst.Min.Y))
	r.Dst.DrawImage(sub, op)
	r.Calls++
}

// drawPlanInto draws the plan, as seen from planOrigin, into dst: the
// cached plan image or a sub-image of it (then only that part is drawn).
func (s *DesignScene) drawPlanInto(g *Game, r *Renderer, dst *ebiten.Image) {
	_, _, pw, ph := s.planRect(g)
	pr := Renderer{Scale: r.Scale, Atlas: r.Atlas, Fonts: r.Fonts}
	pr.Begin(dst)
	o := s.planOrigin
	DrawPlan(&pr, g.Cat, s.board, func(cx, cy float64) (float64, float64) {
		return (cx-o.CX)*o.Zoom + pw/2 + planMargin, (cy-o.CY)*o.Zoom + ph/2 + planMargin
	}, o.Zoom)
	pr.Flush()
	r.Calls += pr.Calls
}

// scrollPlan follows a pan past the cached margin without drawing the whole
// plan again: the cached image is copied shifted by (sdx, sdy) device
// pixels (whole pixels, so nothing is resampled) into a second image, and
// only the strips the shift uncovers are drawn. It reports false when the
// shift is too large for that to pay, and the caller redraws everything.
func (s *DesignScene) scrollPlan(g *Game, r *Renderer, dw, dh, sdx, sdy int) bool {
	if sdx == 0 && sdy == 0 || abs(sdx) > dw/2 || abs(sdy) > dh/2 {
		return false
	}
	if s.planBack == nil || s.planBack.Bounds() != s.planImg.Bounds() {
		if s.planBack != nil {
			s.planBack.Deallocate()
		}
		s.planBack = ebiten.NewImage(dw, dh)
	}
	op := &ebiten.DrawImageOptions{Blend: ebiten.BlendCopy}
	op.GeoM.Translate(float64(-sdx), float64(-sdy))
	s.planBack.DrawImage(s.planImg, op)
	r.Calls++
	s.planImg, s.planBack = s.planBack, s.planImg
	s.planScrolls++
	k := r.Scale * s.planOrigin.Zoom
	s.planOrigin.CX += float64(sdx) / k
	s.planOrigin.CY += float64(sdy) / k
	var strips []image.Rectangle
	switch {
	case sdx > 0:
		strips = append(strips, image.Rect(dw-sdx, 0, dw, dh))
	case sdx < 0:
		strips = append(strips, image.Rect(0, 0, -sdx, dh))
	}
	switch {
	case sdy > 0:
		strips = append(strips, image.Rect(0, dh-sdy, dw, dh))
	case sdy < 0:
		strips = append(strips, image.Rect(0, 0, dw, -sdy))
	}
	for _, rc := range strips {
		sub := s.planImg.SubImage(rc).(*ebiten.Image)
		sub.Fill(colBG)
		s.drawPlanInto(g, r, sub)
	}
	return true
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
