//go:build !js

package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing/schedule"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// qualifyInspector makes profile name an inspector in the profiles database
// of $PRODOS_PROFILES_DB, the honest offline way (attempt start, play,
// profile submit): the challenges of foundation-crew, wall-framer (with the
// three-star practical, signed off by an assessor) and module-installer.
func qualifyInspector(t *testing.T, dir, name string) {
	t.Helper()
	code, _, errs := prodRun("profile", "create", name)
	require.Equal(t, exitOK, code, errs)
	earnOffline(t, defaultProfilesDB(), name, "c01-groundwork", "c03-wall-module", "c06-raise-the-walls", "c07-roof-on")
	signOffWallFramer(t, defaultProfilesDB(), name)
	require.NoError(t, checkProfilePermission(&env{}, name, "inspect-modules"))
}

// wallValues are the measured values of a wall-ext-4x8 inspection; the
// diagonals differ by diag.
func wallValues(diag string) []string {
	return []string{"--value", "diagonals=" + diag, "--value", "stud-spacing=24 1/16", "--value", "sheathing-nailing=6", "--value", "plates-flush=yes"}
}

func TestFailedInspectionBlocksInstall(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdg"))
	t.Setenv("PRODOS_PROFILES_DB", filepath.Join(dir, "profiles.db"))
	qualifyInspector(t, dir, "ina")
	prodSeedProfiles(t, defaultProfilesDB(), map[string][]string{"bo": {"foundation-crew", "wall-framer", "module-installer"},
		"lee": {"foundation-crew", "module-installer", "crew-lead"}})
	cabin := prodExample("cabin-12x16")
	ledgerDB, inspDB := filepath.Join(dir, "ledger.db"), filepath.Join(dir, "inspections.db")
	photo := filepath.Join(dir, "w3.jpg")
	require.NoError(t, os.WriteFile(photo, []byte("not really a jpeg"), 0o600))
	inspect := func(diag string, extra ...string) (int, string, string) {
		args := append([]string{"inspect", "record", cabin, "--db", inspDB, "--placement", "W3", "--inspector", "ina", "--photo", photo}, wallValues(diag)...)
		return prodRun(append(args, extra...)...)
	}
	post := func(event string) (int, string, string) {
		return prodRun("ledger", "post", cabin, "--db", ledgerDB, "--event", event, "--person", "bo", "--witness", "lee", "--module", "wall-ext-4x8", "--count", "1")
	}

	// The diagonals differ by 1/4 in: the inspection is recorded as failed.
	code, out, errs := inspect("1/4", "--key", "first")
	assert.Equal(t, exitProblems, code, errs)
	assert.Contains(t, out, "W3 (wall-ext-4x8) FAILED, inspector ina")
	assert.Contains(t, out, "FIX: Diagonals equal: 1/4 in, at most 1/8 in")
	code, out, _ = prodRun("inspect", "show", "cabin-12x16", "--db", inspDB, "--format", "json")
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, `"photo_hash": "sha256:`)

	// The ledger (next to the inspections database) refuses the install and lists what to fix.
	code, _, errs = post("module-built")
	require.Equal(t, exitOK, code, errs)
	code, _, errs = post("module-installed")
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errs, `module-installed for house "cabin-12x16": 0 wall-ext-4x8 installed and 1 more to install, 0 passed inspection`)
	assert.Contains(t, errs, "W3 failed inspection 1 by ina: fix Diagonals equal: 1/4 in, at most 1/8 in")

	// Fixed and inspected again: the install is posted (recorded now, not
	// "already recorded": the refused one was not posted).
	code, out, errs = inspect("1/16", "--key", "second")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "PASSED")
	code, out, errs = post("module-installed")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "module-installed: recorded 1 x wall-ext-4x8 by bo")

	code, out, errs = post("module-installed") // the same event again: already recorded, not refused
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "already recorded")

	// A second wall needs its own passed inspection, in one post or in a file of events.
	code, _, errs = prodRun("ledger", "post", cabin, "--db", ledgerDB, "--event", "module-built", "--person", "bo", "--witness", "lee", "--module", "wall-ext-4x8", "--count", "1", "--key", "built-2")
	require.Equal(t, exitOK, code, errs)
	code, _, errs = prodRun("ledger", "post", cabin, "--db", ledgerDB, "--event", "module-installed", "--person", "bo", "--witness", "lee", "--module", "wall-ext-4x8", "--count", "1", "--key", "two")
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errs, "1 wall-ext-4x8 installed and 1 more to install, 1 passed inspection")
	events := filepath.Join(dir, "events.jsonl")
	require.NoError(t, os.WriteFile(events, []byte(`{"key":"two","type":"module-installed","house":"cabin-12x16","person":"bo","witness":"lee","module":"wall-ext-4x8","count":1}`+"\n"), 0o600))
	code, _, errs = prodRun("ledger", "post", "--events", events, "--db", ledgerDB)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errs, "events.jsonl:1: post two: module not passed by inspection")
}

