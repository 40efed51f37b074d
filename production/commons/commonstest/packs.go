package commonstest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/production/commons"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// SamplePack is a pack version of a made-up pack file (the store does not
// parse packs), published at the given minute of a fixed day.
func SamplePack(id, author string, minute int) (commons.PackVersion, []byte) {
	data := []byte(fmt.Sprintf("[pack]\nid = %q\n", id))
	v := commons.PackVersion{Hash: commons.Hash(data), ID: id, Name: "Pack " + id, Description: "A pack for tests.",
		Author: author, Licence: "CC-BY-SA-4.0", Published: time.Date(2026, 1, 2, 3, minute, 0, 0, time.UTC),
		Modules: []commons.PackModule{{ID: id + "-wall", Name: "Wall", Category: "wall", Icon: "wall", Cost: decimal.RequireFromString("123.45")}},
		Size:    len(data)}
	return v, data
}

func samePack(t *testing.T, got, want commons.PackVersion) {
	t.Helper()
	assert.True(t, got.Published.Equal(want.Published), "published %s, want %s", got.Published, want.Published)
	require.Len(t, got.Modules, len(want.Modules))
	for i := range want.Modules {
		assert.True(t, got.Modules[i].Cost.Equal(want.Modules[i].Cost), "unit cost %s, want %s", got.Modules[i].Cost, want.Modules[i].Cost)
		got.Modules[i].Cost = want.Modules[i].Cost
	}
	got.Published = want.Published
	assert.Equal(t, want, got)
}

func testPackPutGet(t *testing.T, st commons.Store) {
	v, data := SamplePack("greenhouse", "ana", 0)
	got, created, err := st.PutPack(context.Background(), v, data)
	require.NoError(t, err)
	assert.True(t, created)
	samePack(t, got, v)
	back, file, err := st.GetPack(context.Background(), v.Hash)
	require.NoError(t, err)
	samePack(t, back, v)
	assert.Equal(t, data, file)
	_, _, err = st.GetPack(context.Background(), strings.Repeat("0", 64))
	assert.ErrorIs(t, err, commons.ErrPackNotFound)
	_, _, err = st.Get(context.Background(), v.Hash)
	assert.ErrorIs(t, err, commons.ErrNotFound, "a pack is not a design version")
}

func testPackImmutable(t *testing.T, st commons.Store) {
	v, data := SamplePack("greenhouse", "ana", 0)
	_, _, err := st.PutPack(context.Background(), v, data)
	require.NoError(t, err)
	again := v
	again.Author = "bo"
	got, created, err := st.PutPack(context.Background(), again, data)
	require.NoError(t, err)
	assert.False(t, created)
	assert.Equal(t, "ana", got.Author, "the first publication is kept")
}

func testPackChecked(t *testing.T, st commons.Store) {
	v, data := SamplePack("greenhouse", "ana", 0)
	bad := append([]byte{}, data...)
	bad[0] ^= 1
	_, _, err := st.PutPack(context.Background(), v, bad)
	assert.ErrorIs(t, err, commons.ErrHash)
	big := []byte(strings.Repeat("#", commons.MaxUpload+1))
	v.Hash = commons.Hash(big)
	_, _, err = st.PutPack(context.Background(), v, big)
	assert.ErrorIs(t, err, commons.ErrTooLarge)
	list, err := st.Packs(context.Background(), 0)
	require.NoError(t, err)
	assert.Empty(t, list, "nothing is stored")
}

func testPacksNewest(t *testing.T, st commons.Store) {
	for i, id := range []string{"a", "b", "c"} {
		v, data := SamplePack(id, "ana", i)
		_, _, err := st.PutPack(context.Background(), v, data)
		require.NoError(t, err)
	}
	list, err := st.Packs(context.Background(), 2)
	require.NoError(t, err)
	var ids []string
	for _, v := range list {
		ids = append(ids, v.ID)
	}
	assert.Equal(t, []string{"c", "b"}, ids)
}
