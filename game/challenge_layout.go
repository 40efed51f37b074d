package game

import (
	"math"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/buildseq"
	"github.com/opensourceecology/prodos/engine/training"
)

// Where each task of a challenge is drawn and clicked. A house challenge
// (a layout level) is drawn as small plans side by side, one per stage of
// the build (foundation, floor, walls, roof, ...), so parts that cover the
// same cells (a foundation cell, the floor cassette on it, the roof panel
// over it) are never on top of each other; each plan shows what is already
// standing from the stages before it, faded. A framing challenge (one
// module) is drawn as that module: a wall from the front, a floor cassette
// or roof panel from above, with its sheets and fitting work as tiles
// beside it. Nothing here says which part is ready: finding that out is
// the challenge.

// stage is one small plan of a house challenge.
type stage struct {
	title string
	kinds []buildseq.Kind
}

var stages = []stage{
	{"1 Foundation", []buildseq.Kind{buildseq.KindFoundation}},
	{"2 Floor", []buildseq.Kind{buildseq.KindFloor}},
	{"3 Walls", []buildseq.Kind{buildseq.KindCorner, buildseq.KindWall, buildseq.KindOpening}},
	{"4 Loft", []buildseq.Kind{buildseq.KindLoft}},
	{"4 Roof", []buildseq.Kind{buildseq.KindRoof}},
	{"5 Utilities and interior", []buildseq.Kind{buildseq.KindCore, buildseq.KindInterior, buildseq.KindInteriorDoor}},
	{"6 Finishes", []buildseq.Kind{buildseq.KindFinish}},
}

func stageOf(k buildseq.Kind) int {
	for i, s := range stages {
		for _, x := range s.kinds {
			if x == k {
				return i
			}
		}
	}
	return len(stages) - 1
}

// planPanel is one small plan on screen.
type planPanel struct {
	stage      int
	title      string
	x, y, w, h float64 // panel rectangle
	ox, oy     float64 // screen position of cell (0,0)
	cell       float64 // pixels per cell
}

// shape is where one task is drawn: a rectangle (cells, members, tiles) or
// a line along a cell edge (walls).
type shape struct {
	task       int
	panel      int // index into the layout's panels, -1 for framing shapes
	x, y, w, h float64
	edge       bool
	x1, y1     float64 // edge line end points (edge shapes)
	x2, y2     float64
	thick      float64
	tile       bool   // a sheet or fitting-work tile beside a framing diagram
	label      string // tile text
	// ghost: a part drawn in place only once built, and never clicked (a
	// parts-bin level takes its parts from the bin). A shape whose task is
	// the graph's length or more is distractor task-len of the bin.
	ghost bool
}

// challengeLayout is where everything of a challenge is on screen.
type challengeLayout struct {
	panels  []planPanel
	shapes  []shape // in draw order; hit tests go backwards
	caption string  // framing: what view of the module this is
	frame   [4]float64
	bin     [4]float64 // the parts bin of a parts-bin challenge
}

// layoutChallenge lays out a challenge in the rectangle (x, y, w, h).
func layoutChallenge(l *training.Level, cat *designs.Catalog, x, y, w, h float64) *challengeLayout {
	if l.Design() != nil {
		return layoutHouse(l, x, y, w, h)
	}
	return layoutFraming(l, cat, x, y, w, h)
}

func layoutHouse(l *training.Level, x, y, w, h float64) *challengeLayout {
	g := l.Graph()
	d := l.Design()
	used := map[int]bool{}
	for _, t := range g.Tasks {
		used[stageOf(t.Kind)] = true
	}
	var order []int
	for i := range stages {
		if used[i] {
			order = append(order, i)
		}
	}
	binH := 0.0
	if l.PartsBin() {
		order = binStages(l)
		binH = binStripH
		h -= binH
	}
	n := len(order)
	gw, gh := float64(max(d.Grid.Width, 1)), float64(max(d.Grid.Height, 1))
	// Choose the rows that give the biggest cells.
	best, rows := 0.0, 1
	for r := 1; r <= n; r++ {
		cols := (n + r - 1) / r
		pw, ph := w/float64(cols), h/float64(r)
		c := math.Min((pw-36)/gw, (ph-60)/gh)
		if c > best {
			best, rows = c, r
		}
	}
	cols := (n + rows - 1) / rows
	cell := math.Min(best, 150)
	pw, ph := w/float64(cols), h/float64(rows)
	lay := &challengeLayout{}
	for k, si := range order {
		px, py := x+float64(k%cols)*pw, y+float64(k/cols)*ph
		title := stages[si].title
		if l.PartsBin() { // no numbers: which comes first is the question
			title = strings.TrimLeft(title, "0123456789 ")
		}
		p := planPanel{stage: si, title: title, x: px + 6, y: py + 6, w: pw - 12, h: ph - 12, cell: cell}
		p.ox = px + (pw-gw*cell)/2
		p.oy = py + 30 + (ph-30-gh*cell)/2
		lay.panels = append(lay.panels, p)
	}
	panelOf := map[int]int{}
	for k, si := range order {
		panelOf[si] = k
	}
	// Cells first, then edges over them: a click near an edge picks the wall.
	for pass := 0; pass < 2; pass++ {
		for i, t := range g.Tasks {
			isEdge := t.Edge != ""
			if isEdge != (pass == 1) {
				continue
			}
			k := panelOf[stageOf(t.Kind)]
			s := houseShape(t, i, k, lay.panels[k])
			lay.shapes = append(lay.shapes, s)
		}
	}
	if l.PartsBin() {
		binStrip(lay, l, x, y+h, w, binH)
	}
	return lay
}