func TestUnqualifiedInspectorRefused(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdg"))
	t.Setenv("PRODOS_PROFILES_DB", filepath.Join(dir, "profiles.db"))
	code, _, errs := prodRun("profile", "create", "newbie")
	require.Equal(t, exitOK, code, errs)
	inspDB := filepath.Join(dir, "inspections.db")
	args := append([]string{"inspect", "record", prodExample("cabin-12x16"), "--db", inspDB, "--placement", "W3", "--inspector", "newbie"}, wallValues("1/16")...)
	code, out, errs := prodRun(args...)
	assert.Equal(t, exitProblems, code)
	assert.Empty(t, out)
	assert.Contains(t, errs, `inspector newbie: permission not earned: profile "newbie" may not inspect-modules`)
	assert.Contains(t, errs, "Inspector")
	code, out, _ = prodRun("inspect", "show", "cabin-12x16", "--db", inspDB, "--format", "json")
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, `"inspections": []`, "nothing was recorded")

	// A placement the schedule does not have is bad input.
	qualifyInspector(t, dir, "ina")
	args = append([]string{"inspect", "record", prodExample("cabin-12x16"), "--db", inspDB, "--placement", "W99", "--inspector", "ina"}, wallValues("1/16")...)
	code, _, errs = prodRun(args...)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, `no module task "W99"`)
}

// In a design grouped into houses, an inspection goes to the placement's
// house (DESIGN/house-N, as the ledger's) and gates that house's installs.
func TestInspectionOfAGroupedHouse(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdg"))
	t.Setenv("PRODOS_PROFILES_DB", filepath.Join(dir, "profiles.db"))
	qualifyInspector(t, dir, "ina")
	prodSeedProfiles(t, defaultProfilesDB(), map[string][]string{"bo": {"foundation-crew", "wall-framer", "module-installer"},
		"lee": {"foundation-crew", "module-installer", "crew-lead"}})
	row := prodRowOf3(t)
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	d, err := designs.LoadDesign(row, cat)
	require.NoError(t, err)
	tasks, err := schedule.FromDesign(d, cat)
	require.NoError(t, err)
	var place string
	for _, tk := range tasks {
		if tk.Op == "install" && tk.Module >= 0 && d.Placements[tk.Module].Module == "wall-ext-4x8" && tk.House != "" && designs.HouseSlug(tk.House) == "house-2" {
			place = tk.ID
			break
		}
	}
	require.NotEmpty(t, place, "a wall of house 2")
	ledgerDB, inspDB := filepath.Join(dir, "ledger.db"), filepath.Join(dir, "inspections.db")
	args := append([]string{"inspect", "record", row, "--db", inspDB, "--placement", place, "--inspector", "ina"}, wallValues("1/16")...)
	code, out, errs := prodRun(args...)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "house row-of-3/house-2, "+place)
	post := func(house, event string) (int, string) {
		code, _, errs := prodRun("ledger", "post", row, "--db", ledgerDB, "--house", house, "--event", event, "--person", "bo", "--witness", "lee", "--module", "wall-ext-4x8", "--count", "1")
		return code, errs
	}
	for _, h := range []string{"House 1", "House 2"} {
		code, errs := post(h, "module-built")
		require.Equal(t, exitOK, code, errs)
	}
	code, errs = post("House 1", "module-installed")
	assert.Equal(t, exitProblems, code, "house 1 has no inspection")
	assert.Contains(t, errs, `house "row-of-3/house-1"`)
	code, errs = post("House 2", "module-installed")
	assert.Equal(t, exitOK, code, errs)
}
