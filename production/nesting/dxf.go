package nesting

import (
	"bytes"
	"fmt"
	"math"
	"strconv"

	"github.com/opensourceecology/prodos/designs"
)

// DXF layers written for every sheet.
const (
	LayerSheet    = "SHEET"    // the stock sheet outline
	LayerParts    = "PARTS"    // part outlines (finished size)
	LayerToolpath = "TOOLPATH" // router centre line, offset by the tool radius
	LayerLabels   = "LABELS"   // part ids and names
)

// DXF writes the sheet as an AutoCAD R12 (AC1009) DXF in inches ($INSUNITS
// 1), titled inside the sheet's top left corner: the sheet
// outline, every part outline as LINE entities, the router's centre line
// (offset outside each part by the tool radius; none when toolDiameter is
// zero) and
// a TEXT label per part, each on its own layer.
func DXF(s *Sheet, toolDiameter designs.Length) []byte {
	r := toolDiameter.InchesFloat() / 2
	num := func(v float64) string { return strconv.FormatFloat(math.Round(v*1e5)/1e5, 'f', -1, 64) }
	var b bytes.Buffer
	g := func(code int, v string) { fmt.Fprintf(&b, "%d\n%s\n", code, v) }
	g(0, "SECTION")
	g(2, "HEADER")
	g(9, "$ACADVER")
	g(1, "AC1009")
	g(9, "$INSUNITS")
	g(70, "1") // inches
	g(9, "$EXTMIN")
	g(10, num(-r))
	g(20, num(-r))
	g(30, "0")
	g(9, "$EXTMAX")
	g(10, num(s.Width.InchesFloat()+r))
	g(20, num(s.Height.InchesFloat()+r))
	g(30, "0")
	g(0, "ENDSEC")
	g(0, "SECTION")
	g(2, "TABLES")
	g(0, "TABLE")
	g(2, "LTYPE")
	g(70, "1")
	g(0, "LTYPE")
	g(2, "CONTINUOUS")
	g(70, "0")
	g(3, "Solid line")
	g(72, "65")
	g(73, "0")
	g(40, "0.0")
	g(0, "ENDTAB")
	g(0, "TABLE")
	g(2, "LAYER")
	layers := []struct {
		name  string
		color int
	}{{LayerSheet, 8}, {LayerParts, 7}, {LayerToolpath, 1}, {LayerLabels, 3}}
	g(70, fmt.Sprint(len(layers)))
	for _, l := range layers {
		g(0, "LAYER")
		g(2, l.name)
		g(70, "0")
		g(62, fmt.Sprint(l.color))
		g(6, "CONTINUOUS")
	}
	g(0, "ENDTAB")
	g(0, "ENDSEC")
	g(0, "SECTION")
	g(2, "ENTITIES")
	line := func(layer string, x1, y1, x2, y2 float64) {
		g(0, "LINE")
		g(8, layer)
		g(10, num(x1))
		g(20, num(y1))
		g(30, "0")
		g(11, num(x2))
		g(21, num(y2))
		g(31, "0")
	}
	box := func(layer string, x, y, w, h float64) {
		line(layer, x, y, x+w, y)
		line(layer, x+w, y, x+w, y+h)
		line(layer, x+w, y+h, x, y+h)
		line(layer, x, y+h, x, y)
	}
	text := func(x, y, height designs.Length, rot int, t string) {
		g(0, "TEXT")
		g(8, LayerLabels)
		g(10, in(x))
		g(20, in(y))
		g(30, "0")
		g(40, in(height))
		g(1, t)
		if rot != 0 {
			g(50, fmt.Sprint(rot))
		}
	}
	f := func(l designs.Length) float64 { return l.InchesFloat() }
	box(LayerSheet, 0, 0, f(s.Width), f(s.Height))
	// The title, inside the sheet at its top left corner, sized to fit.
	title := fmt.Sprintf("%s %s x %s x %s in", s.Name(), s.Width, s.Height, s.Thickness)
	tt := max(min(designs.Inch, (s.Width-designs.Inch)*10/designs.Length(6*len(title))), designs.Inch/16)
	text(designs.Inch/2, s.Height-designs.Inch/2-tt, tt, 0, title)
	for _, p := range s.Parts {
		box(LayerParts, f(p.X), f(p.Y), f(p.W), f(p.H))
		if r > 0 && !wholeSheet(s, p) {
			box(LayerToolpath, f(p.X)-r, f(p.Y)-r, f(p.W)+2*r, f(p.H)+2*r)
		}
		label := p.ID + " " + p.Name
		along, across := p.W, p.H
		if p.H > p.W {
			along, across = p.H, p.W
		}
		// text height: a fifth of the width across, the label fitting along
		th := min(across/5, 2*designs.Inch, along*3/(2*designs.Length(len(label))))
		th = max(th, designs.Inch/4)
		if p.H > p.W {
			text(p.X+p.W/2+th/2, p.Y+designs.Inch/2, th, 90, label)
		} else {
			text(p.X+designs.Inch/2, p.Y+p.H/2-th/2, th, 0, label)
		}
	}
	g(0, "ENDSEC")
	g(0, "EOF")
	return b.Bytes()
}

// wholeSheet reports whether the part is the whole sheet: it needs no cut.
func wholeSheet(s *Sheet, p Placed) bool {
	return p.X == 0 && p.Y == 0 && p.W == s.Width && p.H == s.Height
}
