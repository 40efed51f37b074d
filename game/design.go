package game

import (
	"errors"
	"fmt"
	"image"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/game/designtool"
)

// Panel sizes of the design scene, logical pixels.
const (
	topBarH  = 52.0
	paletteW = 250.0
	hudW     = 310.0
)

// Camera maps plan cells to the screen (the design tool's camera).
type Camera = designtool.Camera

// DesignScene is where a level is played (and the sandbox).
type DesignScene struct {
	level  *Level
	board  *EngineBoard
	cam    Camera
	tool   designtool.Tool // selection, rotation, drag run, undo groups
	scroll float64

	in        Frame
	ghost     *designs.Placement
	check     Check
	panning   bool
	rightFrom [2]float64
	rightPan  bool
	bestShown int
	result    Result
	fitted    bool
	saveName  string
	px, py    float64

	gen          int // bumped on every change to the board
	planImg      *ebiten.Image
	planKey      planKey
	planOrigin   Camera
	planBack     *ebiten.Image // the other half of a scroll (scrollPlan)
	planScrolls  int
	blit         planBlit          // what the plan on screen was drawn from
	overBoxes    []image.Rectangle // drawn over the plan last frame (device pixels)
	planRestores int
	directKey    planKey // what the plan last drawn straight to the screen showed
	planStale    bool
	lastZoom     float64
	planHits     int

	panels    [numPanels]panelLayer // palette, HUD and top bar (design_panels.go)
	panelsImg *ebiten.Image         // the panels' layers are parts of it
	hudK      hudKey
	checkKey  designs.Placement

	palRows   []paletteRow // paletteRows for palScroll
	palScroll float64
	checkGen  int

	// partial redraws: what this frame drew outside the plan
	outside, planDirect, tooltipOut, tooltipWasOut bool
	hudPY                                          float64

	lock func(id string) string // earned access: why a module is locked ("" = open), access.go

	savedGen  int           // autosave: gen last written (design_autosave.go)
	changedAt time.Duration // autosave: Clock at the last change

	resultsDue bool              // the results open at resultsAt, after a look at the finished house (design_finish.go)
	resultsAt  time.Duration     // on the game's Clock
	picked     bool              // a module has been picked: the "Start here" callout is done
	startN     int               // modules in the level's starting design (startHere)
	hideKey    designs.Placement // the slot just placed: no ghost over it until the pointer moves
	iso        isoView           // the isometric view (iso_view.go)
}

// NewDesignScene opens a level, continuing the player's saved design when
// there is one.
func NewDesignScene(g *Game, l *Level) (*DesignScene, error) {
	s := &DesignScene{level: l, saveName: g.designFile(l.ID), lock: g.paletteLock(l)}
	b, err := l.NewBoard(g.Cat, nil, g.Tick)
	if err != nil {
		return nil, err
	}
	s.board = b
	s.startN = len(b.Design().Placements)
	s.bestShown = g.Progress.Stars[l.ID]
	if data, err := g.Store.Read(s.saveName); err == nil {
		d, err := designs.ParseDesign(g.Store.Where(s.saveName), data, g.Cat)
		if err == nil {
			var sb *EngineBoard
			if sb, err = l.NewBoard(g.Cat, d, g.Tick); err == nil {
				s.board = sb
				g.Notify("Welcome back: your design is as you left it. \"Start over\" (top bar) clears it.", false)
			}
		}
		if err != nil {
			g.Notify(fmt.Sprintf("Your saved design could not be read, so the level starts fresh (the file is kept): %s", firstLine(err)), true)
		}
	} else if !errors.Is(err, ErrNotSaved) {
		g.Notify("Could not open your save: "+err.Error(), true)
	}
	s.result = l.Evaluate(s.board)
	s.Fit(g) // in view from the first frame: Draw changes no state
	return s, nil
}

// LoadDesign replaces the design on the board (screenshot, bench and load).
func (s *DesignScene) LoadDesign(g *Game, d *designs.Design) error {
	b, err := s.level.NewBoard(g.Cat, d, g.Tick)
	if err != nil {
		return err
	}
	s.board = b
	s.tool.History.Reset()
	s.gen++
	s.savedGen = s.gen // a design loaded to look at replaces the player's save only once they change it
	s.fitted = false   // fitted again by the next Update, in the window's size then
	s.Fit(g)           // and now, for a Draw before that
	s.result = s.level.Evaluate(s.board)
	return nil
}

// Board is the scene's design state.
func (s *DesignScene) Board() Board { return s.board }

// Result is the level's current evaluation.
func (s *DesignScene) Result() Result { return s.result }

// Camera is the current view.
func (s *DesignScene) Camera() Camera { return s.cam }

// Selected is the selected module id.
func (s *DesignScene) Selected() string { return s.tool.Selected }

func firstLine(err error) string {
	m := err.Error()
	if i := strings.IndexByte(m, '\n'); i >= 0 {
		return m[:i] + " (and more)"
	}
	return m
}

// offered reports whether the level lets the player use a module.
func (s *DesignScene) offered(id string) bool {
	if s.lock != nil && s.lock(id) != "" {
		return false
	}
	if s.level.Sandbox || len(s.level.Palette) == 0 {
		return true
	}
	for _, p := range s.level.Palette {
		if p == id {
			return true
		}
	}
	return false
}

// Opaque reports that the scene covers the whole screen (no clear needed).
func (s *DesignScene) Opaque() bool { return true }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
