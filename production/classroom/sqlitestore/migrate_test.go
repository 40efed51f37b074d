//go:build !js

package sqlitestore

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMigrationKeepsEarlierResults: a classroom.db from before issue 13
// (schema 1, no application id) is adopted: its best scores and awards fill
// the new tables, same-name-but-case learners keep their places, and a
// learner's progress reads from them.
func TestMigrationKeepsEarlierResults(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite3", path)
	require.NoError(t, err)
	schema, err := migrationFS.ReadFile("migrations/001_classroom.sql")
	require.NoError(t, err)
	_, err = raw.Exec(string(schema) + `PRAGMA user_version = 1;
		INSERT INTO classes VALUES (1, 'Old', 'ABCD-EFGH', '2026-01-01T00:00:00Z');
		INSERT INTO learners VALUES (1, 1, 'Ana', 'h1', '2026-01-01T00:00:00Z'), (2, 1, 'ana', 'h2', '2026-01-01T00:00:00Z');
		INSERT INTO results VALUES
		  (1, 1, 'challenge', 'c01', 'x', 1300, 2, 1, 0, '0', '0', 'foundation-crew', '2026-01-01T00:00:00Z'),
		  (2, 1, 'challenge', 'c01', 'y', 1500, 3, 1, 0, '0', '0', 'foundation-crew,floor-crew', '2026-01-02T00:00:00Z'),
		  (3, 1, 'challenge', 'c02', 'z', 1900, 1, 0, 0, '0', '0', '', '2026-01-03T00:00:00Z');`)
	require.NoError(t, err)
	require.NoError(t, raw.Close())

	db, err := Open(path)
	require.NoError(t, err)
	defer db.Close()
	var seen classroom.Progress
	_, _, err = db.AddResult(context.Background(), 1, "new", classroom.Verified{Kind: "challenge", Level: "c03", Passed: true, Score: 1},
		func(p classroom.Progress, v classroom.Verified) []string { seen = p; return nil })
	require.NoError(t, err)
	assert.Equal(t, map[string]map[string]int{"challenge": {"c01": 1500}}, seen.Best, "best passed score; the failed c02 does not count")
	assert.Equal(t, map[string]bool{"foundation-crew": true, "floor-crew": true}, seen.Held)
	res, err := db.Results(context.Background(), 1)
	require.NoError(t, err)
	assert.Len(t, res, 4)
	_, err = db.AddLearner(context.Background(), 1, "ANA", "tok")
	assert.ErrorIs(t, err, classroom.ErrDuplicate)
}
