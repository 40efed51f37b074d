//go:build !js

package main

import (
	"bytes"
	"crypto/ed25519"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/training/badge"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBadgeTrustAndEvidence plays issue 13 item 1: a badge signed by a key
// that is not trusted, a hand-edited profiles database, evidence that is no
// attempt, and a duplicate member name are all refused with exit 1.
func TestBadgeTrustAndEvidence(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdg"))
	t.Setenv("PRODOS_PROFILES_DB", "")
	file := func(name string) string { return filepath.Join(dir, name) }
	require.Equal(t, exitOK, first(runCmd(t, "profile", "create", "al")))
	a := playOffline(t, defaultProfilesDB(), dir, "al", "c01-groundwork", time.Now().Add(-time.Hour))
	require.NoError(t, os.Rename(a.File, file("c01.replay")))
	require.Equal(t, exitOK, first(runAt(t, a.Submit, "profile", "submit", "al", file("c01.replay"))))
	replay, err := os.ReadFile(file("c01.replay"))
	require.NoError(t, err)

	// Hand-edit the database: a Designer award whose evidence is no attempt.
	db, err := sql.Open("sqlite3", defaultProfilesDB())
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO qualifications (profile_id, qualification, earned_at, evidence)
		SELECT id, 'designer', '2026-11-21T09:00:00Z', 'sha256:00' FROM profiles WHERE name = 'al'`)
	require.NoError(t, err)
	db.Close()
	code, _, errOut := runCmd(t, "badge", "al", "designer", "--out", file("forged.json"))
	assert.Equal(t, exitProblems, code, errOut)
	assert.Contains(t, errOut, "evidence is not a verified attempt")
	assert.NoFileExists(t, file("forged.json"))

	// Another installation's key signs a Designer badge for real evidence.
	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, ed25519.SeedSize))
	forged, err := badge.Issue(other, badge.Claim{IssuerName: "elsewhere", Learner: "al", QualID: "designer", QualName: "Designer",
		EarnedAt: time.Now(), Evidence: training.ReplayHash(replay), EvidenceFor: "c01"}, time.Now())
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(file("other.json"), forged, 0o644))
	code, out, errOut := runCmd(t, "badge", "verify", file("other.json"))
	assert.Equal(t, exitProblems, code, out)
	assert.Contains(t, errOut, "NOT TRUSTED")
	assert.NotContains(t, out, "valid")

	// The operator trusts that installation; its evidence must then be shown.
	did := badge.DIDKey(other.Public().(ed25519.PublicKey))
	require.Equal(t, exitOK, first(runCmd(t, "badge", "trust", did, "Factor", "e", "Farm")))
	code, _, errOut = runCmd(t, "badge", "verify", file("other.json"))
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errOut, "--replay FILE")
	code, out, _ = runCmd(t, "badge", "verify", file("other.json"), "--replay", file("c01.replay"))
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "trusted: Factor e Farm")
	require.NoError(t, os.WriteFile(file("wrong.replay"), append(replay, '\n'), 0o644))
	code, _, errOut = runCmd(t, "badge", "verify", file("other.json"), "--replay", file("wrong.replay"))
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errOut, "hashes to")

	// This installation's own badge checks its evidence in the database.
	require.Equal(t, exitOK, first(runCmd(t, "badge", "al", "foundation-crew", "--out", file("own.json"))))
	code, out, errOut = runCmd(t, "badge", "verify", file("own.json"))
	assert.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "this installation's key")
	code, _, errOut = runCmd(t, "badge", "verify", file("own.json"), "--db", file("empty.db"))
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errOut, "cannot check the evidence")

	// I-JSON: a duplicate member name is refused even though it is signed.
	own, err := os.ReadFile(file("own.json"))
	require.NoError(t, err)
	dup := strings.Replace(string(own), `"name": "Foundation crew",`, `"name": "Designer", "name": "Foundation crew",`, 1)
	require.NoError(t, os.WriteFile(file("dup.json"), []byte(dup), 0o644))
	code, _, errOut = runCmd(t, "badge", "verify", file("dup.json"))
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errOut, "appears twice")
}

// TestCLIReadsAreLimited plays issue 13 item 10: /dev/zero is refused after
// a bounded read, not read until memory runs out.
func TestCLIReadsAreLimited(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	for _, args := range [][]string{{"replay", "verify", "/dev/zero"}, {"badge", "verify", "/dev/zero"}, {"validate", "/dev/zero"}, {"profile", "submit", "al", "/dev/zero"}} {
		code, out, errOut := runCmd(t, args...)
		assert.Equal(t, exitUsage, code, args)
		assert.Contains(t, out+errOut, "larger than", args)
	}
}

func first(code int, _, _ string) int { return code }
