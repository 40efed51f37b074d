package game

import (
	"math"

	"github.com/opensourceecology/prodos/designs"
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

func (s *DesignScene) prevX() float64 { return s.px }

func (s *DesignScene) prevY() float64 { return s.py }

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
