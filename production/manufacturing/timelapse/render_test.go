package timelapse

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestRenderGolden pins the GIF's bytes (by their SHA-256) for the cabin
// on the default crew: the same schedule must give the same file.
func TestRenderGolden(t *testing.T) {
	m := cabinModel(t, 4)
	data, err := m.Render(DefaultOptions)
	require.NoError(t, err)
	again, err := m.Render(DefaultOptions)
	require.NoError(t, err)
	require.Equal(t, data, again, "two renders differ")
	g, err := gif.DecodeAll(bytes.NewReader(data))
	require.NoError(t, err)
	assert.Len(t, g.Image, DefaultOptions.Frames)
	assert.Equal(t, DefaultOptions.Hold, g.Delay[len(g.Delay)-1])
	sum := sha256.Sum256(data)
	got := hex.EncodeToString(sum[:]) + "\n"
	golden := filepath.Join("testdata", "cabin-crew4.gif.sha256")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
		var buf bytes.Buffer
		require.NoError(t, png.Encode(&buf, g.Image[len(g.Image)*2/3]))
		require.NoError(t, os.WriteFile(filepath.Join(os.TempDir(), "timelapse-frame.png"), buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, strings.TrimSpace(string(want)), strings.TrimSpace(got), "GIF bytes changed; if intended, go test -update")
}

// TestFrameDrawsState checks a frame shows what the state says: the last
// frame has every module's colour, the first none but the grid.
func TestFrameDrawsState(t *testing.T) {
	m := cabinModel(t, 4)
	first := m.Frame(m.At(0), DefaultOptions)
	last := m.Frame(m.At(m.Schedule.Makespan), DefaultOptions)
	count := func(img []uint8, c uint8) int {
		n := 0
		for _, p := range img {
			if p == c {
				n++
			}
		}
		return n
	}
	for _, cat := range []string{"foundation", "wall", "roof"} {
		c := categoryColour[cat]
		assert.Zero(t, count(first.Pix, c), "%s drawn before the build", cat)
		assert.Positive(t, count(last.Pix, c), "%s not drawn after the build", cat)
	}
}

func TestRenderOptionsRefused(t *testing.T) {
	m := cabinModel(t, 4)
	for _, o := range []Options{{Frames: 1, Width: 100, Height: 100}, {Frames: 4, Width: 10, Height: 100}, {Frames: 4, Width: 100, Height: 5000}} {
		_, err := m.Render(o)
		assert.Error(t, err, "%+v", o)
	}
}

func TestInitials(t *testing.T) {
	for id, want := range map[string]string{"walls-1": "W1", "lead": "L", "utilities": "U", "floor-roof-2": "FR2"} {
		assert.Equal(t, want, Initials(id))
	}
}

// A draft's frames carry the draft mark in red under the clock.
func TestFrameDraftMark(t *testing.T) {
	m := cabinModel(t, 4)
	o := DefaultOptions
	plain := m.Frame(m.At(0), o)
	o.Draft = "DRAFT, NOT FOR CONSTRUCTION"
	marked := m.Frame(m.At(0), o)
	red := func(img []uint8, w int) int {
		n := 0
		for _, p := range img[:w*header] {
			if p == categoryColour["roof"] {
				n++
			}
		}
		return n
	}
	assert.Zero(t, red(plain.Pix, o.Width))
	assert.Positive(t, red(marked.Pix, o.Width))
}
