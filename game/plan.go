package game

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/opensourceecology/prodos/designs"
)

// layerOrder is the order modules are drawn in, bottom first.
var layerOrder = map[string]int{"foundation": 0, "floor": 1, "core": 2, "loft": 3, "roof": 4, "wall": 5}

// DrawPlan draws a board's design as a top-down plan: the site grid, then
// the modules layer by layer, all as quads from the atlas (one draw call for
// the whole plan however many modules it has), then room and core labels.
// to maps cell coordinates to logical screen pixels; zoom is pixels per cell.
func DrawPlan(r *Renderer, cat *designs.Catalog, b Board, to func(cx, cy float64) (float64, float64), zoom float64) {
	d := b.Design()
	// What is drawn is culled to the destination's bounds (a sub-image
	// when only a strip of a cached plan is redrawn).
	db := r.Dst.Bounds()
	pp := planPainter{r: r, to: to, zoom: zoom,
		vx0: float64(db.Min.X) / r.Scale, vy0: float64(db.Min.Y) / r.Scale,
		vx1: float64(db.Max.X) / r.Scale, vy1: float64(db.Max.Y) / r.Scale}
	pp.site(d)
	pp.modules(cat, d)
	pp.openEdges(b)
	if zoom >= 26 {
		pp.roomLabels(b)
	}
}

// planPainter holds what each step of DrawPlan shares: the renderer, the
// cell-to-screen mapping, the zoom and the bounds in view.
type planPainter struct {
	r                  *Renderer
	to                 func(cx, cy float64) (float64, float64)
	zoom               float64
	vx0, vy0, vx1, vy1 float64
}

// visible reports whether a screen rectangle meets the bounds in view.
func (pp planPainter) visible(x, y, w, h float64) bool {
	return x+w >= pp.vx0 && y+h >= pp.vy0 && x <= pp.vx1 && y <= pp.vy1
}

// cellXY is a grid cell.
type cellXY struct{ x, y int }

// site draws the site, its shadow and the grid lines, each cut to the part
// of the grid in view.
func (pp planPainter) site(d *designs.Design) {
	r, zoom := pp.r, pp.zoom
	vx0, vy0, vx1, vy1 := pp.vx0, pp.vy0, pp.vx1, pp.vy1
	x0, y0 := pp.to(0, 0)
	gw, gh := float64(d.Grid.Width)*zoom, float64(d.Grid.Height)*zoom
	r.Rect(x0+gw, y0+4, 3, gh, colShadow)
	r.Rect(x0+3, y0+gh, gw-3, 4, colShadow)
	r.Rect(x0, y0, gw, gh, colSite)
	lw := math.Max(1, math.Min(2, zoom/40))
	// Grid lines, each cut to the part of the grid in view.
	ly0, ly1 := math.Max(y0, vy0-2), math.Min(y0+gh, vy1+2)
	for i := 0; i <= d.Grid.Width && ly1 > ly0; i++ {
		x := x0 + float64(i)*zoom
		if x >= vx0-2 && x <= vx1+2 {
			r.Rect(x-lw/2, ly0, lw, ly1-ly0, colGrid)
		}
	}
	lx0, lx1 := math.Max(x0, vx0-2), math.Min(x0+gw, vx1+2)
	for i := 0; i <= d.Grid.Height && lx1 > lx0; i++ {
		y := y0 + float64(i)*zoom
		if y >= vy0-2 && y <= vy1+2 {
			r.Rect(lx0, y-lw/2, lx1-lx0, lw, colGrid)
		}
	}
}

// flooredCells is the set of cells under a floor module: foundation hidden
// under floor is not drawn, so big areas cost one fill.
func flooredCells(cat *designs.Catalog, d *designs.Design) map[cellXY]bool {
	floored := map[cellXY]bool{}
	for _, p := range d.Placements {
		if m := cat.Modules[p.Module]; m != nil && m.Layer == "floor" {
			w, h := m.Footprint(p.Rotation)
			for dy := 0; dy < h; dy++ {
				for dx := 0; dx < w; dx++ {
					floored[cellXY{p.X + dx, p.Y + dy}] = true
				}
			}
		}
	}
	return floored
}

