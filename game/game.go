// Package game is the House Design Game: scenes, widgets, rendering and
// input mapping, drawn with Ebitengine. Rules, cost and levels are asked of a
// Board and Level; the game itself only shows them and turns input into
// commands.
package game

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/opensourceecology/prodos/assets"
	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/game/commonsclient"
	"github.com/opensourceecology/prodos/production/classroom/submission"
)

// Logical size the layout is designed for; the window may be resized.
const (
	BaseWidth  = 1280
	BaseHeight = 720
)

// Scene is one screen of the game.
type Scene interface {
	// Update advances the scene one tick with that tick's input.
	Update(g *Game, in Frame) error
	// Draw draws the scene; it must not change game state.
	Draw(g *Game, r *Renderer)
}

// Progress is what the player has earned, saved between runs.
type Progress struct {
	Stars map[string]int `toml:"stars"`
}

// Game is the ebiten.Game: it owns the scene manager, the catalog, the
// levels, the store and the input source.
type Game struct {
	Cat      *designs.Catalog
	Levels   []*Level
	Keys     KeyMap
	Store    Store
	Input    Source
	Progress Progress
	// UnlockAll opens every design level and training challenge whatever
	// the learner has earned (housegame --unlock-all, for facilitators).
	UnlockAll bool

	scene    Scene
	next     Scene
	help     bool
	toast    string
	toastBad bool
	toastOn  bool          // a message is shown, until toastEnd
	toastEnd time.Duration // on the game's Clock
	lastW    int
	partial  bool
	lastSig  overlaySig
	w, h     float64 // logical size
	scale    float64 // device pixels per logical pixel
	r        Renderer
	tick     int
	last     Frame
	dirty    bool
	drawn    bool
	tr       *trainer // training: challenges, qualifications, profiles (trainer.go)

	classWait  []<-chan submission.Reply // answers still to come from the class server (submit.go)
	classReply submission.Reply
	classPend  []pendingClass // ended challenges waiting for their class attempt id (submit.go)
	wallBase   time.Time      // Wall's origin (trainer.go)

	commons *commonsclient.Client // the desktop's commons server (commons_scene.go)

	// Now is the real clock timed challenges run on (time.Now unless
	// changed). Nil runs them on the frame count, 1/60 s per Step, as the
	// tests do. In the browser a slow machine draws few frames a second and
	// Update runs once per frame, so only a real clock keeps time there.
	Now   func() time.Time
	epoch time.Time

	// AfterDraw, when set, is called after each frame with the screen and the
	// renderer's draw calls (screenshot and bench modes).
	AfterDraw func(screen *ebiten.Image, calls int)
	// AfterUpdate, when set, may end the game by returning an error.
	AfterUpdate func() error
}

// New makes a game at the title screen.
func New(cat *designs.Catalog, store Store) (*Game, error) {
	src, err := text.NewGoTextFaceSource(strings.NewReader(string(assets.FontRegular)))
	if err != nil {
		return nil, fmt.Errorf("font: %w", err)
	}
	bold, err := text.NewGoTextFaceSource(strings.NewReader(string(assets.FontBold)))
	if err != nil {
		return nil, fmt.Errorf("font: %w", err)
	}
	lv, err := LoadLevels()
	if err != nil {
		return nil, err
	}
	g := &Game{Cat: cat, Levels: lv, Keys: DefaultKeyMap(), Store: store,
		w: BaseWidth, h: BaseHeight, scale: 1, Now: time.Now, epoch: time.Now(),
		Progress: Progress{Stars: map[string]int{}}}
	g.Input = EbitenSource{Keys: g.Keys}
	g.r = Renderer{Fonts: &Fonts{Regular: src, Bold: bold}, Scale: 1}
	if data, err := store.Read("keys.toml"); err == nil {
		if km, err := ParseKeyMap(store.Where("keys.toml"), data); err == nil {
			g.Keys = km
			g.Input = EbitenSource{Keys: km}
		} else {
			g.Notify(err.Error(), true)
		}
	}
	g.loadProgress()
	g.scene = &TitleScene{}
	return g, nil
}

// Size is the logical screen size.
func (g *Game) Size() (float64, float64) { return g.w, g.h }

// Tick is the game's tick (60 per second); engine commands carry it.
func (g *Game) Tick() int64 { return int64(g.tick) }

// Clock is the time since the game started: real time (Now), or the frame
// count at 60 per second when Now is nil.
func (g *Game) Clock() time.Duration {
	if g.Now == nil {
		return time.Duration(g.tick) * time.Second / 60
	}
	return g.Now().Sub(g.epoch)
}

