package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// `prodos schedule` on a real file reports the person-hours of every phase
// A to G beside OSE's targets, as a table and in the JSON.
func TestSchedulePhases(t *testing.T) {
	f := "../../designs/examples/seed-home-32x32.toml"
	code, out, errs := engProdos("schedule", f)
	require.Equal(t, exitOK, code, errs)
	for _, want := range []string{"Person-hours by phase", "A site prep and foundation", "70-110", "B structural shell", "120-170 (under)",
		"D mechanical, electrical, plumbing", "100-150", "G commissioning, punch list, cleanup", "20-25", "whole-house tasks",
		"Person-hours per 1,000 sq ft: 547 for 1024 sq ft"} {
		assert.Contains(t, out, want)
	}
	code, out, errs = engProdos("schedule", f, "--format", "json")
	require.Equal(t, exitOK, code, errs)
	var got struct {
		Phases []phaseRow `json:"phases"`
		Per    float64    `json:"person_hours_per_1000_sqft"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	require.Len(t, got.Phases, 7)
	var sum float64
	for i, p := range got.Phases {
		assert.Equal(t, string(rune('A'+i)), p.Phase)
		assert.Positive(t, p.SiteHours+p.BuildStationHours)
		sum += p.Per1000
	}
	assert.InDelta(t, got.Per, sum, 0.5)
	assert.Equal(t, 70, got.Phases[0].Low)
	assert.Equal(t, 25, got.Phases[6].High)
}

type phaseRow struct {
	Phase             string  `json:"phase"`
	SiteHours         float64 `json:"site_hours"`
	BuildStationHours float64 `json:"build_station_hours"`
	Per1000           float64 `json:"person_hours_per_1000_sqft"`
	Low               int     `json:"ose_low"`
	High              int     `json:"ose_high"`
}
