package game

import (
	"unicode"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

// TextInput is what was typed in one tick, for text fields (a learner's
// name): the characters, and whether Backspace was pressed (or repeats).
type TextInput struct {
	Chars     []rune
	Backspace bool
}

// readText reads typed characters from ebiten.
func readText(f *Frame) {
	f.Text.Chars = ebiten.AppendInputChars(f.Text.Chars[:0])
	d := inpututil.KeyPressDuration(ebiten.KeyBackspace)
	f.Text.Backspace = d == 1 || d > 30 && d%4 == 0
}

// typingFilter keeps the keys of a text field from acting as controls:
// while the scene has a text field in focus, only back, confirm and help
// pass, and not even those in a tick that typed a character (Space and H
// are also characters).
func (g *Game) typingFilter(in Frame) Frame {
	t, ok := g.scene.(interface{ Typing() bool })
	if !ok || !t.Typing() {
		return in
	}
	out := map[Intent]bool{}
	if len(in.Text.Chars) == 0 {
		for _, k := range []Intent{IntentBack, IntentConfirm, IntentHelp} {
			if in.Intents[k] {
				out[k] = true
			}
		}
	}
	in.Intents = out
	return in
}

// textField is a one-line text box.
type textField struct {
	text  string
	max   int
	allow func(r rune) bool
}

// update applies typed text; it reports whether the text changed, and the
// first character refused (0 for none), so the scene can say why.
func (f *textField) update(in TextInput) (changed bool, refused rune) {
	for _, r := range in.Chars {
		if len([]rune(f.text)) >= f.max {
			continue
		}
		if !f.allow(r) {
			if refused == 0 {
				refused = r
			}
			continue
		}
		f.text += string(r)
		changed = true
	}
	if in.Backspace && f.text != "" {
		rs := []rune(f.text)
		f.text = string(rs[:len(rs)-1])
		changed = true
	}
	return changed, refused
}

// nameRune is a character allowed in a learner's name (see profiles.CheckName).
func nameRune(r rune) bool {
	return r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' || r == '-')
}
