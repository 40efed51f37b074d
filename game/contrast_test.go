package game

import (
	"image/color"
	"math"
	"testing"

	"github.com/opensourceecology/prodos/production/training/profiles"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// contrast is the WCAG 2 contrast ratio of two colours.
func contrast(a, b color.RGBA) float64 {
	lum := func(c color.RGBA) float64 {
		ch := func(v uint8) float64 {
			x := float64(v) / 255
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
	}
	l1, l2 := lum(a), lum(b)
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

// TestSmallTextContrast (11.12): the small text of the challenge cards and
// of the profile panel reads at WCAG AA contrast (4.5:1) on its background.
func TestSmallTextContrast(t *testing.T) {
	g, _ := newTestGame(t)
	require.NoError(t, g.CreateProfile("ana"))
	g.Profile().Awards = append(g.Profile().Awards, profiles.Award{Qualification: "foundation-crew", Evidence: "abc123"})

	cs := &ChallengeSelectScene{}
	cards := cs.Cards(g)
	require.NotEmpty(t, cards)
	for _, q := range drawnTexts(g, cs) {
		for _, c := range cards {
			if q.x < c.x || q.x > c.x+c.w || q.y < c.y || q.y > c.y+c.h {
				continue
			}
			bg := colPanel
			if !c.enabled {
				bg = colLockedCard
			}
			min := 4.5
			if q.size >= 18 {
				min = 3 // large text
			}
			assert.GreaterOrEqual(t, contrast(q.c, bg), min, "challenge card %q: %q", c.label, q.s)
		}
	}
	w, h := g.Size()
	for _, q := range drawnTexts(g, &ProfileScene{}) {
		if q.x < 490 || q.x > w-40 || q.y < 110 || q.y > h-100 {
			continue
		}
		assert.GreaterOrEqual(t, contrast(q.c, colPanel), 4.5, "profile panel: %q", q.s)
	}
}
