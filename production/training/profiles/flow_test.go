package profiles_test

import (
	"context"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/training/profiles"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFirstChallengeUnlocksADesignLevel is the trainee's path without a
// window: pick a profile, play challenge 1 by picks (one wrong), submit,
// see the qualification and the design level it unlocks.
func TestFirstChallengeUnlocksADesignLevel(t *testing.T) {
	ctx := context.Background()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	set, err := levels.Challenges(cat)
	require.NoError(t, err)
	q, err := levels.Qualifications(set)
	require.NoError(t, err)
	st := profiles.NewMemStore()
	for _, n := range []string{"al", "bo"} {
		_, err := st.Create(ctx, n, time.Unix(0, 0))
		require.NoError(t, err)
	}
	p, err := st.Get(ctx, "al")
	require.NoError(t, err)
	assert.Contains(t, q.LockReason(p.Holds(), training.UnlockLevel, "cabin"), "Foundation crew")

	issued := time.Unix(0, 0)
	tk, err := profiles.StartAttempt(ctx, st, set, "al", "c01-groundwork", issued)
	require.NoError(t, err)
	s := training.NewSession(set.Level("c01-groundwork"))
	for _, pick := range []string{"F1", "FL1", "F2", "F3", "F4", "FL1", "FL2"} {
		s.AdvanceTo(s.Tick() + 45)
		s.Pick(pick)
	}
	require.Equal(t, training.Won, s.Status())
	assert.Equal(t, 1, s.Mistakes())
	data := training.ReplayAttempt(s, training.Attempt{ID: tk.ID, Learner: "al", Started: issued, Ended: issued.Add(training.TicksTime(s.Tick()))})
	v, err := training.VerifyReplay("attempt", data, set)
	require.NoError(t, err)
	awards, err := profiles.Submit(ctx, st, q, "al", v, data, time.Unix(3600, 0))
	require.NoError(t, err)
	require.Len(t, awards, 1)
	assert.Equal(t, "foundation-crew", awards[0].Qualification)

	p, err = st.Get(ctx, "al")
	require.NoError(t, err)
	assert.Equal(t, "", q.LockReason(p.Holds(), training.UnlockLevel, "cabin"), "cabin is unlocked")
	other, err := st.Get(ctx, "bo")
	require.NoError(t, err)
	assert.False(t, q.Allows(other.Holds(), training.UnlockLevel, "cabin"), "another learner's progress is their own")
}
