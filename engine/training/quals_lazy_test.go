package training_test

import (
	"io/fs"
	"testing"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/levels"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseQualificationsLazy: qualifications parsed for a permission
// check (every witnessed `ledger post`) load no challenge level until a
// message says how to earn one (issue 14: parsing every challenge was a
// tenth of a post's CPU), and then say the same as when parsed with the
// challenges; the challenges load once.
func TestParseQualificationsLazy(t *testing.T) {
	_, set, full := load(t)
	data, err := fs.ReadFile(levels.ChallengeFS, "qualifications.toml")
	require.NoError(t, err)
	loads := 0
	q, err := training.ParseQualificationsLazy("qualifications.toml", data, func() (*training.Set, error) {
		loads++
		return set, nil
	})
	require.NoError(t, err)
	assert.Zero(t, loads, "parsing loaded the challenges")
	require.Len(t, q.List, len(full.List))
	for i, x := range full.List {
		assert.Equal(t, x, q.List[i])
		assert.Equal(t, full.HowToEarn(x.ID), q.HowToEarn(x.ID))
	}
	assert.Equal(t, 1, loads, "the challenges load once, for the first explanation")

	_, err = training.ParseQualificationsLazy("q.toml", []byte("[[qualification]]\nid = \"a\"\nname = \"A\"\npermissions = [\"fly\"]\n[[qualification.challenge]]\nid = \"c01-groundwork\"\nmin_score = 10\n"), nil)
	assert.ErrorContains(t, err, `unknown permission "fly"`, "the checks that need no challenge still run")
}
