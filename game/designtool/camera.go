package designtool

import "math"

// Rect is the plan view on the screen, in logical pixels.
type Rect struct {
	X, Y, W, H float64
}

// Contains reports whether screen point (x, y) is inside the view.
func (r Rect) Contains(x, y float64) bool {
	return x >= r.X && x < r.X+r.W && y >= r.Y && y < r.Y+r.H
}

// Camera maps plan cells to the screen.
type Camera struct {
	CX, CY float64 // cell coordinates at the centre of the plan view
	Zoom   float64 // logical pixels per cell
}

// Fit zooms the camera so a grid of w x h cells is all in view.
func (c *Camera) Fit(view Rect, w, h int) {
	c.CX, c.CY = float64(w)/2, float64(h)/2
	c.Zoom = math.Min((view.W-60)/float64(w), (view.H-90)/float64(h))
	c.Zoom = math.Max(4, math.Min(c.Zoom, 120))
}

// ToScreen maps a cell coordinate to logical screen pixels.
func (c Camera) ToScreen(view Rect, cx, cy float64) (float64, float64) {
	return view.X + view.W/2 + (cx-c.CX)*c.Zoom, view.Y + view.H/2 + (cy-c.CY)*c.Zoom
}

// ToCell maps logical screen pixels to a cell coordinate.
func (c Camera) ToCell(view Rect, x, y float64) (float64, float64) {
	return (x-view.X-view.W/2)/c.Zoom + c.CX, (y-view.Y-view.H/2)/c.Zoom + c.CY
}

// ZoomAt scales the zoom by f, keeping the cell under (x, y) in place when
// atPointer and the point is in the view, else the view's centre.
func (c *Camera) ZoomAt(view Rect, f, x, y float64, atPointer bool) {
	if !atPointer || !view.Contains(x, y) {
		x, y = view.X+view.W/2, view.Y+view.H/2
	}
	cx, cy := c.ToCell(view, x, y)
	c.Zoom = math.Max(4, math.Min(200, c.Zoom*f))
	nx, ny := c.ToCell(view, x, y)
	c.CX += cx - nx
	c.CY += cy - ny
}

// Pan moves the plan by (dx, dy) screen pixels under a drag: the camera
// moves the other way.
func (c *Camera) Pan(dx, dy float64) {
	c.CX -= dx / c.Zoom
	c.CY -= dy / c.Zoom
}

// Step moves the camera by a key press's step (8 pixels) in direction
// (dx, dy), each -1, 0 or 1.
func (c *Camera) Step(dx, dy float64) {
	step := 8.0 / c.Zoom
	c.CX += dx * step
	c.CY += dy * step
}

// CentreOn centres the view on cell (x, y).
func (c *Camera) CentreOn(x, y int) {
	c.CX, c.CY = float64(x)+0.5, float64(y)+0.5
}