// houseShape places task i (t) on panel p (index k).
func houseShape(t buildseq.Task, i, k int, p planPanel) shape {
	s := shape{task: i, panel: k}
	if t.Edge == "" {
		s.x, s.y = p.ox+float64(t.X)*p.cell, p.oy+float64(t.Y)*p.cell
		s.w, s.h = float64(max(t.W, 1))*p.cell, float64(max(t.H, 1))*p.cell
		return s
	}
	s.edge = true
	ln := float64(max(t.W, t.H, 1))
	x0, y0 := float64(t.X), float64(t.Y)
	var a, b [2]float64
	switch t.Edge {
	case designs.North:
		a, b = [2]float64{x0, y0}, [2]float64{x0 + ln, y0}
	case designs.South:
		a, b = [2]float64{x0, y0 + 1}, [2]float64{x0 + ln, y0 + 1}
	case designs.West:
		a, b = [2]float64{x0, y0}, [2]float64{x0, y0 + ln}
	default:
		a, b = [2]float64{x0 + 1, y0}, [2]float64{x0 + 1, y0 + ln}
	}
	s.x1, s.y1 = p.ox+a[0]*p.cell, p.oy+a[1]*p.cell
	s.x2, s.y2 = p.ox+b[0]*p.cell, p.oy+b[1]*p.cell
	s.thick = math.Max(6, p.cell*0.12)
	return s
}

// member geometry in the module's own units (inches, schematic thickness)
type mrect struct{ x, y, w, h float64 }

// layoutFraming draws one module's members: walls from the front (48 x 100
// in, y up), floor cassettes and roof panels from above (96 x 48 in).
func layoutFraming(l *training.Level, cat *designs.Catalog, x, y, w, h float64) *challengeLayout {
	g := l.Graph()
	m := cat.Modules[l.Module]
	lay := &challengeLayout{}
	elev := m != nil && (m.Icon == "wall" || m.Icon == "interior-wall") // walls are drawn from the front
	var uw, uh float64 = 96, 48
	lay.caption = "Seen from above: the " + strings.ToLower(moduleName(m))
	if elev {
		uw, uh = 48, 100
		lay.caption = "Seen from the front: the " + strings.ToLower(moduleName(m))
	}
	byPrefix, tiles := groupMembers(g)
	var rects map[int]mrect
	if elev {
		rects = elevationRects(g, byPrefix, tiles)
	} else {
		rects = planRects(byPrefix)
	}
	// Anything without a place in the drawing is a tile.
	var tileList []int
	for i := range g.Tasks {
		if _, ok := rects[i]; !ok {
			tileList = append(tileList, i)
		}
	}
	tileW := 0.0
	if len(tileList) > 0 {
		tileW = math.Min(290, w*0.32)
	}
	if l.PartsBin() {
		tileW = math.Min(460, w*0.46)
	}
	dw, dh := w-tileW-40, h-60
	sc := math.Min(dw/uw, dh/uh)
	fx := x + (dw-uw*sc)/2 + 10
	fy := y + 30 + (dh-uh*sc)/2
	lay.frame = [4]float64{fx, fy, uw * sc, uh * sc}
	for i := range g.Tasks {
		r, ok := rects[i]
		if !ok {
			continue
		}
		sy := fy + (r.y)*sc
		if elev { // y up
			sy = fy + (uh-r.y-r.h)*sc
		}
		lay.shapes = append(lay.shapes, shape{task: i, panel: -1, x: fx + r.x*sc, y: sy, w: r.w * sc, h: r.h * sc, ghost: l.PartsBin()})
	}
	if l.PartsBin() {
		binTiles(lay, l, x+w-tileW, y, tileW, h)
		return lay
	}
	// Shapes are in task order (the cut list's order), so where two cross
	// (an end block over the middle rafter) the later one is drawn on top
	// and a click there picks it.
	tx := x + w - tileW
	th := math.Min(56, (h-40)/float64(max(len(tileList), 1))-8)
	for k, i := range tileList {
		t := g.Tasks[i]
		lay.shapes = append(lay.shapes, shape{task: i, panel: -1, tile: true, x: tx, y: y + 40 + float64(k)*(th+8), w: tileW - 10, h: th, label: t.Name})
	}
	return lay
}

