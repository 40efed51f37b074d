package game

// HelpRows are the controls of a challenge, for the help overlay (F1). The
// clock does not run while help is open.
func (s *ChallengeScene) HelpRows(g *Game) ([][2]string, string) {
	rows := [][2]string{
		{"Start", "Read the briefing, then Start the clock (or " + g.Keys.Label(IntentConfirm) + ")"},
		{"Build", "Click the parts in the order they go up"},
		{"Names", "Hover a part to see what it is"},
		{"Wrong pick", "Costs the level's penalty; the left panel says what it waits for"},
		{"Colours", "White: to build; own colour: built; red: wrong; orange: wait for"},
		{"Crew", "Crew levels: click a person on the right, then a part for them"},
		{"Parts bin", "Challenges 1-3: parts carry no ids and some do not belong; a stray part costs the penalty and says why"},
		{"Give up", g.Keys.Label(IntentBack) + " or < Challenges (the attempt is still recorded)"},
		{"This help", g.Keys.Label(IntentHelp) + " (the clock waits while it is open)"},
	}
	return rows, "Score: finishing, plus time left, plus crew use, minus mistakes. One star passes."
}
