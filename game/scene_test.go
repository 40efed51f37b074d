package game

import (
	"image"
	"image/color"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustCatalog(t testing.TB) *designs.Catalog {
	t.Helper()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	return cat
}

func newTestGame(t *testing.T) (*Game, MemStore) {
	t.Helper()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	store := MemStore{}
	g, err := New(cat, store)
	require.NoError(t, err)
	g.Now = nil // challenge clocks run on frames: tests step them exactly
	return g, store
}

// driver feeds simulated input frames to a game, as a player would.
type driver struct {
	t *testing.T
	g *Game
}

func (d driver) step(f Frame) {
	d.t.Helper()
	if f.Intents == nil {
		f.Intents = map[Intent]bool{}
	}
	require.NoError(d.t, d.g.Step(f))
}

func (d driver) intent(in Intent) { d.step(Frame{Intents: map[Intent]bool{in: true}}) }

// click presses and releases the left button at (x, y).
func (d driver) click(x, y float64) {
	d.step(Frame{X: x, Y: y})
	d.step(Frame{X: x, Y: y, Pressed: Buttons{Left: true}, Held: Buttons{Left: true}})
	d.step(Frame{X: x, Y: y, Released: Buttons{Left: true}})
}

func (d driver) rightClick(x, y float64) {
	d.step(Frame{X: x, Y: y, Pressed: Buttons{Right: true}, Held: Buttons{Right: true}})
	d.step(Frame{X: x, Y: y, Released: Buttons{Right: true}})
}

func (d driver) design() *DesignScene {
	d.t.Helper()
	s, ok := d.g.Scene().(*DesignScene)
	require.True(d.t, ok, "scene is %T, want *DesignScene", d.g.Scene())
	return s
}

func (d driver) selectModule(id string) {
	d.t.Helper()
	x, y := d.design().PaletteItem(d.g, id)
	require.Greater(d.t, y, 0.0, "module %s not in the palette", id)
	d.click(x, y)
	require.Equal(d.t, id, d.design().Selected())
}

func (d driver) placeWall(x, y int, side string) {
	d.t.Helper()
	px, py := d.design().EdgePoint(d.g, x, y, side)
	d.click(px, py)
}

func countModule(b Board, id string) int { return b.Metrics().Counts[id] }

func TestTitleToLevelSelectToDesign(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	_, ok := g.Scene().(*TitleScene)
	require.True(t, ok)
	d.intent(IntentConfirm)
	sel, ok := g.Scene().(*SelectScene)
	require.True(t, ok, "scene %T", g.Scene())
	cards := sel.cards(g)
	assert.True(t, cards[0].enabled, "first level open")
	assert.False(t, cards[1].enabled, "second level locked until the first has a star")
	d.click(cards[1].x+10, cards[1].y+10)
	_, still := g.Scene().(*SelectScene)
	assert.True(t, still, "a locked level does not open")
	d.click(cards[0].x+10, cards[0].y+10)
	s := d.design()
	assert.Equal(t, "shed", s.level.ID)
}

func TestPlaceUndoRedoAndCompleteFirstLevel(t *testing.T) {
	g, store := newTestGame(t)
	d := driver{t, g}
	s, err := g.OpenLevel("shed", nil)
	require.NoError(t, err)
	d.step(Frame{}) // first frame fits the camera
	start := s.Board().Cost().Total()

	d.selectModule("wall-ext-4x8")
	d.placeWall(2, 2, "n")
	require.Equal(t, 1, countModule(s.Board(), "wall-ext-4x8"))
	wall := g.Cat.ModuleCost(g.Cat.Modules["wall-ext-4x8"], g.Cat.Rates.LabourPerHour).Total()
	assert.Equal(t, start.Add(wall).String(), s.Board().Cost().Total().String())

	d.intent(IntentUndo)
	assert.Equal(t, 0, countModule(s.Board(), "wall-ext-4x8"))
	assert.Equal(t, start.String(), s.Board().Cost().Total().String())
	d.intent(IntentRedo)
	assert.Equal(t, 1, countModule(s.Board(), "wall-ext-4x8"))

	// A wall on an edge that already has one is refused, and says why.
	d.placeWall(2, 2, "n")
	assert.Equal(t, 1, countModule(s.Board(), "wall-ext-4x8"))
	msg, bad := g.Toast()
	assert.True(t, bad)
	assert.Contains(t, msg, "Cannot place here")

	// Right click removes, undo brings it back.
	px, py := s.EdgePoint(g, 2, 2, "n")
	d.rightClick(px, py)
	assert.Equal(t, 0, countModule(s.Board(), "wall-ext-4x8"))
	d.intent(IntentUndo)
	assert.Equal(t, 1, countModule(s.Board(), "wall-ext-4x8"))

	// Close the shed: six more solid walls and a door.
	for _, w := range []struct {
		x, y int
		side string
	}{{3, 2, "n"}, {3, 2, "e"}, {3, 3, "e"}, {3, 3, "s"}, {2, 3, "w"}, {2, 2, "w"}} {
		d.placeWall(w.x, w.y, w.side)
	}
	assert.False(t, s.Result().Complete, "no door yet")
	d.selectModule("wall-door-4x8")
	d.placeWall(2, 3, "s")
	assert.Equal(t, 7, countModule(s.Board(), "wall-ext-4x8"))
	assert.Equal(t, 1, countModule(s.Board(), "wall-door-4x8"))
	assert.Equal(t, 1, s.Board().Metrics().Rooms)
	assert.False(t, s.Result().Complete, "no roof yet")

	// Two roof panels, each two cells deep.
	d.selectModule("roof-4x8")
	for _, x := range []float64{2.5, 3.5} {
		px, py := s.ToScreen(g, x, 3)
		d.click(px, py)
	}
	assert.Equal(t, 2, countModule(s.Board(), "roof-4x8"))
	eb := s.Board().(*EngineBoard)
	assert.True(t, eb.E.Metrics().Closed)
	assert.Empty(t, eb.E.HardViolations())
	assert.Equal(t, 1, eb.E.Metrics().ReachableRooms)
	assert.Equal(t, g.Cat.DesignCost(eb.E.Design(), eb.E.LabourRate()).Total().String(), eb.E.Cost().Total().String())
	for i := 0; i < frames(resultsDelay) && g.Scene() == Scene(s); i++ {
		d.step(Frame{}) // a look at the finished house first
	}
	res, ok := g.Scene().(*ResultsScene)
	require.True(t, ok, "results shown when the level is complete, scene %T", g.Scene())
	assert.Equal(t, 3, res.res.Stars, "7 walls, a door and 2 roof panels cost %s", s.Board().Cost().Total())
	assert.Equal(t, eb.E.Evaluate(s.level.Level).Stars, res.res.Stars)
	assert.Equal(t, 3, g.Progress.Stars["shed"])
	assert.Contains(t, string(store["progress.toml"]), `"shed" = 3`)
	cabin := LevelByID(g.Levels, "cabin")
	assert.False(t, g.Unlocked(cabin), "a guest holds no qualification: the cabin stays locked")
	assert.Contains(t, g.LevelLock(cabin), "Foundation crew qualification")
	assert.Contains(t, g.LevelLock(cabin), "guests earn nothing, choose or add a learner")
	// The engine's command log replays to the same design.
	fresh, err := s.level.NewBoard(g.Cat, nil, g.Tick)
	require.NoError(t, err)
	require.NoError(t, fresh.E.Replay(eb.E.Log()))
	assert.Equal(t, string(eb.E.Design().Marshal()), string(fresh.E.Design().Marshal()))
}

func TestSaveLoadAndCorruptSave(t *testing.T) {
	g, store := newTestGame(t)
	d := driver{t, g}
	s, err := g.OpenLevel("shed", nil)
	require.NoError(t, err)
	d.step(Frame{})
	d.selectModule("wall-ext-4x8")
	d.placeWall(2, 2, "n")
	d.intent(IntentSave)
	saved := store["designs/shed.toml"]
	require.NotEmpty(t, saved)
	back, err := designs.ParseDesign("save", saved, g.Cat)
	require.NoError(t, err)
	assert.Len(t, back.Placements, len(s.Board().Design().Placements))

	// A new session continues the save.
	s2, err := g.OpenLevel("shed", nil)
	require.NoError(t, err)
	assert.Equal(t, 1, countModule(s2.Board(), "wall-ext-4x8"))

	// A corrupt save shows a message, starts fresh, and is kept as it is.
	store["designs/shed.toml"] = []byte("format = 1\nname = \"x\"\n[grid]\nwidth = \"wide\"\n")
	s3, err := g.OpenLevel("shed", nil)
	require.NoError(t, err)
	msg, bad := g.Toast()
	assert.True(t, bad)
	assert.Contains(t, msg, "could not be read")
	assert.Equal(t, 0, countModule(s3.Board(), "wall-ext-4x8"))
	assert.Contains(t, string(store["designs/shed.toml"]), "wide")
	// Loading it by hand changes nothing either.
	d.selectModule("wall-ext-4x8")
	d.placeWall(3, 2, "n")
	d.intent(IntentLoad)
	assert.Equal(t, 1, countModule(s3.Board(), "wall-ext-4x8"))
}

func TestMissingLevel(t *testing.T) {
	g, _ := newTestGame(t)
	_, err := g.OpenLevel("no-such-level", nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no-such-level")
}

func TestKeyMap(t *testing.T) {
	km := DefaultKeyMap()
	assert.Equal(t, "Ctrl+Z", km.Label(IntentUndo))
	assert.Equal(t, "Ctrl+Y / Ctrl+Shift+Z", km.Label(IntentRedo))
	for _, tc := range []struct{ name, data, err string }{
		{"unknown intent", "[intents]\nfly = [\"F\"]\n", `unknown intent "fly"`},
		{"unknown key", "[intents]\nundo = [\"Ctrl+Banana\"]\n", "unknown key"},
		{"unknown modifier", "[intents]\nundo = [\"Hyper+Z\"]\n", "unknown modifier"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseKeyMap("keys.toml", []byte(tc.data))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.err)
		})
	}
}

