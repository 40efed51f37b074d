// Package commonstest is the conformance suite every commons.Store must
// pass: run it from the implementation's tests with Run.
package commonstest

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/production/commons"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Run runs the suite; open returns a new, empty store for each test.
func Run(t *testing.T, open func(t *testing.T) commons.Store) {
	tests := map[string]func(*testing.T, commons.Store){
		"PutGet":         testPutGet,
		"Immutable":      testImmutable,
		"HashChecked":    testHashChecked,
		"SizeLimit":      testSizeLimit,
		"ParentRequired": testParentRequired,
		"NotFound":       testNotFound,
		"Search":         testSearch,
		"Lineage":        testLineage,
		"PackPutGet":     testPackPutGet,
		"PackImmutable":  testPackImmutable,
		"PackChecked":    testPackChecked,
		"PacksNewest":    testPacksNewest,
		"LevelPutGet":    testLevelPutGet,
		"LevelImmutable": testLevelImmutable,
		"LevelChecked":   testLevelChecked,
		"LevelsNewest":   testLevelsNewest,
	}
	for name, fn := range tests {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			t.Cleanup(func() { st.Close() })
			fn(t, st)
		})
	}
}

// Sample is a version of a made-up design file (the store does not parse
// designs) with the given figures; its hash is the file's.
func Sample(name, author, licence, status, parent string, area, beds int, cost string) (commons.Version, []byte) {
	data := []byte(fmt.Sprintf("name = %q\nparent = %q\n", name, parent))
	c := decimal.RequireFromString(cost)
	v := commons.Version{Hash: commons.Hash(data), Name: name, Description: "A " + name + " for tests.", Author: author,
		Licence: licence, Parent: parent, Published: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Status: status,
		Problems: []string{}, FloorArea: area, Bedrooms: beds, Modules: area / 16, Cost: c, Size: len(data)}
	if status == commons.StatusDraft {
		v.Problems = []string{"closed-envelope: the envelope has 2 open edges"}
	}
	if area > 0 {
		v.CostPerSqFt = c.Div(decimal.NewFromInt(int64(area))).Round(2)
	}
	return v, data
}

func put(t *testing.T, st commons.Store, v commons.Version, data []byte) commons.Version {
	t.Helper()
	got, created, err := st.Put(context.Background(), v, data)
	require.NoError(t, err)
	require.True(t, created)
	return got
}

func same(t *testing.T, got, want commons.Version) {
	t.Helper()
	assert.True(t, got.Cost.Equal(want.Cost), "cost %s, want %s", got.Cost, want.Cost)
	assert.True(t, got.CostPerSqFt.Equal(want.CostPerSqFt), "per sq ft %s, want %s", got.CostPerSqFt, want.CostPerSqFt)
	assert.True(t, got.Published.Equal(want.Published), "published %s, want %s", got.Published, want.Published)
	got.Cost, got.CostPerSqFt, got.Published = want.Cost, want.CostPerSqFt, want.Published
	assert.Equal(t, want, got)
}

func testPutGet(t *testing.T, st commons.Store) {
	v, data := Sample("Cabin", "ana", "CC-BY-SA-4.0", commons.StatusDraft, "", 192, 0, "31234.56")
	got, created, err := st.Put(context.Background(), v, data)
	require.NoError(t, err)
	assert.True(t, created)
	same(t, got, v)
	back, file, err := st.Get(context.Background(), v.Hash)
	require.NoError(t, err)
	same(t, back, v)
	assert.Equal(t, data, file)
}

func testImmutable(t *testing.T, st commons.Store) {
	v, data := Sample("Cabin", "ana", "CC0-1.0", commons.StatusBuildReady, "", 192, 0, "100")
	put(t, st, v, data)
	again := v
	again.Author, again.Published = "bo", v.Published.Add(time.Hour)
	got, created, err := st.Put(context.Background(), again, data)
	require.NoError(t, err)
	assert.False(t, created, "a second Put of the same hash must not store again")
	same(t, got, v)
	back, _, err := st.Get(context.Background(), v.Hash)
	require.NoError(t, err)
	assert.Equal(t, "ana", back.Author, "the first publication is kept")
}

func testHashChecked(t *testing.T, st commons.Store) {
	v, data := Sample("Cabin", "ana", "CC0-1.0", commons.StatusBuildReady, "", 192, 0, "100")
	bad := append([]byte{}, data...)
	bad[0] ^= 1
	_, _, err := st.Put(context.Background(), v, bad)
	assert.ErrorIs(t, err, commons.ErrHash)
	_, _, err = st.Get(context.Background(), v.Hash)
	assert.ErrorIs(t, err, commons.ErrNotFound, "nothing is stored")
}

func testSizeLimit(t *testing.T, st commons.Store) {
	data := []byte(strings.Repeat("#", commons.MaxUpload+1))
	v, _ := Sample("Big", "ana", "CC0-1.0", commons.StatusDraft, "", 16, 0, "1")
	v.Hash, v.Size = commons.Hash(data), len(data)
	_, _, err := st.Put(context.Background(), v, data)
	assert.ErrorIs(t, err, commons.ErrTooLarge)
}

