package game

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each panel (palette, HUD, top bar) has its own cached layer, drawn again
// only when what it shows changes: the pointer moving over the plan draws
// none of them again, and the pointer coming onto one panel's element draws
// that panel alone again.
func TestPanelLayersRedrawOnlyWhatChanged(t *testing.T) {
	for _, tc := range []struct {
		name string
		to   func(g *Game, s *DesignScene) (x, y float64)
		want [numPanels]int // redraws of each panel
	}{
		{"pointer over the plan", func(g *Game, s *DesignScene) (float64, float64) { return 640, 330 }, [numPanels]int{}},
		{"pointer onto a palette row", func(g *Game, s *DesignScene) (float64, float64) {
			for _, r := range s.paletteRows(g) {
				if r.id != "" {
					return paletteW / 2, r.y + r.h/2
				}
			}
			t.Fatal("no palette row")
			return 0, 0
		}, [numPanels]int{panelPalette: 1}},
		{"pointer onto a top-bar button", func(g *Game, s *DesignScene) (float64, float64) {
			b := s.topButtons(g)[2]
			return b.x + b.w/2, b.y + b.h/2
		}, [numPanels]int{panelTopBar: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, _ := newTestGame(t)
			s, err := g.OpenLevel("sandbox", benchDesign(40))
			require.NoError(t, err)
			g.SetSize(BaseWidth, BaseHeight, 1)
			screen := ebiten.NewImage(BaseWidth, BaseHeight)
			for i := 0; i < 3; i++ {
				require.NoError(t, g.Step(Frame{Intents: map[Intent]bool{}, X: 600 + float64(i), Y: 300}))
				g.Render(screen)
			}
			var before [numPanels]int
			for p := range s.panels {
				before[p] = s.panels[p].redraws
				require.Positive(t, before[p], "panel %d drawn at least once", p)
			}
			x, y := tc.to(g, s)
			require.NoError(t, g.Step(Frame{Intents: map[Intent]bool{}, X: x, Y: y}))
			g.Render(screen)
			var got [numPanels]int
			for p := range s.panels {
				got[p] = s.panels[p].redraws - before[p]
			}
			assert.Equal(t, tc.want, got, "redraws of palette, HUD, top bar")
		})
	}
}

// A frame that puts back only the palette's layer (the pointer came onto a
// palette row) shows what a whole redraw shows, at fractional scales too,
// where the side panels share a device row with the top bar and a device
// column with the plan (drawn over again each frame).
func TestPanelLayersMatchFullRedraw(t *testing.T) {
	old := SkipUnchangedFrames
	SkipUnchangedFrames = true
	t.Cleanup(func() { SkipUnchangedFrames = old })
	for _, scale := range []float64{1, 1.2, 1.3, 1.75} {
		g, _ := newTestGame(t)
		s, err := g.OpenLevel("sandbox", benchDesign(40))
		require.NoError(t, err)
		g.SetSize(BaseWidth, BaseHeight, scale)
		dw, dh := int(BaseWidth*scale+0.999), int(BaseHeight*scale+0.999)
		screen := ebiten.NewImage(dw, dh)
		for i := 0; i < 3; i++ {
			require.NoError(t, g.Step(Frame{Intents: map[Intent]bool{}, X: 600 + float64(i), Y: 300}))
			g.Render(screen)
		}
		var row paletteRow
		for _, r := range s.paletteRows(g) {
			if r.id != "" {
				row = r
				break
			}
		}
		require.NoError(t, g.Step(Frame{Intents: map[Intent]bool{}, X: paletteW / 2, Y: row.y + row.h/2}))
		require.Positive(t, g.Render(screen), "the frame is drawn")
		require.True(t, g.PartialOK(), "the frame was drawn over the last one")
		partial := pixels(screen)

		// The layers as cached put on a fresh screen (nothing drawn again).
		fromCache := ebiten.NewImage(dw, dh)
		g.lastSig, g.dirty = overlaySig{}, true
		g.Render(fromCache)
		cached := pixels(fromCache)

		fresh := ebiten.NewImage(dw, dh)
		g.lastSig, g.dirty = overlaySig{}, true
		for p := range s.panels {
			s.panels[p].key = chromeKey{gen: -1}
		}
		g.Render(fresh)
		// Pixels a whole redraw leaves see-through are seams no layer
		// covers on a fresh screen (the game's screen always holds a last
		// frame there); every other pixel must match.
		whole := pixels(fresh)
		for name, got := range map[string][]byte{"partial": partial, "from the cache": cached} {
			n := 0
			for i := 0; i+3 < len(whole); i += 4 {
				if whole[i+3] == 0xff && string(whole[i:i+4]) != string(got[i:i+4]) {
					n++
				}
			}
			assert.Zero(t, n, "scale %v: %s frame differs from a whole redraw", scale, name)
		}
	}
}
