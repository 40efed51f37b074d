package timelapse

import (
	"sort"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing/schedule"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const cabin = "../../../designs/examples/cabin-12x16.toml"

func cabinModel(t testing.TB, crewN int) *Model {
	t.Helper()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	d, err := designs.LoadDesign(cabin, cat)
	require.NoError(t, err)
	crews, err := designs.DefaultCrews(cat)
	require.NoError(t, err)
	crew, err := designs.CrewOfSize(crews, crewN)
	require.NoError(t, err)
	s, err := schedule.PlanDesign(d, cat, crew)
	require.NoError(t, err)
	m, err := New(d, cat, s, 8)
	require.NoError(t, err)
	return m
}

// installEnds lists the end times of the schedule's install tasks, sorted.
func installEnds(s *schedule.Schedule) []int64 {
	var ends []int64
	for i, t := range s.Tasks {
		if t.Op == "install" && t.Module >= 0 {
			ends = append(ends, s.Slots[i].End)
		}
	}
	sort.Slice(ends, func(a, b int) bool { return ends[a] < ends[b] })
	return ends
}

func TestStandingFollowsSchedule(t *testing.T) {
	m := cabinModel(t, 4)
	ends := installEnds(m.Schedule)
	require.Len(t, ends, len(m.Design.Placements), "one install task per placement")
	assert.Equal(t, 0, m.At(0).Standing, "nothing stands before the build")
	checked := 0
	for k, end := range ends {
		if k+1 < len(ends) && ends[k+1] == end {
			continue // several installs end together: the count jumps past k+1
		}
		st := m.At(end)
		assert.Equal(t, k+1, st.Standing, "modules standing at the end of install %d", k)
		if end > 0 {
			before := sort.Search(len(ends), func(i int) bool { return ends[i] >= end })
			assert.Equal(t, before, countStanding(m.At(end-1)), "one second before install %d ends", k)
		}
		checked++
	}
	assert.Greater(t, checked, 10)
	last := m.At(m.Schedule.Makespan)
	assert.Equal(t, len(m.Design.Placements), last.Standing)
	assert.Equal(t, len(m.Schedule.Tasks), last.Done)
}

func countStanding(st State) int {
	n := 0
	for _, p := range st.Pieces {
		if p.Progress >= 1 {
			n++
		}
	}
	return n
}

func TestGrowingAndCrew(t *testing.T) {
	m := cabinModel(t, 4)
	s := m.Schedule
	sites := 0
	for i, sl := range s.Slots {
		mid := (sl.Start + sl.End) / 2
		if sl.End-sl.Start < 2 {
			continue
		}
		st := m.At(mid)
		cs := st.Crew[sl.Member]
		assert.Equal(t, i, cs.Task, "member %s at task %s at its midpoint", cs.ID, s.Tasks[i].ID)
		assert.LessOrEqual(t, m.Phase(st), s.Tasks[i].Phase, "the phase shown is the earliest under way")
		assert.NotEmpty(t, m.Phase(st))
		assert.Equal(t, m.TaskPoint(i, sl.Member), cs.At)
		if s.Tasks[i].Op == "install" {
			found := false
			for _, p := range st.Pieces {
				if p.Task == i {
					found = true
					assert.InDelta(t, 0.5, p.Progress, 0.01, "piece of %s half up", s.Tasks[i].ID)
				}
			}
			assert.True(t, found, "piece of %s growing", s.Tasks[i].ID)
		} else if s.Tasks[i].Op == "build" {
			assert.Equal(t, m.Station(sl.Member), cs.At, "build %s at the member's station", s.Tasks[i].ID)
		} else {
			sites++
			assert.InDelta(t, m.site.X, cs.At.X, 0.5, "site work %s in the house", s.Tasks[i].ID)
			assert.InDelta(t, m.site.Y, cs.At.Y, 0.5, "site work %s in the house", s.Tasks[i].ID)
			assert.Less(t, cs.At.X, float64(m.Design.Grid.Width), "site work %s not at the stations", s.Tasks[i].ID)
		}
	}
	assert.Positive(t, sites, "the cabin has whole-house work")
}

func TestClock(t *testing.T) {
	m := &Model{HoursPerDay: 8}
	tests := []struct {
		t    int64
		want Clock
	}{
		{0, Clock{1, 8, 0}},
		{90 * 60, Clock{1, 9, 30}},
		{8 * 3600, Clock{1, 16, 0}},
		{8*3600 + 60, Clock{2, 8, 1}},
		{19 * 3600, Clock{3, 11, 0}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, m.ClockAt(tt.t), "t=%d", tt.t)
	}
	assert.Equal(t, "day 3 11:00", m.ClockAt(19*3600).String())
	_, err := New(nil, nil, nil, 0)
	assert.Error(t, err)
}
