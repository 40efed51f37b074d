package designtool

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

var view = Rect{X: 250, Y: 52, W: 720, H: 668}

func TestCameraConversions(t *testing.T) {
	tests := []struct {
		name   string
		cam    Camera
		cx, cy float64 // cell coordinate
		sx, sy float64 // its screen point
	}{
		{"the centre cell is the view's centre", Camera{CX: 5, CY: 4, Zoom: 40}, 5, 4, 250 + 360, 52 + 334},
		{"one cell right and down is one zoom away", Camera{CX: 5, CY: 4, Zoom: 40}, 6, 5, 250 + 360 + 40, 52 + 334 + 40},
		{"zoom scales the distance", Camera{CX: 0, CY: 0, Zoom: 10}, -3, 2, 250 + 360 - 30, 52 + 334 + 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y := tt.cam.ToScreen(view, tt.cx, tt.cy)
			assert.InDelta(t, tt.sx, x, 1e-9)
			assert.InDelta(t, tt.sy, y, 1e-9)
			cx, cy := tt.cam.ToCell(view, x, y)
			assert.InDelta(t, tt.cx, cx, 1e-9, "screen to cell inverts cell to screen")
			assert.InDelta(t, tt.cy, cy, 1e-9)
		})
	}
}

func TestCameraFit(t *testing.T) {
	tests := []struct {
		name         string
		w, h         int
		cx, cy, zoom float64
	}{
		{"a small site fills the view up to the zoom limit", 4, 4, 2, 2, 120},
		{"a wide site fits its width", 20, 4, 10, 2, (720 - 60) / 20.0},
		{"a tall site fits its height", 6, 24, 3, 12, (668 - 90) / 24.0},
		{"a huge site stops at the smallest zoom", 1000, 1000, 500, 500, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c Camera
			c.Fit(view, tt.w, tt.h)
			assert.Equal(t, Camera{CX: tt.cx, CY: tt.cy, Zoom: tt.zoom}, c)
		})
	}
}

func TestCameraZoomAt(t *testing.T) {
	tests := []struct {
		name      string
		f, x, y   float64
		atPointer bool
		zoom      float64
		fixedX    float64 // the screen point whose cell stays put
		fixedY    float64
	}{
		{"at the pointer keeps the cell under it", 2, 300, 100, true, 80, 300, 100},
		{"by keys keeps the centre", 0.5, 300, 100, false, 20, 610, 386},
		{"a pointer off the plan zooms about the centre", 1.25, 10, 10, true, 50, 610, 386},
		{"zoom stops at 200", 100, 610, 386, true, 200, 610, 386},
		{"zoom stops at 4", 0.001, 610, 386, true, 4, 610, 386},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Camera{CX: 5, CY: 4, Zoom: 40}
			bx, by := c.ToCell(view, tt.fixedX, tt.fixedY)
			c.ZoomAt(view, tt.f, tt.x, tt.y, tt.atPointer)
			assert.InDelta(t, tt.zoom, c.Zoom, 1e-9)
			ax, ay := c.ToCell(view, tt.fixedX, tt.fixedY)
			assert.InDelta(t, bx, ax, 1e-9)
			assert.InDelta(t, by, ay, 1e-9)
		})
	}
}

func TestCameraPanStepCentre(t *testing.T) {
	tests := []struct {
		name   string
		move   func(c *Camera)
		cx, cy float64
	}{
		{"a drag right moves the camera left", func(c *Camera) { c.Pan(40, 0) }, 4, 4},
		{"a drag up moves the camera down", func(c *Camera) { c.Pan(0, -80) }, 5, 6},
		{"a key step is 8 pixels", func(c *Camera) { c.Step(1, -1) }, 5.2, 3.8},
		{"centring on a cell aims at its middle", func(c *Camera) { c.CentreOn(2, 7) }, 2.5, 7.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Camera{CX: 5, CY: 4, Zoom: 40}
			tt.move(&c)
			assert.InDelta(t, tt.cx, c.CX, 1e-9)
			assert.InDelta(t, tt.cy, c.CY, 1e-9)
			assert.Equal(t, 40.0, c.Zoom)
		})
	}
}

func TestRectContains(t *testing.T) {
	tests := []struct {
		x, y float64
		want bool
	}{
		{250, 52, true}, {969.9, 719.9, true}, {970, 100, false}, {249.9, 100, false}, {300, 51, false}, {math.NaN(), 100, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, view.Contains(tt.x, tt.y), "(%v, %v)", tt.x, tt.y)
	}
}
