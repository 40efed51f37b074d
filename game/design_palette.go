package game

import (
	"fmt"
	"image/color"
	"strings"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/opensourceecology/prodos/designs"
)

type paletteRow struct {
	header string // set for a category header row
	id     string
	y, h   float64
}

// palette rows in draw order.
func (s *DesignScene) paletteRows(g *Game) []paletteRow {
	if s.palRows != nil && s.palScroll == s.scroll {
		return s.palRows // read-only: shared between calls
	}
	s.palRows, s.palScroll = s.buildPaletteRows(g), s.scroll
	return s.palRows
}

func (s *DesignScene) buildPaletteRows(g *Game) []paletteRow {
	var rows []paletteRow
	y := topBarH + 4 - s.scroll
	// Categories, their titles and their order come from categories.toml.
	for _, c := range g.Cat.CategoryList {
		first := true
		for _, id := range g.Cat.ModuleIDs() {
			if g.Cat.Modules[id].Category != c.ID {
				continue
			}
			if first {
				rows = append(rows, paletteRow{header: c.Title, y: y, h: 19})
				y += 19
				first = false
			}
			rows = append(rows, paletteRow{id: id, y: y, h: 29})
			y += 29
		}
	}
	return rows
}

// PaletteItem is the centre of a module's palette row (for tests and tours).
func (s *DesignScene) PaletteItem(g *Game, id string) (float64, float64) {
	for _, r := range s.paletteRows(g) {
		if r.id == id {
			return paletteW / 2, r.y + r.h/2
		}
	}
	return -1, -1
}

func (s *DesignScene) offeredIDs(g *Game) []string {
	var out []string
	for _, r := range s.paletteRows(g) {
		if r.id != "" && s.offered(r.id) {
			out = append(out, r.id)
		}
	}
	return out
}

func (s *DesignScene) drawPalette(g *Game, r *Renderer) {
	_, h := g.Size()
	r.Rect(0, topBarH, paletteW, h-topBarH, colPanel)
	for _, row := range s.paletteRows(g) {
		if row.y+row.h < topBarH || row.y > h {
			continue
		}
		if row.header != "" {
			r.Bold(strings.ToUpper(row.header), 12, row.y+4, 11, colAccent, text.AlignStart)
			continue
		}
		m := g.Cat.Modules[row.id]
		ok := s.offered(row.id)
		hover := s.in.X < paletteW && s.in.Y >= row.y && s.in.Y < row.y+row.h
		switch {
		case row.id == s.tool.Selected:
			r.Rect(4, row.y, paletteW-8, row.h-2, colAccent)
		case hover && ok:
			r.Rect(4, row.y, paletteW-8, row.h-2, colPanelHi)
		}
		tc := colLight
		if row.id == s.tool.Selected {
			tc = colInk
		}
		if !ok {
			tc = colMuted
		}
		DrawIcon(r, m, 10, row.y+2, 25, ok)
		if g.Cat.PackOf(row.id) != nil {
			// a module from a module pack: an accent corner on its icon
			r.Rect(10+25-packMark, row.y+2, packMark, packMark, colAccent)
		}
		name := m.Name
		for r.Measure(name, 13, false) > paletteW-118 && len(name) > 4 {
			name = name[:len(name)-2]
		}
		if name != m.Name {
			name += "…"
		}
		r.Text(name, 44, row.y+6, 13, tc, text.AlignStart)
		if ok {
			r.Text("$"+money(g.Cat.ModuleCost(m, g.Cat.Rates.LabourPerHour).Total()), paletteW-12, row.y+6, 13, tc, text.AlignEnd)
		} else {
			r.Sprite(SpriteLock, paletteW-30, row.y+5, 17, 17, colMuted)
		}
	}
}

// packMark is the size of the accent corner on a pack module's icon.
const packMark = 7.0

// DrawIcon draws a small picture of a module at (x, y), size px square.
func DrawIcon(r *Renderer, m *designs.Module, x, y, size float64, ok bool) {
	fade := func(c color.RGBA) color.RGBA {
		if ok {
			return c
		}
		return color.RGBA{c.R / 2, c.G / 2, c.B / 2, c.A}
	}
	bg := fade(color.RGBA{0xee, 0xea, 0xe0, 0xff})
	r.Rect(x, y, size, size, bg)
	// The picture is the module's icon (its own, or its category's, from
	// the module library).
	switch m.Icon {
	case "foundation":
		r.Rect(x+3, y+3, size-6, size-6, fade(colFound))
		r.Sprite(SpriteFoundation, x+3, y+3, size-6, size-6, fade(color.RGBA{0x70, 0x6c, 0x66, 0xff}))
	case "floor":
		r.Rect(x+8, y+2, size-16, size-4, fade(colFloor))
		r.Sprite(SpriteFloor, x+8, y+2, size-16, size-4, fade(color.RGBA{0xa0, 0x80, 0x50, 0xff}))
	case "wall", "interior-wall":
		c := colWall
		t := 6.0
		if m.Icon == "interior-wall" {
			c, t = colIntWall, 4
		}
		r.Rect(x+2, y+size/2-t/2, size-4, t, fade(c))
		switch m.Opening {
		case "window":
			r.Rect(x+6, y+size/2-t/2+1.5, size-12, t-3, fade(color.RGBA{0xa8, 0xd8, 0xf0, 0xff}))
		case "door":
			r.Rect(x+6, y+size/2-t/2, size-12, t, bg)
			r.Quad(SpriteDoor, [4][2]float64{{x + 6, y + size/2 - (size - 12)}, {x + size - 6, y + size/2 - (size - 12)}, {x + size - 6, y + size/2}, {x + 6, y + size/2}}, fade(c))
		}
		if m.Height > 8*designs.Foot {
			r.Text(fmt.Sprintf("%d'", int(m.Height/designs.Foot)), x+size/2, y+size/2+4, 10, fade(colInk), text.AlignCenter)
		}
	case "kitchen", "bath", "mech":
		r.Rect(x+2, y+2, size-4, size-4, fade(colCore))
		r.Sprite(iconSprite(m.Icon), x+4, y+4, size-8, size-8, fade(colInk))
	case "roof":
		r.Rect(x+8, y+2, size-16, size-4, fade(color.RGBA{0xb0, 0x60, 0x4a, 0xff}))
		r.Sprite(SpriteHatch, x+8, y+2, size-16, size-4, fade(color.RGBA{0x6a, 0x2a, 0x20, 0xff}))
	case "loft":
		r.Rect(x+8, y+2, size-16, size-4, fade(color.RGBA{0x90, 0xb0, 0x80, 0xff}))
	case "solar":
		r.Rect(x+8, y+2, size-16, size-4, fade(color.RGBA{0x20, 0x3c, 0x80, 0xff}))
		r.Sprite(SpriteSolar, x+8, y+2, size-16, size-4, fade(color.RGBA{0x80, 0xa8, 0xe8, 0xff}))
	}
}

// iconSprite is the atlas sprite of a utility core's icon (a module's Icon
// in the module library): kitchen, bath, or mech for any other.
func iconSprite(icon string) int {
	if sp, ok := coreIcons[icon]; ok {
		return sp
	}
	return SpriteMech
}

// coreIcons maps the module library's core icon names to atlas sprites.
var coreIcons = map[string]int{"kitchen": SpriteKitchen, "bath": SpriteBath, "mech": SpriteMech}

// moduleIcon is the icon of the catalog's module id, or "" when there is no
// such module.
func moduleIcon(cat *designs.Catalog, id string) string {
	if m := cat.Modules[id]; m != nil {
		return m.Icon
	}
	return ""
}
