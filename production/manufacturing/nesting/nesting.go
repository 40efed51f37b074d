// Package nesting places a design's rectangular sheet parts (sheathing,
// subfloor, roof deck, backing panels) on stock sheets for the CNC router,
// and writes each sheet as an SVG layout, a DXF drawing and a G-code program.
//
// The nesting algorithm is MaxRects (Jylänki, "A Thousand Ways to Pack the
// Bin", 2010) over many sheets: each part goes to the free rectangle of any
// open sheet that scores best, a new sheet opens only when nothing fits. It
// runs with several sort orders and scoring rules, and as sheet-by-sheet
// fills (each sheet takes the best-fitting remaining part until none fits),
// and keeps the result with the fewest sheets (then the emptiest last
// sheet). KerfBound gives a lower bound that accounts for the kerf.
//
// The kerf between parts is kept by nesting every part grown by the kerf on a
// sheet grown by the kerf: two parts are then at least one kerf apart, and a
// part may still touch the sheet's far edges.
package nesting

import (
	"fmt"
	"sort"
	"sync"

	"github.com/opensourceecology/prodos/designs"
)

// Part is one rectangular sheet part to cut. Length runs along the sheet's
// length (its X axis), Width across it. A part with Grain set keeps that
// orientation; otherwise it may be turned 90 degrees.
type Part struct {
	ID        string         // "P001", unique within a design
	Name      string         // the cut part's name, e.g. "sheathing side"
	Module    string         // module id it belongs to
	Placement int            // index of the design placement, -1 when none
	SKU       string         // sheet material
	Length    designs.Length // along the grain / sheet length
	Width     designs.Length // across
	Grain     bool
}

// Area is the part's area in square sixteenths.
func (p Part) Area() int64 { return int64(p.Length) * int64(p.Width) }

// Placed is a part at its place on a sheet. X, Y is its lower-left corner
// (sheet origin lower-left, X along the sheet's length); W, H its size as
// placed (W = Length unless Rotated).
type Placed struct {
	Part
	X, Y, W, H designs.Length
	Rotated    bool
}

// Sheet is one stock sheet and the parts nested on it.
type Sheet struct {
	SKU       string
	Index     int            // 1-based within its material
	Width     designs.Length // along X: the material's length (96 in)
	Height    designs.Length // along Y: the material's width (48 in)
	Thickness designs.Length
	Parts     []Placed
}

// Name is the sheet's file stem, e.g. "SHT-OSB-716-02".
func (s *Sheet) Name() string { return fmt.Sprintf("%s-%02d", s.SKU, s.Index) }

// PartArea is the sum of the areas of the sheet's parts.
func (s *Sheet) PartArea() int64 {
	var a int64
	for _, p := range s.Parts {
		a += p.Area()
	}
	return a
}

// Utilisation is the sheet's part area over its area, 0..1.
func (s *Sheet) Utilisation() float64 {
	return float64(s.PartArea()) / float64(int64(s.Width)*int64(s.Height))
}

// Group is the nesting of one sheet material.
type Group struct {
	SKU        string
	Material   *designs.Material
	Sheets     []*Sheet
	Parts      int
	PartArea   int64 // square sixteenths
	LowerBound int   // ceil(part area / sheet area)
	// KerfBound is a stronger lower bound that accounts for the kerf and
	// for parts that cannot share a sheet's height or length (KerfBound).
	KerfBound int
}

// Utilisation is the group's part area over the area of its sheets.
func (g *Group) Utilisation() float64 {
	if len(g.Sheets) == 0 {
		return 0
	}
	return float64(g.PartArea) / float64(int64(len(g.Sheets))*int64(g.Sheets[0].Width)*int64(g.Sheets[0].Height))
}

// Layout is the nesting of all of a design's sheet parts, one group per
// sheet material in SKU order.
type Layout struct {
	Kerf   designs.Length
	Groups []*Group
}

