//go:build !js

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/production/manufacturing/export"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Forgeries of built, installed and labour work are refused with exit 1
// and the reason, before the ledger is even opened: nothing is written.
func TestLedgerPostRefusesForgedWork(t *testing.T) {
	cabin := prodExample("cabin-12x16")
	crew := prodWithCrew(t)
	wall := []string{"--module", "wall-ext-4x8"}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"module-built by an unqualified person", append([]string{"--event", "module-built", "--person", "carol", "--witness", "lee"}, wall...),
			[]string{"refused", "module-built of 9 x wall-ext-4x8 by carol", `profile "carol" does not hold the Wall framer qualification (wall-framer)`}},
		{"module-built with no witness", append([]string{"--event", "module-built", "--person", "alice"}, wall...),
			[]string{"refused", "no witness: a crew lead (a profile holding lead-build-crew) must witness the work"}},
		{"witness who is not a crew lead", append([]string{"--event", "module-built", "--person", "alice", "--witness", "bob"}, wall...),
			[]string{"refused", "witness bob is not a crew lead", "Crew lead"}},
		{"crew lead witnessing their own work", append([]string{"--event", "module-installed", "--person", "lee", "--witness", "lee"}, wall...),
			[]string{"lee cannot witness their own work"}},
		{"module-installed by a framer", append([]string{"--event", "module-installed", "--person", "alice", "--witness", "lee"}, wall...),
			[]string{`profile "alice" does not hold the Module installer qualification (module-installer)`}},
		{"labour by someone without the skill's qualification", []string{"--event", "labour-contributed", "--person", "carol", "--skill", "framing", "--witness", "lee"},
			[]string{"refused", "carol may not record this work"}},
		{"a person with no profile", append([]string{"--event", "module-built", "--person", "mallory", "--witness", "lee"}, wall...),
			[]string{`no profile "mallory"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "ledger.db")
			args := append(append([]string{"ledger", "post", cabin, "--db", db}, crew...), tc.args...)
			code, out, errs := prodRun(args...)
			assert.Equal(t, exitProblems, code, out+errs)
			for _, w := range tc.want {
				assert.Contains(t, errs, w)
			}
			assert.NoFileExists(t, db, "nothing written")
		})
	}
	t.Run("no profiles database", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "ledger.db")
		code, _, errs := prodRun(append([]string{"ledger", "post", cabin, "--db", db, "--profiles", filepath.Join(t.TempDir(), "none.db"),
			"--event", "module-built", "--person", "alice", "--witness", "lee"}, wall...)...)
		assert.Equal(t, exitProblems, code)
		assert.Contains(t, errs, "no profiles database at")
		assert.NoFileExists(t, db)
	})
	t.Run("an unwitnessed line of an events file", func(t *testing.T) {
		dir := t.TempDir()
		db, file := filepath.Join(dir, "ledger.db"), filepath.Join(dir, "events.jsonl")
		lines := strings.SplitAfter(prodEventsChain, "\n")
		forged := strings.Replace(lines[6], `,"witness":"lee"`, "", 1)
		require.NotEqual(t, lines[6], forged)
		require.NoError(t, os.WriteFile(file, []byte(lines[0]+forged), 0o644))
		code, _, errs := prodRun(append([]string{"ledger", "post", "--events", file, "--db", db}, crew...)...)
		assert.Equal(t, exitProblems, code)
		assert.Contains(t, errs, "events.jsonl:2: refused")
		assert.Contains(t, errs, "no witness")
		assert.NoFileExists(t, db, "no line is posted when one is refused")
	})
}

// The honest path: qualified people build and install, a crew lead
// witnesses; the ledger records the witness and verifies.
func TestLedgerPostWitnessedWork(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ledger.db")
	prodPostChain(t, db, prodExample("cabin-12x16"))
	code, out, errs := prodRun("ledger", "verify", "--db", db)
	require.Equal(t, exitOK, code, out+errs)
	got := prodSQLite3(t, db, `SELECT op, person, witness FROM production_records GROUP BY op, person, witness ORDER BY op`)
	assert.Equal(t, "build|alice|lee\ninstall|bob|lee\n", got)
	got = prodSQLite3(t, db, `SELECT person, kind, witness FROM contributions ORDER BY id`)
	assert.Equal(t, "alice|labour|lee\nbob|labour|lee\ncarol|design|\nalice|training|\ndan|review|\n", got)
}

// jobs and schedule assign work to profiles only when the store shows
// them holding its qualification; a CNC job nobody on the crew may run
// is refused naming the job, the qualification and the crew.
func TestJobsAndScheduleCrewOfProfiles(t *testing.T) {
	cabin := prodExample("cabin-12x16")
	crew := prodWithCrew(t)
	code, _, errs := prodRun(append([]string{"jobs", cabin, "--crew-profiles", "alice,bob"}, crew...)...)
	assert.Equal(t, exitProblems, code)
	assert.Regexp(t, `job \S+ on cnc-1 needs qualification "cnc-operator" and no one on crew profiles \(alice, bob; qualifications verified\) holds it`, errs)

	dir := filepath.Join(t.TempDir(), "jobs")
	code, out, errs := prodRun(append([]string{"jobs", cabin, "--crew-profiles", "alice,cam", "--out", dir}, crew...)...)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "Crew profiles: qualifications verified")
	assert.Contains(t, out, "qualifications verified)")
	raw, err := os.ReadFile(filepath.Join(dir, "queues.json"))
	require.NoError(t, err)
	var q struct {
		Crew   string `json:"crew_qualifications"`
		Queues []struct {
			Machine string `json:"machine"`
			Jobs    []struct {
				Operator string `json:"operator"`
			} `json:"jobs"`
		} `json:"queues"`
	}
	require.NoError(t, json.Unmarshal(raw, &q))
	assert.Equal(t, "verified", q.Crew)
	for _, m := range q.Queues {
		for _, j := range m.Jobs {
			if m.Machine == "cnc-1" {
				assert.Equal(t, "cam", j.Operator, "only cam holds cnc-operator")
			} else {
				assert.Contains(t, []string{"alice", "cam"}, j.Operator)
			}
		}
	}

	code, out, errs = prodRun("jobs", cabin)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "Crew default-4: qualifications claimed by the roster, not verified against profiles")

	code, _, errs = prodRun(append([]string{"jobs", cabin, "--crew", "4", "--crew-profiles", "alice"}, crew...)...)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "not both")
	code, _, errs = prodRun(append([]string{"jobs", cabin, "--crew-profiles", "alice,mallory"}, crew...)...)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, `no profile "mallory"`)

	two := prodExample("two-bedroom-24x32")
	code, _, errs = prodRun(append([]string{"schedule", two, "--crew-profiles", "alice,carol"}, crew...)...)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errs, `no one on the crew holds "module-installer"`)
	code, _, errs = prodRun(append([]string{"schedule", two, "--crew-profiles", "cam,lee"}, crew...)...)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errs, `no one on the crew holds "utility-installer" for task(s) U1`)
	assert.Contains(t, errs, "crew profiles: cam, lee, qualifications verified")
	code, out, errs = prodRun(append([]string{"schedule", two, "--crew-profiles", "alice,bob,lee", "--format", "json"}, crew...)...)
	require.Equal(t, exitOK, code, errs)
	var s struct {
		Crew  string `json:"crew_qualifications"`
		Tasks []struct {
			Qual   string `json:"qualification"`
			Person string `json:"person"`
		} `json:"tasks"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &s))
	assert.Equal(t, "verified", s.Crew)
	for _, task := range s.Tasks {
		assert.Contains(t, prodBuilders[task.Person], task.Qual, "%s holds what they are given", task.Person)
	}
}

