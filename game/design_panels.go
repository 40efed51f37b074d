package game

import (
	"fmt"
	"image"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// The design scene's panels, each a view with its own cached layer.
const (
	panelPalette = iota
	panelHUD
	panelTopBar
	numPanels
)

// chromeKey is what a cached panel depends on: a panel is drawn again only
// when its key changes. hover is the element under the pointer, and only
// when it is one of the panel's own.
type chromeKey struct {
	gen           int
	sel           string
	hover         string
	scroll        float64
	complete      bool
	w, h, scl     float64
	stars, result int
}

// panelLayer is one panel's cached layer: its part of the panels' image
// (a sub-image, so the panel draws into it in screen coordinates and is
// clipped to it).
type panelLayer struct {
	img     *ebiten.Image
	key     chromeKey
	redraws int // times the panel was drawn again (tests count them)
}

// hoverTarget names the panel element under the pointer, if any.
func (s *DesignScene) hoverTarget(g *Game) string {
	in := s.in
	for i, b := range s.topButtons(g) {
		if b.hover(in) {
			return fmt.Sprint("top", i)
		}
	}
	if in.X < paletteW {
		for _, r := range s.paletteRows(g) {
			if r.id != "" && in.Y >= r.y && in.Y < r.y+r.h {
				return "pal " + r.id
			}
		}
	}
	for i, b := range s.violationRows(g) {
		if b.hover(in) {
			return fmt.Sprint("viol", i)
		}
	}
	return ""
}

// panelHoverPrefix is how hoverTarget names each panel's elements.
var panelHoverPrefix = [numPanels]string{panelPalette: "pal ", panelHUD: "viol", panelTopBar: "top"}

// panelRects are the panels' places on screen, in device pixels. At a
// fractional scale the top bar and the side panels share a device row;
// each layer leaves see-through what its panel does not cover, so putting
// back one never hides the other.
func panelRects(w, h, sc float64) [numPanels]image.Rectangle {
	dw, dh := int(math.Ceil(w*sc)), int(math.Ceil(h*sc))
	return [numPanels]image.Rectangle{
		panelPalette: image.Rect(0, int(topBarH*sc), int(math.Ceil(paletteW*sc)), dh),
		panelHUD:     image.Rect(int((w-hudW)*sc), int(topBarH*sc), dw, dh),
		panelTopBar:  image.Rect(0, 0, dw, int(math.Ceil(topBarH*sc))),
	}
}

// drawPanel draws panel p (in logical coordinates) with cr.
func (s *DesignScene) drawPanel(g *Game, cr *Renderer, p int) {
	switch p {
	case panelPalette:
		s.drawPalette(g, cr)
	case panelHUD:
		s.drawHUD(g, cr)
	case panelTopBar:
		w, _ := g.Size()
		cr.Rect(0, 0, w, topBarH, colPanel)
		cr.Rect(0, topBarH-3, w, 3, colAccent)
		tb := s.topButtons(g)
		for i, b := range tb {
			b.draw(cr, b.hover(s.in), i == len(tb)-1) // "Finish level" is the primary action
		}
		cr.Bold(cr.Ellipsis(s.level.Title, 20, true, tb[1].x-134), 124, 15, 20, colLight, text.AlignStart)
	}
}

// drawChromeCached puts the palette, the HUD and the top bar on screen,
// each from its own layer, drawn again only when what that panel shows
// changes (the design, the selection, its element under the pointer, the
// window). A layer whose panel is unchanged is not even put back while the
// screen still holds it.
func (s *DesignScene) drawChromeCached(g *Game, r *Renderer) {
	w, h := g.Size()
	rects := panelRects(w, h, r.Scale)
	s.panelImages(rects)
	hover := s.hoverTarget(g)
	base := chromeKey{gen: s.gen, sel: s.tool.Selected, scroll: s.scroll, complete: s.result.Complete,
		w: w, h: h, scl: r.Scale, stars: s.result.Stars, result: len(s.result.Objectives)}
	var keys [numPanels]chromeKey
	var changed [numPanels]bool
	some := false
	for p := range s.panels {
		keys[p] = base
		if strings.HasPrefix(hover, panelHoverPrefix[p]) {
			keys[p].hover = hover
		}
		changed[p] = keys[p] != s.panels[p].key
		some = some || changed[p]
	}
	// When every panel changes, or at a fractional scale (where the side
	// panels and the top bar share a device row of the image) when any
	// does, they are drawn again together, in order, as one image.
	together := changed == [numPanels]bool{true, true, true} ||
		some && rects[panelPalette].Min.Y < rects[panelTopBar].Max.Y
	if together {
		changed = [numPanels]bool{true, true, true}
	}
	// A panel is put back when this frame drew over it: at a fractional
	// scale the plan's last device column is the HUD's first, and the parts
	// of the plan put back from its cache (last frame's overBoxes) may
	// reach it.
	screenOK := g.PartialOK() && !s.outside && !s.planDirect && !s.tooltipWasOut
	r.Flush()
	s.redrawPanels(g, r, keys, changed, together)
	for p := range s.panels {
		l := &s.panels[p]
		if !changed[p] && screenOK && !drawnOver(rects[p], s.overBoxes) {
			continue // the panel on screen is still right
		}
		op := &ebiten.DrawImageOptions{}
		op.GeoM.Translate(float64(rects[p].Min.X), float64(rects[p].Min.Y))
		r.Dst.DrawImage(l.img, op)
		r.Calls++
	}
}

// redrawPanels draws the changed panels again into their layers: each
// into its own, or all into the panels' image at once (together).
func (s *DesignScene) redrawPanels(g *Game, r *Renderer, keys [numPanels]chromeKey, changed [numPanels]bool, together bool) {
	cr := Renderer{Scale: r.Scale, Atlas: r.Atlas, Fonts: r.Fonts}
	if together {
		cr.Begin(s.panelsImg)
		s.panelsImg.Clear()
	}
	for p := range s.panels {
		if !changed[p] {
			continue
		}
		l := &s.panels[p]
		if !together {
			cr.Begin(l.img)
			l.img.Clear()
		}
		s.drawPanel(g, &cr, p)
		if !together {
			cr.Flush()
			r.Calls += cr.Calls
		}
		l.key = keys[p]
		l.redraws++
	}
	if together {
		cr.Flush()
		r.Calls += cr.Calls
	}
}

// panelImages makes the panels' image for the screen the rects lay out
// (each layer a part of it), unless it is already that size.
func (s *DesignScene) panelImages(rects [numPanels]image.Rectangle) {
	full := rects[panelTopBar].Union(rects[panelPalette]).Union(rects[panelHUD])
	if s.panelsImg != nil && s.panelsImg.Bounds() == full && s.panels[0].img.Bounds() == rects[0] {
		return
	}
	if s.panelsImg != nil {
		s.panelsImg.Deallocate()
	}
	s.panelsImg = ebiten.NewImage(full.Dx(), full.Dy())
	for p := range s.panels {
		s.panels[p].img = s.panelsImg.SubImage(rects[p]).(*ebiten.Image)
		s.panels[p].key = chromeKey{gen: -1}
	}
}

// drawnOver reports whether any of the boxes (device pixels) reaches into r.
func drawnOver(r image.Rectangle, boxes []image.Rectangle) bool {
	for _, b := range boxes {
		if b.Overlaps(r) {
			return true
		}
	}
	return false
}
