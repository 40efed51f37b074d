package game

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The help overlay shows the controls of the scene it opens over.
func TestHelpFollowsTheScene(t *testing.T) {
	g, _ := newTestGame(t)
	design, _ := designHelp(g)
	var s Scene = &ChallengeScene{}
	hs, ok := s.(helpScene)
	assert.True(t, ok, "a challenge has help of its own")
	rows, footer := hs.HelpRows(g)
	assert.NotEqual(t, design, rows)
	assert.Contains(t, rows[1][1], "Click the parts in the order")
	assert.Contains(t, footer, "One star passes")
	assert.Equal(t, "Pick a module", design[0][0])
}