// modules draws the placed modules, bottom layer first.
func (pp planPainter) modules(cat *designs.Catalog, d *designs.Design) {
	floored := flooredCells(cat, d)
	for pass := 0; pass <= 5; pass++ {
		for _, p := range d.Placements {
			m := cat.Modules[p.Module]
			if m == nil || layerOrder[m.Layer] != pass && !(m.Layer == "energy" && pass == 4) {
				continue
			}
			if m.Placement == designs.OnEdge {
				drawWall(pp.r, m, p, pp.to, pp.zoom, pp.visible)
				continue
			}
			pp.cellModule(m, p, floored)
		}
	}
}

// cellModule draws one module placed on cells (not on an edge).
func (pp planPainter) cellModule(m *designs.Module, p designs.Placement, floored map[cellXY]bool) {
	r, zoom := pp.r, pp.zoom
	w, h := m.Footprint(p.Rotation)
	x, y := pp.to(float64(p.X), float64(p.Y))
	pw, ph := float64(w)*zoom, float64(h)*zoom
	if !pp.visible(x, y, pw, ph) {
		return
	}
	switch m.Layer {
	case "foundation":
		if !floored[cellXY{p.X, p.Y}] || w > 1 || h > 1 {
			r.Sprite(SpriteFoundationFull, x, y, pw, ph, white)
		}
	case "floor":
		r.Quad(SpriteFloorFull, rotQuad(x, y, pw, ph, w > h), white)
		r.Frame(x, y, pw, ph, math.Max(1, zoom*0.04), colFound)
	case "core":
		in := math.Max(1, zoom*0.12)
		r.Rect(x+in, y+in, pw-2*in, ph-2*in, colCore)
		r.Frame(x+in, y+in, pw-2*in, ph-2*in, math.Max(1, zoom*0.03), color.RGBA{0x50, 0x78, 0x90, 0xff})
		icon := math.Min(pw, ph) * 0.5
		r.Sprite(iconSprite(m.Icon), x+pw/2-icon/2, y+ph/2-icon/2-zoom*0.15, icon, icon, color.RGBA{0x30, 0x50, 0x66, 0xff})
	case "loft":
		r.Rect(x, y, pw, ph, colLoft)
	case "roof":
		sp := SpriteRoofFull
		if m.Icon == "solar" {
			sp = SpriteSolarFull
		}
		r.Quad(sp, rotQuad(x, y, pw, ph, w > h), white)
	}
}

// openEdges draws the open envelope edges as dashed red lines.
func (pp planPainter) openEdges(b Board) {
	open := b.Violations()
	if oe, ok := b.(interface{ OpenEdges() []Violation }); ok {
		open = oe.OpenEdges()
	}
	for _, v := range open {
		if v.Side == "" {
			continue
		}
		x1, y1, x2, y2 := edgeLine(designs.Placement{X: v.X, Y: v.Y, Edge: v.Side}, 1)
		ax, ay := pp.to(x1, y1)
		bx, by := pp.to(x2, y2)
		if !pp.visible(math.Min(ax, bx), math.Min(ay, by), math.Abs(bx-ax), math.Abs(by-ay)) {
			continue
		}
		t := math.Max(2, pp.zoom*0.06)
		// dashed red line
		n := 4
		for i := 0; i < n; i++ {
			f0, f1 := (float64(i)+0.15)/float64(n), (float64(i)+0.75)/float64(n)
			pp.r.Line(ax+(bx-ax)*f0, ay+(by-ay)*f0, ax+(bx-ax)*f1, ay+(by-ay)*f1, t, colBad)
		}
	}
}

