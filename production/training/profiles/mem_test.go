package profiles_test

import (
	"context"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/production/training/profiles"
	"github.com/opensourceecology/prodos/production/training/profiles/profilestest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMemStore(t *testing.T) {
	profilestest.Run(t, func(t *testing.T) profiles.Store { return profiles.NewMemStore() })
}

func TestMemStoreJSONRoundTrip(t *testing.T) {
	ctx := context.Background()
	st := profiles.NewMemStore()
	var saved []byte
	st.OnChange = func(b []byte) error { saved = b; return nil }
	_, err := st.Create(ctx, "al", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	require.NoError(t, err)
	require.NoError(t, st.Record(ctx, "al", profiles.Attempt{Challenge: "c01-groundwork", Score: 1900, Stars: 3, Passed: true, ReplayHash: "sha256:00"},
		[]profiles.Award{{Qualification: "foundation-crew", Evidence: "sha256:00"}}))
	back, err := profiles.LoadMemStore(saved)
	require.NoError(t, err)
	a, err := st.Get(ctx, "al")
	require.NoError(t, err)
	b, err := back.Get(ctx, "al")
	require.NoError(t, err)
	assert.Equal(t, a, b)
	_, err = profiles.LoadMemStore([]byte(`{"profiles":[{"name":"bad name"}]}`))
	assert.Error(t, err)
}
