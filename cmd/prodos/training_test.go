package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/production/training/profiles"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(&env{stdout: &out, stderr: &errb, stdin: strings.NewReader("")}, args)
	return code, out.String(), errb.String()
}

func TestTrainingCommands(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdg"))
	t.Setenv("PRODOS_PROFILES_DB", "")
	file := func(name string) string { return filepath.Join(dir, name) }

	code, out, _ := runCmd(t, "profile", "create", "al")
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "created profile al")
	code, _, errOut := runCmd(t, "profile", "create", "al")
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errOut, "already exists")
	code, _, _ = runCmd(t, "profile", "create", "bad name")
	assert.Equal(t, exitUsage, code)

	// A replay verifies; edited copies fail with exit 1; garbage exits 2.
	code, _, _ = runCmd(t, "replay", "demo", "c01-groundwork", "--out", file("c01.replay"))
	require.Equal(t, exitOK, code)
	code, out, _ = runCmd(t, "replay", "verify", file("c01.replay"))
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "ok: challenge 1 c01-groundwork")
	assert.Contains(t, out, "evidence sha256:")
	data, err := os.ReadFile(file("c01.replay"))
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	claim := strings.Fields(lines[len(lines)-1])
	claim[3] = "1999"
	lines[len(lines)-1] = strings.Join(claim, " ")
	require.NoError(t, os.WriteFile(file("edited.replay"), []byte(strings.Join(lines, "\n")+"\n"), 0o644))
	code, _, errOut = runCmd(t, "replay", "verify", file("edited.replay"))
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errOut, "claims \"won score 1999")
	require.NoError(t, os.WriteFile(file("junk.replay"), []byte("hello\n"), 0o644))
	code, _, errOut = runCmd(t, "replay", "verify", file("junk.replay"))
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "junk.replay:1:1: not a replay")

	// Submitting an edited replay records nothing.
	code, _, _ = runCmd(t, "profile", "submit", "al", file("edited.replay"))
	assert.Equal(t, exitProblems, code)
	code, _, errOut = runCmd(t, "profile", "submit", "al", file("c01.replay"))
	assert.Equal(t, exitProblems, code, "a demonstration earns nothing")
	assert.Contains(t, errOut, "refused, nothing recorded: a demonstration never earns anything")
	a := playOffline(t, defaultProfilesDB(), dir, "al", "c01-groundwork", time.Now().Add(-time.Hour))
	code, out, _ = runAt(t, a.Submit, "profile", "submit", "al", a.File)
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "earned qualification Foundation crew (foundation-crew)")
	assert.Contains(t, out, "unlocks design level cabin")

	code, out, _ = runCmd(t, "profile", "show", "al", "--format", "json")
	require.Equal(t, exitOK, code)
	var shown struct {
		Qualifications []profiles.Award `json:"qualifications"`
		Unlocked       []string         `json:"unlocked"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &shown))
	require.Len(t, shown.Qualifications, 1)
	assert.Equal(t, "foundation-crew", shown.Qualifications[0].Qualification)
	assert.Equal(t, "self-attested", shown.Qualifications[0].Attestation)
	assert.Contains(t, shown.Unlocked, "design level cabin")

	// The badge verifies; an edited copy does not.
	code, _, _ = runCmd(t, "badge", "al", "foundation-crew", "--out", file("badge.json"))
	require.Equal(t, exitOK, code)
	code, out, _ = runCmd(t, "badge", "verify", file("badge.json"))
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "valid: Foundation crew earned by al")
	assert.Contains(t, out, "\nattestation: self-attested\n", "the badge says who vouches for its evidence")
	b0, err := os.ReadFile(file("badge.json"))
	require.NoError(t, err)
	assert.Contains(t, string(b0), `"genre": "self-attested"`)
	assert.Contains(t, out, "this installation's key")
	b, err := os.ReadFile(file("badge.json"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(file("edited.json"), bytes.Replace(b, []byte(`"identityHash": "al"`), []byte(`"identityHash": "eve"`), 1), 0o644))
	code, _, errOut = runCmd(t, "badge", "verify", file("edited.json"))
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errOut, "changed after it was signed")
	code, _, errOut = runCmd(t, "badge", "al", "designer")
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errOut, "does not hold Designer")

	// The production permission follows the designer qualification.
	err = checkProfilePermission(&env{}, "al", "export-build-package")
	require.Error(t, err)
	assert.True(t, errors.Is(err, profiles.ErrNotPermitted))
	assert.Contains(t, err.Error(), "needs the Designer qualification")
	earnOffline(t, defaultProfilesDB(), "al", "c03-wall-module", "c04-window-module", "c06-raise-the-walls", "c07-roof-on")
	assert.ErrorContains(t, checkProfilePermission(&env{}, "al", "export-build-package"), "hold Wall framer", "wall-framer waits for its practical sign-off")
	signOffWallFramer(t, defaultProfilesDB(), "al")
	assert.NoError(t, checkProfilePermission(&env{}, "al", "export-build-package"))
	assert.Error(t, checkProfilePermission(&env{}, "nobody", "export-build-package"))
}
