package buildseq_test

import (
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/buildseq"
	"github.com/opensourceecology/prodos/engine/plan"
	"github.com/stretchr/testify/require"
)

// layout reads a design drawn in the plan language of engine/plan (the
// one training.ParseLayout and engine.Layout read); tab indentation is
// dropped so tests can indent their drawings.
func layout(t testing.TB, text string) *designs.Design {
	t.Helper()
	lines := strings.Split(strings.Trim(text, "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimLeft(lines[i], "\t")
	}
	d, err := plan.Parse("layout", lines)
	require.NoError(t, err)
	return d
}

// kinds draws the wall kinds found by the graph on the layout's grid:
// 'C' corner, '=' fill wall, 'o' opening, 'B' bearing interior wall,
// 'b' bearing interior door, 'i' interior wall, 'd' interior door.
func kinds(g *buildseq.Graph, d *designs.Design, cat *designs.Catalog) string {
	W, H := d.Grid.Width, d.Grid.Height
	rows := make([][]byte, 2*H+1)
	for r := range rows {
		rows[r] = []byte(strings.Repeat(" ", 2*W+1))
		if r%2 == 0 {
			for x := 0; x <= W; x++ {
				rows[r][2*x] = '+'
			}
		}
	}
	for i, t := range g.Tasks {
		m := cat.Modules[d.Placements[i].Module]
		if m.Placement != designs.OnEdge {
			continue
		}
		ch := map[buildseq.Kind]byte{buildseq.KindCorner: 'C', buildseq.KindWall: '=', buildseq.KindOpening: 'o',
			buildseq.KindInterior: 'i', buildseq.KindInteriorDoor: 'd'}[t.Kind]
		if !m.Exterior && t.Kind == buildseq.KindWall {
			ch = 'B'
		}
		if !m.Exterior && t.Kind == buildseq.KindOpening {
			ch = 'b'
		}
		p := d.Placements[i]
		switch p.Edge {
		case "n":
			rows[2*p.Y][2*p.X+1] = ch
		case "s":
			rows[2*p.Y+2][2*p.X+1] = ch
		case "w":
			rows[2*p.Y+1][2*p.X] = ch
		case "e":
			rows[2*p.Y+1][2*p.X+2] = ch
		}
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = strings.TrimRight(string(r), " ")
	}
	return strings.Join(out, "\n")
}

func trimLayout(s string) string {
	lines := strings.Split(strings.Trim(s, "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(strings.TrimLeft(lines[i], "\t"), " ")
	}
	return strings.Join(lines, "\n")
}
