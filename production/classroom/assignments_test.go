package classroom

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDue(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"2026-12-05", "2026-12-05T23:59:59Z", ""},
		{" 2026-12-05T09:30 ", "2026-12-05T09:30:00Z", ""},
		{"05/12/2026", "", `due "05/12/2026": want a date`},
		{"", "", "want a date"},
	} {
		got, err := ParseDue(tc.in)
		if tc.err != "" {
			require.Error(t, err, tc.in)
			assert.Contains(t, err.Error(), tc.err)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, got.Format(time.RFC3339), tc.in)
	}
}

// A learner's best result counts (passed before failed, then score); it is
// on time when verified no later than the due time, to the second.
func TestAssignmentReports(t *testing.T) {
	due := time.Date(2026, 12, 5, 23, 59, 59, 0, time.UTC)
	hash := "ab"
	a := Assignment{ID: 1, Level: hash, Title: "Shed", Due: due}
	learners := []Learner{{ID: 1, Name: "Ana"}, {ID: 2, Name: "Bo"}, {ID: 3, Name: "Cy"}}
	res := func(learner int64, score int, passed bool, at time.Time) Result {
		return Result{LearnerID: learner, At: at, Verified: Verified{Level: hash, Score: score, Passed: passed}}
	}
	results := []Result{
		res(1, 900, false, due.Add(-time.Hour)),
		res(1, 800, true, due),                   // passed, exactly at the due time
		res(2, 1000, true, due.Add(time.Second)), // late
		{LearnerID: 3, Verified: Verified{Level: "other", Passed: true}, At: due},
	}
	reps := assignmentReports([]Assignment{a}, learners, results)
	require.Len(t, reps, 1)
	rows := reps[0].Rows
	require.Len(t, rows, 3)
	assert.Equal(t, []any{"Ana", true, 800, true}, []any{rows[0].Learner, rows[0].Submitted, rows[0].Best.Score, rows[0].OnTime})
	assert.Equal(t, []any{"Bo", true, 1000, false}, []any{rows[1].Learner, rows[1].Submitted, rows[1].Best.Score, rows[1].OnTime})
	assert.Equal(t, []any{"Cy", false, false}, []any{rows[2].Learner, rows[2].Submitted, rows[2].OnTime}, "another level's result does not count")
}
