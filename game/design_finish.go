package game

import (
	"fmt"
	"image/color"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// resultsDelay is how long the player sees the finished house, with a
// banner, before the results dialog opens by itself: real time on the
// game's Clock, so a slow browser at a few frames a second waits as long.
const resultsDelay = 2 * time.Second

// finish records the stars when the level is newly complete and, after a
// moment to look at the house, shows the results; asked (the Finish level
// button) shows them at once.
func (s *DesignScene) finish(g *Game, asked bool) {
	if s.level.Sandbox || !s.result.Complete {
		return
	}
	if asked {
		s.bestShown = max(s.bestShown, s.result.Stars)
		g.RecordStars(s.level.ID, s.result.Stars)
		s.submitJS(g)
		s.showResults(g)
		return
	}
	if s.result.Stars > s.bestShown {
		s.bestShown = s.result.Stars
		g.RecordStars(s.level.ID, s.result.Stars)
		s.submitJS(g)
		s.resultsDue, s.resultsAt = true, g.Clock()+resultsDelay
	}
}

// pendingResults opens the results when their moment comes (or on Enter);
// it reports whether it did.
func (s *DesignScene) pendingResults(g *Game, in Frame) bool {
	if !s.resultsDue || g.Clock() < s.resultsAt && !in.Has(IntentConfirm) {
		return false
	}
	s.showResults(g)
	return true
}

// showResults goes to the results, leaving no ghost behind to draw under them.
func (s *DesignScene) showResults(g *Game) {
	s.resultsDue = false
	s.ghost = nil
	s.leave(g, &ResultsScene{design: s, res: s.result})
}

// Animating keeps frames coming while the results are on their way.
func (s *DesignScene) Animating() bool { return s.resultsDue }

// ghostShown reports whether the ghost (and its tooltip) is drawn: not
// over the piece just placed until the pointer moves to another slot, and
// not while the player looks at the finished house.
func (s *DesignScene) ghostShown() bool {
	return s.ghost != nil && *s.ghost != s.hideKey && !s.resultsDue
}

// drawBanner draws the "Level complete" banner over the top of the plan
// while the results are on their way.
func (s *DesignScene) drawBanner(g *Game, r *Renderer) {
	if !s.resultsDue {
		return
	}
	px, _, pw, _ := s.planRect(g)
	msg := fmt.Sprintf("Level complete: %s! Have a look at your house. Results in a moment (Enter: now)", plural(s.result.Stars, "star"))
	tw := r.Measure(msg, 16, true) + 40
	x := px + (pw-tw)/2
	r.Rect(x, topBarH+12, tw, 36, color.RGBA{0x22, 0x7a, 0x3c, 0xf0})
	r.Bold(msg, px+pw/2, topBarH+21, 16, colLight, text.AlignCenter)
}

// lowerFirst lowers a module name's first letter for use inside a sentence
// ("the exterior wall 4x8").
func lowerFirst(s string) string {
	c, n := utf8.DecodeRuneInString(s)
	if n == 0 || strings.ToUpper(s) == s {
		return s
	}
	return string(unicode.ToLower(c)) + s[n:]
}
