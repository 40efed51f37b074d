package inspection_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/inspection"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func load(t *testing.T) (*designs.Catalog, *inspection.Checkpoints) {
	t.Helper()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	cs, err := inspection.DefaultCheckpoints(cat)
	require.NoError(t, err)
	return cat, cs
}

func ids(cs []*inspection.Checkpoint) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func TestEveryModuleHasCheckpointsWithSources(t *testing.T) {
	cat, cs := load(t)
	assert.Equal(t, []string{"diagonals", "stud-spacing", "sheathing-nailing", "plates-flush"}, ids(cs.For(cat.Modules["wall-ext-4x8"])))
	assert.Equal(t, []string{"diagonals", "stud-spacing-16", "sheathing-nailing", "plates-flush"}, ids(cs.For(cat.Modules["wall-ext-4x8-16oc"])))
	assert.Equal(t, []string{"diagonals", "stud-spacing-16", "plates-flush"}, ids(cs.For(cat.Modules["wall-int-4x8"])))
	assert.Equal(t, []string{"foundation-level"}, ids(cs.For(cat.Modules["foundation-cell"])))
	for _, c := range cs.List {
		assert.NotEmpty(t, c.Source, c.ID)
	}
}

func TestEvaluateWallModule(t *testing.T) {
	cat, cs := load(t)
	m := cat.Modules["wall-ext-4x8"]
	good := map[string]string{"diagonals": "1/8", "stud-spacing": "24 1/8", "sheathing-nailing": "6", "plates-flush": "yes"}
	vals, passed, err := inspection.Evaluate(cs, m, good)
	require.NoError(t, err)
	assert.True(t, passed, "every value exactly at its tolerance passes")
	assert.Len(t, vals, 4)
	for _, tc := range []struct{ id, value, fix string }{
		{"diagonals", "3/16", "Diagonals equal: 3/16 in, at most 1/8 in"},
		{"stud-spacing", "23 13/16", "Studs at 24 in on centre: 23 13/16 in is 3/16 in off, want 24 in, within 1/8 in"},
		{"sheathing-nailing", "6 1/16", "Sheathing nailing pattern: 6 1/16 in, at most 6 in"},
		{"plates-flush", "no", "Plates flush: not met (Top and bottom plates flush with the studs' faces and the module's ends, no step you can feel)"},
	} {
		bad := map[string]string{}
		for k, v := range good {
			bad[k] = v
		}
		bad[tc.id] = tc.value
		vals, passed, err := inspection.Evaluate(cs, m, bad)
		require.NoError(t, err)
		assert.False(t, passed, tc.id)
		in := inspection.Inspection{Values: vals}
		assert.Equal(t, []string{tc.fix}, in.Fixes())
	}
	_, _, err = inspection.Evaluate(cs, m, map[string]string{"diagonals": "1/8"})
	assert.ErrorContains(t, err, "no value for stud-spacing, sheathing-nailing, plates-flush")
	_, _, err = inspection.Evaluate(cs, m, map[string]string{"diagonals": "a bit", "stud-spacing": "24", "sheathing-nailing": "6", "plates-flush": "yes"})
	assert.ErrorContains(t, err, `checkpoint diagonals: "a bit" is not a length`)
	_, _, err = inspection.Evaluate(cs, m, map[string]string{"foundation-level": "0"})
	assert.ErrorContains(t, err, "module wall-ext-4x8 has no checkpoint foundation-level")
}

func TestBadCheckpointDataNamesFileLineAndValue(t *testing.T) {
	cat, _ := load(t)
	data, err := os.ReadFile(filepath.Join("..", "..", "designs", "data", inspection.CheckpointFile))
	require.NoError(t, err)
	src := strings.Replace(string(data), `kind = "within"`, `kind = "roughly"`, 1)
	_, err = inspection.LoadCheckpoints(fstest.MapFS{inspection.CheckpointFile: {Data: []byte(src)}}, cat)
	require.Error(t, err)
	line := 1 + strings.Count(src[:strings.Index(src, `"roughly"`)], "\n")
	assert.Contains(t, err.Error(), fmt.Sprintf("inspections.toml:%d:", line))
	assert.Contains(t, err.Error(), `kind "roughly" must be max, within or check`)
	src = strings.Replace(string(data), `categories = ["foundation"]`, `categories = ["floor"]`, 1)
	_, err = inspection.LoadCheckpoints(fstest.MapFS{inspection.CheckpointFile: {Data: []byte(src)}}, cat)
	assert.ErrorContains(t, err, `module "foundation-cell" has no inspection checkpoint`)
}

func TestSheetGolden(t *testing.T) {
	cat, cs := load(t)
	got := inspection.Sheet(cs, cat.Modules["wall-ext-4x8"])
	path := filepath.Join("testdata", "wall-ext-4x8.html")
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
}
