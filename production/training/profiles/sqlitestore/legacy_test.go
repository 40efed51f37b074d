//go:build !js

package sqlitestore

import (
	"context"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/opensourceecology/prodos/production/sqlitefile"
	"github.com/opensourceecology/prodos/production/training/profiles"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLegacyProfilesStayReadable: a profiles file written before attempt
// ids (schema 1) opens, migrates, and shows its attempts and awards as
// legacy ("self-attested (legacy)").
func TestLegacyProfilesStayReadable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "profiles.db")
	v1, err := migrationFS.ReadFile("migrations/001_profiles.sql")
	require.NoError(t, err)
	db, err := sqlitefile.Open(path, sqlitefile.Profiles, fstest.MapFS{"001_profiles.sql": {Data: v1}})
	require.NoError(t, err)
	for _, q := range []string{
		`INSERT INTO profiles (id, name, created_at) VALUES (1, 'al', '2026-01-02T03:04:05Z')`,
		`INSERT INTO attempts (profile_id, challenge, score, stars, passed, replay_hash, replay, at) VALUES (1, 'c01-groundwork', 1900, 3, 1, 'sha256:00', 'r', '2026-01-03T00:00:00Z')`,
		`INSERT INTO qualifications (profile_id, qualification, earned_at, evidence) VALUES (1, 'foundation-crew', '2026-01-03T00:00:00Z', 'sha256:00')`,
	} {
		_, err := db.Exec(q)
		require.NoError(t, err)
	}
	require.NoError(t, sqlitefile.Close(db))

	st, err := Open(path)
	require.NoError(t, err)
	defer st.Close()
	p, err := st.Get(context.Background(), "al")
	require.NoError(t, err)
	require.Len(t, p.Attempts, 1)
	assert.Equal(t, profiles.Legacy, p.Attempts[0].Attestation)
	assert.Equal(t, "", p.Attempts[0].AttemptID)
	require.Len(t, p.Awards, 1)
	assert.Equal(t, "self-attested (legacy)", profiles.AttestationLabel(p.Awards[0].Attestation))
}
