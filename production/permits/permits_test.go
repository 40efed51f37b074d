package permits

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/opensourceecology/prodos/production/training/profiles"
	profilestore "github.com/opensourceecology/prodos/production/training/profiles/sqlitestore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checker opens a real SQLite profile store under t.TempDir() holding
// the given people with their qualifications.
func checker(t *testing.T, people map[string][]string) (*Checker, *designs.Catalog) {
	t.Helper()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	set, err := levels.Challenges(cat)
	require.NoError(t, err)
	q, err := levels.Qualifications(set)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "profiles.db")
	st, err := profilestore.Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	ctx, now := context.Background(), time.Now().UTC()
	for name, quals := range people {
		_, err := st.Create(ctx, name, now)
		require.NoError(t, err)
		var awards []profiles.Award
		for _, x := range quals {
			require.NotNil(t, q.Get(x), x)
			awards = append(awards, profiles.Award{Qualification: x, At: now, Evidence: "sha256:" + name})
		}
		require.NoError(t, st.Record(ctx, name, profiles.Attempt{Challenge: "c01-groundwork", Score: 1500, Passed: true,
			ReplayHash: "sha256:" + name, At: now}, awards))
	}
	return &Checker{Store: st, Quals: q, Where: "profiles database " + path}, cat
}

var _ ledger.Authority = (*Checker)(nil)

func TestQualifiedAndPermitted(t *testing.T) {
	c, _ := checker(t, map[string][]string{
		"ann": {"wall-framer"},
		"lee": {"foundation-crew", "module-installer", "crew-lead"},
	})
	ctx := context.Background()
	assert.NoError(t, c.Qualified(ctx, "ann", "wall-framer"))
	err := c.Qualified(ctx, "ann", "cnc-operator")
	require.ErrorIs(t, err, ErrNotQualified)
	assert.Contains(t, err.Error(), `profile "ann" does not hold the CNC operator qualification (cnc-operator) (earned by: `)
	err = c.Qualified(ctx, "zed", "wall-framer")
	require.ErrorIs(t, err, profiles.ErrNotFound)
	assert.Contains(t, err.Error(), `no profile "zed" in profiles database`)
	assert.NoError(t, c.Permitted(ctx, "lee", ledger.WitnessPermission))
	err = c.Permitted(ctx, "ann", ledger.WitnessPermission)
	require.ErrorIs(t, err, profiles.ErrNotPermitted)
	assert.Contains(t, err.Error(), "Crew lead")
}

// A crew of profiles holds what the store shows, marked verified; a job
// or task assigned on it goes only to a holder.
func TestCrewOfProfiles(t *testing.T) {
	c, _ := checker(t, map[string][]string{
		"ann": {"wall-framer"},
		"cam": {"wall-framer", "opening-framer", "roof-framer", "floor-framer", "cnc-operator"},
	})
	ctx := context.Background()
	crew, err := c.Crew(ctx, []string{"ann", "cam"})
	require.NoError(t, err)
	assert.True(t, crew.Verified)
	assert.Equal(t, "verified", crew.Basis())
	require.Len(t, crew.Members, 2)
	assert.Equal(t, []string{"wall-framer"}, crew.Members[0].Qualifications)
	assert.Equal(t, []*designs.Member{&crew.Members[1]}, crew.Qualified("cnc-operator"))
	_, err = c.Crew(ctx, []string{"ann", "ann"})
	assert.ErrorContains(t, err, "named twice")
	_, err = c.Crew(ctx, []string{"ann", "zed"})
	assert.ErrorIs(t, err, profiles.ErrNotFound)
}

func TestRelease(t *testing.T) {
	c, _ := checker(t, map[string][]string{
		"dana": {"wall-framer", "opening-framer", "foundation-crew", "module-installer", "designer"},
		"bob":  {"wall-framer"},
	})
	ctx := context.Background()
	assert.Equal(t, "dana", c.Release(ctx, "dana").Designer)
	assert.True(t, c.Release(ctx, "dana").Qualified)
	r := c.Release(ctx, "bob")
	assert.False(t, r.Qualified)
	assert.Contains(t, r.Refusal, "Designer")
	assert.Contains(t, r.Reasons(nil)[0], `designer "bob" may not release`)
	r = c.Release(ctx, "")
	assert.False(t, r.Qualified)
	assert.Empty(t, r.Designer)
	assert.Contains(t, c.Release(ctx, "zed").Refusal, `no profile "zed"`)
}
