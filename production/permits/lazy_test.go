package permits

import (
	"context"
	"io/fs"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/levels"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRefusalExplainsOnlyWhenRead: Qualified's refusal says how to earn
// the qualification only when its message is read, so work that any of
// several qualifications allows (labour of every skill: every module
// qualification, tried in turn) loads no challenge level for the ones the
// person lacks before the one they hold (issue 14).
func TestRefusalExplainsOnlyWhenRead(t *testing.T) {
	c, _ := checker(t, map[string][]string{"ann": {"wall-framer"}})
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	data, err := fs.ReadFile(levels.ChallengeFS, "qualifications.toml")
	require.NoError(t, err)
	loads := 0
	c.Quals, err = training.ParseQualificationsLazy("qualifications.toml", data, func() (*training.Set, error) {
		loads++
		return levels.Challenges(cat)
	})
	require.NoError(t, err)
	ctx := context.Background()
	err = c.Qualified(ctx, "ann", "cnc-operator")
	require.ErrorIs(t, err, ErrNotQualified)
	assert.NoError(t, c.Qualified(ctx, "ann", "wall-framer"))
	assert.Zero(t, loads, "a refusal nobody read loaded the challenges")
	assert.Contains(t, err.Error(), `profile "ann" does not hold the CNC operator qualification (cnc-operator) (earned by: pass challenge `)
	assert.Equal(t, 1, loads)
}
