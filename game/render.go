package game

import (
	"image"
	"image/color"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// Sprite names in the atlas.
const (
	SpriteWhite = iota
	SpriteHatch
	SpriteSolar
	SpriteDoor
	SpriteWindow
	SpriteKitchen
	SpriteBath
	SpriteMech
	SpriteLock
	SpriteStar
	SpriteStarEmpty
	SpriteTick
	SpriteCross
	SpriteFoundation
	SpriteFloor
	SpriteFoundationFull
	SpriteFloorFull
	SpriteRoofFull
	SpriteSolarFull
	spriteCount
)

const spriteSize = 64

// Atlas is one image holding every sprite the game draws, so a whole plan
// goes to the GPU in one DrawTriangles call with one blend.
type Atlas struct {
	Img *ebiten.Image
}

func (a *Atlas) rect(s int) image.Rectangle {
	x, y := (s%8)*spriteSize, (s/8)*spriteSize
	return image.Rect(x, y, x+spriteSize, y+spriteSize)
}

// NewAtlas draws the sprites. Sprites are white on transparent and are
// tinted per vertex, so one sprite serves every colour.
func NewAtlas() *Atlas {
	img := ebiten.NewImage(8*spriteSize, 4*spriteSize)
	a := &Atlas{Img: img}
	s := img.SubImage(a.rect(SpriteWhite)).(*ebiten.Image)
	s.Fill(color.White)
	a.drawSymbols(img)
	a.drawRoomIcons(img)
	a.drawStars(img)
	a.drawMarks(img)
	a.drawTextures(img)
	a.bakeFills(img)
	return a
}

// origin is the top left of sprite s in the atlas.
func (a *Atlas) origin(s int) (float32, float32) {
	r := a.rect(s)
	return float32(r.Min.X), float32(r.Min.Y)
}

// drawSymbols draws the roof hatch, solar cells, door and window sprites.
func (a *Atlas) drawSymbols(img *ebiten.Image) {
	w := color.White
	at := a.origin
	{ // roof hatch: diagonal lines
		ox, oy := at(SpriteHatch)
		for i := -64; i < 64; i += 12 {
			vector.StrokeLine(img, ox+float32(i)+2, oy+62, ox+float32(i)+62, oy+2, 2.5, w, true)
		}
	}
	{ // solar cells grid
		ox, oy := at(SpriteSolar)
		for y := 0; y < 4; y++ {
			for x := 0; x < 4; x++ {
				vector.DrawFilledRect(img, ox+3+float32(x)*15, oy+3+float32(y)*15, 12, 12, w, false)
			}
		}
	}
	{ // door: leaf and swing arc, hinge at bottom left, opening along the bottom edge
		ox, oy := at(SpriteDoor)
		var p vector.Path
		p.Arc(ox+4, oy+60, 54, -math.Pi/2, 0, vector.Clockwise)
		vector.StrokeLine(img, ox+4, oy+60, ox+4, oy+6, 4, w, true)
		strokePath(img, &p, 2)
	}
	{ // window: glazing lines
		ox, oy := at(SpriteWindow)
		vector.StrokeRect(img, ox+2, oy+22, 60, 20, 3, w, false)
		vector.StrokeLine(img, ox+2, oy+32, ox+62, oy+32, 2, w, false)
	}
}

// drawRoomIcons draws the kitchen, bath, mechanical and lock icons.
func (a *Atlas) drawRoomIcons(img *ebiten.Image) {
	w := color.White
	at := a.origin
	{ // kitchen: counter and four burners
		ox, oy := at(SpriteKitchen)
		vector.StrokeRect(img, ox+4, oy+4, 56, 56, 3, w, false)
		for _, c := range [][2]float32{{20, 20}, {44, 20}, {20, 44}, {44, 44}} {
			vector.StrokeCircle(img, ox+c[0], oy+c[1], 8, 3, w, true)
		}
	}
	{ // bath: tub and toilet
		ox, oy := at(SpriteBath)
		vector.StrokeRect(img, ox+4, oy+4, 24, 56, 3, w, false)
		vector.StrokeCircle(img, ox+46, oy+40, 10, 3, w, true)
		vector.DrawFilledRect(img, ox+38, oy+8, 16, 12, w, false)
	}
	{ // mechanical: fan
		ox, oy := at(SpriteMech)
		vector.StrokeCircle(img, ox+32, oy+32, 26, 3, w, true)
		for i := 0; i < 4; i++ {
			a := float64(i) * math.Pi / 2
			vector.StrokeLine(img, ox+32, oy+32, ox+32+float32(20*math.Cos(a)), oy+32+float32(20*math.Sin(a)), 6, w, true)
		}
	}
	{ // lock
		ox, oy := at(SpriteLock)
		vector.DrawFilledRect(img, ox+14, oy+28, 36, 30, w, false)
		var p vector.Path
		p.Arc(ox+32, oy+28, 12, math.Pi, 0, vector.Clockwise)
		strokePath(img, &p, 5)
	}
}

// drawStars draws the filled and empty star.
func (a *Atlas) drawStars(img *ebiten.Image) {
	at := a.origin
	for _, s := range []int{SpriteStar, SpriteStarEmpty} {
		ox, oy := at(s)
		var p vector.Path
		for i := 0; i < 10; i++ {
			r := 30.0
			if i%2 == 1 {
				r = 12
			}
			a := -math.Pi/2 + float64(i)*math.Pi/5
			x, y := ox+32+float32(r*math.Cos(a)), oy+33+float32(r*math.Sin(a))
			if i == 0 {
				p.MoveTo(x, y)
			} else {
				p.LineTo(x, y)
			}
		}
		p.Close()
		if s == SpriteStar {
			fillPath(img, &p)
		} else {
			strokePath(img, &p, 3)
		}
	}
}

// drawMarks draws the tick and the cross.
func (a *Atlas) drawMarks(img *ebiten.Image) {
	w := color.White
	at := a.origin
	{
		ox, oy := at(SpriteTick)
		vector.StrokeLine(img, ox+8, oy+34, ox+26, oy+52, 8, w, true)
		vector.StrokeLine(img, ox+26, oy+52, ox+58, oy+12, 8, w, true)
	}
	{
		ox, oy := at(SpriteCross)
		vector.StrokeLine(img, ox+12, oy+12, ox+52, oy+52, 8, w, true)
		vector.StrokeLine(img, ox+52, oy+12, ox+12, oy+52, 8, w, true)
	}
}

// drawTextures draws the foundation speckle and floor plank patterns.
func (a *Atlas) drawTextures(img *ebiten.Image) {
	w := color.White
	at := a.origin
	{ // foundation: concrete speckle
		ox, oy := at(SpriteFoundation)
		for i := 0; i < 40; i++ {
			x, y := (i*37)%58+3, (i*23+i*i)%58+3
			vector.DrawFilledCircle(img, ox+float32(x), oy+float32(y), 2, w, true)
		}
	}
	{ // floor: planks
		ox, oy := at(SpriteFloor)
		for y := 8; y < 64; y += 12 {
			vector.StrokeLine(img, ox, oy+float32(y), ox+64, oy+float32(y), 1.5, w, false)
		}
	}
}

// bakeFills bakes fill and pattern into one sprite each (drawn untinted),
// so a plan's big areas cost one layer of fill each.
func (a *Atlas) bakeFills(img *ebiten.Image) {
	at := a.origin
	// Baked sprites: fill and pattern in one quad, drawn untinted, so a
	// plan's big areas cost one layer of fill each.
	bake := func(dst, pattern int, bg, fg color.NRGBA) {
		ox, oy := at(dst)
		vector.DrawFilledRect(img, ox, oy, spriteSize, spriteSize, bg, false)
		tmp := ebiten.NewImage(spriteSize, spriteSize)
		pr := a.rect(pattern)
		tmp.DrawImage(img.SubImage(pr).(*ebiten.Image), nil) // a sub-image draws from its own top left
		op := &ebiten.DrawImageOptions{}
		op.GeoM.Translate(float64(ox), float64(oy))
		op.ColorScale.ScaleWithColor(fg)
		img.DrawImage(tmp, op)
	}
	bake(SpriteFoundationFull, SpriteFoundation, color.NRGBA(colFound), color.NRGBA{0x8e, 0x8a, 0x82, 0xff})
	bake(SpriteFloorFull, SpriteFloor, color.NRGBA(colFloor), color.NRGBA{0xd4, 0xae, 0x78, 0xff})
	bake(SpriteRoofFull, SpriteHatch, color.NRGBA{0x9a, 0x4a, 0x3a, 0x38}, color.NRGBA{0x8a, 0x3a, 0x2a, 0xa0})
	bake(SpriteSolarFull, SpriteSolar, color.NRGBA{0x10, 0x1e, 0x40, 0x80}, color.NRGBA{0x60, 0x80, 0xc0, 0xa0})
}

func strokePath(dst *ebiten.Image, p *vector.Path, width float32) {
	vs, is := p.AppendVerticesAndIndicesForStroke(nil, nil, &vector.StrokeOptions{Width: width})
	drawPath(dst, vs, is, ebiten.FillAll)
}

func fillPath(dst *ebiten.Image, p *vector.Path) {
	vs, is := p.AppendVerticesAndIndicesForFilling(nil, nil)
	drawPath(dst, vs, is, ebiten.NonZero)
}

var whitePixel = func() *ebiten.Image {
	i := ebiten.NewImage(3, 3)
	i.Fill(color.White)
	return i
}()

func drawPath(dst *ebiten.Image, vs []ebiten.Vertex, is []uint16, rule ebiten.FillRule) {
	for i := range vs {
		vs[i].SrcX, vs[i].SrcY = 1, 1
		vs[i].ColorR, vs[i].ColorG, vs[i].ColorB, vs[i].ColorA = 1, 1, 1, 1
	}
	dst.DrawTriangles(vs, is, whitePixel.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image), &ebiten.DrawTrianglesOptions{AntiAlias: true, FillRule: rule})
}