// groupMembers groups a graph's members by role prefix (the id without its
// number); sheathing and fittings (SH, X) are tiles.
func groupMembers(g *buildseq.Graph) (byPrefix map[string][]int, tiles []int) {
	byPrefix = map[string][]int{}
	for i, t := range g.Tasks {
		p := strings.TrimRight(t.ID, "0123456789")
		switch p {
		case "SH", "X":
			tiles = append(tiles, i)
		default:
			byPrefix[p] = append(byPrefix[p], i)
		}
	}
	return byPrefix, tiles
}

// spread places the members of list evenly between from and to, calling f
// with each member and its position.
func spread(list []int, from, to, size float64, f func(i int, at float64)) {
	n := len(list)
	for k, i := range list {
		at := from
		if n > 1 {
			at = from + float64(k)*(to-from-size)/float64(n-1)
		} else {
			at = (from + to - size) / 2
		}
		f(i, at)
	}
}

// memberT is the drawn thickness of a member, inches (schematic).
const memberT = 4.0

// elevationRects places a wall's members seen from the front (48 x 100 in).
func elevationRects(g *buildseq.Graph, byPrefix map[string][]int, tiles []int) map[int]mrect {
	const T = memberT
	rects := map[int]mrect{}
	plates := byPrefix["P"]
	for k, i := range plates {
		switch k {
		case 0:
			rects[i] = mrect{0, 0, 48, T}
		case 1:
			rects[i] = mrect{0, 88, 48, T}
		default:
			rects[i] = mrect{0, 92.5 + float64(k-2)*4.5, 48, T}
		}
	}
	spread(byPrefix["S"], 0, 48, T, func(i int, at float64) { rects[i] = mrect{at, T, T, 88 - T} })
	for k, i := range byPrefix["K"] {
		rects[i] = mrect{float64(k) * (48 - T), T, T, 88 - T}
	}
	for k, i := range byPrefix["J"] {
		rects[i] = mrect{T + float64(k)*(48-3*T), T, T, 70 - T}
	}
	for k, i := range byPrefix["H"] {
		rects[i] = mrect{T, 70 + float64(k)*8, 48 - 2*T, 8}
	}
	for _, i := range byPrefix["SL"] {
		rects[i] = mrect{2 * T, 34, 48 - 4*T, T}
	}
	spread(byPrefix["C"], 2*T+6, 48-2*T-6, T, func(i int, at float64) { rects[i] = mrect{at, T, T, 34 - T} })
	for _, i := range tiles { // fitting the unit goes in the opening
		if strings.HasPrefix(g.Tasks[i].ID, "X") && len(byPrefix["J"]) > 0 {
			rects[i] = mrect{2 * T, 38, 48 - 4*T, 32}
		}
	}
	return rects
}

// planRects places a floor cassette's or roof panel's members seen from
// above (96 x 48 in).
func planRects(byPrefix map[string][]int) map[int]mrect {
	const T = memberT
	rects := map[int]mrect{}
	for k, i := range byPrefix["RJ"] {
		rects[i] = mrect{0, float64(k) * (48 - T), 96, T}
	}
	spread(byPrefix["JS"], 0, 96, T, func(i int, at float64) { rects[i] = mrect{at, T, T, 48 - 2*T} })
	spread(byPrefix["RF"], 0, 48, T, func(i int, at float64) { rects[i] = mrect{0, at, 96, T} })
	for k, i := range byPrefix["B"] {
		rects[i] = mrect{float64(k) * (96 - T), T, T, 48 - 2*T}
	}
	return rects
}

func moduleName(m *designs.Module) string {
	if m == nil {
		return "module"
	}
	return m.Name
}

// hit is the task under (px, py), or -1.
func (lay *challengeLayout) hit(px, py float64) int {
	for k := len(lay.shapes) - 1; k >= 0; k-- {
		s := lay.shapes[k]
		if s.ghost {
			continue
		}
		if s.edge {
			if distToSeg(px, py, s.x1, s.y1, s.x2, s.y2) <= math.Max(s.thick, 12) {
				return s.task
			}
			continue
		}
		if px >= s.x && px < s.x+s.w && py >= s.y && py < s.y+s.h {
			return s.task
		}
	}
	return -1
}

// center is a point on the task's shape (for tests and tours).
func (lay *challengeLayout) center(task int) (float64, float64, bool) {
	for _, s := range lay.shapes {
		if s.task != task || s.ghost {
			continue
		}
		if s.edge {
			// a little inside the line, towards the cell it belongs to
			return (s.x1 + s.x2) / 2, (s.y1 + s.y2) / 2, true
		}
		return s.x + s.w/2, s.y + s.h/2, true
	}
	return 0, 0, false
}

func distToSeg(px, py, x1, y1, x2, y2 float64) float64 {
	dx, dy := x2-x1, y2-y1
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((px-x1)*dx+(py-y1)*dy)/l2))
	}
	return math.Hypot(px-(x1+t*dx), py-(y1+t*dy))
}
