package game

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/training/profiles"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProfileShowsPermissionStanding: the profile screen shows each
// permission with its standing under the contribution gate, as `prodos
// profile show` does: a crew lead with no verified contribution for 200
// days sees the permission lapsed, since when, and what renews it.
func TestProfileShowsPermissionStanding(t *testing.T) {
	g, _ := newTestGame(t)
	ctx := context.Background()
	st := profiles.NewMemStore()
	earned := time.Now().UTC().AddDate(0, 0, -200)
	_, err := st.Create(ctx, "cy", earned)
	require.NoError(t, err)
	require.NoError(t, st.Record(ctx, "cy", profiles.Attempt{Challenge: "c09-crew-cabin", Score: 1400, Passed: true, ReplayHash: "sha256:x", At: earned},
		[]profiles.Award{{Qualification: "crew-lead", At: earned, Evidence: "sha256:x"}}))
	g.UseProfiles(st, "memory")
	require.NoError(t, g.SelectProfile("cy"))
	var all []string
	for _, q := range drawnTexts(g, &ProfileScene{}) {
		all = append(all, q.s)
	}
	text := strings.Join(all, " ")
	assert.Contains(t, text, "Permission lead-build-crew: lapsed since "+earned.AddDate(0, 0, 180).Format(time.DateOnly))
	assert.Contains(t, text, "renewed by a verified")
	g.Goto(&ProfileScene{})
	driver{t, g}.step(Frame{})
	shot(t, g, "training-permissions")
}

// TestGuestEarnsNothing: a guest (no learner chosen) holds no
// qualification, so what a qualification unlocks stays locked (the lock
// says to choose a learner), challenges wait for a learner, and an attempt
// is never recorded or awarded.
func TestGuestEarnsNothing(t *testing.T) {
	g, _ := newTestGame(t)
	require.Nil(t, g.Profile())
	set, _ := g.Training()
	assert.Equal(t, "choose a learner first", g.ChallengeLock(set.Levels[0]))
	awards, err := g.SubmitAttempt(training.Replay(training.AutoPlay(set.Level("c01-groundwork"), 20)))
	assert.ErrorContains(t, err, "no learner chosen: the attempt is not recorded")
	assert.Empty(t, awards)
	sandbox := LevelByID(g.Levels, "sandbox")
	require.NotNil(t, sandbox)
	assert.Contains(t, g.ModuleLock(sandbox, "wall-ext-4x8"), "Wall framer qualification")
	assert.Contains(t, g.ModuleLock(sandbox, "wall-ext-4x8"), "guests earn nothing, choose or add a learner")
	assert.True(t, g.Unlocked(LevelByID(g.Levels, "shed")), "a level no qualification locks is open to a guest")
}
