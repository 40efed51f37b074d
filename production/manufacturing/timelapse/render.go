package timelapse

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"strings"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// Options sets the size and length of a rendered timelapse.
type Options struct {
	Frames        int // frames, at least 2: the first at the start, the last at the end of the build
	Width, Height int // pixels
	// Delay is each frame's time in hundredths of a second; the last frame
	// holds Hold.
	Delay, Hold int
	// Draft, when not empty, is written across the top of every frame.
	Draft string
}

// DefaultOptions are the options of `prodos timelapse`.
var DefaultOptions = Options{Frames: 48, Width: 480, Height: 360, Delay: 12, Hold: 200}

// The fixed palette: the same colours in every frame and every run, so the
// GIF's bytes depend only on the schedule.
var palette = color.Palette{
	color.RGBA{0xff, 0xff, 0xff, 0xff}, // 0 background
	color.RGBA{0x22, 0x22, 0x22, 0xff}, // 1 text
	color.RGBA{0xdd, 0xdd, 0xdd, 0xff}, // 2 grid
	color.RGBA{0x9e, 0x9e, 0x9e, 0xff}, // 3 foundation
	color.RGBA{0xd7, 0xb8, 0x8c, 0xff}, // 4 floor
	color.RGBA{0x6d, 0x4c, 0x41, 0xff}, // 5 wall
	color.RGBA{0x1e, 0x88, 0xe5, 0xff}, // 6 opening
	color.RGBA{0xa1, 0x88, 0x7f, 0xff}, // 7 interior
	color.RGBA{0x43, 0xa0, 0x47, 0xff}, // 8 core
	color.RGBA{0xf9, 0xa8, 0x25, 0xff}, // 9 loft
	color.RGBA{0xc6, 0x28, 0x28, 0xff}, // 10 roof
	color.RGBA{0xf0, 0xf0, 0xe8, 0xff}, // 11 station strip
	color.RGBA{0x8e, 0x24, 0xaa, 0xff}, // 12 crew
	color.RGBA{0x00, 0x83, 0x8f, 0xff}, // 13 crew
	color.RGBA{0xef, 0x6c, 0x00, 0xff}, // 14 crew
	color.RGBA{0x30, 0x3f, 0x9f, 0xff}, // 15 crew
}

const (
	cBackground = 0
	cText       = 1
	cGrid       = 2
	cStation    = 11
	cCrew       = 12
)

// categoryColour is the palette index of a module category; drawOrder the
// order categories are drawn in (roofs are hatched over the floor below).
var categoryColour = map[string]uint8{"foundation": 3, "floor": 4, "wall": 5, "opening": 6, "interior": 7, "core": 8, "loft": 9, "roof": 10}

// inset keeps the layers below visible: a floor is drawn inside its
// foundation, a loft inside its floor (in steps of scale/24 pixels).
var inset = map[string]int{"floor": 2, "loft": 4, "core": 3}

var drawOrder = []string{"foundation", "floor", "loft", "core", "roof", "interior", "wall", "opening"}

// Times are the moments of the frames: evenly spaced from the start to the
// end of the build.
func (m *Model) Times(frames int) []int64 {
	out := make([]int64, frames)
	for i := range out {
		if frames > 1 {
			out[i] = m.Schedule.Makespan * int64(i) / int64(frames-1)
		}
	}
	return out
}

// Render draws the timelapse as an animated GIF.
func (m *Model) Render(o Options) ([]byte, error) {
	if o.Frames < 2 {
		return nil, fmt.Errorf("timelapse: frames must be at least 2, got %d", o.Frames)
	}
	if o.Width < 64 || o.Height < 64 || o.Width > 4096 || o.Height > 4096 {
		return nil, fmt.Errorf("timelapse: size %dx%d is outside 64x64 to 4096x4096", o.Width, o.Height)
	}
	g := &gif.GIF{}
	for i, t := range m.Times(o.Frames) {
		g.Image = append(g.Image, m.Frame(m.At(t), o))
		delay := o.Delay
		if i == o.Frames-1 {
			delay = o.Hold
		}
		g.Delay = append(g.Delay, delay)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, g); err != nil {
		return nil, fmt.Errorf("timelapse: encode GIF: %w", err)
	}
	return buf.Bytes(), nil
}

// view maps cells to pixels.
type view struct {
	scale, ox, oy float64
}

func (v view) px(p Point) (int, int) {
	return int(v.ox + p.X*v.scale), int(v.oy + p.Y*v.scale)
}

const header = 34 // pixels above the plan for the clock and the legend

// layout fits the grid and the station columns into the frame.
func (m *Model) layout(o Options) view {
	cols := float64(m.Design.Grid.Width) + 1 + float64((len(m.byMember)+max(m.Design.Grid.Height, 1)-1)/max(m.Design.Grid.Height, 1))
	rows := float64(max(m.Design.Grid.Height, 1))
	sx := float64(o.Width-16) / cols
	sy := float64(o.Height-header-8) / rows
	s := min(sx, sy)
	return view{scale: s, ox: 8 + (float64(o.Width-16)-cols*s)/2, oy: header}
}