func near(c color.Color, want color.RGBA) bool {
	r, g, b, _ := c.RGBA()
	d := func(a uint32, b uint8) int {
		x := int(a>>8) - int(b)
		if x < 0 {
			return -x
		}
		return x
	}
	return d(r, want.R) < 12 && d(g, want.G) < 12 && d(b, want.B) < 12
}

// TestRenderPixels reads pixels back from rendered frames, at the base size,
// on a HiDPI screen (2 device pixels per logical pixel) and in a larger window.
func TestRenderPixels(t *testing.T) {
	for _, tc := range []struct {
		name        string
		w, h, scale float64
	}{{"1280x720", 1280, 720, 1}, {"HiDPI x2", 1280, 720, 2}, {"1600x900", 1600, 900, 1}} {
		t.Run(tc.name, func(t *testing.T) {
			g, _ := newTestGame(t)
			g.SetSize(tc.w, tc.h, tc.scale)
			d := driver{t, g}
			s, err := g.OpenLevel("shed", nil)
			require.NoError(t, err)
			d.step(Frame{})
			d.selectModule("wall-ext-4x8")
			d.placeWall(2, 2, "n")
			d.step(Frame{X: 5, Y: tc.h - 20}) // pointer away from the plan: no ghost

			screen := ebiten.NewImage(int(tc.w*tc.scale), int(tc.h*tc.scale))
			calls := g.Render(screen)
			img := image.NewRGBA(screen.Bounds())
			screen.ReadPixels(img.Pix)
			at := func(x, y float64) color.Color { return img.At(int(x*tc.scale), int(y*tc.scale)) }

			// Grid: a grid line between two empty site cells.
			gx, gy := s.ToScreen(g, 1, 0.5)
			assert.True(t, near(at(gx, gy), colGrid), "grid line at (%v,%v) is %v", gx, gy, at(gx, gy))
			sx, sy := s.ToScreen(g, 0.5, 0.5)
			assert.True(t, near(at(sx, sy), colSite), "site cell is %v", at(sx, sy))
			// The placed wall, in the middle of the north edge of cell (2,2).
			wx, wy := s.ToScreen(g, 2.5, 2)
			assert.True(t, near(at(wx, wy), colWall), "wall pixel is %v", at(wx, wy))
			// An open edge is marked red.
			ox, oy := s.ToScreen(g, 2.4, 4)
			assert.True(t, near(at(ox, oy), colBad), "open edge pixel is %v", at(ox, oy))
			// HUD panel and its green cost bar (the shed is well under budget).
			assert.True(t, near(at(tc.w-5, tc.h-60), colPanel), "HUD pixel is %v", at(tc.w-5, tc.h-60))
			found := false
			for y := topBarH; y < 300 && !found; y++ {
				found = near(at(tc.w-hudW+20, y), colGood)
			}
			assert.True(t, found, "green cost bar in the HUD")
			// Top bar accent line, palette panel.
			assert.True(t, near(at(tc.w/2, topBarH-2), colAccent))
			assert.True(t, near(at(3, tc.h-3), colPanel), "palette pixel is %v", at(3, tc.h-3))
			assert.Less(t, calls, 200)
		})
	}
}

