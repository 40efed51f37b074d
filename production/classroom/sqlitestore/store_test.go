//go:build !js

package sqlitestore

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "class.db")
	db, err := Open(path)
	require.NoError(t, err)
	c, err := db.CreateClass(ctx, "Saturday", "ABCD-EFGH")
	require.NoError(t, err)
	_, err = db.CreateClass(ctx, "Other", "ABCD-EFGH")
	assert.ErrorIs(t, err, classroom.ErrDuplicate)
	l, err := db.AddLearner(ctx, c.ID, "Ana", "tok-ana")
	require.NoError(t, err)
	_, err = db.AddLearner(ctx, c.ID, "Ana", "tok-2")
	assert.ErrorIs(t, err, classroom.ErrDuplicate)
	got, err := db.LearnerByToken(ctx, "tok-ana")
	require.NoError(t, err)
	assert.Equal(t, l.ID, got.ID)
	_, err = db.LearnerByToken(ctx, "nope")
	assert.ErrorIs(t, err, classroom.ErrNotFound)
	v := classroom.Verified{Kind: "level", Level: "shed", Score: 870, Stars: 2, Passed: true,
		Cost: decimal.RequireFromString("4123.45"), LabourMinutes: decimal.NewFromInt(600), SheetWastePct: decimal.RequireFromString("12.5"),
		Qualifications: []string{"wall-framer"}, ReplayHash: "abc"}
	_, _, err = db.AddResult(ctx, l.ID, "k1", v, nil)
	require.NoError(t, err)
	_, _, err = db.AddResult(ctx, l.ID, "k2", classroom.Verified{Kind: "challenge", Level: "c01-groundwork", Score: 1800, Stars: 2, Passed: true, Ticks: 2490, Mistakes: 2}, nil)
	require.NoError(t, err)
	require.NoError(t, db.Close())

	db, err = Open(path)
	require.NoError(t, err)
	defer db.Close()
	res, err := db.Results(ctx, c.ID)
	require.NoError(t, err)
	require.Len(t, res, 2)
	assert.Equal(t, 2490, res[1].Ticks)
	assert.Equal(t, 2, res[1].Mistakes)
	assert.Equal(t, "4123.45", res[0].Cost.StringFixed(2))
	assert.Equal(t, []string{"wall-framer"}, res[0].Qualifications)
	assert.Equal(t, "Ana", res[0].Learner)
	assert.True(t, res[0].Passed)
}

func TestOpenRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.db")
	require.NoError(t, os.WriteFile(notDB, []byte("these are my notes, not a database"), 0o644))
	_, err := Open(notDB)
	require.Error(t, err)
	assert.Contains(t, err.Error(), notDB+" is not a SQLite database")
	b, _ := os.ReadFile(notDB)
	assert.Equal(t, "these are my notes, not a database", string(b), "nothing written")

	newer := filepath.Join(dir, "newer.db")
	db, err := Open(newer)
	require.NoError(t, err)
	_, err = db.db.Exec("PRAGMA user_version = 99")
	require.NoError(t, err)
	db.Close()
	_, err = Open(newer)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "schema version 99, newer than this program")
}