// Frame draws the build at one state.
func (m *Model) Frame(st State, o Options) *image.Paletted {
	img := image.NewPaletted(image.Rect(0, 0, o.Width, o.Height), palette)
	v := m.layout(o)
	gw, gh := m.Design.Grid.Width, m.Design.Grid.Height
	x0, y0 := v.px(Point{float64(gw) + 1, 0})
	x1, y1 := v.px(Point{float64(gw) + 1 + float64((len(m.byMember)+max(gh, 1)-1)/max(gh, 1)), float64(max(gh, 1))})
	fill(img, image.Rect(x0, y0, x1, y1), cStation)
	text(img, x0+2, y0+12, "stations", cText)
	for x := 0; x <= gw; x++ {
		a, b := v.px(Point{float64(x), 0})
		_, c := v.px(Point{float64(x), float64(gh)})
		fill(img, image.Rect(a, b, a+1, c), cGrid)
	}
	for y := 0; y <= gh; y++ {
		a, b := v.px(Point{0, float64(y)})
		c, _ := v.px(Point{float64(gw), float64(y)})
		fill(img, image.Rect(a, b, c+1, b+1), cGrid)
	}
	for _, cat := range drawOrder {
		for _, p := range st.Pieces {
			if p.Category == cat {
				drawPiece(img, v, p)
			}
		}
	}
	for _, c := range st.Crew {
		x, y := v.px(c.At)
		col := uint8(cCrew + c.Member%4)
		disc(img, x, y, 6, col)
		text(img, x+7, y+4, Initials(c.ID), col)
	}
	text(img, 6, 14, fmt.Sprintf("%s   %d/%d modules up", st.Clock, st.Standing, len(m.Pieces)), cText)
	if o.Draft != "" {
		text(img, 6, 28, o.Draft, 10)
	} else {
		text(img, 6, 28, fmt.Sprintf("crew %s, %d h days   %s", m.Schedule.Crew.ID, m.HoursPerDay, m.Phase(st)), cText)
	}
	return img
}

// drawPiece draws a piece: a cell module as a filled rectangle (a roof as
// hatching), an edge module as a thick line; a growing piece fills in
// proportion to its progress.
func drawPiece(img *image.Paletted, v view, p PieceState) {
	col, ok := categoryColour[p.Category]
	if !ok {
		col = cText
	}
	ax, ay := v.px(p.A)
	bx, by := v.px(p.B)
	if p.Edge != "" {
		w := max(int(v.scale/8), 2)
		if ay == by { // east-west run
			bx = ax + int(float64(bx-ax)*p.Progress)
			fill(img, image.Rect(ax, ay-w/2, bx, ay-w/2+w), col)
		} else {
			by = ay + int(float64(by-ay)*p.Progress)
			fill(img, image.Rect(ax-w/2, ay, ax-w/2+w, by), col)
		}
		return
	}
	in := inset[p.Category] * max(int(v.scale/24), 1)
	r := image.Rect(ax+1+in, ay+1+in, bx-in, by-in)
	r.Min.Y = r.Max.Y - int(float64(r.Dy())*p.Progress)
	if p.Category != "roof" {
		fill(img, r, col)
		return
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if (x+y)%6 == 0 {
				img.SetColorIndex(x, y, col)
			}
		}
	}
}

func fill(img *image.Paletted, r image.Rectangle, col uint8) {
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			img.SetColorIndex(x, y, col)
		}
	}
}

func disc(img *image.Paletted, cx, cy, r int, col uint8) {
	for y := -r; y <= r; y++ {
		for x := -r; x <= r; x++ {
			if x*x+y*y <= r*r {
				if (image.Point{cx + x, cy + y}).In(img.Bounds()) {
					img.SetColorIndex(cx+x, cy+y, col)
				}
			}
		}
	}
}

// text writes s with its baseline at (x, y) in the 7x13 bitmap font.
func text(img *image.Paletted, x, y int, s string, col uint8) {
	d := font.Drawer{Dst: img, Src: image.NewUniform(palette[col]), Face: basicfont.Face7x13, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

// Initials shortens a member id to its label: the first letter of each
// word and its digits ("walls-1" is W1, "lead" is L).
func Initials(id string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == ' ' }) {
		if w[0] >= '0' && w[0] <= '9' {
			b.WriteString(w)
			continue
		}
		b.WriteRune(unicode.ToUpper(rune(w[0])))
	}
	return b.String()
}

// Phase is the phase of the work under way at st (the earliest phase any
// crew member is working in), "" between tasks.
func (m *Model) Phase(st State) string {
	phase := ""
	for _, c := range st.Crew {
		if c.Task >= 0 {
			if p := m.Schedule.Tasks[c.Task].Phase; phase == "" || p < phase {
				phase = p
			}
		}
	}
	return phase
}