func TestDrawCallsDoNotGrowWithModules(t *testing.T) {
	g, _ := newTestGame(t)
	calls := func(n int) int {
		d := benchDesign(n)
		_, err := g.OpenLevel("sandbox", d)
		require.NoError(t, err)
		require.NoError(t, g.Step(Frame{Intents: map[Intent]bool{}}))
		screen := ebiten.NewImage(BaseWidth, BaseHeight)
		return g.Render(screen)
	}
	small, big := calls(100), calls(2000)
	assert.LessOrEqual(t, big, small+2, "draw calls: 100 modules %d, 2000 modules %d", small, big)
}

// Bad files in the save folder are reported in the game, which still starts.
func TestBadFilesInSaveFolder(t *testing.T) {
	for _, tc := range []struct{ name, file, data, want string }{
		{"corrupt progress", "progress.toml", "[stars\nshed = ", "could not read progress"},
		{"bad key map", "keys.toml", "[intents]\nundo = [\"Ctrl+Nope\"]\n", "unknown key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store := MemStore{tc.file: []byte(tc.data)}
			g, err := New(mustCatalog(t), store)
			require.NoError(t, err)
			msg, bad := g.Toast()
			assert.True(t, bad)
			assert.Contains(t, msg, tc.want)
			assert.Equal(t, tc.data, string(store[tc.file]), "the file is left as it was")
			assert.Equal(t, "Ctrl+Z", g.Keys.Label(IntentUndo), "default keys in use")
		})
	}
}

