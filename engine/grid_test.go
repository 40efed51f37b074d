package engine

import (
	"fmt"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/require"
)

// layout builds a design from a visual grid (see Layout).
func layout(t testing.TB, rows ...string) *designs.Design {
	t.Helper()
	d, err := Layout("layout", rows...)
	require.NoError(t, err)
	return d
}

func testCatalog(t testing.TB) *designs.Catalog {
	t.Helper()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	return cat
}

// roofs lays rotation-0 roof panels (one cell by two) over rows y0..y1 of
// columns x0..x1.
func roofs(x0, x1, y0, y1 int, rot int) []designs.Placement {
	var out []designs.Placement
	if rot == 90 {
		for y := y0; y <= y1; y++ {
			for x := x0; x+1 <= x1; x += 2 {
				out = append(out, designs.Placement{Module: "roof-4x8", X: x, Y: y, Rotation: 90})
			}
		}
		return out
	}
	for x := x0; x <= x1; x++ {
		for y := y0; y+1 <= y1; y += 2 {
			out = append(out, designs.Placement{Module: "roof-4x8", X: x, Y: y})
		}
	}
	return out
}

func ruleIDs(vs []Violation) []string {
	out := []string{}
	for _, v := range vs {
		out = append(out, v.Rule)
	}
	return out
}

func dump(vs []Violation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "  %s\n", v)
	}
	return b.String()
}
