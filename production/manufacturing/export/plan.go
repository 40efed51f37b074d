package export

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"sort"
	"strings"

	"github.com/opensourceecology/prodos/designs"
)

// Plan drawing scale: pixels per 4 ft cell, and the margin around the grid.
const (
	cellPx   = 48
	marginPx = 48
	titlePx  = 56
)

var layerFill = map[string]string{
	"foundation": "#d9d4c7",
	"floor":      "#efe3c8",
	"core":       "#bcd7e8",
	"loft":       "#e6d3ef",
	"energy":     "#f4e39a",
}

// PlanSVG draws the design's plan: the grid, floor and core modules as
// filled cells, walls as lines on cell edges (exterior thick, interior thin,
// windows blue, doors brown), a title with the size and floor area, and a
// 4 ft scale bar. The output is deterministic.
func PlanSVG(cat *designs.Catalog, d *designs.Design) []byte {
	gw, gh := d.Grid.Width, d.Grid.Height
	w := max(gw*cellPx+2*marginPx, 720)
	h := gh*cellPx + 2*marginPx + titlePx
	ox, oy := marginPx, marginPx+titlePx
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif">`+"\n", w, h, w, h)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#ffffff"/>`+"\n", w, h)

	ids := taskIDs(cat, d)
	floor, found, cellMods := planCells(cat, d, ids)
	ftW, ftH := gw*4, gh*4
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="20" font-weight="bold">%s</text>`+"\n", marginPx, 30, planEsc(d.Name))
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="13">grid %d x %d ft, floor area %d sq ft, %d modules; one square is 4 ft</text>`+"\n",
		marginPx, 52, ftW, ftH, len(floor)*16, len(d.Placements))

	planGrid(&b, gw, gh, ox, oy)
	planCellModules(&b, cellMods, floor, found, ox, oy)
	planWalls(&b, cat, d, ids, floor, ox, oy)
	houseLabels(&b, cat, d, ox, oy)
	if len(floor) > 0 {
		planDimensions(&b, floor, gw, gh, ox, oy)
	}
	planLegend(&b, ox, oy+gh*cellPx+28)
	b.WriteString("</svg>\n")
	return b.Bytes()
}

// planEsc is s escaped for XML text and attributes.
func planEsc(s string) string {
	var e bytes.Buffer
	_ = xml.EscapeText(&e, []byte(s))
	return e.String()
}

// planCell is a cell module's placement: its footprint in cells, the
// module and its task id.
type planCell struct {
	x, y, w, h int
	m          *designs.Module
	id         string
}

// planCells lists the design's cell modules and the floor area: the cells
// covered by the floor layer (or the foundation when there is no floor),
// 16 sq ft each, and those covered by the foundation.
func planCells(cat *designs.Catalog, d *designs.Design, ids []string) (floor, found map[[2]int]bool, cellMods []planCell) {
	floor = map[[2]int]bool{}
	found = map[[2]int]bool{}
	for i, p := range d.Placements {
		m := cat.Modules[p.Module]
		if m == nil || m.Placement != designs.OnCell {
			continue
		}
		fw, fh := m.Footprint(p.Rotation)
		for x := p.X; x < p.X+fw; x++ {
			for y := p.Y; y < p.Y+fh; y++ {
				switch m.Layer {
				case "floor":
					floor[[2]int{x, y}] = true
				case "foundation":
					found[[2]int{x, y}] = true
				}
			}
		}
		cellMods = append(cellMods, planCell{p.X, p.Y, fw, fh, m, ids[i]})
	}
	if len(floor) == 0 {
		floor = found
	}
	return floor, found, cellMods
}

// planGrid draws the grid lines.
func planGrid(b *bytes.Buffer, gw, gh, ox, oy int) {
	fmt.Fprintf(b, `<g stroke="#e3e3e3" stroke-width="1">`+"\n")
	for x := 0; x <= gw; x++ {
		fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d"/>`+"\n", ox+x*cellPx, oy, ox+x*cellPx, oy+gh*cellPx)
	}
	for y := 0; y <= gh; y++ {
		fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d"/>`+"\n", ox, oy+y*cellPx, ox+gw*cellPx, oy+y*cellPx)
	}
	b.WriteString("</g>\n")
}

// planCellModules draws the cell modules in layer order so cores sit on
// the floor.
func planCellModules(b *bytes.Buffer, cellMods []planCell, floor, found map[[2]int]bool, ox, oy int) {
	layerOrder := map[string]int{"foundation": 0, "floor": 1, "loft": 2, "core": 3, "energy": 4, "roof": 5}
	sort.SliceStable(cellMods, func(i, j int) bool { return layerOrder[cellMods[i].m.Layer] < layerOrder[cellMods[j].m.Layer] })
	for _, c := range cellMods {
		fill, ok := layerFill[c.m.Layer]
		if !ok || c.m.Layer == "energy" || c.m.Layer == "loft" {
			continue // roof, loft and energy panels sit above the plan cut
		}
		if c.m.Layer == "foundation" && len(floor) > 0 && !sameSet(floor, found) {
			continue
		}
		fmt.Fprintf(b, `<rect%s x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="#c9bfa8" stroke-width="1"/>`+"\n",
			idAttr(c.id), ox+c.x*cellPx, oy+c.y*cellPx, c.w*cellPx, c.h*cellPx, fill)
		if c.m.Layer == "core" {
			cx, cy := ox+c.x*cellPx+c.w*cellPx/2, oy+c.y*cellPx+c.h*cellPx/2
			fmt.Fprintf(b, `<text x="%d" y="%d" font-size="11" text-anchor="middle">%s</text>`+"\n",
				cx, cy+4, planEsc(strings.Fields(c.m.Name)[0]))
			idLabel(b, c.id, cx, cy+17, "middle")
		} else {
			idLabel(b, c.id, ox+c.x*cellPx+cellPx/2, oy+c.y*cellPx+cellPx-9, "middle") // low in its first cell
		}
	}
}

