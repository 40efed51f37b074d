package training_test

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/levels"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func load(t testing.TB) (*designs.Catalog, *training.Set, *training.Quals) {
	t.Helper()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	set, err := levels.Challenges(cat)
	require.NoError(t, err)
	q, err := levels.Qualifications(set)
	require.NoError(t, err)
	return cat, set, q
}

func TestLevelsArePlayable(t *testing.T) {
	_, set, _ := load(t)
	require.GreaterOrEqual(t, len(set.Levels), 8)
	prevTasks := 0
	for n, l := range set.Levels {
		t.Run(l.ID, func(t *testing.T) {
			assert.Equal(t, n+1, l.Number)
			quick := training.AutoPlay(l, 20).Result()
			slow := training.AutoPlay(l, 90).Result()
			t.Logf("%2d %-22s tasks %3d crew %v: quick %+v slow %+v", l.Number, l.ID, l.Graph().Len(), l.CrewMode(), quick, slow)
			assert.Equal(t, 3, quick.Stars, "a quick, faultless player earns three stars")
			assert.True(t, slow.Passed, "a slow (1.5 s a decision) faultless player passes")
		})
		_ = prevTasks
	}
}