// Fonts are the game's faces. It keeps the faces made for each size and
// the widths measured, so a frame neither builds a face nor shapes a string
// it has seen before.
type Fonts struct {
	Regular, Bold *text.GoTextFaceSource

	faces map[faceKey]*text.GoTextFace
	adv   map[advKey]float64
}

type faceKey struct {
	size float64 // device pixels
	bold bool
}

type advKey struct {
	s    string
	face faceKey
}

// maxAdvances bounds the width cache; past it the cache starts again.
const maxAdvances = 8192

func (f *Fonts) face(size float64, bold bool) *text.GoTextFace {
	k := faceKey{size: size, bold: bold}
	if fc, ok := f.faces[k]; ok {
		return fc
	}
	src := f.Regular
	if bold {
		src = f.Bold
	}
	fc := &text.GoTextFace{Source: src, Size: size}
	if f.faces == nil {
		f.faces = map[faceKey]*text.GoTextFace{}
	}
	f.faces[k] = fc
	return fc
}

// advance is the width of s in device pixels.
func (f *Fonts) advance(s string, size float64, bold bool) float64 {
	k := advKey{s: s, face: faceKey{size: size, bold: bold}}
	if a, ok := f.adv[k]; ok {
		return a
	}
	a := text.Advance(s, f.face(size, bold))
	if f.adv == nil || len(f.adv) >= maxAdvances {
		f.adv = make(map[advKey]float64, 256)
	}
	f.adv[k] = a
	return a
}

