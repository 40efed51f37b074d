package game

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

// Panel sizes of the design scene, logical pixels.
const (
	topBarH  = 52.0
	paletteW = 250.0
	hudW     = 310.0
)

// categoryOrder is the palette's grouping, bottom of the house to top.
var categoryOrder = []string{"foundation", "floor", "wall", "opening", "interior", "core", "loft", "roof", "energy"}

var categoryTitle = map[string]string{"foundation": "Foundation", "floor": "Floor", "wall": "Walls",
	"opening": "Doors and windows", "interior": "Interior walls", "core": "Utility cores",
	"loft": "Loft", "roof": "Roof", "energy": "Energy"}

// Camera maps plan cells to the screen.
type Camera struct {
	CX, CY float64 // cell coordinates at the centre of the plan view
	Zoom   float64 // logical pixels per cell
}

type paletteRow struct {
	header string // set for a category header row
	id     string
	y, h   float64
}

// DesignScene is where a level is played (and the sandbox).
type DesignScene struct {
	level  *Level
	board  Board
	cam    Camera
	sel    string // selected module id
	rot    int
	scroll float64

	in        Frame
	ghost     *designs.Placement
	check     Check
	dragging  bool
	lastSlot  designs.Placement
	panning   bool
	rightFrom [2]float64
	rightPan  bool
	bestShown int
	result    Result
	fitted    bool
	saveName  string
	px, py    float64

	gen          int // bumped on every change to the board
	planImg      *ebiten.Image
	planKey      planKey
	planOrigin   Camera
	planBack     *ebiten.Image // the other half of a scroll (scrollPlan)
	planScrolls  int
	blit         planBlit          // what the plan on screen was drawn from
	overBoxes    []image.Rectangle // drawn over the plan last frame (device pixels)
	planRestores int
	directKey    planKey // what the plan last drawn straight to the screen showed
	planStale    bool
	lastZoom     float64
	planHits     int

	chromeImg *ebiten.Image
	chromeKey chromeKey
	hudK      hudKey
	checkKey  designs.Placement

	palRows    []paletteRow // paletteRows for palScroll
	palScroll  float64
	checkGen   int
	dragOrient string // "h" or "v" while dragging a run of walls

	undoGroups, redoGroups []int // engine commands per undo step
	runCounted             bool  // the current drag has a group on the stack

	// partial redraws: what this frame drew outside the plan
	outside, planDirect, tooltipOut, tooltipWasOut bool
	hudPY                                          float64

	lock func(id string) string // earned access: why a module is locked ("" = open), access.go

	savedGen  int           // autosave: gen last written (design_autosave.go)
	changedAt time.Duration // autosave: Clock at the last change

	resultsDue bool              // the results open at resultsAt, after a look at the finished house (design_finish.go)
	resultsAt  time.Duration     // on the game's Clock
	picked     bool              // a module has been picked: the "Start here" callout is done
	startN     int               // modules in the level's starting design (startHere)
	hideKey    designs.Placement // the slot just placed: no ghost over it until the pointer moves
}

// planKey is what the cached plan image depends on.
type planKey struct {
	gen       int
	zoom      float64
	w, h, scl float64
}

// NewDesignScene opens a level, continuing the player's saved design when
// there is one.
func NewDesignScene(g *Game, l *Level) (*DesignScene, error) {
	s := &DesignScene{level: l, saveName: g.designFile(l.ID), lock: g.paletteLock(l)}
	b, err := l.NewBoard(g.Cat, nil, g.Tick)
	if err != nil {
		return nil, err
	}
	s.board = b
	s.startN = len(b.Design().Placements)
	s.bestShown = g.Progress.Stars[l.ID]
	if data, err := g.Store.Read(s.saveName); err == nil {
		d, err := designs.ParseDesign(g.Store.Where(s.saveName), data, g.Cat)
		if err == nil {
			var sb *EngineBoard
			if sb, err = l.NewBoard(g.Cat, d, g.Tick); err == nil {
				s.board = sb
				g.Notify("Welcome back: your design is as you left it. \"Start over\" (top bar) clears it.", false)
			}
		}
		if err != nil {
			g.Notify(fmt.Sprintf("Your saved design could not be read, so the level starts fresh (the file is kept): %s", firstLine(err)), true)
		}
	} else if !errors.Is(err, ErrNotSaved) {
		g.Notify("Could not open your save: "+err.Error(), true)
	}
	s.result = l.Evaluate(s.board)
	return s, nil
}

// LoadDesign replaces the design on the board (screenshot, bench and load).
func (s *DesignScene) LoadDesign(g *Game, d *designs.Design) error {
	b, err := s.level.NewBoard(g.Cat, d, g.Tick)
	if err != nil {
		return err
	}
	s.board = b
	s.undoGroups, s.redoGroups = nil, nil
	s.gen++
	s.savedGen = s.gen // a design loaded to look at replaces the player's save only once they change it
	s.fitted = false
	s.result = s.level.Evaluate(s.board)
	return nil
}

// Board is the scene's design state.
func (s *DesignScene) Board() Board { return s.board }

// Result is the level's current evaluation.
func (s *DesignScene) Result() Result { return s.result }

// Camera is the current view.
func (s *DesignScene) Camera() Camera { return s.cam }

// EdgePoint is a screen point that snaps to side of cell (x, y): a little
// inside the cell from the middle of that edge.
func (s *DesignScene) EdgePoint(g *Game, x, y int, side string) (float64, float64) {
	cx, cy := float64(x)+0.5, float64(y)+0.5
	switch side {
	case designs.North:
		cy -= 0.4
	case designs.South:
		cy += 0.4
	case designs.West:
		cx -= 0.4
	case designs.East:
		cx += 0.4
	}
	return s.ToScreen(g, cx, cy)
}

// Selected is the selected module id.
func (s *DesignScene) Selected() string { return s.sel }

func firstLine(err error) string {
	m := err.Error()
	if i := strings.IndexByte(m, '\n'); i >= 0 {
		return m[:i] + " (and more)"
	}
	return m
}