func TestCameraAndDragIntents(t *testing.T) {
	g, _ := newTestGame(t)
	d := driver{t, g}
	s, err := g.OpenLevel("shed", nil)
	require.NoError(t, err)
	d.step(Frame{})
	start := s.Camera()
	for _, tc := range []struct {
		name  string
		in    Intent
		check func(c Camera) bool
	}{
		{"zoom in", IntentZoomIn, func(c Camera) bool { return c.Zoom > start.Zoom }},
		{"zoom out", IntentZoomOut, func(c Camera) bool { return c.Zoom < start.Zoom }},
		{"pan left", IntentPanLeft, func(c Camera) bool { return c.CX < start.CX }},
		{"pan right", IntentPanRight, func(c Camera) bool { return c.CX > start.CX }},
		{"pan up", IntentPanUp, func(c Camera) bool { return c.CY < start.CY }},
		{"pan down", IntentPanDown, func(c Camera) bool { return c.CY > start.CY }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d.intent(IntentFitView)
			require.Equal(t, start, s.Camera())
			d.intent(tc.in)
			assert.True(t, tc.check(s.Camera()), "camera %+v from %+v", s.Camera(), start)
		})
	}
	// Right drag pans; it does not remove anything.
	d.intent(IntentFitView)
	n := s.Board().Metrics().Modules
	x, y := s.ToScreen(g, 2.5, 2.5)
	d.step(Frame{X: x, Y: y, Pressed: Buttons{Right: true}, Held: Buttons{Right: true}})
	d.step(Frame{X: x + 40, Y: y, Held: Buttons{Right: true}})
	d.step(Frame{X: x + 80, Y: y, Held: Buttons{Right: true}})
	d.step(Frame{X: x + 80, Y: y, Released: Buttons{Right: true}})
	assert.Less(t, s.Camera().CX, start.CX, "dragging right moves the view left")
	assert.Equal(t, n, s.Board().Metrics().Modules)

	// Dragging with a wall selected lays a run: both north edges in one drag.
	d.intent(IntentFitView)
	d.selectModule("wall-ext-4x8")
	ax, ay := s.EdgePoint(g, 2, 2, "n")
	bx, by := s.EdgePoint(g, 3, 2, "n")
	d.step(Frame{X: ax, Y: ay, Pressed: Buttons{Left: true}, Held: Buttons{Left: true}})
	d.step(Frame{X: (ax + bx) / 2, Y: ay, Held: Buttons{Left: true}})
	d.step(Frame{X: bx, Y: by, Held: Buttons{Left: true}})
	d.step(Frame{X: bx, Y: by, Released: Buttons{Left: true}})
	assert.Equal(t, 2, countModule(s.Board(), "wall-ext-4x8"))
	// One undo takes back the whole run, one redo puts it back.
	d.intent(IntentUndo)
	assert.Equal(t, 0, countModule(s.Board(), "wall-ext-4x8"))
	d.intent(IntentRedo)
	assert.Equal(t, 2, countModule(s.Board(), "wall-ext-4x8"))
	// A single click after the run is its own step.
	d.placeWall(3, 2, "e")
	assert.Equal(t, 3, countModule(s.Board(), "wall-ext-4x8"))
	d.intent(IntentUndo)
	assert.Equal(t, 2, countModule(s.Board(), "wall-ext-4x8"))
	// Escape drops the module, then leaves the level.
	d.intent(IntentBack)
	assert.Equal(t, "", s.Selected())
	d.intent(IntentBack)
	_, ok := g.Scene().(*SelectScene)
	assert.True(t, ok, "scene %T", g.Scene())
}