// Renderer batches quads from the atlas and queues text; Flush draws the
// quads in one call (more only past ebiten's index limit) and then the text.
// Coordinates are logical pixels; Scale maps them to device pixels (HiDPI).
type Renderer struct {
	Dst   *ebiten.Image
	Scale float64
	Atlas *Atlas
	Fonts *Fonts
	Calls int // draw calls issued this frame

	verts []ebiten.Vertex
	idx   []uint16
	texts []queuedText
	clip  *image.Rectangle

	// Where tracked draws land (Track), in device pixels.
	track bool
	boxes []image.Rectangle

	// Kept between frames so drawing allocates nothing.
	glyphs []text.Glyph
	triOp  ebiten.DrawTrianglesOptions
	imgOp  ebiten.DrawImageOptions
	layout text.LayoutOptions

	record *[]queuedText // tests: every line of text drawn
}

type queuedText struct {
	s        string
	x, y     float64
	size     float64
	bold     bool
	c        color.RGBA
	align    text.Align
	maxWidth float64
}

// Begin starts a frame on dst.
func (r *Renderer) Begin(dst *ebiten.Image) {
	r.Dst = dst
	r.Calls = 0
	r.verts = r.verts[:0]
	r.idx = r.idx[:0]
	r.texts = r.texts[:0]
	r.track, r.boxes = false, r.boxes[:0]
}