// Sheets lists every sheet of every group.
func (l *Layout) Sheets() []*Sheet {
	var out []*Sheet
	for _, g := range l.Groups {
		out = append(out, g.Sheets...)
	}
	return out
}

// SheetCount is the number of sheets used.
func (l *Layout) SheetCount() int { return len(l.Sheets()) }

// LowerBound is the sum of the groups' lower bounds.
func (l *Layout) LowerBound() int {
	n := 0
	for _, g := range l.Groups {
		n += g.LowerBound
	}
	return n
}

// KerfBound is the sum of the groups' kerf-aware lower bounds.
func (l *Layout) KerfBound() int {
	n := 0
	for _, g := range l.Groups {
		n += g.KerfBound
	}
	return n
}

// Utilisation is the part area over the sheet area of all sheets.
func (l *Layout) Utilisation() float64 {
	var parts, sheets float64
	for _, g := range l.Groups {
		parts += float64(g.PartArea)
		for _, s := range g.Sheets {
			sheets += float64(int64(s.Width) * int64(s.Height))
		}
	}
	if sheets == 0 {
		return 0
	}
	return parts / sheets
}

// Buy is the number of sheets to buy per SKU (feeds the BOM).
func (l *Layout) Buy() map[string]int {
	out := map[string]int{}
	for _, g := range l.Groups {
		out[g.SKU] = len(g.Sheets)
	}
	return out
}

// PartsFromDesign lists every sheet cut part of every placement of the
// design, in placement order, numbered P001, P002, ...
func PartsFromDesign(d *designs.Design, cat *designs.Catalog) ([]Part, error) {
	var out []Part
	for i, pl := range d.Placements {
		m, err := cat.Module(pl.Module)
		if err != nil {
			return nil, fmt.Errorf("placement %d: %w", i+1, err)
		}
		for _, cp := range m.Cuts {
			mat := cat.Materials[cp.SKU]
			if mat == nil || mat.Kind != designs.KindSheet {
				continue
			}
			for k := 0; k < cp.Qty; k++ {
				out = append(out, Part{
					ID:        fmt.Sprintf("P%03d", len(out)+1),
					Name:      cp.Name,
					Module:    m.ID,
					Placement: i,
					SKU:       cp.SKU,
					Length:    cp.Length,
					Width:     cp.Width,
					Grain:     cp.Grain,
				})
			}
		}
	}
	return out, nil
}

// NestDesign nests every sheet part of the design, per material, with kerf
// between parts.
func NestDesign(d *designs.Design, cat *designs.Catalog, kerf designs.Length) (*Layout, error) {
	parts, err := PartsFromDesign(d, cat)
	if err != nil {
		return nil, err
	}
	return NestParts(parts, cat, kerf)
}

// NestParts nests parts, grouped by material, on sheets of the material's
// size from the catalog.
func NestParts(parts []Part, cat *designs.Catalog, kerf designs.Length) (*Layout, error) {
	if kerf < 0 {
		return nil, fmt.Errorf("nesting: negative kerf %s", kerf)
	}
	bySKU := map[string][]Part{}
	for _, p := range parts {
		bySKU[p.SKU] = append(bySKU[p.SKU], p)
	}
	skus := make([]string, 0, len(bySKU))
	for s := range bySKU {
		skus = append(skus, s)
	}
	sort.Strings(skus)
	l := &Layout{Kerf: kerf}
	for _, sku := range skus {
		mat := cat.Materials[sku]
		if mat == nil || mat.Kind != designs.KindSheet {
			return nil, fmt.Errorf("nesting: %s is not a sheet material", sku)
		}
		sheets, err := Nest(bySKU[sku], mat.Length, mat.Width, kerf)
		if err != nil {
			return nil, fmt.Errorf("nesting %s: %w", sku, err)
		}
		g := &Group{SKU: sku, Material: mat, Sheets: sheets, Parts: len(bySKU[sku])}
		for _, p := range bySKU[sku] {
			g.PartArea += p.Area()
		}
		sheetArea := int64(mat.Length) * int64(mat.Width)
		g.LowerBound = int((g.PartArea + sheetArea - 1) / sheetArea)
		g.KerfBound = KerfBound(bySKU[sku], mat.Length, mat.Width, kerf)
		for _, s := range sheets {
			s.Thickness = mat.Thickness
		}
		l.Groups = append(l.Groups, g)
	}
	return l, nil
}

