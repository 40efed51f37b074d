package schedule

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScheduleFollowsModuleData changes labour and cut data in a fresh
// catalog: the schedule's work follows; a wording change does not move it.
func TestScheduleFollowsModuleData(t *testing.T) {
	plan := func(cat *designs.Catalog) *Schedule {
		d, err := designs.LoadDesign(examples[0], cat)
		require.NoError(t, err)
		crews, err := designs.DefaultCrews(cat)
		require.NoError(t, err)
		s, err := PlanDesign(d, cat, crews[designs.DefaultCrewID])
		require.NoError(t, err)
		return s
	}
	fresh := func() *designs.Catalog {
		cat, err := designs.LoadCatalog(designs.DataFS())
		require.NoError(t, err)
		return cat
	}
	base := plan(fresh())

	cat := fresh()
	cat.Modules["roof-4x8"].Name = "Roof panel, renamed"
	same := plan(cat)
	assert.Equal(t, base.WorkSeconds, same.WorkSeconds)
	assert.Equal(t, base.Makespan, same.Makespan)

	cat = fresh()
	m := cat.Modules["wall-ext-4x8"]
	for i := range m.Labour {
		if m.Labour[i].Op == "install" {
			m.Labour[i].Minutes = m.Labour[i].Minutes.Add(decimal.NewFromInt(10))
		}
	}
	more := plan(cat)
	n := 0
	d, err := designs.LoadDesign(examples[0], cat)
	require.NoError(t, err)
	for _, p := range d.Placements {
		if p.Module == "wall-ext-4x8" {
			n++
		}
	}
	require.Positive(t, n)
	assert.Equal(t, base.WorkSeconds+int64(n*600), more.WorkSeconds)

	// One more framing member adds its minutes per member to the build task.
	cat = fresh()
	m = cat.Modules["wall-ext-4x8"]
	for i := range m.Cuts {
		if m.Cuts[i].Name == "stud" {
			m.Cuts[i].Qty++
		}
	}
	assert.Greater(t, plan(cat).WorkSeconds, base.WorkSeconds)
}
