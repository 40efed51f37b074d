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
