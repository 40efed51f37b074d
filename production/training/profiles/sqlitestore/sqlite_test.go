//go:build !js

package sqlitestore_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/production/training/profiles"
	"github.com/opensourceecology/prodos/production/training/profiles/profilestest"
	"github.com/opensourceecology/prodos/production/training/profiles/sqlitestore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSQLiteStore(t *testing.T) {
	profilestest.Run(t, func(t *testing.T) profiles.Store {
		st, err := sqlitestore.Open(filepath.Join(t.TempDir(), "profiles.db"))
		require.NoError(t, err)
		return st
	})
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.db")
	st, err := sqlitestore.Open(path)
	require.NoError(t, err)
	_, err = st.Create(ctx, "al", time.Unix(0, 0))
	require.NoError(t, err)
	require.NoError(t, st.Close())
	st, err = sqlitestore.Open(path) // migrations are not applied twice
	require.NoError(t, err)
	defer st.Close()
	names, err := st.List(ctx)
	require.NoError(t, err)
	assert.Equal(t, []string{"al"}, names)
}
