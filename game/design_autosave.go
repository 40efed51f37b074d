package game

import (
	"errors"
	"image/color"
	"time"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/opensourceecology/prodos/designs"
)

// Autosave: the design in progress is kept per level and per learner
// (designs/NAME/LEVEL.toml for a learner, designs/LEVEL.toml for a guest;
// files on the desktop, browser storage in the wasm build), written a
// moment after each change and whenever the player leaves the level, so
// reopening it continues where they left off. "Start over" clears it.

// autosaveDelay is how long after the last change the design is saved by
// itself (real time on the game's Clock).
const autosaveDelay = 750 * time.Millisecond

// designFile is where the design of level id is kept for the learner
// playing now.
func (g *Game) designFile(id string) string {
	if g.tr != nil && g.tr.prof != nil {
		return "designs/" + g.tr.name + "/" + id + ".toml"
	}
	return "designs/" + id + ".toml"
}

// autosave writes the design if it changed since it was last written.
func (s *DesignScene) autosave(g *Game) {
	if s.gen == s.savedGen {
		return
	}
	d := *s.board.Design()
	if d.Name == "" {
		d.Name = s.level.Title
	}
	d.Packs = g.Cat.PacksUsedBy(&d) // a module from a pack: the file names the pack
	if err := g.Store.Write(s.saveName, d.Marshal()); err != nil {
		g.Notify("Your design could not be saved: "+err.Error(), true)
	}
	s.savedGen = s.gen // tried once per change: a failing store is not retried every frame
}

// autosaveTick saves a moment after the last change.
func (s *DesignScene) autosaveTick(g *Game, changed bool) {
	if changed {
		s.changedAt = g.Clock()
	}
	if s.gen != s.savedGen && g.Clock()-s.changedAt >= autosaveDelay {
		s.autosave(g)
	}
}

// leave saves the design and goes to scene next.
func (s *DesignScene) leave(g *Game, next Scene) {
	s.autosave(g)
	g.Goto(next)
}

// startOver puts the level back to its start and saves that.
func (s *DesignScene) startOver(g *Game) {
	if err := s.LoadDesign(g, nil); err != nil {
		g.Notify("Could not start over: "+firstLine(err), true)
		return
	}
	s.savedGen = s.gen - 1 // the start is saved now, over the old design
	s.autosave(g)
	g.Notify("Started over: the level is as it was at the start", false)
}

// StartOverScene asks before a level's design is cleared.
type StartOverScene struct {
	design *DesignScene
	in     Frame
}

func (s *StartOverScene) buttons(g *Game) []action {
	w, h := g.Size()
	y := h/2 + 40
	return []action{
		{button{w/2 - 230, y, 220, 50, "Start over", true}, IntentNone, func() {
			s.design.startOver(g)
			g.Goto(s.design)
		}},
		{button{w/2 + 10, y, 220, 50, "Keep my design", true}, IntentBack, func() { g.Goto(s.design) }},
	}
}

// Update implements Scene.
func (s *StartOverScene) Update(g *Game, in Frame) error {
	s.in = in
	runAction(in, s.buttons(g))
	return nil
}

// Draw implements Scene.
func (s *StartOverScene) Draw(g *Game, r *Renderer) {
	s.design.Draw(g, r)
	r.Flush()
	w, h := g.Size()
	r.Rect(0, 0, w, h, color.RGBA{0, 0, 0, 0x90})
	pw, ph := 560.0, 220.0
	x, y := (w-pw)/2, h/2-130
	r.Rect(x, y, pw, ph, colPanel)
	r.Frame(x, y, pw, ph, 3, colAccent)
	r.Bold("Start this level over?", w/2, y+22, 26, colLight, text.AlignCenter)
	r.Wrap("Your design for \""+s.design.level.Title+"\" will be cleared. Stars you have earned are kept.", x+30, y+70, 16, pw-60, colLight)
	for i, b := range s.buttons(g) {
		b.draw(r, b.hover(s.in), i == 0)
	}
}

// topButtonW is the width of a top-bar button.
func topButtonW(label string) float64 {
	if label == "Start over" {
		return 96
	}
	return 66
}

// save writes the design now (Ctrl+S), saying where.
func (s *DesignScene) save(g *Game) {
	d := *s.board.Design()
	if d.Name == "" {
		d.Name = s.level.Title
	}
	d.Packs = g.Cat.PacksUsedBy(&d) // a module from a pack: the file names the pack
	if err := g.Store.Write(s.saveName, d.Marshal()); err != nil {
		g.Notify("Not saved, your previous save is kept: "+err.Error(), true)
		return
	}
	s.savedGen = s.gen
	g.Notify("Saved to "+g.Store.Where(s.saveName), false)
}

func (s *DesignScene) load(g *Game) bool {
	data, err := g.Store.Read(s.saveName)
	if errors.Is(err, ErrNotSaved) {
		g.Notify("Nothing saved for this level yet: press "+g.Keys.Label(IntentSave)+" to save", false)
		return false
	}
	if err != nil {
		g.Notify("Could not load: "+err.Error(), true)
		return false
	}
	d, err := designs.ParseDesign(g.Store.Where(s.saveName), data, g.Cat)
	var b *EngineBoard
	if err == nil {
		b, err = s.level.NewBoard(g.Cat, d, g.Tick)
	}
	if err != nil {
		g.Notify("Could not load, your design is unchanged: "+firstLine(err), true)
		return false
	}
	s.board = b
	s.tool.History.Reset()
	g.Notify("Loaded "+g.Store.Where(s.saveName), false)
	return true
}
