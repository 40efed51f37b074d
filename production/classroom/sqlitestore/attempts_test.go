//go:build !js

package sqlitestore

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAttemptIDUsedOnce: eight submissions of one attempt id at once
// (different replays, different keys) record exactly one result; another
// learner cannot use the id; the ticket reads back used.
func TestAttemptIDUsedOnce(t *testing.T) {
	ctx := context.Background()
	db, err := Open(filepath.Join(t.TempDir(), "class.db"))
	require.NoError(t, err)
	defer db.Close()
	c, err := db.CreateClass(ctx, "Saturday", "ABCD-EFGH")
	require.NoError(t, err)
	ana, err := db.AddLearner(ctx, c.ID, "Ana", "tok-ana")
	require.NoError(t, err)
	bo, err := db.AddLearner(ctx, c.ID, "Bo", "tok-bo")
	require.NoError(t, err)
	issued := time.Date(2026, 12, 1, 20, 0, 0, 0, time.UTC)
	require.NoError(t, db.IssueAttempt(ctx, ana.ID, training.Ticket{ID: "A1", Learner: "Ana", Challenge: "c01-groundwork", Issued: issued}))
	tk, owner, err := db.AttemptTicket(ctx, "A1")
	require.NoError(t, err)
	require.NotNil(t, tk)
	assert.Equal(t, ana.ID, owner)
	assert.Equal(t, "Ana", tk.Learner)
	assert.True(t, tk.Issued.Equal(issued) && !tk.Used)

	v := func(hash string) classroom.Verified {
		return classroom.Verified{Kind: "challenge", Level: "c01-groundwork", Score: 1900, Passed: true, ReplayHash: hash, Attempt: training.Attempt{ID: "A1"}}
	}
	_, _, err = db.AddResult(ctx, bo.ID, "bo", v("b"), nil)
	assert.ErrorIs(t, err, classroom.ErrAttemptUsed, "another learner's attempt id")
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_, _, errs[i] = db.AddResult(ctx, ana.ID, string(rune('a'+i)), v(string(rune('a'+i))), nil)
		}(i)
	}
	wg.Wait()
	ok, won := 0, ""
	for i, err := range errs {
		if err == nil {
			ok, won = ok+1, string(rune('a'+i))
		} else {
			assert.ErrorIs(t, err, classroom.ErrAttemptUsed)
		}
	}
	assert.Equal(t, 1, ok, "one attempt id, one result")
	tk, _, err = db.AttemptTicket(ctx, "A1")
	require.NoError(t, err)
	assert.True(t, tk.Used)
	other, err := db.CreditedTo(ctx, won, bo.ID)
	require.NoError(t, err)
	assert.Equal(t, "Ana", other, "the replay is credited to Ana")
	other, err = db.CreditedTo(ctx, won, ana.ID)
	require.NoError(t, err)
	assert.Equal(t, "", other, "not to another learner than Ana")
	tk, _, err = db.AttemptTicket(ctx, "NEVER")
	require.NoError(t, err)
	assert.Nil(t, tk)
}
