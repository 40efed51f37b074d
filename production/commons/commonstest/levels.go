package commonstest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/production/commons"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// SampleLevel is a level version of a made-up level file (the store does
// not parse levels), published at the given minute of a fixed day.
func SampleLevel(id, author string, minute int) (commons.LevelVersion, []byte) {
	data := []byte(fmt.Sprintf("id = %q\n", id))
	v := commons.LevelVersion{Hash: commons.Hash(data), ID: id, Title: "Level " + id, Author: author, Licence: "CC-BY-SA-4.0",
		Rules: "beginner", Width: 7, Height: 8, Budget: "6300.00", Goals: 4,
		Published: time.Date(2026, 1, 2, 3, minute, 0, 0, time.UTC), Size: len(data)}
	return v, data
}

func sameLevel(t *testing.T, got, want commons.LevelVersion) {
	t.Helper()
	assert.True(t, got.Published.Equal(want.Published), "published %s, want %s", got.Published, want.Published)
	got.Published = want.Published
	assert.Equal(t, want, got)
}

func testLevelPutGet(t *testing.T, st commons.Store) {
	v, data := SampleLevel("cabin-class", "ana", 0)
	got, created, err := st.PutLevel(context.Background(), v, data)
	require.NoError(t, err)
	assert.True(t, created)
	sameLevel(t, got, v)
	back, file, err := st.GetLevel(context.Background(), v.Hash)
	require.NoError(t, err)
	sameLevel(t, back, v)
	assert.Equal(t, data, file)
	_, _, err = st.GetLevel(context.Background(), strings.Repeat("0", 64))
	assert.ErrorIs(t, err, commons.ErrLevelNotFound)
	_, _, err = st.Get(context.Background(), v.Hash)
	assert.ErrorIs(t, err, commons.ErrNotFound, "a level is not a design version")
}

func testLevelImmutable(t *testing.T, st commons.Store) {
	v, data := SampleLevel("cabin-class", "ana", 0)
	_, _, err := st.PutLevel(context.Background(), v, data)
	require.NoError(t, err)
	again := v
	again.Author = "bo"
	got, created, err := st.PutLevel(context.Background(), again, data)
	require.NoError(t, err)
	assert.False(t, created)
	assert.Equal(t, "ana", got.Author, "the first publication is kept")
}

func testLevelChecked(t *testing.T, st commons.Store) {
	v, data := SampleLevel("cabin-class", "ana", 0)
	bad := append([]byte{}, data...)
	bad[0] ^= 1
	_, _, err := st.PutLevel(context.Background(), v, bad)
	assert.ErrorIs(t, err, commons.ErrHash)
	big := []byte(strings.Repeat("#", commons.MaxUpload+1))
	v.Hash = commons.Hash(big)
	_, _, err = st.PutLevel(context.Background(), v, big)
	assert.ErrorIs(t, err, commons.ErrTooLarge)
	list, err := st.Levels(context.Background(), 0)
	require.NoError(t, err)
	assert.Empty(t, list, "nothing is stored")
}

func testLevelsNewest(t *testing.T, st commons.Store) {
	for i, id := range []string{"a", "b", "c"} {
		v, data := SampleLevel(id, "ana", i)
		_, _, err := st.PutLevel(context.Background(), v, data)
		require.NoError(t, err)
	}
	list, err := st.Levels(context.Background(), 2)
	require.NoError(t, err)
	var ids []string
	for _, v := range list {
		ids = append(ids, v.ID)
	}
	assert.Equal(t, []string{"c", "b"}, ids)
}