// Play opens a level's design scene, or says in the game why it cannot.
func (g *Game) Play(l *Level) {
	if l == nil {
		g.Notify("That level is missing from this build of the game", true)
		return
	}
	s, err := NewDesignScene(g, l)
	if err != nil {
		g.Notify("Cannot open the level: "+firstLine(err), true)
		return
	}
	g.Goto(s)
}

// Goto switches scenes at the end of this tick.
func (g *Game) Goto(s Scene) { g.next = s }

// Scene is the current scene.
func (g *Game) Scene() Scene {
	if g.next != nil {
		return g.next
	}
	return g.scene
}

// SkipUnchangedFrames leaves the screen as it is when nothing changed since
// the last frame. The main program turns it on together with
// ebiten.SetScreenClearedEveryFrame(false); tests draw every frame.
var SkipUnchangedFrames = false

// toastFor is how long a message stays on screen (real time, see Clock).
const toastFor = 5 * time.Second

// Notify shows a message at the bottom of the screen for a few seconds.
func (g *Game) Notify(msg string, bad bool) {
	g.toast, g.toastBad, g.toastOn, g.toastEnd = msg, bad, true, g.Clock()+toastFor
	g.dirty = true
}

// Toast is the message shown now, if any.
func (g *Game) Toast() (string, bool) {
	if !g.toastOn {
		return "", false
	}
	return g.toast, g.toastBad
}

// HelpShown reports whether the help overlay is open.
func (g *Game) HelpShown() bool { return g.help }

// Unlocked reports whether a level can be played.
func (g *Game) Unlocked(l *Level) bool {
	if g.UnlockAll {
		return true
	}
	return (l.Unlock == "" || g.Progress.Stars[l.Unlock] > 0) && g.LevelLock(l) == ""
}

// progressFile is where the stars of the learner playing now are kept:
// progress/NAME.toml for a learner, progress.toml when nobody is chosen.
// (Profile names are letters, digits, '.', '_' and '-' only.)
func (g *Game) progressFile() string {
	if g.tr != nil && g.tr.prof != nil {
		return "progress/" + g.tr.name + ".toml"
	}
	return "progress.toml"
}

// loadProgress reads the stars of the learner playing now. A file that does
// not parse is reported and kept; play starts from no stars.
func (g *Game) loadProgress() {
	g.Progress = Progress{Stars: map[string]int{}}
	data, err := g.Store.Read(g.progressFile())
	if err != nil {
		return
	}
	if _, err := toml.Decode(string(data), &g.Progress); err != nil {
		g.Progress = Progress{}
		g.Notify(fmt.Sprintf("could not read progress (%v); starting fresh, the file is kept", err), true)
	}
	if g.Progress.Stars == nil {
		g.Progress.Stars = map[string]int{}
	}
}

// RecordStars keeps the best score of a level and saves progress.
func (g *Game) RecordStars(id string, stars int) {
	if stars <= g.Progress.Stars[id] {
		return
	}
	g.Progress.Stars[id] = stars
	var b strings.Builder
	b.WriteString("# House Design Game progress: best stars per level.\n[stars]\n")
	for _, l := range g.Levels {
		if s, ok := g.Progress.Stars[l.ID]; ok {
			fmt.Fprintf(&b, "%q = %d\n", l.ID, s)
		}
	}
	if err := g.Store.Write(g.progressFile(), []byte(b.String())); err != nil {
		g.Notify("could not save progress: "+err.Error(), true)
	}
}

// Step runs one tick with the given input (used by tests and by Update).
func (g *Game) Step(in Frame) error {
	g.tick++
	g.pollClass()
	if g.toastOn && g.Clock() >= g.toastEnd {
		g.toastOn, g.dirty = false, true
	}
	if !sameInput(in, g.last) || len(in.Intents) > 0 || in.Wheel != 0 {
		g.dirty = true
	}
	g.last = in
	if a, ok := g.scene.(interface{ Animating() bool }); ok && a.Animating() {
		g.dirty = true
	}
	in = g.typingFilter(in)
	if in.Has(IntentHelp) {
		g.help = !g.help
		return nil
	}
	if g.help {
		if in.Has(IntentBack) || in.Pressed.Left || in.Has(IntentConfirm) {
			g.help = false
		}
		return nil
	}
	if err := g.scene.Update(g, in); err != nil {
		return err
	}
	if g.next != nil {
		g.scene, g.next = g.next, nil
		g.dirty = true
	}
	return nil
}

