package training_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
	"github.com/opensourceecology/prodos/engine/training"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseLayout(t *testing.T) {
	d, err := training.ParseLayout(`
+-+w+
|r r|
+ + +
Dr r|
+-+-+
`)
	require.NoError(t, err)
	assert.Equal(t, designs.Grid{Width: 2, Height: 2}, d.Grid)
	count := map[string]int{}
	for _, p := range d.Placements {
		count[p.Module]++
	}
	assert.Equal(t, map[string]int{"foundation-cell": 4, "floor-4x8": 2, "roof-4x8": 2,
		"wall-ext-4x8": 6, "wall-window-4x8": 1, "wall-door-4x8": 1}, count)
	assert.Equal(t, designs.Placement{Module: "wall-door-4x8", X: 0, Y: 1, Edge: "w"}, d.Placements[10])
}

func TestParseLayoutErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
		line, col        int
	}{
		{"even line count", "+-+\n|r|\n", "odd number of lines", 1, 1},
		{"unknown cell", "+-+\n|x|\n+-+\n", "unknown cell 'x'", 2, 2},
		{"unknown wall", "+=+\n|f|\n+-+\n", "unknown wall '=' on a horizontal edge", 1, 2},
		{"unpaired floor row", "+-+\n|r|\n+-+\n", "floor panels are 1x2", 2, 2},
		{"core without roof", "+-+-+\n|K .|\n+ + +\n|r .|\n+-+-+\n", "a 2x2 core needs roofed cells", 2, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := training.ParseLayout(tc.text)
			require.Error(t, err)
			var le *training.LayoutError
			require.True(t, errors.As(err, &le))
			assert.Contains(t, le.Msg, tc.want)
			assert.Equal(t, [2]int{tc.line, tc.col}, [2]int{le.Line, le.Col})
		})
	}
}

// TestLayoutLanguagesAgree: engine.Layout and ParseLayout read one plan
// language, so a drawing means the same design to both.
func TestLayoutLanguagesAgree(t *testing.T) {
	for _, text := range []string{
		"+ + + + + +\n           \n+ +-+w+-+ +\n  |F F F|  \n+ + + + + +\n  |F F FD  \n+ +-+d+-+ +\n           \n+ + + + + +\n",
		"+-+w+-+-+\n|r r:K s|\n+ + + + +\nWr rOr r|\n+i+i+ + +\n|r r:r sW\n+ + + + +\n|l l:r r|\n+-+-+d+-+\n",
		"+-+\n|.|\n+ +\n|G|\n+s+\n",
	} {
		want, err := training.ParseLayout(text)
		require.NoError(t, err)
		got, err := engine.Layout("layout", strings.Split(strings.TrimSuffix(text, "\n"), "\n")...)
		require.NoError(t, err)
		assert.Equal(t, want.Grid, got.Grid)
		assert.Equal(t, want.Placements, got.Placements)
	}
}
