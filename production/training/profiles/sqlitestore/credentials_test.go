//go:build !js

package sqlitestore_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/production/training/profiles"
	"github.com/opensourceecology/prodos/production/training/profiles/sqlitestore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCredentialsIndexAndRevoke(t *testing.T) {
	ctx := context.Background()
	st, err := sqlitestore.Open(filepath.Join(t.TempDir(), "p.db"))
	require.NoError(t, err)
	defer st.Close()
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	a, err := st.AddCredential(ctx, profiles.Credential{ID: "urn:uuid:a", Learner: "al", Qualification: "wall-framer", IssuedAt: at}, 3)
	require.NoError(t, err)
	b, err := st.AddCredential(ctx, profiles.Credential{ID: "urn:uuid:b", Learner: "al", Qualification: "designer", IssuedAt: at}, 3)
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2}, []int{a.Index, b.Index})
	_, err = st.AddCredential(ctx, profiles.Credential{ID: "urn:uuid:c", IssuedAt: at}, 3)
	assert.True(t, errors.Is(err, profiles.ErrListFull), "got %v", err)

	r, err := st.Revoke(ctx, "urn:uuid:b", "issued in error", at.Add(time.Hour))
	require.NoError(t, err)
	assert.True(t, r.Revoked())
	again, err := st.Revoke(ctx, "urn:uuid:b", "other", at.Add(2*time.Hour))
	require.NoError(t, err)
	assert.Equal(t, "issued in error", again.Reason, "the first revocation is kept")
	_, err = st.Revoke(ctx, "urn:uuid:zz", "", at)
	assert.True(t, errors.Is(err, profiles.ErrNotFound))
	all, err := st.Credentials(ctx)
	require.NoError(t, err)
	require.Len(t, all, 2)
	assert.False(t, all[0].Revoked())
	assert.True(t, all[1].Revoked())
}