// sortOrders are the part orders tried; each is a "less" on parts.
var sortOrders = []func(a, b *Part) bool{
	func(a, b *Part) bool { return a.Area() > b.Area() },
	func(a, b *Part) bool { return max(a.Length, a.Width) > max(b.Length, b.Width) },
	func(a, b *Part) bool { return min(a.Length, a.Width) > min(b.Length, b.Width) },
	func(a, b *Part) bool { return a.Length+a.Width > b.Length+b.Width },
	func(a, b *Part) bool { return a.Length > b.Length },
	func(a, b *Part) bool { return a.Width > b.Width },
}

// Nest places parts of one material on as few sheets of width x height
// (width along X) as it can, kerf apart. Every part must fit a sheet.
func Nest(parts []Part, width, height, kerf designs.Length) ([]*Sheet, error) {
	if width <= 0 || height <= 0 {
		return nil, fmt.Errorf("sheet size %sx%s must be positive", width, height)
	}
	for _, p := range parts {
		if p.Length <= 0 || p.Width <= 0 {
			return nil, fmt.Errorf("part %s (%s): size %sx%s must be positive", p.ID, p.Name, p.Length, p.Width)
		}
		fits := p.Length <= width && p.Width <= height
		if !p.Grain {
			fits = fits || (p.Width <= width && p.Length <= height)
		}
		if !fits {
			return nil, fmt.Errorf("part %s (%s of %s) is %s x %s in and does not fit a %s x %s in sheet", p.ID, p.Name, p.Module, p.Length, p.Width, width, height)
		}
	}
	if len(parts) == 0 {
		return nil, nil
	}
	type run struct {
		order, rule int
		sheets      []*Sheet
	}
	var runs []*run
	for o := range sortOrders {
		for r := range rules {
			runs = append(runs, &run{order: o, rule: r})
		}
	}
	// Sheet by sheet: order -1 fills one sheet at a time with the best
	// fitting part left (rule), or the largest part that fits (rule -1).
	for r := -1; r < len(rules); r++ {
		runs = append(runs, &run{order: -1, rule: r})
	}
	var wg sync.WaitGroup
	work := make(chan *run)
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range work {
				if r.order < 0 {
					r.sheets = fill(parts, width, height, kerf, r.rule)
					continue
				}
				ps := append([]Part(nil), parts...)
				less := sortOrders[r.order]
				sort.SliceStable(ps, func(i, j int) bool { return less(&ps[i], &ps[j]) })
				r.sheets = pack(ps, width, height, kerf, rules[r.rule])
			}
		}()
	}
	for _, r := range runs {
		work <- r
	}
	close(work)
	wg.Wait()
	best := runs[0]
	for _, r := range runs[1:] {
		if better(r.sheets, best.sheets) {
			best = r
		}
	}
	for i, s := range best.sheets {
		s.Index = i + 1
		sort.Slice(s.Parts, func(a, b int) bool { return s.Parts[a].ID < s.Parts[b].ID })
	}
	return best.sheets, nil
}

// better prefers fewer sheets, then the less-filled last sheet (the other
// sheets are fuller, and the last one's offcut is larger).
func better(a, b []*Sheet) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a[len(a)-1].PartArea() < b[len(b)-1].PartArea()
}

type rect struct{ x, y, w, h designs.Length }

func (r rect) contains(o rect) bool {
	return o.x >= r.x && o.y >= r.y && o.x+o.w <= r.x+r.w && o.y+o.h <= r.y+r.h
}

func (r rect) intersects(o rect) bool {
	return o.x < r.x+r.w && r.x < o.x+o.w && o.y < r.y+r.h && r.y < o.y+o.h
}