// offered reports whether the level lets the player use a module.
func (s *DesignScene) offered(id string) bool {
	if s.lock != nil && s.lock(id) != "" {
		return false
	}
	if s.level.Sandbox || len(s.level.Palette) == 0 {
		return true
	}
	for _, p := range s.level.Palette {
		if p == id {
			return true
		}
	}
	return false
}

func (s *DesignScene) planRect(g *Game) (x, y, w, h float64) {
	gw, gh := g.Size()
	return paletteW, topBarH, gw - paletteW - hudW, gh - topBarH
}

// Fit zooms the camera so the whole site is in view.
func (s *DesignScene) Fit(g *Game) {
	_, _, pw, ph := s.planRect(g)
	d := s.board.Design()
	s.cam.CX, s.cam.CY = float64(d.Grid.Width)/2, float64(d.Grid.Height)/2
	s.cam.Zoom = math.Min((pw-60)/float64(d.Grid.Width), (ph-90)/float64(d.Grid.Height))
	s.cam.Zoom = math.Max(4, math.Min(s.cam.Zoom, 120))
}

// ToScreen maps a cell coordinate to logical screen pixels.
func (s *DesignScene) ToScreen(g *Game, cx, cy float64) (float64, float64) {
	px, py, pw, ph := s.planRect(g)
	return px + pw/2 + (cx-s.cam.CX)*s.cam.Zoom, py + ph/2 + (cy-s.cam.CY)*s.cam.Zoom
}

// ToCell maps logical screen pixels to a cell coordinate.
func (s *DesignScene) ToCell(g *Game, x, y float64) (float64, float64) {
	px, py, pw, ph := s.planRect(g)
	return (x-px-pw/2)/s.cam.Zoom + s.cam.CX, (y-py-ph/2)/s.cam.Zoom + s.cam.CY
}

func (s *DesignScene) inPlan(g *Game, x, y float64) bool {
	px, py, pw, ph := s.planRect(g)
	return x >= px && x < px+pw && y >= py && y < py+ph
}