// planWalls draws the walls on edges, then their ids so no wall covers a
// label.
func planWalls(b *bytes.Buffer, cat *designs.Catalog, d *designs.Design, ids []string, floor map[[2]int]bool, ox, oy int) {
	var labels []wallID
	for i, p := range d.Placements {
		m := cat.Modules[p.Module]
		if m == nil || m.Placement != designs.OnEdge {
			continue
		}
		x1, y1 := p.X, p.Y
		dx, dy := 1, 0
		switch p.Edge {
		case designs.South:
			y1++
		case designs.East:
			x1++
			dx, dy = 0, 1
		case designs.West:
			dx, dy = 0, 1
		}
		x2, y2 := x1+dx*m.Cells, y1+dy*m.Cells
		px1, py1, px2, py2 := ox+x1*cellPx, oy+y1*cellPx, ox+x2*cellPx, oy+y2*cellPx
		width, color := 3, "#777777"
		if m.Exterior {
			width, color = 7, "#333333"
		}
		fmt.Fprintf(b, `<line class="wall"%s data-module="%s" x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="%d" stroke-linecap="square"/>`+"\n",
			idAttr(ids[i]), planEsc(m.ID), px1, py1, px2, py2, color, width)
		// The cells on the line's near side (below or right) and far side.
		near, far := [2]int{x1, y1}, [2]int{x1, y1 - 1}
		if dx == 0 {
			far = [2]int{x1 - 1, y1}
		}
		back := !floor[near] && floor[far]
		labels = append(labels, wallID{ids[i], dx == 1, (px1 + px2) / 2, (py1 + py2) / 2, back})
		if m.Opening != "" && m.OpeningWidth > 0 {
			// The opening, centred on the module, to scale.
			run := m.Cells * cellPx
			op := int(int64(m.OpeningWidth) * int64(cellPx) / int64(designs.CellSize))
			s := (run - op) / 2
			ax, ay := px1+dx*s, py1+dy*s
			bx, by := ax+dx*op, ay+dy*op
			oc := "#3a7bd5"
			if m.Opening == "door" {
				oc = "#a0522d"
			}
			fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="%d"/>`+"\n", ax, ay, bx, by, oc, width+2)
		}
	}

	for _, l := range labels {
		wallLabel(b, l)
	}
}

// planDimensions draws the overall dimensions of the floor outline.
func planDimensions(b *bytes.Buffer, floor map[[2]int]bool, gw, gh, ox, oy int) {
	minX, minY, maxX, maxY := gw, gh, -1, -1
	for c := range floor {
		minX, minY, maxX, maxY = min(minX, c[0]), min(minY, c[1]), max(maxX, c[0]), max(maxY, c[1])
	}
	x1, x2 := ox+minX*cellPx, ox+(maxX+1)*cellPx
	y1, y2 := oy+minY*cellPx, oy+(maxY+1)*cellPx
	ty := y1 - 14
	fmt.Fprintf(b, `<g stroke="#555555" stroke-width="1"><line x1="%d" y1="%d" x2="%d" y2="%d"/><line x1="%d" y1="%d" x2="%d" y2="%d"/></g>`+"\n",
		x1, ty, x2, ty, x1-14, y1, x1-14, y2)
	fmt.Fprintf(b, `<text x="%d" y="%d" font-size="12" text-anchor="middle" fill="#333333">%d ft</text>`+"\n", (x1+x2)/2, ty-4, (maxX-minX+1)*4)
	fmt.Fprintf(b, `<text x="%d" y="%d" font-size="11" text-anchor="end" fill="#333333">%d ft</text>`+"\n",
		x1-17, (y1+y2)/2+4, (maxY-minY+1)*4)
}

// planLegend draws the scale bar and the legend at height sy.
func planLegend(b *bytes.Buffer, ox, sy int) {
	fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#000000" stroke-width="3"/>`+"\n", ox, sy, ox+cellPx, sy)
	fmt.Fprintf(b, `<text x="%d" y="%d" font-size="12">4 ft</text>`+"\n", ox+cellPx+8, sy+4)
	legend := []struct{ color, label string }{{"#333333", "exterior wall"}, {"#777777", "interior wall"}, {"#3a7bd5", "window"}, {"#a0522d", "door"}}
	lx := ox + 2*cellPx
	for _, l := range legend {
		fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="5"/>`+"\n", lx, sy, lx+24, sy, l.color)
		fmt.Fprintf(b, `<text x="%d" y="%d" font-size="12">%s</text>`+"\n", lx+30, sy+4, l.label)
		lx += 30 + 8*len(l.label) + 16
	}
}

func sameSet(a, b map[[2]int]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}
