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
		if s.sel != "" {
			s.sel = ""
		} else {
			s.leave(g, &SelectScene{})
		}
		return nil
	}
	in, done := s.topBar(g, in)
	if done {
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

// commands runs the commands of this frame's keys (and top-bar buttons):
// undo, redo, save, load, export. It reports whether the design changed.
func (s *DesignScene) commands(g *Game, in Frame) bool {
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
	return changed
}

// moduleKeys rotates the selected module and steps through the palette.
func (s *DesignScene) moduleKeys(g *Game, in Frame) {
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
}

// cameraKeys pans and zooms the camera with the keys.
func (s *DesignScene) cameraKeys(g *Game, in Frame) {
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
				s.sel = r.id
				s.rot = 0
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
				s.cam.CX, s.cam.CY = float64(v.X)+0.5, float64(v.Y)+0.5
			}
		}
	}
}

// placeAtPointer moves the ghost of the selected module to the slot under
// the pointer and places it on a click (or along a drag). It reports
// whether the design changed.
func (s *DesignScene) placeAtPointer(g *Game, in Frame, overPlan bool) bool {
	s.ghost = nil
	if s.sel == "" || !overPlan || s.panning || s.rightPan {
		return false
	}
	p, ok := s.Snap(g, s.sel, in.X, in.Y)
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
		s.runCounted = false // a new drag: its placements undo together
	}
	if !in.Pressed.Left && !(s.dragging && in.Held.Left && key != s.lastSlot) {
		return false
	}
	if m := g.Cat.Modules[p.Module]; in.Pressed.Left && m.Placement == designs.OnEdge {
		s.dragOrient = "v" // the run keeps the direction of the edge it starts on
		if p.Edge == designs.North || p.Edge == designs.South {
			s.dragOrient = "h"
		}
	}
	changed := false
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
	return changed
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