// Track starts a new rectangle that grows to cover every quad and text
// queued from now on, until Untrack; Tracked returns them. A scene uses it
// to know what it drew over a cached image, so the next frame can put back
// just those parts.
func (r *Renderer) Track() {
	r.track = true
	r.boxes = append(r.boxes, image.Rectangle{})
}

// Untrack stops growing the tracked rectangle.
func (r *Renderer) Untrack() { r.track = false }

// Tracked is the rectangles recorded since Begin, in device pixels.
func (r *Renderer) Tracked() []image.Rectangle { return r.boxes }

// cover grows the tracked rectangle over the logical box (x0,y0)-(x1,y1),
// with a margin for antialiased and filtered edges.
func (r *Renderer) cover(x0, y0, x1, y1 float64) {
	s := r.Scale
	b := image.Rect(int(math.Floor(x0*s))-2, int(math.Floor(y0*s))-2, int(math.Ceil(x1*s))+2, int(math.Ceil(y1*s))+2)
	last := &r.boxes[len(r.boxes)-1]
	*last = last.Union(b)
}

// coverText tracks a queued text's box (generously: glyphs overhang).
func (r *Renderer) coverText(t queuedText) {
	w := r.Measure(t.s, t.size, t.bold)
	x := t.x
	switch t.align {
	case text.AlignCenter:
		x -= w / 2
	case text.AlignEnd:
		x -= w
	}
	r.cover(x-t.size/2, t.y-t.size/2, x+w+t.size/2, t.y+t.size*2)
}

func cf(c color.RGBA) (float32, float32, float32, float32) {
	return float32(c.R) / 255, float32(c.G) / 255, float32(c.B) / 255, float32(c.A) / 255
}