func testParentRequired(t *testing.T, st commons.Store) {
	parent, _ := Sample("Cabin", "ana", "CC0-1.0", commons.StatusBuildReady, "", 192, 0, "100")
	v, data := Sample("Remix", "bo", "CC0-1.0", commons.StatusBuildReady, parent.Hash, 192, 0, "100")
	_, _, err := st.Put(context.Background(), v, data)
	assert.ErrorIs(t, err, commons.ErrParent)
	_, _, err = st.Get(context.Background(), v.Hash)
	assert.ErrorIs(t, err, commons.ErrNotFound, "nothing is stored")
}

func testNotFound(t *testing.T, st commons.Store) {
	_, _, err := st.Get(context.Background(), strings.Repeat("ab", 32))
	assert.ErrorIs(t, err, commons.ErrNotFound)
	kids, err := st.Children(context.Background(), strings.Repeat("ab", 32))
	require.NoError(t, err)
	assert.Empty(t, kids)
}

func testSearch(t *testing.T, st commons.Store) {
	type row struct {
		name, author, licence, status string
		area, beds                    int
		cost                          string
	}
	rows := []row{
		{"Cabin 12x16", "ana", "CC-BY-SA-4.0", commons.StatusBuildReady, 192, 0, "20000"},
		{"Two-bedroom house", "bo", "CC0-1.0", commons.StatusBuildReady, 768, 2, "90000"},
		{"Seed home", "ana", "CERN-OHL-S-2.0", commons.StatusDraft, 1280, 3, "140000"},
		{"Open shed", "cy", "CC-BY-4.0", commons.StatusDraft, 0, 0, "3000"},
	}
	var all []commons.Version
	for i, r := range rows {
		v, data := Sample(r.name, r.author, r.licence, r.status, "", r.area, r.beds, r.cost)
		v.Published = v.Published.Add(time.Duration(i) * time.Hour)
		all = append(all, put(t, st, v, data))
	}
	cases := []struct {
		query string
		want  []string // names, newest first
	}{
		{"", []string{"Open shed", "Seed home", "Two-bedroom house", "Cabin 12x16"}},
		{"q=HOUSE", []string{"Two-bedroom house"}},
		{"q=home+ana", []string{"Seed home"}},
		{"min_area=700", []string{"Seed home", "Two-bedroom house"}},
		{"max_area=800&min_area=1", []string{"Two-bedroom house", "Cabin 12x16"}},
		{"min_bedrooms=2", []string{"Seed home", "Two-bedroom house"}},
		{"min_cost=20000&max_cost=90000", []string{"Two-bedroom house", "Cabin 12x16"}},
		{"max_cost_per_sq_ft=110", []string{"Seed home", "Cabin 12x16"}},
		{"max_cost_per_sq_ft=105", []string{"Cabin 12x16"}},
		{"license=CC0-1.0", []string{"Two-bedroom house"}},
		{"status=draft", []string{"Open shed", "Seed home"}},
		{"author=ana", []string{"Seed home", "Cabin 12x16"}},
		{"author=ana&status=build-ready", []string{"Cabin 12x16"}},
		{"limit=2", []string{"Open shed", "Seed home"}},
		{"license=MIT", nil},
	}
	for _, c := range cases {
		q, err := url.ParseQuery(c.query)
		require.NoError(t, err)
		f, err := commons.ParseFilter(q)
		require.NoError(t, err, c.query)
		got, err := st.Search(context.Background(), f)
		require.NoError(t, err, c.query)
		var names, match []string
		for _, v := range got {
			names = append(names, v.Name)
		}
		for i := len(all) - 1; i >= 0 && len(match) < f.Limit; i-- {
			if f.Match(all[i]) {
				match = append(match, all[i].Name)
			}
		}
		assert.Equal(t, c.want, names, "search %q", c.query)
		assert.Equal(t, match, names, "search %q must agree with Filter.Match", c.query)
	}
}

func testLineage(t *testing.T, st commons.Store) {
	ctx := context.Background()
	add := func(name, parent string) commons.Version {
		v, data := Sample(name, "ana", "CC-BY-SA-4.0", commons.StatusDraft, parent, 192, 0, "100")
		return put(t, st, v, data)
	}
	root := add("Cabin", "")
	a := add("Cabin porch", root.Hash)
	b := add("Cabin loft", root.Hash)
	aa := add("Cabin porch deck", a.Hash)
	kids, err := st.Children(ctx, root.Hash)
	require.NoError(t, err)
	require.Len(t, kids, 2)
	assert.ElementsMatch(t, []string{a.Hash, b.Hash}, []string{kids[0].Hash, kids[1].Hash})
	l, err := commons.LineageOf(ctx, st, aa)
	require.NoError(t, err)
	require.Len(t, l.Ancestors, 2)
	assert.Equal(t, []string{a.Hash, root.Hash}, []string{l.Ancestors[0].Hash, l.Ancestors[1].Hash})
	assert.Empty(t, l.Children)
	l, err = commons.LineageOf(ctx, st, root)
	require.NoError(t, err)
	assert.Empty(t, l.Ancestors)
	require.Len(t, l.Children, 2)
	var porch *commons.Node
	for _, n := range l.Children {
		if n.Version.Hash == a.Hash {
			porch = n
		}
	}
	require.NotNil(t, porch)
	require.Len(t, porch.Children, 1)
	assert.Equal(t, aa.Hash, porch.Children[0].Version.Hash)
}
