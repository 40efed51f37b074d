package game

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func drawnJoined(g *Game, s Scene) string {
	var all []string
	for _, q := range drawnTexts(g, s) {
		all = append(all, q.s)
	}
	return strings.Join(all, " | ")
}

// TestGuestStarsNamesAndWhoIsPlaying (issue 11.9): the title and the level
// select say who is playing; a name with a space is refused with the
// reason, not squashed; a new learner is offered the stars (and designs)
// earned as a guest, and gets them when they accept.
func TestGuestStarsNamesAndWhoIsPlaying(t *testing.T) {
	g, store := newTestGame(t)
	d := driver{t, g}
	assert.Contains(t, drawnJoined(g, &TitleScene{}), "Playing as a guest")
	assert.Contains(t, drawnJoined(g, &SelectScene{}), "Playing as a guest")
	g.RecordStars("shed", 2)
	store["designs/cabin.toml"] = []byte("not read here")

	require.NoError(t, g.OpenScene(&ProfileScene{}))
	ps := g.Scene().(*ProfileScene)
	d.typeText("Two Words")
	assert.Contains(t, ps.err, "space", "the refused space is explained")
	assert.Contains(t, drawnJoined(g, ps), "space")
	shot(t, g, "profiles-name-refused")
	d.step(Frame{Text: TextInput{Backspace: true}})
	for range "TwoWord" {
		d.step(Frame{Text: TextInput{Backspace: true}})
	}
	require.Equal(t, "", ps.Field())
	d.typeText("ana")
	d.intent(IntentConfirm)
	require.NotNil(t, g.Profile())
	assert.Equal(t, "ana", g.Profile().Name)
	assert.Equal(t, 0, g.Progress.Stars["shed"], "nothing is carried over unasked")
	offer := ps.offerButtons(g)
	require.Len(t, offer, 2, "ana is offered the guest's stars")
	assert.Contains(t, drawnJoined(g, ps), "2 stars")
	shot(t, g, "profiles-guest-offer")
	d.click(offer[0].x+5, offer[0].y+5)
	assert.Equal(t, 2, g.Progress.Stars["shed"])
	assert.Contains(t, string(store["progress/ana.toml"]), `"shed" = 2`)
	assert.Equal(t, "not read here", string(store["designs/ana/cabin.toml"]), "the guest's designs come too")
	assert.Empty(t, ps.offerButtons(g), "the offer is gone once taken")

	assert.Contains(t, drawnJoined(g, &TitleScene{}), "Playing as ana")
	assert.Contains(t, drawnJoined(g, &SelectScene{}), "Playing as ana")
}
