package main

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/training/attempts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Qualifications unlock design levels and palette categories by name: every
// name must be a real level and a real category.
func TestQualificationsUnlockRealThings(t *testing.T) {
	_, quals, err := attempts.Challenges()
	require.NoError(t, err)
	lvls, err := levels.DesignLevels()
	require.NoError(t, err)
	ids := map[string]bool{}
	for _, l := range lvls {
		ids[l.ID] = true
	}
	cats := map[string]bool{}
	for _, c := range designs.Categories() {
		cats[c] = true
	}
	unlocked := 0
	for _, q := range quals.List {
		for _, l := range q.Levels {
			assert.True(t, ids[l], "qualification %s unlocks unknown design level %q", q.ID, l)
			unlocked++
		}
		for _, c := range q.Categories {
			assert.True(t, cats[c], "qualification %s unlocks unknown category %q", q.ID, c)
		}
	}
	assert.GreaterOrEqual(t, unlocked, 4)
}
