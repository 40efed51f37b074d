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
	w := &dxfWriter{}
	w.header(s, r)
	w.tables()
	w.g(0, "SECTION")
	w.g(2, "ENTITIES")
	f := func(l designs.Length) float64 { return l.InchesFloat() }
	w.box(LayerSheet, 0, 0, f(s.Width), f(s.Height))
	// The title, inside the sheet at its top left corner, sized to fit.
	title := fmt.Sprintf("%s %s x %s x %s in", s.Name(), s.Width, s.Height, s.Thickness)
	tt := max(min(designs.Inch, (s.Width-designs.Inch)*10/designs.Length(6*len(title))), designs.Inch/16)
	w.text(designs.Inch/2, s.Height-designs.Inch/2-tt, tt, 0, title)
	for _, p := range s.Parts {
		w.part(s, p, r)
	}
	w.g(0, "ENDSEC")
	w.g(0, "EOF")
	return w.b.Bytes()
}

// dxfWriter writes DXF group codes and entities.
type dxfWriter struct{ b bytes.Buffer }

// g writes one group: its code and value.
func (w *dxfWriter) g(code int, v string) { fmt.Fprintf(&w.b, "%d\n%s\n", code, v) }

// num is v in inches, rounded to 5 decimals.
func (w *dxfWriter) num(v float64) string {
	return strconv.FormatFloat(math.Round(v*1e5)/1e5, 'f', -1, 64)
}

// header writes the HEADER section: version, units and extents (the sheet
// grown by the tool radius r).
func (w *dxfWriter) header(s *Sheet, r float64) {
	w.g(0, "SECTION")
	w.g(2, "HEADER")
	w.g(9, "$ACADVER")
	w.g(1, "AC1009")
	w.g(9, "$INSUNITS")
	w.g(70, "1") // inches
	w.g(9, "$EXTMIN")
	w.g(10, w.num(-r))
	w.g(20, w.num(-r))
	w.g(30, "0")
	w.g(9, "$EXTMAX")
	w.g(10, w.num(s.Width.InchesFloat()+r))
	w.g(20, w.num(s.Height.InchesFloat()+r))
	w.g(30, "0")
	w.g(0, "ENDSEC")
}

// tables writes the TABLES section: the line type and the layers.
func (w *dxfWriter) tables() {
	w.g(0, "SECTION")
	w.g(2, "TABLES")
	w.g(0, "TABLE")
	w.g(2, "LTYPE")
	w.g(70, "1")
	w.g(0, "LTYPE")
	w.g(2, "CONTINUOUS")
	w.g(70, "0")
	w.g(3, "Solid line")
	w.g(72, "65")
	w.g(73, "0")
	w.g(40, "0.0")
	w.g(0, "ENDTAB")
	w.g(0, "TABLE")
	w.g(2, "LAYER")
	layers := []struct {
		name  string
		color int
	}{{LayerSheet, 8}, {LayerParts, 7}, {LayerToolpath, 1}, {LayerLabels, 3}}
	w.g(70, fmt.Sprint(len(layers)))
	for _, l := range layers {
		w.g(0, "LAYER")
		w.g(2, l.name)
		w.g(70, "0")
		w.g(62, fmt.Sprint(l.color))
		w.g(6, "CONTINUOUS")
	}
	w.g(0, "ENDTAB")
	w.g(0, "ENDSEC")
}

// line writes a LINE entity on layer.
func (w *dxfWriter) line(layer string, x1, y1, x2, y2 float64) {
	w.g(0, "LINE")
	w.g(8, layer)
	w.g(10, w.num(x1))
	w.g(20, w.num(y1))
	w.g(30, "0")
	w.g(11, w.num(x2))
	w.g(21, w.num(y2))
	w.g(31, "0")
}

// box writes a rectangle as four LINE entities on layer.
func (w *dxfWriter) box(layer string, x, y, wd, h float64) {
	w.line(layer, x, y, x+wd, y)
	w.line(layer, x+wd, y, x+wd, y+h)
	w.line(layer, x+wd, y+h, x, y+h)
	w.line(layer, x, y+h, x, y)
}

// text writes a TEXT entity on the labels layer, rotated rot degrees.
func (w *dxfWriter) text(x, y, height designs.Length, rot int, t string) {
	w.g(0, "TEXT")
	w.g(8, LayerLabels)
	w.g(10, in(x))
	w.g(20, in(y))
	w.g(30, "0")
	w.g(40, in(height))
	w.g(1, t)
	if rot != 0 {
		w.g(50, fmt.Sprint(rot))
	}
}

// part writes a part's outline, its toolpath offset by the tool radius r
// (none for a whole sheet or no tool) and its label.
func (w *dxfWriter) part(s *Sheet, p Placed, r float64) {
	f := func(l designs.Length) float64 { return l.InchesFloat() }
	w.box(LayerParts, f(p.X), f(p.Y), f(p.W), f(p.H))
	if r > 0 && !wholeSheet(s, p) {
		w.box(LayerToolpath, f(p.X)-r, f(p.Y)-r, f(p.W)+2*r, f(p.H)+2*r)
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
		w.text(p.X+p.W/2+th/2, p.Y+designs.Inch/2, th, 90, label)
	} else {
		w.text(p.X+designs.Inch/2, p.Y+p.H/2-th/2, th, 0, label)
	}
}

// wholeSheet reports whether the part is the whole sheet: it needs no cut.
func wholeSheet(s *Sheet, p Placed) bool {
	return p.X == 0 && p.Y == 0 && p.W == s.Width && p.H == s.Height
}
