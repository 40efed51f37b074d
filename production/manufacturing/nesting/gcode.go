package nesting

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/opensourceecology/prodos/designs"
)

// SpinUpSeconds is the dwell after the spindle starts, before the first cut.
const SpinUpSeconds = 3

// Program is a sheet's G-code program and its estimated run time.
type Program struct {
	Name    string  // file stem, the sheet's name
	Code    []byte  // the G-code text
	Seconds float64 // estimated run time
	Cuts    int     // parts cut (whole-sheet parts need none)
	// OffsetX, OffsetY place the sheet's origin on the bed, in inches (the
	// sheet is centred on it).
	OffsetX, OffsetY float64
}

// Minutes is the estimated run time rounded up to a whole minute.
func (p *Program) Minutes() int { return int(math.Ceil(p.Seconds / 60)) }

// GCode writes the CNC router program for a sheet: inches (G20), absolute
// (G90), XY plane; spindle on (M3 at the machine's rpm) and off (M5); every
// rapid at the safe height; each part's outline cut outside the part (the
// tool centre offset by the tool radius), climb-cut clockwise, in passes of
// at most the depth per pass down to the sheet thickness (Z 0 is the top of
// the sheet, the last pass is a through-cut at Z = -thickness); plunge at
// feed_z and cut at feed_xy from the machine profile. Parts are cut smallest
// first, so big parts keep the sheet held while small ones are freed. A part
// that is the whole sheet needs no cut and gets a comment instead.
//
// The estimate counts every move at its feed; the profile gives no rapid
// rate, so rapids are timed at feed_xy (XY) and feed_z (Z), a conservative
// figure, plus SpinUpSeconds.
func GCode(s *Sheet, m designs.Machine) (*Program, error) {
	if m.Process != "cnc-router" {
		return nil, fmt.Errorf("machine %s is a %s, not a cnc-router", m.ID, m.Process)
	}
	if m.FeedXY.Sign() <= 0 || m.FeedZ.Sign() <= 0 || m.DepthPerPass <= 0 || m.ToolDiameter <= 0 || m.SafeHeight <= 0 {
		return nil, fmt.Errorf("machine %s: needs feed_xy, feed_z, depth_per_pass, tool_diameter and safe_height", m.ID)
	}
	// Coordinates in inches as floats: a tool radius need not be a whole
	// sixteenth (a 3/16 in bit).
	r := m.ToolDiameter.InchesFloat() / 2
	ox := (m.BedLength - s.Width).InchesFloat() / 2
	oy := (m.BedWidth - s.Height).InchesFloat() / 2
	if ox < r || oy < r {
		return nil, fmt.Errorf("sheet %s (%s x %s in) with the %s in tool around it does not fit the %s x %s in bed of %s", s.Name(), s.Width, s.Height, m.ToolDiameter, m.BedLength, m.BedWidth, m.ID)
	}
	if s.Thickness <= 0 {
		return nil, fmt.Errorf("sheet %s has no thickness", s.Name())
	}
	fxy, fz := m.FeedXY.InexactFloat64(), m.FeedZ.InexactFloat64()
	p := &Program{Name: s.Name(), OffsetX: ox, OffsetY: oy}
	num := func(v float64) string { return strconv.FormatFloat(math.Round(v*1e5)/1e5, 'f', -1, 64) }
	var b bytes.Buffer
	line := func(f string, a ...any) { fmt.Fprintf(&b, f+"\n", a...) }
	// comment text from the data must not close the comment early
	cm := strings.NewReplacer("(", "[", ")", "]", "\n", " ", ";", ",")
	c := func(v any) string { return cm.Replace(fmt.Sprint(v)) }

	parts := append([]Placed(nil), s.Parts...)
	sort.SliceStable(parts, func(i, j int) bool { return parts[i].Area() < parts[j].Area() })
	var depths []designs.Length
	for d := m.DepthPerPass; ; d += m.DepthPerPass {
		if d >= s.Thickness {
			depths = append(depths, s.Thickness)
			break
		}
		depths = append(depths, d)
	}

	// Time the moves.
	x, y, z := 0.0, 0.0, m.SafeHeight.InchesFloat()
	move := func(nx, ny, nz, feedXY float64) {
		dxy := math.Hypot(nx-x, ny-y)
		dz := math.Abs(nz - z)
		p.Seconds += 60 * (dxy/feedXY + dz/fz)
		x, y, z = nx, ny, nz
	}

	line("%%")
	line("(Production OS sheet program %s)", c(s.Name()))
	line("(material %s, sheet %s x %s x %s in, %d parts)", c(s.SKU), s.Width, s.Height, s.Thickness, len(s.Parts))
	line("(machine %s: %s, tool %s in, %d passes of at most %s in, feed %s/%s in/min)", c(m.ID), c(m.Name), m.ToolDiameter, len(depths), m.DepthPerPass, m.FeedXY, m.FeedZ)
	line("(sheet origin at X%s Y%s on the bed; Z0 = top of sheet)", num(ox), num(oy))
	line("G20 G90 G17 G94")
	line("G0 Z%s", in(m.SafeHeight))
	line("M3 S%d", m.SpindleRPM)
	line("G4 P%d", SpinUpSeconds)
	p.Seconds += SpinUpSeconds
	for _, pt := range parts {
		if wholeSheet(s, pt) {
			line("(%s %s: the whole sheet, no cut)", c(pt.ID), c(pt.Name))
			continue
		}
		p.Cuts++
		x0, y0 := ox+pt.X.InchesFloat()-r, oy+pt.Y.InchesFloat()-r
		x1, y1 := ox+(pt.X+pt.W).InchesFloat()+r, oy+(pt.Y+pt.H).InchesFloat()+r
		line("(%s %s, %s, %s x %s in)", c(pt.ID), c(pt.Name), c(pt.Module), pt.Length, pt.Width)
		line("G0 X%s Y%s", num(x0), num(y0))
		move(x0, y0, z, fxy)
		for _, d := range depths {
			line("G1 Z%s F%s", in(-d), m.FeedZ)
			move(x, y, -d.InchesFloat(), fxy)
			// clockwise around the part: up the left side first
			line("G1 X%s Y%s F%s", num(x0), num(y1), m.FeedXY)
			move(x0, y1, z, fxy)
			line("G1 X%s Y%s", num(x1), num(y1))
			move(x1, y1, z, fxy)
			line("G1 X%s Y%s", num(x1), num(y0))
			move(x1, y0, z, fxy)
			line("G1 X%s Y%s", num(x0), num(y0))
			move(x0, y0, z, fxy)
		}
		line("G0 Z%s", in(m.SafeHeight))
		move(x, y, m.SafeHeight.InchesFloat(), fxy)
	}
	line("M5")
	line("G0 X0 Y0")
	move(0, 0, z, fxy)
	line("M30")
	line("%%")
	p.Code = b.Bytes()
	// Put the estimate in the header as well.
	p.Code = bytes.Replace(p.Code, []byte("G20 G90"), []byte(fmt.Sprintf("(estimated run time %d min)\nG20 G90", p.Minutes())), 1)
	return p, nil
}