// Quad adds a textured quad with corners p0..p3 (clockwise from top left) to the batch.
func (r *Renderer) Quad(sprite int, p [4][2]float64, c color.RGBA) {
	if len(r.idx)+6 > ebiten.MaxIndicesCount || len(r.verts)+4 > ebiten.MaxVertexCount {
		r.flushQuads()
	}
	sr := r.Atlas.rect(sprite)
	u0, v0, u1, v1 := float32(sr.Min.X), float32(sr.Min.Y), float32(sr.Max.X), float32(sr.Max.Y)
	if sprite == SpriteWhite {
		u0, v0, u1, v1 = u0+16, v0+16, u0+48, v0+48
	} else { // half a texel in, so linear filtering never reads a neighbour sprite
		u0, v0, u1, v1 = u0+0.5, v0+0.5, u1-0.5, v1-0.5
	}
	uv := [4][2]float32{{u0, v0}, {u1, v0}, {u1, v1}, {u0, v1}}
	cr, cg, cb, ca := cf(c)
	base := uint16(len(r.verts))
	s := r.Scale
	for i := 0; i < 4; i++ {
		r.verts = append(r.verts, ebiten.Vertex{DstX: float32(p[i][0] * s), DstY: float32(p[i][1] * s),
			SrcX: uv[i][0], SrcY: uv[i][1], ColorR: cr * ca, ColorG: cg * ca, ColorB: cb * ca, ColorA: ca})
	}
	r.idx = append(r.idx, base, base+1, base+2, base, base+2, base+3)
	if r.track {
		x0, y0, x1, y1 := p[0][0], p[0][1], p[0][0], p[0][1]
		for _, q := range p[1:] {
			x0, y0, x1, y1 = math.Min(x0, q[0]), math.Min(y0, q[1]), math.Max(x1, q[0]), math.Max(y1, q[1])
		}
		r.cover(x0, y0, x1, y1)
	}
}

// Sprite draws sprite stretched over the rectangle.
func (r *Renderer) Sprite(sprite int, x, y, w, h float64, c color.RGBA) {
	r.Quad(sprite, [4][2]float64{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}, c)
}

// Rect fills a rectangle.
func (r *Renderer) Rect(x, y, w, h float64, c color.RGBA) { r.Sprite(SpriteWhite, x, y, w, h, c) }

// Frame outlines a rectangle with lines of width t inside it.
func (r *Renderer) Frame(x, y, w, h, t float64, c color.RGBA) {
	r.Rect(x, y, w, t, c)
	r.Rect(x, y+h-t, w, t, c)
	r.Rect(x, y+t, t, h-2*t, c)
	r.Rect(x+w-t, y+t, t, h-2*t, c)
}

// Line draws a straight line of width t.
func (r *Renderer) Line(x1, y1, x2, y2, t float64, c color.RGBA) {
	dx, dy := x2-x1, y2-y1
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l*t/2, dx/l*t/2
	r.Quad(SpriteWhite, [4][2]float64{{x1 + nx, y1 + ny}, {x2 + nx, y2 + ny}, {x2 - nx, y2 - ny}, {x1 - nx, y1 - ny}}, c)
}

// Text queues a line of text; (x, y) is its top left (or top centre/right by align).
func (r *Renderer) Text(s string, x, y, size float64, c color.RGBA, align text.Align) {
	r.queueText(queuedText{s: s, x: x, y: y, size: size, c: c, align: align})
}

func (r *Renderer) queueText(t queuedText) {
	r.texts = append(r.texts, t)
	if r.track {
		r.coverText(t)
	}
}

// Bold queues a line of bold text.
func (r *Renderer) Bold(s string, x, y, size float64, c color.RGBA, align text.Align) {
	r.queueText(queuedText{s: s, x: x, y: y, size: size, c: c, align: align, bold: true})
}

// Wrap queues text wrapped to maxWidth and returns its height.
func (r *Renderer) Wrap(s string, x, y, size, maxWidth float64, c color.RGBA) float64 {
	return r.WrapN(s, x, y, size, maxWidth, c, 0)
}

// WrapN is Wrap showing at most maxLines lines (0: all), the last one
// ending in an ellipsis when text is cut.
func (r *Renderer) WrapN(s string, x, y, size, maxWidth float64, c color.RGBA, maxLines int) float64 {
	lines := r.wrapLines(s, size, maxWidth)
	if maxLines > 0 && len(lines) > maxLines {
		lines = lines[:maxLines]
		lines[maxLines-1] = r.Ellipsis(lines[maxLines-1]+"…", size, false, maxWidth)
	}
	for i, l := range lines {
		r.Text(l, x, y+float64(i)*size*1.3, size, c, text.AlignStart)
	}
	return float64(len(lines)) * size * 1.3
}

