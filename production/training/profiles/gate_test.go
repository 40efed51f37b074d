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

// TestLeadPermissionLapses: the permission to lead a crew lapses 180 days
// after the last verified contribution, and profiles.Check (what every
// assignment of work asks) refuses it then, saying what renews it.
func TestLeadPermissionLapses(t *testing.T) {
	ctx := context.Background()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	set, err := levels.Challenges(cat)
	require.NoError(t, err)
	q, err := levels.Qualifications(set)
	require.NoError(t, err)
	st := profiles.NewMemStore()
	earned := time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)
	_, err = st.Create(ctx, "cy", earned)
	require.NoError(t, err)
	require.NoError(t, st.Record(ctx, "cy", profiles.Attempt{Challenge: "c09-crew-cabin", Score: 1400, Passed: true, ReplayHash: "sha256:x", At: earned},
		[]profiles.Award{{Qualification: "crew-lead", At: earned, Evidence: "sha256:x"}}))
	defer func(old func() time.Time) { profiles.Now = old }(profiles.Now)
	tests := []struct {
		name string
		now  time.Time
		want string
	}{
		{"within 180 days", earned.AddDate(0, 0, 179), ""},
		{"after 180 days without a contribution", earned.AddDate(0, 0, 181),
			`profile "cy" may not lead-build-crew: the permission lapsed since 2026-07-09 without a verified contribution; renew it with a verified contribution within 180 days`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			profiles.Now = func() time.Time { return tc.now }
			err := profiles.Check(ctx, st, q, "cy", training.PermLeadBuildCrew)
			if tc.want == "" {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, profiles.ErrNotPermitted)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestPermissionLines(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	set, err := levels.Challenges(cat)
	require.NoError(t, err)
	q, err := levels.Qualifications(set)
	require.NoError(t, err)
	earned := time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)
	p := &profiles.Profile{Name: "cy", Awards: []profiles.Award{{Qualification: "crew-lead", At: earned}}}
	lines, err := profiles.PermissionLines(p, q, earned.AddDate(0, 0, 200))
	require.NoError(t, err)
	assert.Equal(t, []string{"Permission lead-build-crew: lapsed since 2026-07-09; renewed by a verified contribution within 180 days: " +
		"signing off a learner's practical build as assessor, or being signed off on a practical build, or earning a qualification"}, lines)
}
