package ifc

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/cad"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

func house(t *testing.T, name string) *cad.House {
	t.Helper()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	d, err := designs.LoadDesign(filepath.Join("..", "..", "..", "designs", "examples", name+".toml"), cat)
	require.NoError(t, err)
	h, err := cad.Build(cat, d)
	require.NoError(t, err)
	return h
}

var opt = Options{Author: "Production OS examples", Timestamp: "2026-11-21T00:00:00"}

// The cabin's house.ifc is byte for byte the golden file (refreshed with
// -update) and the same on every encoding.
func TestEncodeCabinGolden(t *testing.T) {
	h := house(t, "cabin-12x16")
	a, err := Encode(h, opt)
	require.NoError(t, err)
	b, err := Encode(h, opt)
	require.NoError(t, err)
	require.Equal(t, a, b)
	golden := filepath.Join("testdata", "cabin-12x16.ifc")
	if *update {
		require.NoError(t, os.WriteFile(golden, a, 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(a))
}

// Every element, door and window of the seed home is in the file with its
// class, and every GlobalId is unique.
func TestEncodeSeedHomeEntities(t *testing.T) {
	h := house(t, "seed-home-32x40")
	data, err := Encode(h, opt)
	require.NoError(t, err)
	text := string(data)
	count := map[string]int{}
	for _, e := range h.Elements {
		count[classes[e.Kind][0]]++
		for _, o := range e.Openings {
			count["IFC"+strings.ToUpper(o.Kind)]++
			count["IFCOPENINGELEMENT"]++
			count["IFCRELVOIDSELEMENT"]++
			count["IFCRELFILLSELEMENT"]++
		}
	}
	for cls, n := range count {
		assert.Equal(t, n, strings.Count(text, "="+cls+"("), cls)
	}
	ids := regexp.MustCompile(`=IFC[A-Z]+\('([0-9A-Za-z_$]{22})'`).FindAllStringSubmatch(text, -1)
	seen := map[string]bool{}
	for _, m := range ids {
		assert.False(t, seen[m[1]], "GlobalId %s twice", m[1])
		seen[m[1]] = true
	}
	assert.Greater(t, len(ids), len(h.Elements))
	assert.Equal(t, 1, strings.Count(text, "=IFCBUILDINGSTOREY("))
	assert.Contains(t, text, "FILE_SCHEMA(('IFC4'));")
}

func TestGUID(t *testing.T) {
	g := GUID("house", "W7")
	assert.Len(t, g, 22)
	assert.Contains(t, "0123", g[:1], "the first character holds 2 bits")
	assert.Equal(t, g, GUID("house", "W7"))
	assert.NotEqual(t, g, GUID("house", "W8"))
	assert.NotEqual(t, g, GUID("other house", "W7"))
	for _, c := range g {
		assert.Contains(t, guidChars, string(c))
	}
}

func TestStepStrings(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "'plain'"},
		{"O'Brien", "'O''Brien'"},
		{`a\b`, `'a\\b'`},
		{"café", `'caf\X2\00E9\X0\'`},
		{"🏠", `'\X4\0001F3E0\X0\'`},
	} {
		assert.Equal(t, tc.want, str(tc.in), tc.in)
	}
	for _, tc := range []struct {
		in   float64
		want string
	}{{0, "0."}, {1.2192, "1.2192"}, {2, "2."}} {
		assert.Equal(t, tc.want, num(tc.in))
	}
}

func TestMarkDraft(t *testing.T) {
	data, err := Encode(house(t, "cabin-12x16"), opt)
	require.NoError(t, err)
	got, err := MarkDraft(data, "DRAFT, NOT FOR CONSTRUCTION")
	require.NoError(t, err)
	assert.True(t, bytes.Contains(got, []byte("FILE_DESCRIPTION(('ViewDefinition [ReferenceView]','DRAFT, NOT FOR CONSTRUCTION'),'2;1');")))
	_, err = MarkDraft([]byte("not ifc"), "DRAFT")
	assert.Error(t, err)
}
