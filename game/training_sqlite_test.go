//go:build !js

package game

import (
	"path/filepath"
	"testing"

	"github.com/opensourceecology/prodos/engine/training"
	profilestore "github.com/opensourceecology/prodos/production/training/profiles/sqlitestore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSQLiteProfiles plays through the desktop store: a learner made in the
// game, a challenge passed by clicks, and the award read back from the
// database file after the game is gone (as `prodos profile show` reads it).
func TestSQLiteProfiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "profiles.db")
	st, err := profilestore.Open(path)
	require.NoError(t, err)
	g, store := newTestGame(t)
	g.UseProfiles(st, path)
	d := driver{t, g}
	require.NoError(t, g.CreateProfile("fay"))
	s, err := g.OpenChallenge("c01-groundwork", true)
	require.NoError(t, err)
	for _, i := range s.level.Graph().Order() {
		d.pick(s.level.Graph().Tasks[i].ID)
	}
	require.True(t, s.Ended())
	require.Len(t, s.Awards(), 1)
	require.NoError(t, st.Close())

	st2, err := profilestore.Open(path)
	require.NoError(t, err)
	defer st2.Close()
	p, err := st2.Get(t.Context(), "fay")
	require.NoError(t, err)
	aw, ok := p.Award("foundation-crew")
	require.True(t, ok)
	assert.Equal(t, training.ReplayHash(s.replay), aw.Evidence)

	// A new game on the same stores picks the learner up again.
	g2, err := New(g.Cat, store)
	require.NoError(t, err)
	g2.UseProfiles(st2, path)
	require.NotNil(t, g2.Profile())
	assert.True(t, g2.Profile().Holds()["foundation-crew"])
	assert.Equal(t, "", g2.LevelLock(LevelByID(g2.Levels, "cabin")))
}
