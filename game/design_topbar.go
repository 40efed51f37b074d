package game

// topButton is a top-bar button with what it does: either an intent, acted
// on as if its key were pressed (undo, redo, save, load, export), or an
// action done at once (leave, start over, help, finish).
type topButton struct {
	button
	intent Intent
	run    func(s *DesignScene, g *Game)
}

// topMiddle are the buttons left of the HUD, in order.
var topMiddle = []struct {
	label  string
	intent Intent
	run    func(s *DesignScene, g *Game)
}{
	{"Start over", IntentNone, func(s *DesignScene, g *Game) { g.Goto(&StartOverScene{design: s}) }},
	{"Undo", IntentUndo, nil},
	{"Redo", IntentRedo, nil},
	{"Save", IntentSave, nil},
	{"Load", IntentLoad, nil},
	{"Export", IntentExport, nil},
	{"3D view", IntentIsoView, nil},
	{"Publish", IntentNone, func(s *DesignScene, g *Game) { s.publishToCommons(g) }},
	{"Help", IntentNone, func(s *DesignScene, g *Game) { g.help = true }},
}

// topBar acts on a click on the design scene's top bar: it leaves, opens a
// dialog or the help (done), or turns the click into the intent of its
// button for the rest of Update.
func (s *DesignScene) topBar(g *Game, in Frame) (Frame, bool) {
	for _, b := range s.topButtons(g) {
		if !b.clicked(in) {
			continue
		}
		if b.run != nil {
			b.run(s, g)
			return in, true
		}
		in.Intents = map[Intent]bool{b.intent: true}
		in.Pressed.Left = false
	}
	return in, false
}

// topButtons are the top bar's buttons, left to right.
func (s *DesignScene) topButtons(g *Game) []topButton {
	w, _ := g.Size()
	b := []topButton{{button: button{10, 8, 100, 36, "< Levels", true},
		run: func(s *DesignScene, g *Game) { s.leave(g, &SelectScene{}) }}}
	x := w - hudW - 10
	for _, t := range topMiddle {
		x -= topButtonW(t.label) + 6
	}
	for _, t := range topMiddle {
		b = append(b, topButton{button{x, 8, topButtonW(t.label), 36, t.label, true}, t.intent, t.run})
		x += topButtonW(t.label) + 6
	}
	return append(b, topButton{button: button{w - hudW + 10, 8, hudW - 20, 36, "Finish level", s.result.Complete && !s.level.Sandbox},
		run: func(s *DesignScene, g *Game) { s.finish(g, true) }})
}
