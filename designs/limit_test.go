package designs

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMaxPlacements: a design with more placements than the limit is
// refused with an error naming the file, the count and the limit (issue
// 12.9); one at the limit passes.
func TestMaxPlacements(t *testing.T) {
	cat := mustCatalog(t)
	design := func(n int) *Design {
		d := &Design{Format: FormatVersion, Name: "stack", License: DefaultLicense, Grid: Grid{Width: 4, Height: 4}}
		d.Placements = make([]Placement, n)
		for i := range d.Placements {
			d.Placements[i] = Placement{Module: "foundation-cell", X: 1, Y: 1}
		}
		return d
	}
	err := design(MaxPlacements+1).check("stack.toml", positions{}, nil, cat).Err()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "stack.toml")
	assert.Contains(t, err.Error(), fmt.Sprintf("design has %d placements, more than the limit of %d", MaxPlacements+1, MaxPlacements))
	require.NoError(t, design(MaxPlacements).check("stack.toml", positions{}, nil, cat).Err())
}

// TestMaxPlacementsParse: a file over the limit is refused before it is
// decoded, naming the file, the line of the first placement over the
// limit, the count and the limit.
func TestMaxPlacementsParse(t *testing.T) {
	var b strings.Builder
	fmt.Fprintf(&b, "format = %d\nname = \"stack\"\nlicense = %q\n[grid]\nwidth = 4\nheight = 4\n", FormatVersion, DefaultLicense)
	for i := 0; i < MaxPlacements+2; i++ {
		b.WriteString("[[placement]]\nmodule = \"foundation-cell\"\nx = 1\ny = 1\n")
	}
	_, err := ParseDesign("stack.toml", []byte(b.String()), mustCatalog(t))
	require.Error(t, err)
	line := 7 + 4*MaxPlacements
	assert.Equal(t, fmt.Sprintf("stack.toml:%d:1: design has %d placements, more than the limit of %d", line, MaxPlacements+2, MaxPlacements), err.Error())
}
