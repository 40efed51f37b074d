package game

import (
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/opensourceecology/prodos/designs"
)

// OpenLevel puts the game in the design scene of a level, with a design
// loaded over its start when design is not nil.
func (g *Game) OpenLevel(id string, d *designs.Design) (*DesignScene, error) {
	l := LevelByID(g.Levels, id)
	if l == nil {
		var ids []string
		for _, l := range g.Levels {
			ids = append(ids, l.ID)
		}
		return nil, fmt.Errorf("no level %q (levels: %v)", id, ids)
	}
	s := NewDesignScene(g, l)
	if d != nil {
		s.LoadDesign(g, d)
	}
	g.scene, g.next = s, nil
	return s, nil
}

// ScreenshotMode renders frames and writes the last one to path as PNG, then ends the game.
func (g *Game) ScreenshotMode(path string, frames int) *error {
	var res error
	n := 0
	done := false
	g.AfterDraw = func(screen *ebiten.Image, _ int) {
		n++
		if n < frames || done {
			return
		}
		done = true
		b := screen.Bounds()
		img := image.NewRGBA(b)
		screen.ReadPixels(img.Pix)
		res = writePNG(path, img)
	}
	g.AfterUpdate = func() error {
		if done {
			return ebiten.Termination
		}
		return nil
	}
	return &res
}

func writePNG(path string, img image.Image) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil && filepath.Dir(path) != "." {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".shot-*.png")
	if err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	defer os.Remove(f.Name())
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("screenshot: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	return os.Rename(f.Name(), path)
}

// BenchStats are frame-time figures.
type BenchStats struct {
	Frames         int
	Mean, P99, Max time.Duration
	DrawCalls      float64 // mean draw calls per frame issued by the game
	Modules        int
}

// BenchMode runs frames and measures the time between frames (vsync off,
// one update per frame) and the draw calls per frame.
func (g *Game) BenchMode(frames int, out *BenchStats) {
	const warm = 30
	var times []time.Duration
	var calls int
	var last time.Time
	n := 0
	g.AfterDraw = func(_ *ebiten.Image, c int) {
		now := time.Now()
		n++
		if n > warm && len(times) < frames {
			times = append(times, now.Sub(last))
			calls += c
		}
		last = now
	}
	g.AfterUpdate = func() error {
		if len(times) < frames {
			return nil
		}
		sorted := append([]time.Duration(nil), times...)
		sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
		var sum time.Duration
		for _, t := range times {
			sum += t
		}
		*out = BenchStats{Frames: len(times), Mean: sum / time.Duration(len(times)),
			P99: sorted[(len(sorted)*99+99)/100-1], Max: sorted[len(sorted)-1],
			DrawCalls: float64(calls) / float64(len(times)), Modules: len(g.modules())}
		return ebiten.Termination
	}
}

func (g *Game) modules() []designs.Placement {
	if s, ok := g.scene.(*DesignScene); ok {
		return s.board.Design().Placements
	}
	return nil
}

// Print writes the figures.
func (b BenchStats) Print(w io.Writer) {
	fmt.Fprintf(w, "frames: %d\nmodules: %d\nmean frame time: %.3f ms (%.0f fps)\np99 frame time: %.3f ms\nmax frame time: %.3f ms\ndraw calls per frame: %.1f\n",
		b.Frames, b.Modules, ms(b.Mean), 1000/ms(b.Mean), ms(b.P99), ms(b.Max), b.DrawCalls)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