// Snap turns a pointer position into a placement of module id.
func (s *DesignScene) Snap(g *Game, id string, x, y float64) (designs.Placement, bool) {
	m := g.Cat.Modules[id]
	if m == nil {
		return designs.Placement{}, false
	}
	cx, cy := s.ToCell(g, x, y)
	if m.Placement == designs.OnEdge {
		ix, iy := int(math.Floor(cx)), int(math.Floor(cy))
		fx, fy := cx-float64(ix), cy-float64(iy)
		side, best := "", math.Inf(1)
		for _, c := range []struct {
			s     string
			d     float64
			horiz bool
		}{{designs.North, fy, true}, {designs.South, 1 - fy, true}, {designs.West, fx, false}, {designs.East, 1 - fx, false}} {
			// While dragging a run, keep to the run's direction.
			if s.dragOrient != "" && c.horiz != (s.dragOrient == "h") {
				continue
			}
			if c.d < best {
				side, best = c.s, c.d
			}
		}
		// The same edge seen from the neighbour cell: use it if only it is allowed
		// (a wall stands on the edge of the cell that has the floor).
		p := designs.Placement{Module: id, X: ix, Y: iy, Edge: side}
		q := p
		switch side {
		case designs.North:
			q.Y, q.Edge = iy-1, designs.South
		case designs.South:
			q.Y, q.Edge = iy+1, designs.North
		case designs.West:
			q.X, q.Edge = ix-1, designs.East
		case designs.East:
			q.X, q.Edge = ix+1, designs.West
		}
		if !s.board.Check(p).OK && s.board.Check(q).OK {
			return q, true
		}
		return p, true
	}
	return s.snapCell(m, cx, cy), true
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
	for _, c := range categoryOrder {
		first := true
		for _, id := range g.Cat.ModuleIDs() {
			if g.Cat.Modules[id].Category != c {
				continue
			}
			if first {
				rows = append(rows, paletteRow{header: categoryTitle[c], y: y, h: 19})
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

func (s *DesignScene) topButtons(g *Game) []button {
	w, _ := g.Size()
	b := []button{{10, 8, 100, 36, "< Levels", true}}
	labels := []string{"Start over", "Undo", "Redo", "Save", "Load", "Export", "Help"}
	x := w - hudW - 10
	for _, l := range labels {
		x -= topButtonW(l) + 6
	}
	for _, l := range labels {
		b = append(b, button{x, 8, topButtonW(l), 36, l, true})
		x += topButtonW(l) + 6
	}
	b = append(b, button{w - hudW + 10, 8, hudW - 20, 36, "Finish level", s.result.Complete && !s.level.Sandbox})
	return b
}

// violationRows are the clickable problem lines in the HUD.
func (s *DesignScene) violationRows(g *Game) []button {
	return s.violationRowsAt(g, s.hudProblemsY(g))
}

func (s *DesignScene) violationRowsAt(g *Game, py float64) []button {
	w, h := g.Size()
	vs := s.board.Violations()
	var out []button
	y := py + 24
	for i := range vs {
		if y+36 > h-24 {
			break
		}
		out = append(out, button{w - hudW + 10, y, hudW - 20, 34, vs[i].Msg, true})
		y += 36
	}
	return out
}

type hudKey struct {
	gen         int
	w, h, scale float64
	objectives  int
}

// hudProblemsY is where the HUD's problem list starts (it follows the
// briefing and objectives, whose wrapped height depends on the font).
func (s *DesignScene) hudProblemsY(g *Game) float64 {
	w, h := g.Size()
	k := hudKey{s.gen, w, h, g.r.Scale, len(s.result.Objectives)}
	if k != s.hudK || s.hudPY == 0 {
		scratch := Renderer{Scale: g.r.Scale, Fonts: g.r.Fonts, Atlas: &Atlas{}}
		s.hudPY = s.layoutHUD(g, &scratch)
		s.hudK = k
	}
	return s.hudPY
}

// Update implements Scene.
func (s *DesignScene) Update(g *Game, in Frame) error {
	s.in = in
	if !s.fitted {
		s.Fit(g)
		s.fitted = true
	}
	if s.pendingResults(g, in) {
		return nil
	}
	if in.Has(IntentBack) {
		if s.sel != "" {
			s.sel = ""
		} else {
			s.leave(g, &SelectScene{})
		}
		return nil
	}
	// Top bar.
	in, done := s.topBar(g, in)
	if done {
		return nil
	}
	changed := false
	switch {
	case in.Has(IntentUndo):
		changed = s.undoGroup()
		if !changed {
			g.Notify("Nothing to undo", false)
		}
	case in.Has(IntentRedo):
		changed = s.redoGroup()
		if !changed {
			g.Notify("Nothing to redo", false)
		}
	case in.Has(IntentSave):
		s.save(g)
	case in.Has(IntentLoad):
		changed = s.load(g)
	case in.Has(IntentExport):
		s.export(g)
	}
	if in.Has(IntentRotate) {
		s.rot = (s.rot + 90) % 360
		if m := g.Cat.Modules[s.sel]; m != nil && m.Placement == designs.OnEdge {
			g.Notify("Walls turn by themselves: point near the edge you want", false)
		}
	}
	if in.Has(IntentFitView) {
		s.Fit(g)
	}
	if in.Has(IntentNextModule) || in.Has(IntentPrevModule) {
		if ids := s.offeredIDs(g); len(ids) > 0 {
			i := indexOf(ids, s.sel)
			if in.Has(IntentNextModule) {
				i = (i + 1) % len(ids)
			} else if i <= 0 {
				i = len(ids) - 1
			} else {
				i--
			}
			s.sel = ids[i]
		}
	}
	// Camera: keys, wheel, drags.
	step := 8.0 / s.cam.Zoom
	if in.Has(IntentPanLeft) {
		s.cam.CX -= step
	}
	if in.Has(IntentPanRight) {
		s.cam.CX += step
	}
	if in.Has(IntentPanUp) {
		s.cam.CY -= step
	}
	if in.Has(IntentPanDown) {
		s.cam.CY += step
	}
	if in.Has(IntentZoomIn) {
		s.zoomAt(g, 1.25, in.X, in.Y, false)
	}
	if in.Has(IntentZoomOut) {
		s.zoomAt(g, 0.8, in.X, in.Y, false)
	}
	overPlan := s.inPlan(g, in.X, in.Y)
	if in.Wheel != 0 {
		if overPlan {
			s.zoomAt(g, math.Pow(1.15, in.Wheel), in.X, in.Y, true)
		} else if in.X < paletteW {
			s.scroll = math.Max(0, s.scroll-in.Wheel*30)
		}
	}
	if in.Pressed.Middle && overPlan {
		s.panning = true
	}
	if !in.Held.Middle {
		s.panning = false
	}
	if s.panning || s.rightPan {
		s.cam.CX -= (in.X - s.prevX()) / s.cam.Zoom
		s.cam.CY -= (in.Y - s.prevY()) / s.cam.Zoom
	}
	if in.Pressed.Right && overPlan {
		s.rightFrom = [2]float64{in.X, in.Y}
	}
	if in.Held.Right && !s.rightPan && s.rightFrom != [2]float64{} && math.Hypot(in.X-s.rightFrom[0], in.Y-s.rightFrom[1]) > 6 {
		s.rightPan = true
	}
	if in.Released.Right {
		if !s.rightPan && s.rightFrom != [2]float64{} {
			if s.removeAt(g, in.X, in.Y) {
				s.pushGroup(false)
				changed = true
			}
		}
		s.rightPan = false
		s.rightFrom = [2]float64{}
	}
	if in.Has(IntentRemove) && overPlan {
		if s.removeAt(g, in.X, in.Y) {
			s.pushGroup(false)
			changed = true
		}
	}
	s.px, s.py = in.X, in.Y

	// Palette.
	if in.Pressed.Left && in.X < paletteW && in.Y > topBarH {
		for _, r := range s.paletteRows(g) {
			if r.id != "" && in.Y >= r.y && in.Y < r.y+r.h {
				if s.offered(r.id) {
					s.sel = r.id
					s.rot = 0
					s.picked = true
				} else {
					g.Notify(s.lockedMsg(g, r.id), false)
				}
			}
		}
	}
	// Problems list.
	if in.Pressed.Left {
		for i, b := range s.violationRows(g) {
			if b.hover(in) {
				if v := s.board.Violations()[i]; v.X >= 0 {
					s.cam.CX, s.cam.CY = float64(v.X)+0.5, float64(v.Y)+0.5
				}
			}
		}
	}
	// Ghost and placing.
	s.ghost = nil
	if s.sel != "" && overPlan && !s.panning && !s.rightPan {
		if p, ok := s.Snap(g, s.sel, in.X, in.Y); ok {
			s.ghost = &p
			key := p // the slot: module, cell, edge and rotation
			if key != s.hideKey {
				s.hideKey = designs.Placement{}
			}
			if key != s.checkKey || s.gen != s.checkGen {
				s.check = s.slotCheck(p) // only when the slot or the design changes
				s.checkKey, s.checkGen = key, s.gen
			}
			if in.Pressed.Left {
				s.runCounted = false // a new drag: its placements undo together
			}
			if in.Pressed.Left || (s.dragging && in.Held.Left && key != s.lastSlot) {
				if m := g.Cat.Modules[p.Module]; in.Pressed.Left && m.Placement == designs.OnEdge {
					s.dragOrient = "v" // the run keeps the direction of the edge it starts on
					if p.Edge == designs.North || p.Edge == designs.South {
						s.dragOrient = "h"
					}
				}
				if s.check.OK {
					if err := s.put(p, in.Pressed.Left); err == nil {
						s.pushGroup(s.check.Swap == "")
						changed = true
						s.check = s.slotCheck(p)
						s.hideKey = key
						s.gen++
						s.checkGen = s.gen
					}
				} else if in.Pressed.Left {
					g.Notify("Cannot place here: "+s.check.Reason, true)
				}
				s.dragging = true
				s.lastSlot = key
			}
		}
	}
	if !in.Held.Left {
		s.dragging = false
		s.dragOrient = ""
		s.lastSlot = designs.Placement{}
	}
	if changed {
		s.gen++
		s.result = s.level.Evaluate(s.board)
		s.finish(g, false)
	}
	s.autosaveTick(g, changed)
	return nil
}

// pushGroup records one command on the undo stack; placements of one drag
// join the same group, so Ctrl+Z takes back a whole run of walls.
func (s *DesignScene) pushGroup(inRun bool) {
	s.redoGroups = nil
	if inRun && s.runCounted && len(s.undoGroups) > 0 {
		s.undoGroups[len(s.undoGroups)-1]++
		return
	}
	s.undoGroups = append(s.undoGroups, 1)
	s.runCounted = inRun
}

// undoGroup undoes the last group of commands in the engine.
func (s *DesignScene) undoGroup() bool {
	if len(s.undoGroups) == 0 {
		return false
	}
	n := s.undoGroups[len(s.undoGroups)-1]
	s.undoGroups = s.undoGroups[:len(s.undoGroups)-1]
	done := 0
	for i := 0; i < n && s.board.Undo(); i++ {
		done++
	}
	if done > 0 {
		s.redoGroups = append(s.redoGroups, done)
	}
	s.runCounted = false
	return done > 0
}

// redoGroup redoes the last undone group.
func (s *DesignScene) redoGroup() bool {
	if len(s.redoGroups) == 0 {
		return false
	}
	n := s.redoGroups[len(s.redoGroups)-1]
	s.redoGroups = s.redoGroups[:len(s.redoGroups)-1]
	done := 0
	for i := 0; i < n && s.board.Redo(); i++ {
		done++
	}
	if done > 0 {
		s.undoGroups = append(s.undoGroups, done)
	}
	s.runCounted = false
	return done > 0
}

func (s *DesignScene) prevX() float64 { return s.px }
func (s *DesignScene) prevY() float64 { return s.py }

func (s *DesignScene) offeredIDs(g *Game) []string {
	var out []string
	for _, r := range s.paletteRows(g) {
		if r.id != "" && s.offered(r.id) {
			out = append(out, r.id)
		}
	}
	return out
}

func indexOf(list []string, v string) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}

func (s *DesignScene) zoomAt(g *Game, f, x, y float64, atPointer bool) {
	if !atPointer || !s.inPlan(g, x, y) {
		px, py, pw, ph := s.planRect(g)
		x, y = px+pw/2, py+ph/2
	}
	cx, cy := s.ToCell(g, x, y)
	s.cam.Zoom = math.Max(4, math.Min(200, s.cam.Zoom*f))
	nx, ny := s.ToCell(g, x, y)
	s.cam.CX += cx - nx
	s.cam.CY += cy - ny
}

// removeAt removes the wall nearest the pointer if it is close to an edge,
// else the topmost module in the cell.
func (s *DesignScene) removeAt(g *Game, x, y float64) bool {
	cx, cy := s.ToCell(g, x, y)
	ix, iy := int(math.Floor(cx)), int(math.Floor(cy))
	fx, fy := cx-float64(ix), cy-float64(iy)
	side, best := designs.North, fy
	for _, c := range []struct {
		s string
		d float64
	}{{designs.South, 1 - fy}, {designs.West, fx}, {designs.East, 1 - fx}} {
		if c.d < best {
			side, best = c.s, c.d
		}
	}
	if best < 0.25 && s.board.RemoveAt(ix, iy, side) {
		return true
	}
	return s.board.RemoveAt(ix, iy, "")
}

// whole is money rounded to dollars, with thousands separators.
func whole(d decimal.Decimal) string {
	m := money(d.Round(0))
	return m[:len(m)-3]
}

func money(d decimal.Decimal) string {
	s := d.StringFixed(2)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac := s[:len(s)-3], s[len(s)-3:]
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String() + frac
	if neg {
		out = "-" + out
	}
	return out
}

// Opaque reports that the scene covers the whole screen (no clear needed).
func (s *DesignScene) Opaque() bool { return true }

// Draw implements Scene.
func (s *DesignScene) Draw(g *Game, r *Renderer) {
	s.outside, s.planDirect = false, false
	s.tooltipWasOut, s.tooltipOut = s.tooltipOut, false
	if !s.fitted {
		s.Fit(g)
	}
	_, h := g.Size()
	s.drawPlanCached(g, r)
	// What is drawn over the plan is tracked, so the next frame puts back
	// from the cache only those parts (see drawPlanCached).
	r.Track()
	s.drawGhost(g, r)
	r.Track()
	s.drawScale(g, r)
	r.Flush()
	r.Track()

	// Status hint at the bottom of the plan.
	px, _, pw, _ := s.planRect(g)
	hint := "Pick a module on the left, then click the plan to place it.  F1: all controls"
	if s.sel != "" {
		m := g.Cat.Modules[s.sel]
		if m.Placement == designs.OnEdge {
			hint = "Click near a cell edge to put the " + lowerFirst(m.Name) + " there; drag to lay a run. Right click removes."
		} else {
			hint = "Click to place the " + lowerFirst(m.Name) + "; R rotates. Right click removes. Esc drops the module."
		}
	}
	r.Rect(px, h-30, pw, 30, color.RGBA{0xff, 0xff, 0xff, 0xc0})
	r.Text(hint, px+pw/2, h-25, 14, colInk, text.AlignCenter)
	s.drawBanner(g, r)
	if s.startHere(g) {
		// A callout pointing at the palette, until a module is first picked.
		msg := "Start here: pick a module from the palette"
		tw := r.Measure(msg, 16, true) + 40
		r.Rect(px+12, topBarH+14, tw, 34, colAccent)
		r.Quad(SpriteWhite, [4][2]float64{{px + 12, topBarH + 14}, {px + 12, topBarH + 14}, {px + 12, topBarH + 48}, {px, topBarH + 31}}, colAccent)
		r.Bold(msg, px+32, topBarH+22, 16, colInk, text.AlignStart)
	}

	r.Untrack()
	s.drawChromeCached(g, r)
	r.Flush()
	r.Track()
	s.drawTooltip(g, r)
	r.Untrack()
	s.overBoxes = s.overBoxes[:0]
	plan := s.planDev(g, r.Scale)
	for _, b := range r.Tracked() {
		if b = b.Intersect(plan); !b.Empty() {
			s.overBoxes = append(s.overBoxes, b)
		}
	}
}

// startHere reports whether the "Start here" callout shows: only to a
// player who has placed nothing in the level yet (the design is still the
// level's start) and has not picked a module, and never once the level has
// been finished.
func (s *DesignScene) startHere(g *Game) bool {
	return s.sel == "" && !s.picked && !s.result.Complete && g.Progress.Stars[s.level.ID] == 0 &&
		len(s.board.Design().Placements) <= s.startN
}

// planDev is the plan's rectangle on the screen in device pixels, as the
// cached plan is drawn there.
func (s *DesignScene) planDev(g *Game, sc float64) image.Rectangle {
	px, py, pw, ph := s.planRect(g)
	x, y := int(math.Round(px*sc)), int(math.Round(py*sc))
	return image.Rect(x, y, x+int(math.Ceil(pw*sc)), y+int(math.Ceil(ph*sc)))
}

// planBlit is what the plan on screen was last drawn from.
type planBlit struct {
	img    *ebiten.Image
	x0, y0 int
	dst    image.Rectangle
}

// chromeKey is what the cached panels (palette, HUD, top bar) depend on.
type chromeKey struct {
	gen           int
	sel           string
	hover         string
	scroll        float64
	complete      bool
	w, h, scl     float64
	atlasReady    bool
	stars, result int
}

// hoverTarget names the panel element under the pointer, if any.
func (s *DesignScene) hoverTarget(g *Game) string {
	in := s.in
	for i, b := range s.topButtons(g) {
		if b.hover(in) {
			return fmt.Sprint("top", i)
		}
	}
	if in.X < paletteW {
		for _, r := range s.paletteRows(g) {
			if r.id != "" && in.Y >= r.y && in.Y < r.y+r.h {
				return "pal " + r.id
			}
		}
	}
	for i, b := range s.violationRows(g) {
		if b.hover(in) {
			return fmt.Sprint("viol", i)
		}
	}
	return ""
}

// drawChromeCached draws the palette, the HUD and the top bar from an image
// redrawn only when what they show changes (the design, the selection, the
// element under the pointer, the window).
func (s *DesignScene) drawChromeCached(g *Game, r *Renderer) {
	w, h := g.Size()
	dw, dh := int(math.Ceil(w*r.Scale)), int(math.Ceil(h*r.Scale))
	if s.chromeImg == nil || s.chromeImg.Bounds().Dx() != dw || s.chromeImg.Bounds().Dy() != dh {
		if s.chromeImg != nil {
			s.chromeImg.Deallocate()
		}
		s.chromeImg = ebiten.NewImage(dw, dh)
		s.chromeKey = chromeKey{gen: -1}
	}
	key := chromeKey{gen: s.gen, sel: s.sel, hover: s.hoverTarget(g), scroll: s.scroll, complete: s.result.Complete,
		w: w, h: h, scl: r.Scale, stars: s.result.Stars, result: len(s.result.Objectives)}
	changed := key != s.chromeKey
	if !changed && g.PartialOK() && !s.outside && !s.planDirect && !s.tooltipWasOut {
		return // the panels on screen are still right
	}
	if changed {
		cr := Renderer{Scale: r.Scale, Atlas: r.Atlas, Fonts: r.Fonts}
		cr.Begin(s.chromeImg)
		s.chromeImg.Clear()
		s.drawPalette(g, &cr)
		s.drawHUD(g, &cr)
		cr.Rect(0, 0, w, topBarH, colPanel)
		cr.Rect(0, topBarH-3, w, 3, colAccent)
		tb := s.topButtons(g)
		for i, b := range tb {
			b.draw(&cr, b.hover(s.in), i == len(tb)-1) // "Finish level" is the primary action
		}
		cr.Bold(cr.Ellipsis(s.level.Title, 20, true, tb[1].x-134), 124, 15, 20, colLight, text.AlignStart)
		cr.Flush()
		r.Calls += cr.Calls
		s.chromeKey = key
	}
	r.Flush()
	sc := r.Scale
	for _, rc := range []image.Rectangle{
		image.Rect(0, 0, dw, int(math.Ceil(topBarH*sc))),
		image.Rect(0, int(topBarH*sc), int(math.Ceil(paletteW*sc)), dh),
		image.Rect(int((w-hudW)*sc), int(topBarH*sc), dw, dh),
	} {
		op := &ebiten.DrawImageOptions{}
		op.GeoM.Translate(float64(rc.Min.X), float64(rc.Min.Y))
		r.Dst.DrawImage(s.chromeImg.SubImage(rc).(*ebiten.Image), op)
		r.Calls++
	}
}

// planMargin is how far, in logical pixels, the cached plan reaches past
// the view on each side, so panning is a shifted copy until it runs out.
const planMargin = 128.0

// drawPlanCached draws the plan into an image kept between frames and
// redrawn only when the design, the zoom or the window changes, or the
// camera pans past the cached margin; each frame then costs one image draw
// however many modules the design has.
func (s *DesignScene) drawPlanCached(g *Game, r *Renderer) {
	blit := s.blit
	s.blit = planBlit{} // set again at the end when the plan is drawn from the cache
	px, py, pw, ph := s.planRect(g)
	sc := r.Scale
	dw, dh := int(math.Ceil((pw+2*planMargin)*sc)), int(math.Ceil((ph+2*planMargin)*sc))
	if pw < 1 || ph < 1 {
		return
	}
	if s.planImg == nil || s.planImg.Bounds().Dx() != dw || s.planImg.Bounds().Dy() != dh {
		if s.planImg != nil {
			s.planImg.Deallocate()
		}
		s.planImg = ebiten.NewImage(dw, dh)
		s.planKey = planKey{gen: -1}
	}
	key := planKey{gen: s.gen, zoom: s.cam.Zoom, w: pw, h: ph, scl: sc}
	dx, dy := (s.cam.CX-s.planOrigin.CX)*s.cam.Zoom, (s.cam.CY-s.planOrigin.CY)*s.cam.Zoom
	stale := key != s.planKey || math.Abs(dx) > planMargin || math.Abs(dy) > planMargin
	zoomOnly := s.planKey.gen == s.gen && s.planKey.w == pw && s.planKey.h == ph && s.planKey.scl == sc && s.planKey.zoom != s.cam.Zoom
	if zoomOnly && s.cam.Zoom != s.lastZoom {
		// While the zoom is changing, show the cached plan scaled; it is
		// redrawn sharp on the first frame the zoom holds still.
		s.lastZoom = s.cam.Zoom
		r.Flush()
		o := s.planOrigin
		a := s.cam.Zoom / o.Zoom
		bx := px + pw/2 + (o.CX-s.cam.CX)*s.cam.Zoom - (pw/2+planMargin)*a
		by := py + ph/2 + (o.CY-s.cam.CY)*s.cam.Zoom - (ph/2+planMargin)*a
		// The background shows only where the scaled cache (opaque) leaves
		// part of the plan uncovered, zoomed out past its margin.
		if bx > px-1 || by > py-1 || bx+(pw+2*planMargin)*a < px+pw+1 || by+(ph+2*planMargin)*a < py+ph+1 {
			r.Rect(px, py, pw, ph, colBG)
			r.Flush()
		}
		op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
		op.GeoM.Scale(a, a)
		op.GeoM.Translate(bx*sc, by*sc)
		// Drawn through the plan's own rectangle of the screen, so the
		// scaled cache never spills under the panels and they stay as they
		// are (only the plan's pixels are shaded).
		// The edges meet the panels' rectangles in drawChromeCached.
		clip := image.Rect(int(math.Ceil(px*sc)), int(math.Ceil(py*sc)), int((px+pw)*sc), int(math.Ceil((py+ph)*sc)))
		r.Dst.SubImage(clip).(*ebiten.Image).DrawImage(s.planImg, op)
		r.Calls++
		return
	}
	s.lastZoom = s.cam.Zoom
	if stale && s.planStale && key != s.directKey {
		// Stale two frames running (zooming, dragging modules in): the cache
		// is not paying for itself, so draw straight to the screen. Once a
		// frame finds nothing changed since (key == directKey), the cache is
		// drawn again and used from then on.
		s.planKey = planKey{gen: -1}
		s.directKey = key
		s.planDirect = true
		r.Flush()
		r.Rect(px, py, pw, ph, colBG)
		DrawPlan(r, g.Cat, s.board, func(cx, cy float64) (float64, float64) { return s.ToScreen(g, cx, cy) }, s.cam.Zoom)
		r.Flush()
		s.planStale = stale
		return
	}
	s.planStale = stale
	if stale && key == s.planKey && s.scrollPlan(g, r, dw, dh, int(math.Round(dx*sc)), int(math.Round(dy*sc))) {
		dx, dy = (s.cam.CX-s.planOrigin.CX)*s.cam.Zoom, (s.cam.CY-s.planOrigin.CY)*s.cam.Zoom
	} else if stale {
		s.planOrigin = s.cam
		dx, dy = 0, 0
		s.planImg.Fill(colBG)
		s.drawPlanInto(g, r, s.planImg)
		s.planKey = key
	} else {
		s.planHits++
	}
	r.Flush()
	x0, y0 := int(math.Round((planMargin+dx)*sc)), int(math.Round((planMargin+dy)*sc))
	dst := s.planDev(g, sc)
	s.blit = planBlit{img: s.planImg, x0: x0, y0: y0, dst: dst}
	if !stale && g.PartialOK() && blit == s.blit {
		// The screen still shows this very part of the cache: put back
		// only what was drawn over it last frame (ghost, tooltip, scale,
		// hint), not the whole plan.
		for _, b := range s.overBoxes {
			src := b.Sub(dst.Min).Add(image.Pt(x0, y0))
			op := &ebiten.DrawImageOptions{}
			op.GeoM.Translate(float64(b.Min.X), float64(b.Min.Y))
			r.Dst.DrawImage(s.planImg.SubImage(src).(*ebiten.Image), op)
			r.Calls++
		}
		s.planRestores++
		return
	}
	sub := s.planImg.SubImage(image.Rect(x0, y0, x0+dst.Dx(), y0+dst.Dy())).(*ebiten.Image)
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(float64(dst.Min.X), float64(dst.Min.Y))
	r.Dst.DrawImage(sub, op)
	r.Calls++
}

// drawPlanInto draws the plan, as seen from planOrigin, into dst: the
// cached plan image or a sub-image of it (then only that part is drawn).
func (s *DesignScene) drawPlanInto(g *Game, r *Renderer, dst *ebiten.Image) {
	_, _, pw, ph := s.planRect(g)
	pr := Renderer{Scale: r.Scale, Atlas: r.Atlas, Fonts: r.Fonts}
	pr.Begin(dst)
	o := s.planOrigin
	DrawPlan(&pr, g.Cat, s.board, func(cx, cy float64) (float64, float64) {
		return (cx-o.CX)*o.Zoom + pw/2 + planMargin, (cy-o.CY)*o.Zoom + ph/2 + planMargin
	}, o.Zoom)
	pr.Flush()
	r.Calls += pr.Calls
}

// scrollPlan follows a pan past the cached margin without drawing the whole
// plan again: the cached image is copied shifted by (sdx, sdy) device
// pixels (whole pixels, so nothing is resampled) into a second image, and
// only the strips the shift uncovers are drawn. It reports false when the
// shift is too large for that to pay, and the caller redraws everything.
func (s *DesignScene) scrollPlan(g *Game, r *Renderer, dw, dh, sdx, sdy int) bool {
	if sdx == 0 && sdy == 0 || abs(sdx) > dw/2 || abs(sdy) > dh/2 {
		return false
	}
	if s.planBack == nil || s.planBack.Bounds() != s.planImg.Bounds() {
		if s.planBack != nil {
			s.planBack.Deallocate()
		}
		s.planBack = ebiten.NewImage(dw, dh)
	}
	op := &ebiten.DrawImageOptions{Blend: ebiten.BlendCopy}
	op.GeoM.Translate(float64(-sdx), float64(-sdy))
	s.planBack.DrawImage(s.planImg, op)
	r.Calls++
	s.planImg, s.planBack = s.planBack, s.planImg
	s.planScrolls++
	k := r.Scale * s.planOrigin.Zoom
	s.planOrigin.CX += float64(sdx) / k
	s.planOrigin.CY += float64(sdy) / k
	var strips []image.Rectangle
	switch {
	case sdx > 0:
		strips = append(strips, image.Rect(dw-sdx, 0, dw, dh))
	case sdx < 0:
		strips = append(strips, image.Rect(0, 0, -sdx, dh))
	}
	switch {
	case sdy > 0:
		strips = append(strips, image.Rect(0, dh-sdy, dw, dh))
	case sdy < 0:
		strips = append(strips, image.Rect(0, 0, dw, -sdy))
	}
	for _, rc := range strips {
		sub := s.planImg.SubImage(rc).(*ebiten.Image)
		sub.Fill(colBG)
		s.drawPlanInto(g, r, sub)
	}
	return true
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
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
		case row.id == s.sel:
			r.Rect(4, row.y, paletteW-8, row.h-2, colAccent)
		case hover && ok:
			r.Rect(4, row.y, paletteW-8, row.h-2, colPanelHi)
		}
		tc := colLight
		if row.id == s.sel {
			tc = colInk
		}
		if !ok {
			tc = colMuted
		}
		DrawIcon(r, m, 10, row.y+2, 25, ok)
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
	switch m.Category {
	case "foundation":
		r.Rect(x+3, y+3, size-6, size-6, fade(colFound))
		r.Sprite(SpriteFoundation, x+3, y+3, size-6, size-6, fade(color.RGBA{0x70, 0x6c, 0x66, 0xff}))
	case "floor":
		r.Rect(x+8, y+2, size-16, size-4, fade(colFloor))
		r.Sprite(SpriteFloor, x+8, y+2, size-16, size-4, fade(color.RGBA{0xa0, 0x80, 0x50, 0xff}))
	case "wall", "opening", "interior":
		c := colWall
		t := 6.0
		if m.Category == "interior" {
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
	case "core":
		r.Rect(x+2, y+2, size-4, size-4, fade(colCore))
		r.Sprite(coreSprite(m.ID), x+4, y+4, size-8, size-8, fade(colInk))
	case "roof":
		r.Rect(x+8, y+2, size-16, size-4, fade(color.RGBA{0xb0, 0x60, 0x4a, 0xff}))
		r.Sprite(SpriteHatch, x+8, y+2, size-16, size-4, fade(color.RGBA{0x6a, 0x2a, 0x20, 0xff}))
	case "loft":
		r.Rect(x+8, y+2, size-16, size-4, fade(color.RGBA{0x90, 0xb0, 0x80, 0xff}))
	case "energy":
		r.Rect(x+8, y+2, size-16, size-4, fade(color.RGBA{0x20, 0x3c, 0x80, 0xff}))
		r.Sprite(SpriteSolar, x+8, y+2, size-16, size-4, fade(color.RGBA{0x80, 0xa8, 0xe8, 0xff}))
	}
}

func coreSprite(id string) int {
	switch id {
	case "core-kitchen":
		return SpriteKitchen
	case "core-bath":
		return SpriteBath
	}
	return SpriteMech
}

func (s *DesignScene) drawHUD(g *Game, r *Renderer) {
	py := s.layoutHUD(g, r)
	s.drawProblems(g, r, py)
}

// layoutHUD draws the HUD down to the problem list and returns where that
// list starts.
func (s *DesignScene) layoutHUD(g *Game, r *Renderer) float64 {
	w, h := g.Size()
	x := w - hudW
	r.Rect(x, topBarH, hudW, h-topBarH, colPanel)
	y := topBarH + 10
	y += r.Wrap(strings.Join(strings.Fields(s.level.Briefing), " "), x+14, y, 13, hudW-28, colLight) + 8

	cost := s.board.Cost().Total()
	met := s.board.Metrics()
	r.Bold("Cost", x+14, y, 15, colMuted, text.AlignStart)
	budget := s.level.Budget
	label := "$" + money(cost)
	if !budget.IsZero() {
		label += " / $" + money(budget)
	}
	r.Bold(label, w-14, y, 15, colLight, text.AlignEnd)
	y += 24
	bw := hudW - 28
	r.Rect(x+14, y, bw, 14, colPanel2)
	if !budget.IsZero() {
		f, _ := cost.Div(budget).Float64()
		c := colGood
		if f > 1 {
			c = colBad
		} else if f > 0.9 {
			c = colAccent
		}
		r.Rect(x+14, y, bw*math.Min(f, 1), 14, c)
	} else {
		r.Rect(x+14, y, bw, 14, colPanelHi)
	}
	y += 24
	bd := s.board.Cost()
	r.Text(fmt.Sprintf("materials $%s · labour $%s · machine $%s", whole(bd.Materials), whole(bd.Labour), whole(bd.Machine)), x+14, y, 12, colMuted, text.AlignStart)
	y += 22
	r.Text("Floor area", x+14, y, 14, colMuted, text.AlignStart)
	r.Text(fmt.Sprintf("%d sq ft · %.1f m²", met.FloorSqFt(), met.FloorM2()), w-14, y, 14, colLight, text.AlignEnd)
	y += 20
	r.Text("Rooms / modules", x+14, y, 14, colMuted, text.AlignStart)
	r.Text(fmt.Sprintf("%s · %s", plural(met.Rooms, "room"), plural(met.Modules, "module")), w-14, y, 14, colLight, text.AlignEnd)
	y += 26
	if len(s.result.Objectives) > 0 {
		r.Bold("Objectives", x+14, y, 15, colAccent, text.AlignStart)
		y += 24
		for _, o := range s.result.Objectives {
			sp, c := SpriteCross, colMuted
			if o.Done {
				sp, c = SpriteTick, colGood
			}
			r.Sprite(sp, x+14, y+1, 16, 16, c)
			tx := x + 38
			for k := 0; k < o.Stars && o.Stars > 1; k++ {
				r.Sprite(SpriteStar, tx, y, 16, 16, colAccent)
				tx += 14
			}
			if o.Stars > 1 {
				tx += 4
			}
			for i, line := range r.wrapLines(o.Text, 13, w-14-tx) {
				if i > 0 {
					y += 17
				}
				r.Text(line, tx, y+1, 13, colLight, text.AlignStart)
			}
			y += 22
		}
	}
	return y + 6
}

func (s *DesignScene) drawProblems(g *Game, r *Renderer, py float64) {
	w, h := g.Size()
	x := w - hudW
	vs := s.board.Violations()
	if len(vs) == 0 {
		r.Bold("No problems", x+14, py, 15, colGood, text.AlignStart)
		return
	}
	r.Bold(fmt.Sprintf("Problems (%d): click one to look", len(vs)), x+14, py, 15, colBad, text.AlignStart)
	rows := s.violationRowsAt(g, py)
	for i, b := range rows {
		if b.hover(s.in) {
			r.Rect(b.x, b.y, b.w, b.h, colPanelHi)
		}
		c := colLight
		if !vs[i].Hard {
			c = colAccent
		}
		r.Rect(b.x, b.y+3, 3, b.h-6, c)
		lines := r.wrapLines(vs[i].Msg, 12, b.w-16)
		if len(lines) > 2 {
			l := lines[1]
			for r.Measure(l+"…", 12, false) > b.w-16 && len(l) > 4 {
				l = l[:len(l)-2]
			}
			lines = []string{lines[0], l + "…"}
		}
		for k, l := range lines {
			r.Text(l, b.x+8, b.y+2+float64(k)*15, 12, colLight, text.AlignStart)
		}
	}
	if len(rows) < len(vs) {
		r.Text(fmt.Sprintf("… and %d more", len(vs)-len(rows)), x+14, h-22, 13, colMuted, text.AlignStart)
	}
}

func (s *DesignScene) drawGhost(g *Game, r *Renderer) {
	if !s.ghostShown() {
		return
	}
	m := g.Cat.Modules[s.ghost.Module]
	c := colGhostOK
	if !s.check.OK {
		c = colGhostBad
	}
	to := func(cx, cy float64) (float64, float64) { return s.ToScreen(g, cx, cy) }
	px, py, pw, ph := s.planRect(g)
	inside := func(x0, y0, x1, y1 float64) {
		if x0 < px || y0 < py || x1 > px+pw || y1 > py+ph {
			s.outside = true
		}
	}
	if m.Placement == designs.OnEdge {
		x1, y1, x2, y2 := edgeLine(*s.ghost, m.Cells)
		ax, ay := to(x1, y1)
		bx, by := to(x2, y2)
		t := math.Max(6, s.cam.Zoom*0.22)
		inside(math.Min(ax, bx)-t, math.Min(ay, by)-t, math.Max(ax, bx)+t, math.Max(ay, by)+t)
		r.Line(ax, ay, bx, by, t, c)
		return
	}
	w, h := m.Footprint(s.ghost.Rotation)
	ax, ay := to(float64(s.ghost.X), float64(s.ghost.Y))
	inside(ax, ay, ax+float64(w)*s.cam.Zoom, ay+float64(h)*s.cam.Zoom)
	r.Rect(ax, ay, float64(w)*s.cam.Zoom, float64(h)*s.cam.Zoom, c)
	r.Frame(ax, ay, float64(w)*s.cam.Zoom, float64(h)*s.cam.Zoom, 2, color.RGBA{c.R, c.G, c.B, 0xff})
}

func (s *DesignScene) drawTooltip(g *Game, r *Renderer) {
	if !s.ghostShown() {
		return
	}
	m := g.Cat.Modules[s.ghost.Module]
	lines := []string{engineDelta(s.check.Delta)}
	if s.check.Swap != "" {
		lines = []string{"Click to swap for the " + s.check.Swap + ": " + engineDelta(s.check.Delta)}
	}
	c := colGood
	if !s.check.OK {
		lines = r.wrapLines("Not here: "+s.check.Reason, 14, 320)
		c = colBad
	}
	tw := r.Measure(m.Name, 14, true)
	for _, l := range lines {
		tw = math.Max(tw, r.Measure(l, 14, false))
	}
	tw += 20
	th := 28 + float64(len(lines))*19
	x, y := s.in.X+18, s.in.Y+18
	w, h := g.Size()
	if x+tw > w-hudW {
		x = math.Max(paletteW, s.in.X-tw-10)
	}
	if y+th > h-30 {
		y = s.in.Y - th - 10
	}
	y = math.Max(y, topBarH+2)
	if x < paletteW || x+tw > w-hudW || y+th > h {
		s.tooltipOut = true // drawn over the panels: they are redrawn next frame
	}
	r.Rect(x, y, tw, th, color.RGBA{0x20, 0x24, 0x2a, 0xe8})
	r.Rect(x, y, 4, th, c)
	r.Bold(m.Name, x+10, y+5, 14, colLight, text.AlignStart)
	for i, l := range lines {
		r.Text(l, x+10, y+26+float64(i)*19, 14, c, text.AlignStart)
	}
	r.Flush()
}

// drawScale draws a scale bar in feet and metres at the plan's bottom left.
func (s *DesignScene) drawScale(g *Game, r *Renderer) {
	px, _, _, _ := s.planRect(g)
	_, h := g.Size()
	cells := 1
	for _, n := range []int{1, 2, 4, 8, 16, 32} {
		cells = n
		if float64(n)*s.cam.Zoom >= 80 {
			break
		}
	}
	l := float64(cells) * s.cam.Zoom
	x, y := px+20, h-58
	r.Rect(x-6, y-20, l+12, 34, color.RGBA{0xff, 0xff, 0xff, 0xc8})
	r.Rect(x, y, l, 4, colInk)
	r.Rect(x, y-6, 2, 10, colInk)
	r.Rect(x+l-2, y-6, 2, 10, colInk)
	r.Rect(x+l/2-1, y-4, 2, 6, colInk)
	ft := cells * 4
	r.Text(fmt.Sprintf("%d ft  ·  %.2f m", ft, float64(ft)*0.3048), x+l/2, y-18, 12, colInk, text.AlignCenter)
}

// edgeLine is the segment, in cells, a wall placement stands on.
func edgeLine(p designs.Placement, cells int) (x1, y1, x2, y2 float64) {
	x, y, n := float64(p.X), float64(p.Y), float64(cells)
	switch p.Edge {
	case designs.South:
		return x, y + 1, x + n, y + 1
	case designs.East:
		return x + 1, y, x + 1, y + n
	case designs.West:
		return x, y, x, y + n
	}
	return x, y, x + n, y
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
