package game

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/require"
)

// benchGame opens the sandbox with the 2,000-module benchmark design.
func benchGame(b *testing.B) (*Game, *DesignScene, *ebiten.Image) {
	b.Helper()
	g, err := New(mustCatalog(b), MemStore{})
	require.NoError(b, err)
	s, err := g.OpenLevel("sandbox", BenchDesign(2000))
	require.NoError(b, err)
	require.NoError(b, g.Step(Frame{Intents: map[Intent]bool{}}))
	return g, s, ebiten.NewImage(BaseWidth, BaseHeight)
}

// BenchmarkFrameRedraw is one whole frame of a 2,000-module design with the
// plan redrawn (as if the design changed every frame). Reports draw calls
// per frame.
func BenchmarkFrameRedraw(b *testing.B) {
	g, s, screen := benchGame(b)
	calls := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.gen++
		calls = g.Render(screen)
		_ = screen.At(1, 1)
	}
	b.ReportMetric(float64(calls), "drawcalls/frame")
}

// BenchmarkFrameCached is one frame with the plan and panels from their
// caches (the pointer moving over the plan with a wall selected).
func BenchmarkFrameCached(b *testing.B) {
	g, s, screen := benchGame(b)
	s.sel = "wall-ext-4x8"
	calls := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x := 500 + float64(i%100)
		_ = g.Step(Frame{Intents: map[Intent]bool{}, X: x, Y: 360})
		calls = g.Render(screen)
		_ = screen.At(1, 1)
	}
	b.ReportMetric(float64(calls), "drawcalls/frame")
}
