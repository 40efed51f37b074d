package game

import (
	"image"
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

// benchSync waits until the GPU has finished the frame drawn on screen: it
// copies one pixel of screen into a 1x1 image and reads that back. Reading
// screen itself (screen.At) would copy the whole 1280x720 frame into a new
// 3.7 MB buffer every frame, which the game never does.
type benchSync struct{ px *ebiten.Image }

func newBenchSync() *benchSync { return &benchSync{px: ebiten.NewImage(1, 1)} }

func (b *benchSync) wait(screen *ebiten.Image) {
	b.px.DrawImage(screen.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image), nil)
	_ = b.px.At(0, 0)
}

// BenchmarkFrameRedraw is one whole frame of a 2,000-module design with the
// plan redrawn (as if the design changed every frame). Reports draw calls
// per frame.
func BenchmarkFrameRedraw(b *testing.B) {
	g, s, screen := benchGame(b)
	calls := 0
	sync := newBenchSync()
	g.Render(screen) // warm: glyphs rasterised, caches filled
	sync.wait(screen)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.gen++
		calls = g.Render(screen)
		sync.wait(screen)
	}
	b.ReportMetric(float64(calls), "drawcalls/frame")
}

// partialFrames draws frames as the game does (SkipUnchangedFrames: what
// is unchanged stays on screen) until the benchmark ends.
func partialFrames(b *testing.B) {
	old := SkipUnchangedFrames
	SkipUnchangedFrames = true
	b.Cleanup(func() { SkipUnchangedFrames = old })
}

// BenchmarkFrameCached is one frame with the plan and panels from their
// caches (the pointer moving over the plan with a wall selected), drawn
// over the last frame as the game draws it.
func BenchmarkFrameCached(b *testing.B) {
	partialFrames(b)
	g, s, screen := benchGame(b)
	s.tool.Selected = "wall-ext-4x8"
	calls := 0
	sync := newBenchSync()
	g.Render(screen) // warm: glyphs rasterised, caches filled
	sync.wait(screen)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x := 500 + float64(i%100)
		_ = g.Step(Frame{Intents: map[Intent]bool{}, X: x, Y: 360})
		calls = g.Render(screen)
		sync.wait(screen)
	}
	b.ReportMetric(float64(calls), "drawcalls/frame")
}

// BenchmarkFramePanning is one frame of the camera panning 8 px a frame, as
// the arrow keys pan, back and forth over 300 px: the plan is a shifted copy
// of its cache, which scrolls each time the pan passes the cached margin.
func BenchmarkFramePanning(b *testing.B) {
	partialFrames(b)
	g, s, screen := benchGame(b)
	calls := 0
	sync := newBenchSync()
	g.Render(screen)
	sync.wait(screen)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dir := 1.0
		if (i/40)%2 == 1 {
			dir = -1
		}
		s.cam.CX += dir * 8 / s.cam.Zoom
		_ = g.Step(Frame{Intents: map[Intent]bool{}, X: 500 + float64(i%2), Y: 360}) // the arrow key held
		calls = g.Render(screen)
		sync.wait(screen)
	}
	b.ReportMetric(float64(calls), "drawcalls/frame")
}

// isoBench is benchGame with the isometric view shown.
func isoBench(b *testing.B) (*Game, *DesignScene, *ebiten.Image) {
	g, s, screen := benchGame(b)
	s.SetIsoView(true, 0, false)
	return g, s, screen
}

// BenchmarkFrameIso is one frame of the isometric view of the 2,000-module
// design with the pointer moving over it (picking the module under it):
// the boxes and their order from the cache, drawn as one batch.
func BenchmarkFrameIso(b *testing.B) {
	g, _, screen := isoBench(b)
	calls := 0
	sync := newBenchSync()
	g.Render(screen)
	sync.wait(screen)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = g.Step(Frame{Intents: map[Intent]bool{}, X: 500 + float64(i%100), Y: 360})
		calls = g.Render(screen)
		sync.wait(screen)
	}
	b.ReportMetric(float64(calls), "drawcalls/frame")
}

// BenchmarkFrameIsoRebuild is one isometric frame after a change to the
// design: the boxes are built, turned and depth-sorted again.
func BenchmarkFrameIsoRebuild(b *testing.B) {
	g, s, screen := isoBench(b)
	calls := 0
	sync := newBenchSync()
	g.Render(screen)
	sync.wait(screen)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.gen++
		calls = g.Render(screen)
		sync.wait(screen)
	}
	b.ReportMetric(float64(calls), "drawcalls/frame")
}

// BenchmarkFrameIsoPanning is BenchmarkFramePanning in the isometric view:
// the cached picture is drawn moved while the camera pans.
func BenchmarkFrameIsoPanning(b *testing.B) {
	partialFrames(b)
	g, s, screen := isoBench(b)
	calls := 0
	sync := newBenchSync()
	g.Render(screen)
	sync.wait(screen)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dir := 1.0
		if (i/40)%2 == 1 {
			dir = -1
		}
		s.cam.CX += dir * 8 / s.cam.Zoom
		_ = g.Step(Frame{Intents: map[Intent]bool{}, X: 500 + float64(i%2), Y: 360})
		calls = g.Render(screen)
		sync.wait(screen)
	}
	b.ReportMetric(float64(calls), "drawcalls/frame")
}
