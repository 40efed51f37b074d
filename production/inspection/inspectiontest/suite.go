// Package inspectiontest is the conformance test every inspection.Store
// implementation runs (SQLite now; a PostgreSQL adapter later).
package inspectiontest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/production/inspection"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Run runs the suite; open returns a new, empty store.
func Run(t *testing.T, open func(t *testing.T) inspection.Store) {
	t.Run("add and read back in order", func(t *testing.T) { addAndRead(t, open(t)) })
	t.Run("a key is recorded once", func(t *testing.T) { keyOnce(t, open(t)) })
	t.Run("invalid inspections are refused", func(t *testing.T) { refused(t, open(t)) })
	t.Run("the latest inspection decides an install", func(t *testing.T) { latestDecides(t, open(t)) })
}

// Sample is an inspection of placement in house; passed sets the verdict
// of its diagonals.
func Sample(house, placement, key string, passed bool) inspection.Inspection {
	v := inspection.Value{Checkpoint: "diagonals", Value: "1/16", Pass: true}
	if !passed {
		v = inspection.Value{Checkpoint: "diagonals", Value: "1/4", Fix: "Diagonals equal: 1/4 in, at most 1/8 in"}
	}
	return inspection.Inspection{Key: key, House: house, Placement: placement, Module: "wall-ext-4x8", Inspector: "ina",
		Values: []inspection.Value{v, {Checkpoint: "plates-flush", Value: "yes", Pass: true}}, Passed: passed,
		PhotoHash: "sha256:ab0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd",
		At:        time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)}
}

func addAndRead(t *testing.T, st inspection.Store) {
	defer st.Close()
	ctx := context.Background()
	got, err := st.House(ctx, "h1")
	require.NoError(t, err)
	assert.Empty(t, got)
	a, dup, err := st.Add(ctx, Sample("h1", "W2", "a", false))
	require.NoError(t, err)
	assert.False(t, dup)
	_, _, err = st.Add(ctx, Sample("h2", "W1", "x", true))
	require.NoError(t, err)
	b, _, err := st.Add(ctx, Sample("h1", "W1", "b", true))
	require.NoError(t, err)
	got, err = st.House(ctx, "h1")
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, []int64{a.ID, b.ID}, []int64{got[0].ID, got[1].ID})
	assert.Equal(t, a.Values, got[0].Values)
	assert.False(t, got[0].Passed)
	assert.Equal(t, []string{"Diagonals equal: 1/4 in, at most 1/8 in"}, got[0].Fixes())
	assert.Equal(t, a.PhotoHash, got[0].PhotoHash)
	assert.True(t, a.At.Equal(got[0].At))
}

func keyOnce(t *testing.T, st inspection.Store) {
	defer st.Close()
	ctx := context.Background()
	a, _, err := st.Add(ctx, Sample("h1", "W1", "k", false))
	require.NoError(t, err)
	b, dup, err := st.Add(ctx, Sample("h1", "W1", "k", true))
	require.NoError(t, err)
	assert.True(t, dup)
	assert.Equal(t, a.ID, b.ID)
	assert.False(t, b.Passed, "the first recorded stays")
}

func refused(t *testing.T, st inspection.Store) {
	defer st.Close()
	ctx := context.Background()
	for name, edit := range map[string]func(in *inspection.Inspection){
		"no values":    func(in *inspection.Inspection) { in.Values = nil },
		"bad photo":    func(in *inspection.Inspection) { in.PhotoHash = "md5:abc" },
		"no inspector": func(in *inspection.Inspection) { in.Inspector = "" },
	} {
		in := Sample("h1", "W1", "k-"+name[:2], true)
		edit(&in)
		_, _, err := st.Add(ctx, in)
		assert.True(t, errors.Is(err, inspection.ErrInvalid), "%s: got %v", name, err)
	}
	got, err := st.House(ctx, "h1")
	require.NoError(t, err)
	assert.Empty(t, got)
}

func latestDecides(t *testing.T, st inspection.Store) {
	defer st.Close()
	ctx := context.Background()
	for _, in := range []inspection.Inspection{Sample("h1", "W1", "1", true), Sample("h1", "W2", "2", true), Sample("h1", "W2", "3", false)} {
		_, _, err := st.Add(ctx, in)
		require.NoError(t, err)
	}
	list, err := st.House(ctx, "h1")
	require.NoError(t, err)
	assert.NoError(t, inspection.CheckInstall(list, "h1", "wall-ext-4x8", 0, 1))
	err = inspection.CheckInstall(list, "h1", "wall-ext-4x8", 1, 1) // one in already: the second needs a second pass
	require.ErrorIs(t, err, inspection.ErrNotInspected)
	assert.Contains(t, err.Error(), "1 wall-ext-4x8 installed and 1 more to install, 1 passed inspection")
	err = inspection.CheckInstall(list, "h1", "wall-ext-4x8", 0, 2)
	require.ErrorIs(t, err, inspection.ErrNotInspected)
	assert.Contains(t, err.Error(), "W2 failed inspection 3 by ina: fix Diagonals equal: 1/4 in, at most 1/8 in")
	_, _, err = st.Add(ctx, Sample("h1", "W2", "4", true)) // fixed and inspected again
	require.NoError(t, err)
	list, err = st.House(ctx, "h1")
	require.NoError(t, err)
	assert.NoError(t, inspection.CheckInstall(list, "h1", "wall-ext-4x8", 0, 2))
	assert.NoError(t, inspection.CheckInstall(list, "h1", "wall-ext-4x8", 1, 1))
}
