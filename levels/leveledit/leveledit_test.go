package leveledit

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
	"github.com/opensourceecology/prodos/levels"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A facilitator's edits come out as a level file the level parser reads
// back with the same site, budget, required modules, rules and stars.
func TestEditedLevelParsesBack(t *testing.T) {
	m := New("porch-class")
	m.Title, m.Briefing, m.Rules, m.License = "A cabin with a porch", "Build a small cabin with a door.", "standard", "CC0-1.0"
	m.SetSize(9, designs.MaxGrid+40)
	m.Budget = decimal.RequireFromString("7250.50")
	m.ToggleRequired("wall-door-4x8")
	m.ToggleRequired("roof-4x8")
	m.ToggleRequired("foundation-cell")
	m.ToggleRequired("foundation-cell")
	min := decimal.RequireFromString("0.08")
	m.TwoStars = []engine.Goal{{Text: "Daylight", Metric: "window_ratio", Min: &min}}
	l, data, err := m.Build("porch.toml")
	require.NoError(t, err, string(data))
	assert.Equal(t, designs.Grid{Width: 9, Height: designs.MaxGrid}, l.Grid, "size kept within the grid limit")
	assert.Equal(t, "standard", l.RulesID)
	assert.Equal(t, "CC0-1.0", l.License)
	var metrics []string
	for _, g := range l.Objectives {
		metrics = append(metrics, g.Metric)
	}
	assert.Equal(t, []string{"cost", "module.roof-4x8", "module.wall-door-4x8", "closed"}, metrics)
	assert.Equal(t, "7250.5", l.Objectives[0].Max.String())
	require.Len(t, l.TwoStars, 1)

	back := FromLevel(l)
	assert.True(t, back.Budget.Equal(m.Budget), "budget %s, want %s", back.Budget, m.Budget)
	assert.Equal(t, []string{"roof-4x8", "wall-door-4x8"}, back.Required)
	assert.Equal(t, data, back.Marshal(), "the editor round-trips a level byte for byte")
}

// A mistake the editor lets through (an unknown module) is refused by the
// level parser with the file, line and column.
func TestEditedLevelRefused(t *testing.T) {
	m := New("bad")
	m.ToggleRequired("wall-nope")
	_, _, err := m.Build("bad.toml")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `bad.toml:`)
	assert.Contains(t, err.Error(), `unknown metric "module.wall-nope"`)
}

// Every built-in level opens in the editor and writes back a level the
// parser accepts with the same objectives.
func TestBuiltInLevelsOpenInTheEditor(t *testing.T) {
	ls, err := levels.DesignLevels()
	require.NoError(t, err)
	for _, l := range ls {
		if len(l.Start) > 0 || l.Sandbox {
			continue // start placements are not edited here
		}
		t.Run(l.ID, func(t *testing.T) {
			got, data, err := FromLevel(l).Build(l.ID + ".toml")
			require.NoError(t, err, string(data))
			assert.Len(t, got.Objectives, len(l.Objectives))
			assert.Equal(t, l.Grid, got.Grid)
			assert.Equal(t, l.StartDesign().Placements, got.StartDesign().Placements, "the plan is kept")
		})
	}
}
