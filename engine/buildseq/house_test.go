package buildseq_test

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/buildseq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// In a design grouped into houses every task carries its placement's house.
func TestTasksCarryTheirHouse(t *testing.T) {
	cat := catalog(t)
	d, err := designs.LoadDesign("../../designs/testdata/compact/street.toml", cat)
	require.NoError(t, err)
	g, err := buildseq.FromDesign(d, cat)
	require.NoError(t, err)
	count := map[string]int{}
	for _, tk := range g.Tasks {
		assert.Equal(t, d.Placements[tk.Module].House, tk.House, tk.ID)
		count[tk.House]++
	}
	assert.Equal(t, map[string]int{"Shed 1": 7, "Shed 2": 7, "": 1}, count)
}
