package game

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pixels reads img back as RGBA bytes.
func pixels(img *ebiten.Image) []byte {
	b := img.Bounds()
	p := make([]byte, 4*b.Dx()*b.Dy())
	img.ReadPixels(p)
	return p
}

// differing counts the pixels inside r (or outside it, when outside is set)
// where a and b differ by more than tol in a channel.
func differing(a, b []byte, w int, r image.Rectangle, outside bool, tol int) int {
	n := 0
	for i := 0; i+3 < len(a); i += 4 {
		x, y := (i/4)%w, (i/4)/w
		if image.Pt(x, y).In(r) == outside {
			continue
		}
		for c := 0; c < 4; c++ {
			if d := int(a[i+c]) - int(b[i+c]); d > tol || d < -tol {
				n++
				break
			}
		}
	}
	return n
}

// A frame drawn over the last one (only what changed redrawn, as the game
// does with SkipUnchangedFrames) shows what a whole redraw shows: the
// panels are untouched while the plan zooms or pans, and nothing spills
// over them. Set PARTIAL_PNG=dir to write both frames for a look.
func TestPartialFramesMatchFullRedraw(t *testing.T) {
	old := SkipUnchangedFrames
	SkipUnchangedFrames = true
	t.Cleanup(func() { SkipUnchangedFrames = old })
	for _, tc := range []struct {
		name   string
		change func(s *DesignScene)
		// whole: compared with the plan drawn whole; otherwise (zooming)
		// with the cache shown scaled again, as it is until the zoom holds.
		whole bool
		x, y  float64 // where the pointer goes (610, 305 if zero)
	}{
		{"pointer", func(s *DesignScene) {}, true, 0, 0},
		// Ghost and tooltip move away: where they were is put back.
		{"pointer jumps", func(s *DesignScene) {}, true, 420, 560},
		{"pointer leaves the plan", func(s *DesignScene) {}, true, 1100, 400},
		{"panning", func(s *DesignScene) { s.cam.CX += 8 / s.cam.Zoom }, true, 0, 0},
		// Past the cached margin: the cache scrolls (copied shifted, the
		// uncovered strips drawn); compared below with a plan drawn whole.
		{"panning past the margin", func(s *DesignScene) {
			s.cam.CX += (planMargin + 40) / s.cam.Zoom
			s.cam.CY -= (planMargin + 24) / s.cam.Zoom
		}, true, 0, 0},
		{"zooming", func(s *DesignScene) { s.cam.Zoom *= 1.02 }, false, 0, 0},
		{"zooming out", func(s *DesignScene) { s.cam.Zoom /= 1.05 }, false, 0, 0},
		// Past the cache's margin: the background shows around it.
		{"zooming far out", func(s *DesignScene) { s.cam.Zoom /= 2 }, false, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, _ := newTestGame(t)
			s, err := g.OpenLevel("sandbox", benchDesign(300))
			require.NoError(t, err)
			g.SetSize(BaseWidth, BaseHeight, 1)
			screen := ebiten.NewImage(BaseWidth, BaseHeight)
			s.tool.Selected = "wall-ext-4x8"
			require.NoError(t, g.Step(Frame{Intents: map[Intent]bool{}, X: 600, Y: 300}))
			g.Render(screen) // fits the view to the site
			s.cam.Zoom *= 3  // the house fills the view, to its edges
			g.dirty = true
			g.Render(screen)
			g.Render(screen)         // a frame with nothing new draws nothing
			for i := 0; i < 3; i++ { // the pointer moves: the plan settles into its cache
				require.NoError(t, g.Step(Frame{Intents: map[Intent]bool{}, X: 605 - float64(i), Y: 302}))
				g.Render(screen)
			}
			require.Positive(t, s.planHits, "the plan is drawn from its cache")

			tc.change(s)
			if tc.x == 0 {
				tc.x, tc.y = 610, 305
			}
			restores := s.planRestores
			require.NoError(t, g.Step(Frame{Intents: map[Intent]bool{}, X: tc.x, Y: tc.y}))
			require.Positive(t, g.Render(screen), "something changed, so the frame is drawn")
			require.True(t, g.PartialOK(), "the frame was drawn over the last one")
			if tc.name == "panning past the margin" {
				require.Equal(t, 1, s.planScrolls, "the cached plan scrolled")
			}
			if strings.HasPrefix(tc.name, "pointer") {
				require.Equal(t, restores+1, s.planRestores, "only what was drawn over the plan is put back")
			}
			partial := pixels(screen)

			// The same state drawn whole onto a fresh screen.
			fresh := ebiten.NewImage(BaseWidth, BaseHeight)
			g.lastSig, g.dirty, s.lastZoom = overlaySig{}, true, s.cam.Zoom
			if tc.whole {
				s.planKey, s.planStale = planKey{gen: -1}, false // the plan drawn whole
			}
			if !tc.whole {
				s.lastZoom = 0 // still zooming: the scaled cache again
			}
			g.Render(fresh)
			whole := pixels(fresh)
			if dir := os.Getenv("PARTIAL_PNG"); dir != "" {
				for name, img := range map[string]*ebiten.Image{"partial": screen, "whole": fresh} {
					f, err := os.Create(filepath.Join(dir, tc.name+"-"+name+".png"))
					require.NoError(t, err)
					require.NoError(t, png.Encode(f, img))
					require.NoError(t, f.Close())
				}
			}

			px, py, pw, ph := s.planRect(g)
			plan := image.Rect(int(px), int(py), int(px+pw), int(py+ph))
			assert.Zero(t, differing(partial, whole, BaseWidth, plan, true, 0), "pixels outside the plan")
			// Geometry drawn at other offsets rounds a little differently
			// at antialiased edges: one level in 255.
			assert.Zero(t, differing(partial, whole, BaseWidth, plan, false, 1), "pixels in the plan")
		})
	}
}

// After frames that each change the design (modules dragged in), the plan
// is drawn straight to the screen; once the design holds still it goes back
// to its cache instead of being drawn whole on every frame.
func TestPlanReturnsToCacheAfterChanges(t *testing.T) {
	old := SkipUnchangedFrames
	SkipUnchangedFrames = true
	t.Cleanup(func() { SkipUnchangedFrames = old })
	g, _ := newTestGame(t)
	s, err := g.OpenLevel("sandbox", benchDesign(300))
	require.NoError(t, err)
	screen := ebiten.NewImage(BaseWidth, BaseHeight)
	frame := func(x float64) {
		require.NoError(t, g.Step(Frame{Intents: map[Intent]bool{}, X: x, Y: 300}))
		g.Render(screen)
	}
	frame(600)
	for i := 0; i < 3; i++ { // the design changes three frames running
		s.gen++
		frame(601 + float64(i))
	}
	require.True(t, s.planDirect, "drawn straight to the screen while it changes")
	hits := s.planHits
	for i := 0; i < 4; i++ {
		frame(610 + float64(i))
	}
	assert.False(t, s.planDirect)
	assert.Greater(t, s.planHits, hits, "the plan is drawn from its cache again")
}