// roomLabels draws each room's name and area, centred on its label cell.
func (pp planPainter) roomLabels(b Board) {
	r, zoom := pp.r, pp.zoom
	met := b.Metrics()
	n := 0
	for _, room := range met.RoomList {
		x, y := pp.to(room.LabelX, room.LabelY)
		name := room.Name
		if name == "Room" {
			n++
			name = fmt.Sprintf("Room %d", n)
		}
		if !pp.visible(x-60, y-20, 120, 40) {
			continue
		}
		fs, as := math.Min(16, zoom*0.3), math.Min(13, zoom*0.25)
		area := fmt.Sprintf("%d sq ft", room.Cells*16)
		pw := math.Max(r.Measure(name, fs, true), r.Measure(area, as, false)) + 12
		lh := fs*1.3 + as*1.3 + 6
		top := y - lh/2 // centred on its cell
		r.Rect(x-pw/2, top, pw, lh, color.RGBA{0xff, 0xff, 0xff, 0xb0})
		r.Bold(name, x, top+3, fs, colInk, text.AlignCenter)
		r.Text(area, x, top+3+fs*1.3, as, colInk, text.AlignCenter)
	}
}

var white = color.RGBA{0xff, 0xff, 0xff, 0xff}

// rotQuad is the rectangle's corners, turned a quarter when turn is set, so
// sprites follow a module's rotation.
func rotQuad(x, y, w, h float64, turn bool) [4][2]float64 {
	if turn {
		return [4][2]float64{{x + w, y}, {x + w, y + h}, {x, y + h}, {x, y}}
	}
	return [4][2]float64{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}
}

func drawWall(r *Renderer, m *designs.Module, p designs.Placement, to func(cx, cy float64) (float64, float64), zoom float64, visible func(x, y, w, h float64) bool) {
	x1, y1, x2, y2 := edgeLine(p, m.Cells)
	ax, ay := to(x1, y1)
	bx, by := to(x2, y2)
	t := math.Max(3, zoom*0.16)
	c := colWall
	if !m.Exterior {
		t, c = math.Max(2, zoom*0.10), colIntWall
	}
	rx, ry := math.Min(ax, bx)-t/2, math.Min(ay, by)-t/2
	rw, rh := math.Abs(bx-ax)+t, math.Abs(by-ay)+t
	if !visible(rx, ry, rw, rh) {
		return
	}
	horiz := p.Edge == designs.North || p.Edge == designs.South
	// inset a little so neighbouring panels read as separate panels
	gap := math.Min(1.5, zoom*0.02)
	if horiz {
		r.Rect(rx+gap, ry, rw-2*gap, rh, c)
	} else {
		r.Rect(rx, ry+gap, rw, rh-2*gap, c)
	}
	switch m.Opening {
	case "window":
		glass := color.RGBA{0xa8, 0xd8, 0xf0, 0xff}
		if horiz {
			r.Rect(rx+rw*0.18, ry+t*0.25, rw*0.64, t*0.5, glass)
		} else {
			r.Rect(rx+t*0.25, ry+rh*0.18, t*0.5, rh*0.64, glass)
		}
	case "door":
		// the opening, and the leaf swinging into the cell
		in := 0.12 * zoom * float64(m.Cells)
		dl := math.Abs(bx-ax) + math.Abs(by-ay) - 2*in
		floor := colFloor
		if horiz {
			r.Rect(rx+in+t/2, ry, dl, rh, floor)
		} else {
			r.Rect(rx, ry+in+t/2, rw, dl, floor)
		}
		dc := color.RGBA{0x50, 0x40, 0x30, 0xff}
		sx, sy := math.Min(ax, bx), math.Min(ay, by)
		switch p.Edge {
		case designs.South:
			r.Quad(SpriteDoor, [4][2]float64{{sx + in, sy - dl}, {sx + in + dl, sy - dl}, {sx + in + dl, sy}, {sx + in, sy}}, dc)
		case designs.North:
			r.Quad(SpriteDoor, [4][2]float64{{sx + in, sy + dl}, {sx + in + dl, sy + dl}, {sx + in + dl, sy}, {sx + in, sy}}, dc)
		case designs.West:
			r.Quad(SpriteDoor, [4][2]float64{{sx + dl, sy + in}, {sx + dl, sy + in + dl}, {sx, sy + in + dl}, {sx, sy + in}}, dc)
		case designs.East:
			r.Quad(SpriteDoor, [4][2]float64{{sx - dl, sy + in}, {sx - dl, sy + in + dl}, {sx, sy + in + dl}, {sx, sy + in}}, dc)
		}
	}
}
