package export

import (
	"bytes"
	"encoding/xml"
	"fmt"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/buildseq"
)

// taskIDs gives each placement the id of its install task in the schedule
// (engine/buildseq: "W2", "I11", "FL3"), so the plan and the schedule name
// a module alike. A design the task graph cannot be built for gets no ids.
func taskIDs(cat *designs.Catalog, d *designs.Design) []string {
	ids := make([]string, len(d.Placements))
	g, err := buildseq.FromDesign(d, cat)
	if err != nil {
		return ids
	}
	for _, t := range g.Tasks {
		if t.Module >= 0 && t.Module < len(ids) {
			ids[t.Module] = t.ID
		}
	}
	return ids
}

// idAttr is the SVG id attribute of a placement's shape, empty without an id.
func idAttr(id string) string {
	if id == "" {
		return ""
	}
	return fmt.Sprintf(` id="%s"`, id)
}

// idLabel writes a placement's task id as small text at (x, y).
func idLabel(b *bytes.Buffer, id string, x, y int, anchor string) {
	if id == "" {
		return
	}
	fmt.Fprintf(b, `<text class="task" x="%d" y="%d" font-size="9" text-anchor="%s" fill="#444444">%s</text>`+"\n", x, y, anchor, id)
}

// wallID is where a wall's id goes: the middle of its line, and whether
// the floor lies on the line's far side (above a line along x, left of a
// line along y).
type wallID struct {
	id   string
	horz bool
	x, y int
	back bool
}

// wallLabel writes a wall's task id beside the middle (x, y) of its line, on
// the floor's side, as a builder inside the house reads it: below a line
// along x or right of a line along y, unless the floor is on the other side.
// Labels never fall in the middle of a cell, where the cell's own label is.
func wallLabel(b *bytes.Buffer, l wallID) {
	switch {
	case l.horz && l.back:
		idLabel(b, l.id, l.x, l.y-6, "middle")
	case l.horz:
		idLabel(b, l.id, l.x, l.y+14, "middle")
	case l.back:
		idLabel(b, l.id, l.x-7, l.y+3, "end")
	default:
		idLabel(b, l.id, l.x+7, l.y+3, "start")
	}
}

// houseLabels names each house of a design grouped into houses under the
// cells its modules cover (nothing for a design without houses).
func houseLabels(b *bytes.Buffer, cat *designs.Catalog, d *designs.Design, ox, oy int) {
	type box struct{ x0, y0, x1, y1 int }
	boxes := map[string]*box{}
	for _, p := range d.Placements {
		m := cat.Modules[p.Module]
		if p.House == "" || m == nil {
			continue
		}
		w, h := 1, 1
		if m.Placement == designs.OnCell {
			w, h = m.Footprint(p.Rotation)
		}
		bx := boxes[p.House]
		if bx == nil {
			bx = &box{p.X, p.Y, p.X + w, p.Y + h}
			boxes[p.House] = bx
		}
		bx.x0, bx.y0 = min(bx.x0, p.X), min(bx.y0, p.Y)
		bx.x1, bx.y1 = max(bx.x1, p.X+w), max(bx.y1, p.Y+h)
	}
	for _, name := range d.Houses() {
		bx := boxes[name]
		var e bytes.Buffer
		_ = xml.EscapeText(&e, []byte(name))
		fmt.Fprintf(b, `<text class="house" x="%d" y="%d" font-size="14" font-weight="bold" text-anchor="middle" fill="#333333">%s</text>`+"\n",
			ox+(bx.x0+bx.x1)*cellPx/2, oy+bx.y1*cellPx+32, e.String())
	}
}