// overlaySig is what, when it changes, makes the next frame a full redraw.
type overlaySig struct {
	scene       Scene
	toast       bool
	msg         string
	help        bool
	w, h, scale float64
}

// PartialOK reports whether the screen still holds the last frame with the
// same scene and overlays, so a scene may leave unchanged regions alone.
func (g *Game) PartialOK() bool { return g.partial }

func sameInput(a, b Frame) bool {
	return a.X == b.X && a.Y == b.Y && a.Held == b.Held && a.Pressed == b.Pressed && a.Released == b.Released
}

// Notify and scene changes mark the frame for drawing; so does any input.
// A frame with nothing new is not drawn again: the screen keeps the last
// one (ebiten.SetScreenClearedEveryFrame(false)), which costs nothing.

// Update implements ebiten.Game.
func (g *Game) Update() error {
	if err := g.Step(g.Input.Read(g.scale)); err != nil {
		return err
	}
	if g.AfterUpdate != nil {
		return g.AfterUpdate()
	}
	return nil
}

// Render draws the current frame onto screen and returns the draw calls used.
func (g *Game) Render(screen *ebiten.Image) int {
	if SkipUnchangedFrames && g.drawn && !g.dirty && screen.Bounds().Dx() == g.lastW {
		return 0
	}
	g.dirty, g.drawn, g.lastW = false, true, screen.Bounds().Dx()
	sig := overlaySig{scene: g.scene, toast: g.toastOn, msg: g.toast, help: g.help, w: g.w, h: g.h, scale: g.scale}
	opaque := false
	if o, ok := g.scene.(interface{ Opaque() bool }); ok {
		opaque = o.Opaque()
	}
	// Only a plain opaque scene with no overlay (toast, help) may leave
	// regions as they are: overlays blend, and would pile up.
	g.partial = SkipUnchangedFrames && sig == g.lastSig && opaque && !sig.toast && !sig.help
	g.lastSig = sig
	if g.r.Atlas == nil {
		g.r.Atlas = NewAtlas()
	}
	g.r.Scale = g.scale
	g.r.Begin(screen)
	if !opaque {
		screen.Fill(colBG)
	}
	g.scene.Draw(g, &g.r)
	g.r.Flush()
	if msg, bad := g.Toast(); msg != "" {
		var avoid []button
		if a, ok := g.scene.(toastAvoider); ok {
			avoid = a.toastAvoid(g)
		}
		drawToast(&g.r, g.w, g.h, msg, bad, g.last.X, g.last.Y, avoid)
		g.r.Flush()
	}
	if g.help {
		drawHelp(g, &g.r)
		g.r.Flush()
	}
	return g.r.Calls
}

// Draw implements ebiten.Game.
func (g *Game) Draw(screen *ebiten.Image) {
	calls := g.Render(screen)
	if g.AfterDraw != nil {
		g.AfterDraw(screen, calls)
	}
}

// Layout implements ebiten.Game. The screen is as many device pixels as
// the window has, so text and lines stay sharp on HiDPI displays; the layout
// works in logical pixels (the window size) and the renderer scales.
func (g *Game) Layout(ow, oh int) (int, int) {
	w, h := g.LayoutF(float64(ow), float64(oh))
	return int(w), int(h)
}

// LayoutF implements ebiten.LayoutFer.
func (g *Game) LayoutF(ow, oh float64) (float64, float64) {
	s := 1.0
	if m := ebiten.Monitor(); m != nil {
		s = m.DeviceScaleFactor()
	}
	if s <= 0 {
		s = 1
	}
	g.SetSize(ow, oh, s)
	return math.Ceil(ow * s), math.Ceil(oh * s)
}

// SetSize sets the logical size and the device scale.
func (g *Game) SetSize(w, h, scale float64) {
	w, h = math.Max(w, 640), math.Max(h, 400)
	if w != g.w || h != g.h || scale != g.scale {
		g.dirty = true
	}
	g.w, g.h, g.scale = w, h, scale
}

