package game

import (
	"math"

	"github.com/opensourceecology/prodos/designs"
)

// Update implements Scene: one frame of play, in named steps.
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
		if !s.tool.Deselect() {
			s.leave(g, &SelectScene{})
		}
		return nil
	}
	in, done := s.topBar(g, in)
	if done {
		return nil
	}
	if s.isoUpdate(g, in) {
		s.autosaveTick(g, false)
		return nil
	}
	changed := s.commands(g, in)
	s.moduleKeys(g, in)
	s.cameraKeys(g, in)
	overPlan := s.inPlan(g, in.X, in.Y)
	if s.pointerView(g, in, overPlan) {
		changed = true
	}
	s.px, s.py = in.X, in.Y
	s.paletteClick(g, in)
	s.problemsClick(g, in)
	if s.placeAtPointer(g, in, overPlan) {
		changed = true
	}
	if !in.Held.Left {
		s.tool.Run.End()
	}
	if changed {
		s.gen++
		s.result = s.level.Evaluate(s.board)
		s.finish(g, false)
	}
	s.autosaveTick(g, changed)
	return nil
}

// commands runs the commands of this frame's keys (and top-bar buttons):
// undo, redo, save, load, export. It reports whether the design changed.
func (s *DesignScene) commands(g *Game, in Frame) bool {
	changed := false
	switch {
	case in.Has(IntentUndo):
		changed = s.tool.History.Undo(s.board.E, g.Tick())
		if !changed {
			g.Notify("Nothing to undo", false)
		}
	case in.Has(IntentRedo):
		changed = s.tool.History.Redo(s.board.E, g.Tick())
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
	return changed
}

// moduleKeys rotates the selected module and steps through the palette.
func (s *DesignScene) moduleKeys(g *Game, in Frame) {
	if in.Has(IntentRotate) {
		s.tool.Rotate()
		if m := g.Cat.Modules[s.tool.Selected]; m != nil && m.Placement == designs.OnEdge {
			g.Notify("Walls turn by themselves: point near the edge you want", false)
		}
	}
	if in.Has(IntentFitView) {
		s.Fit(g)
	}
	if in.Has(IntentNextModule) || in.Has(IntentPrevModule) {
		s.tool.Step(s.offeredIDs(g), in.Has(IntentNextModule))
	}
}

// cameraKeys pans and zooms the camera with the keys.
func (s *DesignScene) cameraKeys(g *Game, in Frame) {
	var dx, dy float64
	if in.Has(IntentPanLeft) {
		dx--
	}
	if in.Has(IntentPanRight) {
		dx++
	}
	if in.Has(IntentPanUp) {
		dy--
	}
	if in.Has(IntentPanDown) {
		dy++
	}
	s.cam.Step(dx, dy)
	if in.Has(IntentZoomIn) {
		s.zoomAt(g, 1.25, in.X, in.Y, false)
	}
	if in.Has(IntentZoomOut) {
		s.zoomAt(g, 0.8, in.X, in.Y, false)
	}
}

// pointerView follows the wheel (zoom over the plan, scroll over the
// palette), middle and right drags (pan) and a right click or the remove
// key (remove). It reports whether the design changed.
func (s *DesignScene) pointerView(g *Game, in Frame, overPlan bool) bool {
	changed := false
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
		s.cam.Pan(in.X-s.prevX(), in.Y-s.prevY())
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
				s.tool.History.Push(false)
				changed = true
			}
		}
		s.rightPan = false
		s.rightFrom = [2]float64{}
	}
	if in.Has(IntentRemove) && overPlan {
		if s.removeAt(g, in.X, in.Y) {
			s.tool.History.Push(false)
			changed = true
		}
	}
	return changed
}

// paletteClick picks the module clicked in the palette, or says why it is
// locked.
func (s *DesignScene) paletteClick(g *Game, in Frame) {
	if !in.Pressed.Left || in.X >= paletteW || in.Y <= topBarH {
		return
	}
	for _, r := range s.paletteRows(g) {
		if r.id != "" && in.Y >= r.y && in.Y < r.y+r.h {
			if s.offered(r.id) {
				s.tool.Select(r.id)
				s.picked = true
			} else {
				g.Notify(s.lockedMsg(g, r.id), false)
			}
		}
	}
}

// problemsClick centres the view on the problem clicked in the HUD's list.
func (s *DesignScene) problemsClick(g *Game, in Frame) {
	if !in.Pressed.Left {
		return
	}
	for i, b := range s.violationRows(g) {
		if b.hover(in) {
			if v := s.board.Violations()[i]; v.X >= 0 {
				s.cam.CentreOn(v.X, v.Y)
			}
		}
	}
}

// placeAtPointer moves the ghost of the selected module to the slot under
// the pointer and places it on a click (or along a drag). It reports
// whether the design changed.
func (s *DesignScene) placeAtPointer(g *Game, in Frame, overPlan bool) bool {
	s.ghost = nil
	if s.tool.Selected == "" || !overPlan || s.panning || s.rightPan {
		return false
	}
	p, ok := s.Snap(g, s.tool.Selected, in.X, in.Y)
	if !ok {
		return false
	}
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
		s.tool.History.NewRun() // a new drag: its placements undo together
	}
	if !in.Pressed.Left && !(in.Held.Left && s.tool.Run.Wants(key)) {
		return false
	}
	if in.Pressed.Left {
		s.tool.Run.Begin(p, g.Cat.Modules[p.Module].Placement == designs.OnEdge)
	}
	changed := false
	if s.check.OK {
		if err := s.put(p, in.Pressed.Left); err == nil {
			s.tool.History.Push(s.check.Swap == "")
			s.tool.Run.Add(p)
			changed = true
			s.check = s.slotCheck(p)
			s.hideKey = key
			s.gen++
			s.checkGen = s.gen
		}
	} else if in.Pressed.Left {
		g.Notify("Cannot place here: "+s.check.Reason, true)
	}
	s.tool.Run.Over(key)
	return changed
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