// rule scores placing a w x h box in free rectangle f; lower is better.
type rule func(f rect, w, h designs.Length) (int64, int64)

var rules = []rule{
	// best short side fit
	func(f rect, w, h designs.Length) (int64, int64) {
		dw, dh := int64(f.w-w), int64(f.h-h)
		return min(dw, dh), max(dw, dh)
	},
	// best area fit
	func(f rect, w, h designs.Length) (int64, int64) {
		dw, dh := int64(f.w-w), int64(f.h-h)
		return int64(f.w)*int64(f.h) - int64(w)*int64(h), min(dw, dh)
	},
	// bottom-left
	func(f rect, w, h designs.Length) (int64, int64) {
		return int64(f.y + h), int64(f.x)
	},
}

// bin is one sheet during packing, in kerf-grown coordinates.
type bin struct {
	free  []rect
	sheet *Sheet
}

// maxOpen is the most sheets pack keeps open for more parts; when a new
// sheet would exceed it, the oldest open sheet is closed. It keeps packing
// linear in the parts (each part tries at most maxOpen sheets); the
// examples' layouts and the 2,000-part benchmarks' sheet counts are the
// same as with no limit, so only rows of many houses close a sheet early.
const maxOpen = 64

func pack(parts []Part, width, height, kerf designs.Length, score rule) []*Sheet {
	W, H := width+kerf, height+kerf
	var bins []*bin
	// A sheet whose free rectangles are all narrower than the smallest part
	// can take nothing more: it leaves the list of open sheets.
	smallest := W + H
	for _, p := range parts {
		smallest = min(smallest, min(p.Length, p.Width)+kerf)
	}
	var open []int
	for _, p := range parts {
		bestBin, bestRot := -1, false
		var bestRect rect
		var s1, s2 int64
		for _, bi := range open {
			b := bins[bi]
			for _, f := range b.free {
				for rot := 0; rot < 2; rot++ {
					if rot == 1 && (p.Grain || p.Length == p.Width) {
						break
					}
					w, h := p.Length+kerf, p.Width+kerf
					if rot == 1 {
						w, h = h, w
					}
					if w > f.w || h > f.h {
						continue
					}
					a, c := score(f, w, h)
					if bestBin < 0 || a < s1 || (a == s1 && c < s2) {
						bestBin, bestRot, s1, s2 = bi, rot == 1, a, c
						bestRect = rect{f.x, f.y, w, h}
					}
				}
			}
		}
		if bestBin < 0 {
			b := &bin{free: []rect{{0, 0, W, H}}, sheet: &Sheet{SKU: p.SKU, Width: width, Height: height}}
			bins = append(bins, b)
			bestBin = len(bins) - 1
			open = append(open, bestBin)
			if len(open) > maxOpen {
				open = open[1:] // the oldest open sheet takes no more parts
			}
			w, h := p.Length+kerf, p.Width+kerf
			bestRot = false
			if w > W || h > H {
				w, h, bestRot = h, w, true
			}
			bestRect = rect{0, 0, w, h}
		}
		b := bins[bestBin]
		b.place(bestRect)
		if !b.canTake(smallest) {
			for k, bi := range open {
				if bi == bestBin {
					open = append(open[:k], open[k+1:]...)
					break
				}
			}
		}
		pw, ph := p.Length, p.Width
		if bestRot {
			pw, ph = ph, pw
		}
		b.sheet.Parts = append(b.sheet.Parts, Placed{Part: p, X: bestRect.x, Y: bestRect.y, W: pw, H: ph, Rotated: bestRot})
	}
	out := make([]*Sheet, len(bins))
	for i, b := range bins {
		out[i] = b.sheet
	}
	return out
}

// canTake reports whether some free rectangle is at least side wide and high.
func (b *bin) canTake(side designs.Length) bool {
	for _, f := range b.free {
		if f.w >= side && f.h >= side {
			return true
		}
	}
	return false
}