// Colours of the game.
var (
	colBG       = color.RGBA{0xf4, 0xf1, 0xea, 0xff}
	colPanel    = color.RGBA{0x2b, 0x33, 0x3d, 0xff}
	colPanel2   = color.RGBA{0x38, 0x42, 0x4e, 0xff}
	colPanelHi  = color.RGBA{0x4a, 0x57, 0x66, 0xff}
	colInk      = color.RGBA{0x22, 0x22, 0x22, 0xff}
	colMuted    = color.RGBA{0xb4, 0xbc, 0xc6, 0xff} // secondary text on dark panels
	colMutedInk = color.RGBA{0x5c, 0x63, 0x6c, 0xff} // secondary text on the light background
	colLight    = color.RGBA{0xf2, 0xf2, 0xee, 0xff}
	colAccent   = color.RGBA{0xf0, 0xa0, 0x30, 0xff}
	colGood     = color.RGBA{0x3c, 0xb0, 0x5a, 0xff}
	colBad      = color.RGBA{0xe0, 0x4a, 0x3c, 0xff}
	colGrid     = color.RGBA{0xd8, 0xd2, 0xc4, 0xff}
	colSite     = color.RGBA{0xe6, 0xe9, 0xd8, 0xff}
	colFound    = color.RGBA{0xa8, 0xa4, 0x9c, 0xff}
	colFloor    = color.RGBA{0xe8, 0xc8, 0x96, 0xff}
	colWall     = color.RGBA{0x3a, 0x3a, 0x40, 0xff}
	colIntWall  = color.RGBA{0x80, 0x70, 0x60, 0xff}
	colRoof     = color.RGBA{0x9a, 0x4a, 0x3a, 0x30}
	colSolar    = color.RGBA{0x20, 0x3c, 0x80, 0xb0}
	colCore     = color.RGBA{0xbf, 0xd8, 0xe8, 0xff}
	colLoft     = color.RGBA{0x70, 0x90, 0x60, 0x50}
	colShadow   = color.RGBA{0, 0, 0, 0x70}
	colGhostOK  = color.RGBA{0x30, 0xc0, 0x50, 0xa0}
	colGhostBad = color.RGBA{0xe0, 0x30, 0x30, 0xa0}
	// colLockedCard is a locked card's background.
	colLockedCard = color.RGBA{0x5a, 0x5e, 0x64, 0xff}
)

func drawToast(r *Renderer, w, h float64, msg string, bad bool, px, py float64, avoid []button) {
	x, y, tw, _ := toastBox(r, w, h, msg, px, py, avoid)
	c := colPanel
	if bad {
		c = color.RGBA{0x8a, 0x24, 0x1c, 0xf0}
	}
	lines := r.wrapLines(msg, 16, tw-40)
	r.Rect(x, y, tw, float64(len(lines))*21+20, c)
	for i, l := range lines {
		r.Text(l, x+20, y+10+float64(i)*21, 16, colLight, text.AlignStart)
	}
}

// toastBox is where a message goes: centred, no wider than the space
// between the buttons in the bottom corners, near the bottom of the screen.
// A scene's buttons down there (avoid) narrow it to the free space between
// them; when the pointer (with its tooltip) is down there, or no space is
// wide enough, it goes to the top, under the top bar.
func toastBox(r *Renderer, w, h float64, msg string, px, py float64, avoid []button) (x, y, tw, th float64) {
	lo, hi := 20.0, w-20
	place := func() {
		tw = math.Min(r.Measure(msg, 16, false)+40, math.Min(660, hi-lo))
		x = math.Min(math.Max((w-tw)/2, lo), hi-tw)
		th = float64(len(r.wrapLines(msg, 16, tw-40)))*21 + 20
		y = h - th - 56
	}
	place()
	for k := 0; k < 3; k++ { // each pass narrows past the buttons it meets
		narrowed := false
		for _, b := range avoid {
			if b.x < x+tw && b.x+b.w > x && b.y < y+th && b.y+b.h > y {
				if b.x+b.w/2 < w/2 {
					lo = math.Max(lo, b.x+b.w+12)
				} else {
					hi = math.Min(hi, b.x-12)
				}
				narrowed = true
			}
		}
		if !narrowed {
			break
		}
		place()
	}
	covers := func() bool {
		for _, b := range avoid {
			if b.x < x+tw && b.x+b.w > x && b.y < y+th && b.y+b.h > y {
				return true
			}
		}
		return false
	}
	if hi-lo < 320 || py > y-120 && px > x-40 && px < x+tw+40 || covers() {
		lo, hi = 20, w-20
		place()
		bottom := y
		y = topBarH + 60
		if covers() { // the top is taken too (a dialog): below it, at the bottom
			y = bottom
		}
	}
	return x, y, tw, th
}

// toastAvoider is a scene with buttons a message must not cover.
type toastAvoider interface {
	toastAvoid(g *Game) []button
}

