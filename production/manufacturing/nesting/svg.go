package nesting

import (
	"bytes"
	"fmt"
	"html"
	"strconv"

	"github.com/opensourceecology/prodos/designs"
)

// in formats a length in decimal inches with no trailing zeros (sixteenths
// are exact in four decimals).
func in(l designs.Length) string {
	return strconv.FormatFloat(l.InchesFloat(), 'f', -1, 64)
}

// SVG draws the sheet at 10 px per inch: the sheet outline, each part as a
// labelled rectangle (id, name, module, size) and a title line. The SVG's
// y axis points down, so the sheet's Y is flipped to keep the origin at the
// lower left, as in the DXF and the G-code.
func SVG(s *Sheet) []byte {
	const scale = 10.0
	const margin = 2 * designs.Inch
	const title = 4 * designs.Inch
	w := s.Width + 2*margin
	h := s.Height + 2*margin + title
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="sans-serif">`+"\n",
		strconv.FormatFloat(w.InchesFloat()*scale, 'f', -1, 64), strconv.FormatFloat(h.InchesFloat()*scale, 'f', -1, 64), in(w), in(h))
	fmt.Fprintf(&b, `<rect x="0" y="0" width="%s" height="%s" fill="#ffffff"/>`+"\n", in(w), in(h))
	fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="2">%s: %s x %s x %s in, %d part(s), %.1f%% used</text>`+"\n",
		in(margin), in(margin+2*designs.Inch), html.EscapeString(s.Name()), s.Width, s.Height, s.Thickness, len(s.Parts), 100*s.Utilisation())
	ox, oy := margin, margin+title
	fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="#e8d8b0" stroke="#555555" stroke-width="0.15"/>`+"\n",
		in(ox), in(oy), in(s.Width), in(s.Height))
	for _, p := range s.Parts {
		x := ox + p.X
		y := oy + s.Height - p.Y - p.H
		fmt.Fprintf(&b, `<g><title>%s</title><rect x="%s" y="%s" width="%s" height="%s" fill="#f6efd9" stroke="#8b2500" stroke-width="0.12"/>`,
			html.EscapeString(partLabel(p)), in(x), in(y), in(p.W), in(p.H))
		// Text runs along the part's longer side, sized so the three lines
		// fit across it and the longest line fits along it.
		lines := []string{p.ID + " " + p.Name, p.Module, fmt.Sprintf("%s x %s", p.Length, p.Width)}
		vertical := p.H > p.W
		along, across := p.W.InchesFloat(), p.H.InchesFloat()
		if vertical {
			along, across = across, along
		}
		longest := 0
		for _, l := range lines {
			longest = max(longest, len(l))
		}
		fs := min(2.2, across/4, 0.9*along/(0.6*float64(longest)))
		fs = max(fs, 0.3)
		cx := x.InchesFloat() + p.W.InchesFloat()/2
		cy := y.InchesFloat() + p.H.InchesFloat()/2
		if vertical {
			fmt.Fprintf(&b, `<g transform="rotate(-90 %s %s)">`, ff(cx), ff(cy))
		}
		for i, t := range lines {
			dy := (float64(i) - float64(len(lines)-1)/2) * fs * 1.2
			fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="%s" text-anchor="middle" dominant-baseline="middle">%s</text>`,
				ff(cx), ff(cy+dy), ff(fs), html.EscapeString(t))
		}
		if vertical {
			b.WriteString("</g>")
		}
		b.WriteString("</g>\n")
	}
	b.WriteString("</svg>\n")
	return b.Bytes()
}

func ff(f float64) string { return strconv.FormatFloat(f, 'f', 3, 64) }

func partLabel(p Placed) string {
	rot := ""
	if p.Rotated {
		rot = ", turned 90"
	}
	return fmt.Sprintf("%s %s (%s, placement %d): %s x %s in at (%s, %s)%s", p.ID, p.Name, p.Module, p.Placement+1, p.Length, p.Width, p.X, p.Y, rot)
}
