package game

// action is a button with what it does. A click on it, or a press of its
// key (when key is set, and only while the button is enabled), runs do.
// Scenes dispatch on their actions, never on a button's position.
type action struct {
	button
	key Intent
	do  func()
}

// runAction runs the first action, in order, whose button is clicked or
// whose key is pressed; it reports whether one ran.
func runAction(in Frame, acts []action) bool {
	for _, a := range acts {
		if a.clicked(in) || a.key != IntentNone && a.enabled && in.Has(a.key) {
			a.do()
			return true
		}
	}
	return false
}

// plainButtons are the buttons of acts, without what they do.
func plainButtons(acts []action) []button {
	out := make([]button, len(acts))
	for i, a := range acts {
		out[i] = a.button
	}
	return out
}
