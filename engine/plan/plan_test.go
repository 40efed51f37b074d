package plan

import (
	"errors"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func counts(d *designs.Design) map[string]int {
	out := map[string]int{}
	for _, p := range d.Placements {
		out[p.Module]++
	}
	return out
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		text string
		grid designs.Grid
		want map[string]int
	}{
		{"cells", "+ + + + + + +\n f F G r s l\n+ + + + + + +\n f F G r s l\n+ + + + + + +\n", designs.Grid{Width: 6, Height: 2},
			map[string]int{"foundation-cell": 10, "floor-4x8": 5, "roof-4x8": 2, "roof-solar-4x8": 1, "loft-4x8": 1}},
		{"'.' is F", "+ +\n .\n+ +\n F\n+ +\n", designs.Grid{Width: 1, Height: 2},
			map[string]int{"foundation-cell": 2, "floor-4x8": 1}},
		{"edges, either spelling", "+-+w+d+s+i+o+\n|fWfDfSf:fOf|\n+ + + + + + +\n", designs.Grid{Width: 6, Height: 1},
			map[string]int{"foundation-cell": 6, "wall-ext-4x8": 3, "wall-window-4x8": 2, "wall-door-4x8": 2, "wall-ext-4x8-16oc": 2,
				"wall-int-4x8": 2, "wall-int-door-4x8": 2}},
		{"floors pair from any row", "+ +\n f\n+ +\n F\n+ +\n F\n+ +\n", designs.Grid{Width: 1, Height: 3},
			map[string]int{"foundation-cell": 3, "floor-4x8": 1}},
		{"a core", "+ + +\n K r\n+ + +\n r r\n+ + +\n", designs.Grid{Width: 2, Height: 2},
			map[string]int{"foundation-cell": 4, "floor-4x8": 2, "roof-4x8": 2, "core-kitchen": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseText("t", tt.text)
			require.NoError(t, err)
			assert.Equal(t, tt.grid, d.Grid)
			assert.Equal(t, tt.want, counts(d))
		})
	}
}

func TestParseOrder(t *testing.T) {
	d, err := ParseText("t", "+-+-+\n|r r|\n+ + +\n|r r|\n+-+-+\n")
	require.NoError(t, err)
	var got []string
	for _, p := range d.Placements {
		got = append(got, p.Module+" "+p.Edge)
	}
	assert.Equal(t, []string{
		"foundation-cell ", "foundation-cell ", "foundation-cell ", "foundation-cell ",
		"floor-4x8 ", "floor-4x8 ",
		"wall-ext-4x8 n", "wall-ext-4x8 n", "wall-ext-4x8 w", "wall-ext-4x8 e", "wall-ext-4x8 w", "wall-ext-4x8 e", "wall-ext-4x8 s", "wall-ext-4x8 s",
		"roof-4x8 ", "roof-4x8 ",
	}, got, "foundation, floor, walls in reading order, roof")
	assert.Equal(t, designs.Placement{Module: "floor-4x8", X: 1, Y: 0}, d.Placements[5])
	assert.Equal(t, designs.Placement{Module: "wall-ext-4x8", X: 1, Y: 1, Edge: "s"}, d.Placements[13])
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		line, col int
		want      string
	}{
		{"even line count", "+-+\n|r|\n", 0, 0, "a plan has an odd number of lines (2 per cell row plus 1), at least 3, got 2"},
		{"too narrow", "+\n\n+\n", 0, 0, "a plan must be between 1x1 and 512x512 cells, got 0x1"},
		{"unknown cell", "+-+\n|x|\n+-+\n", 2, 2, "unknown cell 'x' (want one of f F . G r s l K B M or space)"},
		{"unknown horizontal wall", "+=+\n|f|\n+-+\n", 1, 2, "unknown wall '=' on a horizontal edge (want one of - | w W d D s S i : o O or space)"},
		{"unknown vertical wall", "+-+\n|f.\n+-+\n", 2, 3, "unknown wall '.' on a vertical edge (want one of - | w W d D s S i : o O or space)"},
		{"unpaired floor", "+-+\n|F|\n+-+\n", 2, 2, "cell (0,0): floor panels are 1x2 and pair cells north to south, but the cell south of it has no floor"},
		{"unpaired roof", "+-+\n|r|\n+ +\n|.|\n+-+\n", 2, 2, "cell (0,0): roof panels are 1x2 and pair cells north to south, but the cell south of it has no roof"},
		{"core without roof", "+-+-+\n|K .|\n+ + +\n|r .|\n+-+-+\n", 2, 2, "cell (0,0): a 2x2 core needs roofed cells to its east, south and south-east"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseText("t", tt.text)
			var pe *Error
			require.True(t, errors.As(err, &pe), "want a *plan.Error, got %v", err)
			assert.Equal(t, tt.want, pe.Msg)
			assert.Equal(t, [2]int{tt.line, tt.col}, [2]int{pe.Line, pe.Col})
		})
	}
}
