package game

import (
	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/game/designtool"
)

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

func (s *DesignScene) planRect(g *Game) (x, y, w, h float64) {
	v := s.view(g)
	return v.X, v.Y, v.W, v.H
}

// view is the plan's part of the screen.
func (s *DesignScene) view(g *Game) designtool.Rect {
	gw, gh := g.Size()
	return designtool.Rect{X: paletteW, Y: topBarH, W: gw - paletteW - hudW, H: gh - topBarH}
}

// Fit zooms the camera so the whole site is in view.
func (s *DesignScene) Fit(g *Game) {
	d := s.board.Design()
	s.cam.Fit(s.view(g), d.Grid.Width, d.Grid.Height)
}

// ToScreen maps a cell coordinate to logical screen pixels.
func (s *DesignScene) ToScreen(g *Game, cx, cy float64) (float64, float64) {
	return s.cam.ToScreen(s.view(g), cx, cy)
}

// ToCell maps logical screen pixels to a cell coordinate.
func (s *DesignScene) ToCell(g *Game, x, y float64) (float64, float64) {
	return s.cam.ToCell(s.view(g), x, y)
}

func (s *DesignScene) inPlan(g *Game, x, y float64) bool {
	return s.view(g).Contains(x, y)
}

// Snap turns a pointer position into a placement of module id.
func (s *DesignScene) Snap(g *Game, id string, x, y float64) (designs.Placement, bool) {
	m := g.Cat.Modules[id]
	if m == nil {
		return designs.Placement{}, false
	}
	cx, cy := s.ToCell(g, x, y)
	return s.tool.Snap(s.board.E, m, cx, cy), true
}

func (s *DesignScene) prevX() float64 { return s.px }

func (s *DesignScene) prevY() float64 { return s.py }

func (s *DesignScene) zoomAt(g *Game, f, x, y float64, atPointer bool) {
	s.cam.ZoomAt(s.view(g), f, x, y, atPointer)
}
