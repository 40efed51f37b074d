package buildseq_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/buildseq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// listing prints a graph as a table: id, kind, minutes, skill,
// qualification, dependencies and name.
func listing(g *buildseq.Graph) string {
	var b strings.Builder
	for _, t := range g.Tasks {
		var ds []string
		for _, d := range t.Deps {
			ds = append(ds, g.Tasks[d].ID)
		}
		fmt.Fprintf(&b, "%-4s %-13s %4s min  %-10s %-17s needs %-24s %s\n", t.ID, t.Kind, t.Minutes, t.Skill, t.Qual, strings.Join(ds, ","), t.Name)
	}
	return b.String()
}

func TestGoldenGraphs(t *testing.T) {
	cat := catalog(t)
	d, err := designs.LoadDesign("../../designs/examples/cabin-12x16.toml", cat)
	require.NoError(t, err)
	cabin, err := buildseq.FromDesign(d, cat)
	require.NoError(t, err)
	window, err := buildseq.FromModule(cat.Modules["wall-window-4x8"], cat)
	require.NoError(t, err)
	for name, g := range map[string]*buildseq.Graph{"cabin-12x16.txt": cabin, "wall-window-4x8.txt": window} {
		t.Run(name, func(t *testing.T) {
			got := listing(g)
			path := filepath.Join("testdata", name)
			if *update {
				require.NoError(t, os.MkdirAll("testdata", 0o755))
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test -update to create it")
			assert.Equal(t, string(want), got)
		})
	}
}

func TestDependenciesPointToLowerRanks(t *testing.T) {
	cat := catalog(t)
	for _, text := range []string{room, bigHouse(12, 8)} {
		d := layout(t, text)
		g, err := buildseq.FromDesign(d, cat)
		require.NoError(t, err)
		for _, tk := range g.Tasks {
			for _, dep := range tk.Deps {
				assert.Less(t, g.Tasks[dep].Kind.Rank(), tk.Kind.Rank(), "%s -> %s", tk.ID, g.Tasks[dep].ID)
			}
		}
	}
}