func drawHelp(g *Game, r *Renderer) {
	w, h := g.Size()
	r.Rect(0, 0, w, h, color.RGBA{0, 0, 0, 0xa0})
	pw, ph := 820.0, 600.0
	x, y := (w-pw)/2, (h-ph)/2
	r.Rect(x, y, pw, ph, colPanel)
	r.Frame(x, y, pw, ph, 2, colAccent)
	r.Bold("How to play", x+30, y+24, 28, colLight, text.AlignStart)
	rows, footer := designHelp(g)
	if hs, ok := g.scene.(helpScene); ok {
		rows, footer = hs.HelpRows(g)
	}
	for i, row := range rows {
		yy := y + 84 + float64(i)*32
		r.Bold(row[0], x+30, yy, 17, colAccent, text.AlignStart)
		r.Text(row[1], x+210, yy, 17, colLight, text.AlignStart)
	}
	r.Text(footer, x+30, y+ph-70, 15, colMuted, text.AlignStart)
	r.Text("Click or press "+g.Keys.Label(IntentBack)+" to close", x+pw/2, y+ph-38, 15, colLight, text.AlignCenter)
}

// helpScene is a scene with controls of its own for the help overlay.
type helpScene interface {
	HelpRows(g *Game) (rows [][2]string, footer string)
}

// designHelp is the help of the design game (and of scenes without their own).
func designHelp(g *Game) ([][2]string, string) {
	rows := [][2]string{
		{"Pick a module", "Click it in the palette on the left (Tab / Shift+Tab cycle)"},
		{"Place it", "Left click on the plan; drag to lay a run of walls"},
		{"Walls", "Snap to the nearest cell edge under the pointer"},
		{"Rotate", g.Keys.Label(IntentRotate)},
		{"Remove", "Right click, or " + g.Keys.Label(IntentRemove)},
		{"Undo / Redo", g.Keys.Label(IntentUndo) + "  /  " + g.Keys.Label(IntentRedo)},
		{"Pan", "Middle or right drag; keys " + g.Keys.Label(IntentPanLeft) + ", " + g.Keys.Label(IntentPanRight) + ", " + g.Keys.Label(IntentPanUp) + ", " + g.Keys.Label(IntentPanDown)},
		{"Zoom", "Mouse wheel; keys " + g.Keys.First(IntentZoomIn) + " and " + g.Keys.First(IntentZoomOut) + "; fit the site: " + g.Keys.First(IntentFitView)},
		{"3D view", g.Keys.Label(IntentIsoView) + " or the 3D view button: the house in isometric; " + g.Keys.Label(IntentRotate) + " turns it, " + g.Keys.Label(IntentCutaway) + " cuts away the roof and near walls"},
		{"Save / Load", g.Keys.Label(IntentSave) + "  /  " + g.Keys.Label(IntentLoad)},
		{"Export build package", g.Keys.Label(IntentExport)},
		{"Problems", "Click a problem in the list on the right to look at it"},
		{"Back", g.Keys.Label(IntentBack)},
		{"This help", g.Keys.Label(IntentHelp)},
	}
	return rows, "Green ghost: the module fits. Red ghost: it does not, and the reason is shown beside it."
}

// button is a clickable rectangle with a label.
type button struct {
	x, y, w, h float64
	label      string
	enabled    bool
}

func (b button) hover(in Frame) bool {
	return in.X >= b.x && in.X < b.x+b.w && in.Y >= b.y && in.Y < b.y+b.h
}

func (b button) clicked(in Frame) bool { return b.enabled && in.Pressed.Left && b.hover(in) }

func (b button) draw(r *Renderer, hover bool, primary bool) {
	c := colPanel2
	tc := colLight
	switch {
	case !b.enabled:
		c, tc = color.RGBA{0x44, 0x48, 0x50, 0xff}, colMuted
	case primary && hover:
		c = color.RGBA{0xff, 0xb8, 0x50, 0xff}
	case primary:
		c, tc = colAccent, colInk
	case hover:
		c = colPanelHi
	}
	if primary && b.enabled {
		tc = colInk
	}
	r.Rect(b.x, b.y, b.w, b.h, c)
	size := math.Min(18, b.h*0.45)
	r.Bold(b.label, b.x+b.w/2, b.y+(b.h-size*1.25)/2, size, tc, text.AlignCenter)
}

// ErrQuit ends the game from the title screen.
var ErrQuit = errors.New("quit")
