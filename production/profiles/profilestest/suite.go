// Package profilestest is the conformance test every profiles.Store
// implementation runs (MemStore, SQLite, the browser's).
package profilestest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/profiles"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Run runs the suite; open returns a new, empty store.
func Run(t *testing.T, open func(t *testing.T) profiles.Store) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	set, err := training.DefaultChallenges(cat)
	require.NoError(t, err)
	q, err := training.DefaultQualifications(set)
	require.NoError(t, err)
	ctx := context.Background()
	day := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)

	attempt := func(t *testing.T, level string, think int) (*training.Verified, []byte) {
		t.Helper()
		data := training.Replay(training.AutoPlay(set.Level(level), think))
		v, err := training.VerifyReplay("r", data, set)
		require.NoError(t, err)
		return v, data
	}

	t.Run("create, list, get", func(t *testing.T) {
		st := open(t)
		defer st.Close()
		for _, n := range []string{"bo", "al"} {
			_, err := st.Create(ctx, n, day)
			require.NoError(t, err)
		}
		_, err := st.Create(ctx, "al", day)
		assert.True(t, errors.Is(err, profiles.ErrExists), "got %v", err)
		_, err = st.Create(ctx, "no spaces", day)
		assert.Error(t, err)
		names, err := st.List(ctx)
		require.NoError(t, err)
		assert.Equal(t, []string{"al", "bo"}, names)
		_, err = st.Get(ctx, "cy")
		assert.True(t, errors.Is(err, profiles.ErrNotFound), "got %v", err)
		p, err := st.Get(ctx, "al")
		require.NoError(t, err)
		assert.True(t, p.Created.Equal(day))
	})

	t.Run("submit awards qualifications with evidence, once", func(t *testing.T) {
		st := open(t)
		defer st.Close()
		_, err := st.Create(ctx, "al", day)
		require.NoError(t, err)
		v, data := attempt(t, "c01-groundwork", 20)
		awards, err := profiles.Submit(ctx, st, q, "al", v, data, day.Add(time.Hour))
		require.NoError(t, err)
		require.Len(t, awards, 1)
		assert.Equal(t, "foundation-crew", awards[0].Qualification)
		assert.Equal(t, v.Hash, awards[0].Evidence)
		again, err := profiles.Submit(ctx, st, q, "al", v, data, day.Add(2*time.Hour))
		require.NoError(t, err)
		assert.Empty(t, again, "the same replay counts once")
		p, err := st.Get(ctx, "al")
		require.NoError(t, err)
		require.Len(t, p.Attempts, 1)
		assert.Equal(t, string(data), p.Attempts[0].Replay)
		w, ok := p.Award("foundation-crew")
		require.True(t, ok)
		assert.True(t, w.At.Equal(day.Add(time.Hour)))
		assert.Equal(t, v.Hash, w.Evidence)
		assert.Equal(t, v.Result.Score, p.BestScores()["c01-groundwork"])
	})

	t.Run("permissions follow qualifications", func(t *testing.T) {
		st := open(t)
		defer st.Close()
		_, err := st.Create(ctx, "al", day)
		require.NoError(t, err)
		err = profiles.Check(ctx, st, q, "al", training.PermExportBuildPackage)
		require.Error(t, err)
		assert.True(t, errors.Is(err, profiles.ErrNotPermitted))
		assert.Contains(t, err.Error(), "Designer")
		for _, l := range []string{"c01-groundwork", "c03-wall-module", "c04-window-module", "c06-raise-the-walls", "c07-roof-on"} {
			v, data := attempt(t, l, 20)
			_, err := profiles.Submit(ctx, st, q, "al", v, data, day)
			require.NoError(t, err)
		}
		assert.NoError(t, profiles.Check(ctx, st, q, "al", training.PermExportBuildPackage))
		p, err := st.Get(ctx, "al")
		require.NoError(t, err)
		assert.True(t, p.Holds()["designer"])
	})

	t.Run("a failed attempt is recorded but earns nothing", func(t *testing.T) {
		st := open(t)
		defer st.Close()
		_, err := st.Create(ctx, "al", day)
		require.NoError(t, err)
		s := training.NewSession(set.Level("c01-groundwork"))
		s.Pick("F1")
		s.Quit()
		data := training.Replay(s)
		v, err := training.VerifyReplay("r", data, set)
		require.NoError(t, err)
		awards, err := profiles.Submit(ctx, st, q, "al", v, data, day)
		require.NoError(t, err)
		assert.Empty(t, awards)
		p, err := st.Get(ctx, "al")
		require.NoError(t, err)
		assert.Len(t, p.Attempts, 1)
		assert.Empty(t, p.Awards)
	})
}