// manifest reads an exported package's manifest.
func prodManifest(t *testing.T, dir string) export.ManifestDoc {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, export.ManifestFile))
	require.NoError(t, err)
	var m export.ManifestDoc
	require.NoError(t, json.Unmarshal(raw, &m))
	return m
}

// export is build-ready only for a designer holding the Designer
// qualification and a design that keeps every rule; every other export
// is a draft that says why, and a design that breaks a rule is never
// build-ready.
func TestExportBuildReadyOnlyForADesigner(t *testing.T) {
	cabin := prodExample("cabin-12x16")
	crew := prodWithCrew(t)
	export1 := func(args ...string) (string, int, string, string) {
		dir := filepath.Join(t.TempDir(), "pkg")
		code, out, errs := prodRun(append(append([]string{"export", "--out", dir, "--today", "2026-11-21"}, crew...), args...)...)
		return dir, code, out, errs
	}

	dir, code, out, errs := export1(cabin, "--as", "dana")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "build-ready, released by designer dana")
	m := prodManifest(t, dir)
	assert.Equal(t, export.StatusBuildReady, m.Status)
	assert.Equal(t, "dana", m.ReleasedBy)
	for name, data := range prodReadDir(t, dir) {
		assert.False(t, strings.Contains(data, export.DraftMark), "%s says %s", name, export.DraftMark)
	}

	for _, tc := range []struct {
		name, as, why string
	}{
		{"no designer", "", "no designer released it"},
		{"without the Designer qualification", "alice", `designer "alice" may not release a build-ready package`},
		{"a profile that does not exist", "mallory", `no profile "mallory"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{cabin}
			if tc.as != "" {
				args = append(args, "--as", tc.as)
			}
			dir, code, out, errs := export1(args...)
			require.Equal(t, exitOK, code, errs)
			assert.Contains(t, out, export.DraftMark)
			assert.Contains(t, out+errs, tc.why)
			m := prodManifest(t, dir)
			assert.Equal(t, export.StatusDraft, m.Status)
			assert.Empty(t, m.ReleasedBy)
			files := prodReadDir(t, dir)
			assert.Contains(t, files[export.ReadmeFile], tc.why)
			for name, data := range files {
				assert.True(t, strings.Contains(data, export.DraftMark), "%s is not marked %s", name, export.DraftMark)
			}
		})
	}

	// A design breaking a rule, by a designer: refused, or with --draft a
	// draft; never build-ready.
	broken := filepath.Join("testdata", "roof-span-20ft.toml")
	dir, code, _, errs = export1(broken, "--as", "dana")
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errs, "hard rule")
	assert.NoDirExists(t, dir)
	dir, code, out, errs = export1(broken, "--as", "dana", "--draft")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "breaks a hard rule: roof-span")
	m = prodManifest(t, dir)
	assert.Equal(t, export.StatusDraft, m.Status)
	assert.Empty(t, m.ReleasedBy)
}
