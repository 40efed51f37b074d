package game

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// Level select cards: the card grid follows the window's height, and a
// card's title and lock text wrap inside it instead of being cut.

// cardGeometry is the size of the level cards and where the grid starts.
func cardGeometry(g *Game) (x0, y0, cw, ch, gap float64, cols int) {
	w, h := g.Size()
	cols, gap = 3, 20
	cw = math.Min(380, (w-80-float64(cols-1)*gap)/float64(cols))
	rows := (len(g.Levels) + cols - 1) / cols
	y0 = 104
	ch = math.Min(200, (h-y0-16-float64(rows-1)*gap)/float64(rows))
	x0 = (w - float64(cols)*cw - float64(cols-1)*gap) / 2
	return x0, y0, cw, ch, gap, cols
}

// cardTitle is a card's title, numbered for the levels in order.
func cardTitle(l *Level, i int) string {
	if l.Sandbox {
		return l.Title
	}
	return fmt.Sprintf("%d. %s", i+1, l.Title)
}

// wrapFit wraps s at the largest of sizes whose lines fit in height h,
// else at the smallest; it returns the lines, the size and the line height.
func wrapFit(r *Renderer, s string, width, h float64, bold bool, sizes ...float64) ([]string, float64, float64) {
	var lines []string
	var size float64
	for _, size = range sizes {
		lines = r.wrapStyled(s, size, width, bold)
		if float64(len(lines))*size*1.3 <= h {
			break
		}
	}
	return lines, size, size * 1.3
}

// drawCard draws level i's card c.
func (s *SelectScene) drawCard(g *Game, r *Renderer, i int, c button) {
	l := g.Levels[i]
	hover := c.enabled && c.hover(s.in)
	bg := colPanel
	if hover {
		bg = colPanelHi
	}
	if !c.enabled {
		bg = color.RGBA{0x5a, 0x5e, 0x64, 0xff}
	}
	r.Rect(c.x+4, c.y+5, c.w, c.h, colShadow)
	r.Rect(c.x, c.y, c.w, c.h, bg)
	tw := c.w - 36
	if !c.enabled {
		tw -= 40
		r.Sprite(SpriteLock, c.x+c.w-50, c.y+12, 30, 30, colLight)
	}
	title, ts, tl := wrapFit(r, cardTitle(l, i), tw, 2*19*1.3, true, 19, 17, 15)
	y := c.y + 12
	for _, line := range title {
		r.Bold(line, c.x+18, y, ts, colLight, text.AlignStart)
		y += tl
	}
	y += 6
	if !c.enabled {
		lines, size, lh := wrapFit(r, g.levelLockText(l), c.w-36, c.y+c.h-10-y, false, 15, 14, 13, 12)
		for _, line := range lines {
			r.Text(line, c.x+18, y, size, colLight, text.AlignStart)
			y += lh
		}
		return
	}
	bottom := c.y + c.h - 48 // the stars row
	if n := int((bottom - y) / (14 * 1.3)); n > 0 {
		r.WrapN(l.Briefing, c.x+18, y, 14, c.w-36, colLight, n)
	}
	if l.Sandbox {
		r.Text("No objectives", c.x+18, c.y+c.h-34, 15, colAccent, text.AlignStart)
		return
	}
	got := g.Progress.Stars[l.ID]
	for k := 0; k < 3; k++ {
		sp := SpriteStarEmpty
		if k < got {
			sp = SpriteStar
		}
		r.Sprite(sp, c.x+18+float64(k)*34, c.y+c.h-42, 30, 30, colAccent)
	}
	if got == 0 {
		r.Text("Not finished yet", c.x+130, c.y+c.h-36, 15, colLight, text.AlignStart)
	}
}
