package game

// topBar acts on a click on the design scene's top bar: it leaves, opens a
// dialog or the help (done), or turns the click into the intent of its
// button for the rest of Update.
func (s *DesignScene) topBar(g *Game, in Frame) (Frame, bool) {
	for _, b := range s.topButtons(g) {
		if !b.clicked(in) {
			continue
		}
		switch b.label {
		case "< Levels":
			s.leave(g, &SelectScene{})
			return in, true
		case "Start over":
			g.Goto(&StartOverScene{design: s})
			return in, true
		case "Undo":
			in.Intents = map[Intent]bool{IntentUndo: true}
		case "Redo":
			in.Intents = map[Intent]bool{IntentRedo: true}
		case "Save":
			in.Intents = map[Intent]bool{IntentSave: true}
		case "Load":
			in.Intents = map[Intent]bool{IntentLoad: true}
		case "Export":
			in.Intents = map[Intent]bool{IntentExport: true}
		case "Help":
			g.help = true
			return in, true
		case "Finish level":
			s.finish(g, true)
			return in, true
		}
		in.Pressed.Left = false
	}
	return in, false
}

// topButtons are the top bar's buttons, left to right.
func (s *DesignScene) topButtons(g *Game) []button {
	w, _ := g.Size()
	b := []button{{10, 8, 100, 36, "< Levels", true}}
	labels := []string{"Start over", "Undo", "Redo", "Save", "Load", "Export", "Help"}
	x := w - hudW - 10
	for _, l := range labels {
		x -= topButtonW(l) + 6
	}
	for _, l := range labels {
		b = append(b, button{x, 8, topButtonW(l), 36, l, true})
		x += topButtonW(l) + 6
	}
	b = append(b, button{w - hudW + 10, 8, hudW - 20, 36, "Finish level", s.result.Complete && !s.level.Sandbox})
	return b
}