// fill packs one sheet at a time: it keeps placing, on the current sheet,
// the remaining part that scores best by rules[rule] in any free rectangle
// (rule -1: the largest part that fits, best short side fit among its
// places), and opens the next sheet when none fits.
func fill(parts []Part, width, height, kerf designs.Length, rule int) []*Sheet {
	W, H := width+kerf, height+kerf
	type class struct {
		parts []Part
		l, w  designs.Length
		grain bool
	}
	var classes []*class
	idx := map[[3]int64]*class{}
	for _, p := range parts {
		g := int64(0)
		if p.Grain {
			g = 1
		}
		k := [3]int64{int64(p.Length), int64(p.Width), g}
		c := idx[k]
		if c == nil {
			c = &class{l: p.Length, w: p.Width, grain: p.Grain}
			idx[k] = c
			classes = append(classes, c)
		}
		c.parts = append(c.parts, p)
	}
	sort.SliceStable(classes, func(i, j int) bool { return classes[i].l*classes[i].w > classes[j].l*classes[j].w })
	score := rules[0]
	if rule >= 0 {
		score = rules[rule]
	}
	left := len(parts)
	var out []*Sheet
	for left > 0 {
		b := &bin{free: []rect{{0, 0, W, H}}, sheet: &Sheet{SKU: parts[0].SKU, Width: width, Height: height}}
		for {
			var bc *class
			var br rect
			var brot bool
			var s0, s1, s2 int64
			for _, c := range classes {
				if len(c.parts) == 0 {
					continue
				}
				area := -int64(c.l) * int64(c.w)
				for _, f := range b.free {
					for rot := 0; rot < 2; rot++ {
						if rot == 1 && (c.grain || c.l == c.w) {
							break
						}
						w, h := c.l+kerf, c.w+kerf
						if rot == 1 {
							w, h = h, w
						}
						if w > f.w || h > f.h {
							continue
						}
						a, d := score(f, w, h)
						p0 := int64(0)
						if rule < 0 {
							p0 = area
						}
						if bc == nil || p0 < s0 || (p0 == s0 && (a < s1 || (a == s1 && d < s2))) {
							bc, br, brot, s0, s1, s2 = c, rect{f.x, f.y, w, h}, rot == 1, p0, a, d
						}
					}
				}
			}
			if bc == nil {
				break
			}
			p := bc.parts[0]
			bc.parts = bc.parts[1:]
			left--
			b.place(br)
			pw, ph := p.Length, p.Width
			if brot {
				pw, ph = ph, pw
			}
			b.sheet.Parts = append(b.sheet.Parts, Placed{Part: p, X: br.x, Y: br.y, W: pw, H: ph, Rotated: brot})
		}
		out = append(out, b.sheet)
	}
	return out
}

// place splits every free rectangle the used one overlaps into up to four
// maximal pieces, then drops free rectangles held inside others.
func (b *bin) place(u rect) {
	var next []rect
	for _, f := range b.free {
		if !f.intersects(u) {
			next = append(next, f)
			continue
		}
		if u.x > f.x {
			next = append(next, rect{f.x, f.y, u.x - f.x, f.h})
		}
		if u.x+u.w < f.x+f.w {
			next = append(next, rect{u.x + u.w, f.y, f.x + f.w - (u.x + u.w), f.h})
		}
		if u.y > f.y {
			next = append(next, rect{f.x, f.y, f.w, u.y - f.y})
		}
		if u.y+u.h < f.y+f.h {
			next = append(next, rect{f.x, u.y + u.h, f.w, f.y + f.h - (u.y + u.h)})
		}
	}
	// prune
	kept := make([]rect, 0, len(next))
	for i, r := range next {
		inside := false
		for j, o := range next {
			if i != j && o.contains(r) && (r != o || j < i) {
				inside = true
				break
			}
		}
		if !inside {
			kept = append(kept, r)
		}
	}
	b.free = kept
}
