package game

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata files")

// TestBenchDesignFile keeps testdata/bench-2000.toml (the design for
// `housegame --bench-frames`) equal to BenchDesign(2000); -update rewrites it.
func TestBenchDesignFile(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	for _, n := range []int{16, 100, 2000} {
		d := BenchDesign(n)
		assert.Len(t, d.Placements, n)
		require.NoError(t, d.Validate(cat))
		assert.Empty(t, planBoard(t, cat, d).OpenEdges(), "bench design of %d modules is closed", n)
	}
	path := filepath.Join("testdata", "bench-2000.toml")
	want := BenchDesign(2000).Marshal()
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, want, 0o644))
	}
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
}
