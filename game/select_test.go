package game

import (
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// drawnTexts draws scene s once and returns the lines of text it queued.
func drawnTexts(g *Game, s Scene) []queuedText {
	w, h := g.Size()
	img := ebiten.NewImage(int(w), int(h))
	defer img.Deallocate()
	var out []queuedText
	r := &Renderer{Fonts: g.r.Fonts, Atlas: NewAtlas(), Scale: 1, record: &out}
	r.Begin(img)
	s.Draw(g, r)
	r.Flush()
	return out
}

// TestLevelCardsWrapTitlesAndLockTexts: a learner new to the game sees
// every level card's title and lock text whole, wrapped inside the card,
// never cut mid-line or run past the card's edge (issue 11.6).
func TestLevelCardsWrapTitlesAndLockTexts(t *testing.T) {
	g, _ := newTestGame(t)
	require.NoError(t, g.CreateProfile("ana"))
	s := &SelectScene{}
	cards := s.cards(g)
	texts := drawnTexts(g, s)
	for i, c := range cards {
		l := g.Levels[i]
		var in []string
		for _, q := range texts {
			if q.x < c.x || q.x >= c.x+c.w || q.y < c.y || q.y >= c.y+c.h {
				continue
			}
			in = append(in, q.s)
			right := q.x + g.r.Measure(q.s, q.size, q.bold)
			if q.align == text.AlignEnd {
				right = q.x
			}
			assert.LessOrEqual(t, right, c.x+c.w-8, "%s: %q runs past the card's right edge", l.ID, q.s)
			assert.LessOrEqual(t, q.y+q.size*1.25, c.y+c.h-4, "%s: %q runs past the card's bottom", l.ID, q.s)
			if q.bold {
				assert.False(t, strings.HasSuffix(q.s, "…"), "%s: title cut: %q", l.ID, q.s)
			}
		}
		all := strings.Join(in, " ")
		assert.Contains(t, all, lastWord(l.Title), "%s: the whole title is shown", l.ID)
		if !c.enabled {
			lock := g.levelLockText(l)
			require.NotEmpty(t, lock)
			assert.Contains(t, all, lastWord(lock), "%s: the whole lock text is shown, got %q", l.ID, all)
			assert.NotContains(t, all, "…", "%s: lock text cut", l.ID)
		}
	}
}

func lastWord(s string) string {
	f := strings.Fields(s)
	return f[len(f)-1]
}