func (r *Renderer) face(size float64, bold bool) *text.GoTextFace {
	return r.Fonts.face(size*r.Scale, bold)
}

// Measure is the logical width of s.
func (r *Renderer) Measure(s string, size float64, bold bool) float64 {
	return r.Fonts.advance(s, size*r.Scale, bold) / r.Scale
}

// Ellipsis shortens s to fit maxWidth, ending it with "…" when cut.
func (r *Renderer) Ellipsis(s string, size float64, bold bool, maxWidth float64) string {
	if r.Measure(s, size, bold) <= maxWidth {
		return s
	}
	rs := []rune(strings.TrimSuffix(s, "…"))
	for len(rs) > 1 && r.Measure(string(rs)+"…", size, bold) > maxWidth {
		rs = rs[:len(rs)-1]
	}
	return strings.TrimSpace(string(rs)) + "…"
}

func (r *Renderer) wrapLines(s string, size, maxWidth float64) []string {
	return r.wrapStyled(s, size, maxWidth, false)
}

// wrapStyled is wrapLines for bold (titles) or regular text.
func (r *Renderer) wrapStyled(s string, size, maxWidth float64, bold bool) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		cand := word
		if line != "" {
			cand = line + " " + word
		}
		if line != "" && r.Measure(cand, size, bold) > maxWidth {
			lines = append(lines, line)
			line = word
		} else {
			line = cand
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

func (r *Renderer) flushQuads() {
	if len(r.idx) == 0 {
		return
	}
	r.triOp = ebiten.DrawTrianglesOptions{Filter: ebiten.FilterLinear}
	r.Dst.DrawTriangles(r.verts, r.idx, r.Atlas.Img, &r.triOp)
	r.Calls++
	r.verts = r.verts[:0]
	r.idx = r.idx[:0]
}

// Image draws img (in device pixels) with its top left at logical (x, y),
// over everything queued before it.
func (r *Renderer) Image(img *ebiten.Image, x, y float64) {
	r.Flush()
	r.imgOp = ebiten.DrawImageOptions{}
	r.imgOp.GeoM.Translate(math.Round(x*r.Scale), math.Round(y*r.Scale))
	r.Dst.DrawImage(img, &r.imgOp)
	r.Calls++
	if r.track {
		b := img.Bounds()
		r.cover(x, y, x+float64(b.Dx())/r.Scale, y+float64(b.Dy())/r.Scale)
	}
}

// Flush draws the batched quads, then the queued text over them. Call it
// between layers (plan, HUD, overlays).
func (r *Renderer) Flush() {
	r.flushQuads()
	for _, t := range r.texts {
		r.drawText(t)
		r.Calls++
	}
	if r.record != nil {
		*r.record = append(*r.record, r.texts...)
	}
	r.texts = r.texts[:0]
}

// drawText draws one queued text as text.Draw does (each glyph image
// translated by the glyph's position, then by the text's), laying the
// glyphs out into a slice kept between frames.
func (r *Renderer) drawText(t queuedText) {
	var at ebiten.GeoM
	at.Translate(math.Round(t.x*r.Scale), math.Round(t.y*r.Scale))
	r.layout = text.LayoutOptions{PrimaryAlign: t.align}
	r.glyphs = text.AppendGlyphs(r.glyphs[:0], t.s, r.face(t.size, t.bold), &r.layout)
	r.imgOp = ebiten.DrawImageOptions{}
	r.imgOp.ColorScale.ScaleWithColor(t.c)
	for _, gl := range r.glyphs {
		if gl.Image == nil {
			continue
		}
		r.imgOp.GeoM.Reset()
		r.imgOp.GeoM.Translate(gl.X, gl.Y)
		r.imgOp.GeoM.Concat(at)
		r.Dst.DrawImage(gl.Image, &r.imgOp)
	}
}
