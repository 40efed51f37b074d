package game

import (
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
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
	s, err := NewDesignScene(g, l)
	if err != nil {
		return nil, err
	}
	if d != nil {
		if err := s.LoadDesign(g, d); err != nil {
			return nil, err
		}
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
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	return os.Rename(f.Name(), path)
}

// BenchStats are frame-time figures.
type BenchStats struct {
	Frames    int
	Modules   int
	Phases    []Phase
	DrawCalls float64 // mean draw calls per frame issued by the game while zooming
}

// Phase is one run of frames of the benchmark.
type Phase struct {
	Name           string
	Mean, P99, Max time.Duration
}

func summarise(name string, times []time.Duration) Phase {
	sorted := append([]time.Duration(nil), times...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	var sum time.Duration
	for _, t := range times {
		sum += t
	}
	return Phase{Name: name, Mean: sum / time.Duration(len(times)), P99: sorted[(len(sorted)*99+99)/100-1], Max: sorted[len(sorted)-1]}
}

// benchSource moves the pointer in a circle over the plan with a wall
// selected, as a player looking for a place does.
type benchSource struct {
	g      *Game
	moving bool
	t      float64
}

// Read implements Source.
func (b *benchSource) Read(float64) Frame {
	f := Frame{Intents: map[Intent]bool{}}
	s, ok := b.g.scene.(*DesignScene)
	if !ok {
		return f
	}
	px, py, pw, ph := s.planRect(b.g)
	f.X, f.Y = px+pw/2, py+ph/2
	if b.moving {
		b.t += 0.05
		f.X += pw / 4 * math.Cos(b.t)
		f.Y += ph / 4 * math.Sin(b.t)
	}
	return f
}

// BenchMode measures the time between frames (vsync off, one update per
// frame) over four runs of frames each: the view still, the pointer moving a
// wall's ghost over the plan, the camera panning at arrow-key speed, and the
// camera zooming (the whole plan redrawn every frame). Draw calls are
// counted while zooming, the worst case.
func (g *Game) BenchMode(frames int, out *BenchStats) {
	const warm = 30
	phases := []string{"still", "pointer", "panning", "zooming"}
	times := make([][]time.Duration, len(phases))
	var calls int
	var last time.Time
	src := &benchSource{g: g}
	g.Input = src
	phase := func() int {
		for i, t := range times {
			if len(t) < frames {
				return i
			}
		}
		return len(times)
	}
	n := 0
	g.AfterDraw = func(_ *ebiten.Image, c int) {
		now := time.Now()
		n++
		if i := phase(); n > warm && i < len(times) {
			times[i] = append(times[i], now.Sub(last))
			if i == 3 {
				calls += c
			}
		}
		last = now
	}
	g.AfterUpdate = func() error {
		i := phase()
		s, ok := g.scene.(*DesignScene)
		if ok && i >= 1 {
			src.moving = true
			s.tool.Selected = "wall-ext-4x8"
		}
		if ok && i == 2 { // as the arrow keys pan: 8 px a frame, back and forth
			dir := 1.0
			if (len(times[2])/150)%2 == 1 {
				dir = -1
			}
			s.cam.CX += dir * 8 / s.cam.Zoom
		}
		if ok && i == 3 { // a new zoom every frame: the plan is redrawn every frame
			s.cam.Zoom *= 1 + 0.01*math.Sin(float64(len(times[3]))/20)
		}
		if i < len(times) {
			return nil
		}
		*out = BenchStats{Frames: frames, Modules: len(g.modules()), DrawCalls: float64(calls) / float64(frames)}
		for k, name := range phases {
			out.Phases = append(out.Phases, summarise(name, times[k]))
		}
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
	fmt.Fprintf(w, "modules: %d\nframes per run: %d\n", b.Modules, b.Frames)
	for _, p := range b.Phases {
		fmt.Fprintf(w, "%-8s mean frame time %.2f ms (%.0f fps), p99 %.2f ms, max %.2f ms\n",
			p.Name, ms(p.Mean), 1000/ms(p.Mean), ms(p.P99), ms(p.Max))
	}
	fmt.Fprintf(w, "draw calls per frame: %.1f\n", b.DrawCalls)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
