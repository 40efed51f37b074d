package game

import (
	"context"
	"strings"
	"testing"
	"time"

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
