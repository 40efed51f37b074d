//go:build !js

package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHonestPathEndToEnd is issue 16's last test: the full honest path,
// through real prodos commands on real SQLite files, with a forged step
// refused at each link. al trains (c03) and is signed off by marcin, an
// appointed assessor, and so earns wall-framer (the schedule of the crew
// of profiles then gives al the wall builds); bo trains to
// module-installer; lee trains to crew-lead and so holds lead-build-crew.
// al builds and bo installs the cabin's nine exterior walls, lee
// witnessing; the house is completed and sold, and `prodos value
// --explain` shows where each share came from, to the cent.
func TestHonestPathEndToEnd(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdg"))
	t.Setenv("PRODOS_PROFILES_DB", "")
	prof, led := filepath.Join(dir, "profiles.db"), filepath.Join(dir, "ledger.db")
	for _, n := range []string{"al", "bo", "lee", "marcin"} {
		require.Equal(t, exitOK, first(runCmd(t, "profile", "create", n, "--db", prof)))
	}

	// Training: real attempts (attempt start, the challenge played,
	// profile submit). A demonstration earns nothing.
	require.Equal(t, exitOK, first(runCmd(t, "replay", "demo", "c09-crew-cabin", "--out", filepath.Join(dir, "demo.replay"))))
	code, _, errOut := runCmd(t, "profile", "submit", "lee", filepath.Join(dir, "demo.replay"), "--db", prof)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errOut, "marked as a demonstration")
	earnOffline(t, prof, "bo", "c01-groundwork", "c06-raise-the-walls", "c07-roof-on")
	earnOffline(t, prof, "al", "c03-wall-module")
	earnOffline(t, prof, "lee", "c01-groundwork", "c06-raise-the-walls", "c07-roof-on")
	code, out, _ := runCmd(t, "profile", "show", "al", "--db", prof)
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "be signed off by an assessor for building a wall-ext-4x8 module in at most 60 minutes", "the challenge alone does not earn wall-framer")

	cabin := prodExample("cabin-12x16")
	post := func(args ...string) (int, string, string) {
		return runCmd(t, append([]string{"ledger", "post", cabin, "--db", led, "--profiles", prof, "--today", "2026-11-21", "--house", "cabin-1"}, args...)...)
	}
	built := []string{"--event", "module-built", "--person", "al", "--module", "wall-ext-4x8", "--count", "9"}
	installed := []string{"--event", "module-installed", "--person", "bo", "--module", "wall-ext-4x8", "--count", "9"}

	// Until lee passes the crew challenge, lee witnesses nothing.
	code, _, errOut = post(append(installed, "--witness", "lee")...)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errOut, "witness lee is not a crew lead")
	earnOffline(t, prof, "lee", "c09-crew-cabin")
	code, out, _ = runCmd(t, "profile", "show", "lee", "--db", prof)
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "Crew lead (crew-lead)")
	assert.Regexp(t, `lead-build-crew\s+active`, out, "lee earned the crew lead permission by training")

	// The schedule gives al's wall builds to nobody before sign-off.
	assert.Contains(t, honestSchedule(t, cabin, prof), `no one on the crew holds "wall-framer" for task(s) W1.build, W3.build`)
	// Before sign-off al may not record a build, witnessed or not.
	code, _, errOut = post(append(built, "--witness", "lee")...)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errOut, `al may not record this work: not qualified: profile "al" does not hold the Wall framer qualification (wall-framer)`)

	honestSignOff(t, prof)
	missing := honestSchedule(t, cabin, prof)
	assert.NotContains(t, missing, `"wall-framer"`, "after sign-off al takes the wall builds")
	assert.Contains(t, missing, `no one on the crew holds "floor-framer" for task(s) FL1.build`, "the crew is still short of the rest of the cabin")

	// The work: each forged post is refused with its reason, and writes nothing.
	require.Equal(t, exitOK, first(post("--event", "po-issued")))
	before := prodCountTx(t, led)
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"no witness", built, "no witness: a crew lead (a profile holding lead-build-crew) must witness the work (--witness NAME)"},
		{"a witness who is no crew lead", append(built, "--witness", "bo"), "witness bo is not a crew lead"},
		{"the builder witnessing", append(built, "--witness", "al"), "al cannot witness their own work"},
		{"an install by the framer", []string{"--event", "module-installed", "--person", "al", "--module", "wall-ext-4x8", "--count", "9", "--witness", "lee"},
			`profile "al" does not hold the Module installer qualification (module-installer)`},
		{"a person with no profile", []string{"--event", "module-built", "--person", "mallory", "--module", "wall-ext-4x8", "--count", "9", "--witness", "lee"},
			`no profile "mallory"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := post(c.args...)
			assert.Equal(t, exitProblems, code)
			assert.Contains(t, errOut, c.want)
		})
	}
	assert.Equal(t, before, prodCountTx(t, led), "refused posts wrote nothing")

	for _, step := range [][]string{
		{"--event", "goods-received"}, {"--event", "supplier-paid"}, {"--event", "materials-issued"},
		append(built, "--witness", "lee"), append(installed, "--witness", "lee"),
		{"--event", "house-completed"}, {"--event", "house-sold", "--amount", "60000"},
	} {
		code, _, errOut := post(step...)
		require.Equal(t, exitOK, code, "%v: %s", step, errOut)
	}
	code, out, errOut = runCmd(t, "ledger", "verify", "--db", led)
	require.Equal(t, exitOK, code, out+errOut)

	honestPathValue(t, led, prof, cabin)
}

// honestPathValue checks `prodos value --explain` for each person of the
// honest path against the figures worked by hand from the catalog.
func honestPathValue(t *testing.T, led, prof, cabin string) {
	t.Helper()
	// The materials bought are the cabin's sourcing plan.
	code, out, errOut := runCmd(t, "source", cabin, "--format", "json", "--today", "2026-11-21")
	require.Equal(t, exitOK, code, errOut)
	var plan struct {
		Total string `json:"total"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &plan))
	added := decimal.RequireFromString("60000").Sub(decimal.RequireFromString(plan.Total))

	// wall-ext-4x8: 7 framing members at 3 minutes to build (21), 15 to
	// install. al 9 x 21 = 189, bo 9 x 15 = 135, the design's author 10 %
	// of each record (18.9 and 13.5) = 32.4: 356.4 credited minutes share
	// the value added, 60,000.00 - 5,944.00 = 54,056.00. To the cent: al
	// 28666.0606, bo 20475.7576, author 4914.1818; the floors sum to
	// 54055.99 and the cent left goes to bo (.7576 the largest remainder).
	assert.Equal(t, "5944.00", decimal.RequireFromString(plan.Total).StringFixed(2), "the cabin's materials")
	require.Equal(t, "54056.00", added.StringFixed(2))
	total := decimal.RequireFromString("356.4")
	want := []struct {
		person  string
		entries []honestEntry
		part    string
	}{
		{"al", []honestEntry{{"module-built", "al", "189"}}, "28666.06"},
		{"bo", []honestEntry{{"module-installed", "bo", "135"}}, "20475.76"},
		{"Production OS examples", []honestEntry{{"module-built", "al", "18.9"}, {"module-installed", "bo", "13.5"}}, "4914.18"},
	}
	var exact []decimal.Decimal
	for _, w := range want {
		var m decimal.Decimal
		for _, e := range w.entries {
			m = m.Add(decimal.RequireFromString(e.credited))
		}
		exact = append(exact, added.Mul(m).Div(total))
	}
	parts := honestLargestRemainder(exact)
	require.True(t, parts[0].Add(parts[1]).Add(parts[2]).Equal(added), "the parts sum to the value added")

	for i, w := range want {
		require.Equal(t, w.part, parts[i].StringFixed(2), "worked by hand and by largest remainder: %s", w.person)
		honestExplain(t, led, prof, w.person, w.entries, w.part, total)
	}
	// The table's shares are these parts over the value produced, in basis
	// points by largest remainder: 5303.03, 3787.88, 909.09; the point
	// left goes to bo.
	doc := valueRun(t, "--db", led, "--profiles", prof)
	assert.True(t, doc.WitnessesChecked)
	shares := map[string][2]string{}
	for _, p := range doc.People {
		shares[p.Person] = [2]string{p.Share, p.Attributed}
	}
	assert.Equal(t, map[string][2]string{"al": {"0.5303", "28666.06"}, "bo": {"0.3788", "20475.76"},
		"Production OS examples": {"0.0909", "4914.18"}}, shares)
	code, _, errOut = runCmd(t, "value", "--db", led, "--profiles", prof, "--explain", "lee")
	assert.Equal(t, exitUsage, code, "a witness alone is credited nothing")
	assert.Contains(t, errOut, `no ledger entry records work by or credits this person: "lee"`)
}

// honestExplain checks `prodos value --explain person` (JSON and table):
// the entries are the ones listed, each verified and witnessed by lee, and
// they reconcile to the credited minutes and to the part of cabin-1.
func honestExplain(t *testing.T, led, prof, person string, entries []honestEntry, part string, total decimal.Decimal) {
	t.Helper()
	code, out, errOut := runCmd(t, "value", "--db", led, "--profiles", prof, "--explain", person, "--format", "json")
	require.Equal(t, exitOK, code, errOut)
	var ex struct {
		Attributed      string `json:"attributed"`
		CreditedMinutes string `json:"credited_minutes"`
		VerifiedMinutes string `json:"verified_minutes"`
		Produced        string `json:"produced"`
		Entries         []struct {
			Event, Module, Worker, Witness, Rule string
			Count                                int
			Credited                             string `json:"credited_minutes"`
			Verified                             bool
		} `json:"entries"`
		Parts []struct {
			House, Amount string
			HouseCredited string `json:"house_credited_minutes"`
		} `json:"parts"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &ex), out)
	assert.Equal(t, "54056.00", ex.Produced, person)
	rule := "standard-time"
	if len(entries) > 1 {
		rule = "design-credit"
	}
	require.Len(t, ex.Entries, len(entries), person)
	var sum decimal.Decimal
	for j, e := range ex.Entries {
		assert.Equal(t, entries[j].event, e.Event, person)
		assert.Equal(t, entries[j].worker, e.Worker, person)
		assert.Equal(t, "wall-ext-4x8", e.Module, person)
		assert.Equal(t, 9, e.Count, person)
		assert.Equal(t, "lee", e.Witness, person)
		assert.Equal(t, rule, e.Rule, person)
		assert.True(t, e.Verified, person)
		assert.True(t, decimal.RequireFromString(e.Credited).Equal(decimal.RequireFromString(entries[j].credited)), "%s: %s", person, e.Credited)
		sum = sum.Add(decimal.RequireFromString(e.Credited))
	}
	assert.True(t, decimal.RequireFromString(ex.CreditedMinutes).Equal(sum), "%s: the entries reconcile to the credited minutes", person)
	assert.True(t, decimal.RequireFromString(ex.VerifiedMinutes).Equal(sum), person)
	require.Len(t, ex.Parts, 1, person)
	assert.Equal(t, "cabin-1", ex.Parts[0].House)
	assert.True(t, decimal.RequireFromString(ex.Parts[0].HouseCredited).Equal(total), person)
	assert.Equal(t, part, ex.Parts[0].Amount, person)
	assert.Equal(t, part, ex.Attributed, "%s: the part is the share's money", person)

	code, out, errOut = runCmd(t, "value", "--db", led, "--profiles", prof, "--explain", person)
	require.Equal(t, exitOK, code, errOut)
	assert.Regexp(t, `cabin-1  54056\.00 +`+sum.String()+` +356\.4 +[0-9.]+ +`+strings.ReplaceAll(part, ".", `\.`)+`\n`, out, person)
	assert.Contains(t, out, "share: "+part+" of 54056.00 produced", person)
}

// honestSignOff signs al's wall-framer practical off: refused until the
// installation appoints marcin, and never by al, who lacks it; then marcin
// signs a 48-minute build and al earns wall-framer.
func honestSignOff(t *testing.T, prof string) {
	t.Helper()
	for _, n := range []string{"marcin", "al"} {
		require.Equal(t, exitOK, first(runCmd(t, "qualify", "keygen", n, "--db", prof)))
	}
	sign := []string{"qualify", "sign", "al", "wall-framer", "--assessor", "marcin", "--module", "wall-ext-4x8", "--minutes", "48", "--date", "2026-11-20", "--db", prof}
	code, _, errOut := runCmd(t, sign...)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errOut, "refused: assessor not qualified: marcin does not hold Wall framer (wall-framer)")
	code, _, errOut = runCmd(t, "qualify", "sign", "bo", "wall-framer", "--assessor", "al", "--module", "wall-ext-4x8", "--minutes", "40", "--db", prof)
	assert.Equal(t, exitProblems, code, "a learner without the qualification cannot sign another off")
	assert.Contains(t, errOut, "refused: assessor not qualified: al does not hold Wall framer (wall-framer)")
	require.Equal(t, exitOK, first(runCmd(t, "qualify", "appoint", "marcin", "wall-framer", "--db", prof)))
	code, out, errOut := runCmd(t, sign...)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "earned qualification Wall framer (wall-framer)")
}

// honestSchedule schedules the cabin on the crew of profiles al, bo and
// lee, which cannot build all of it, and returns the refusal.
func honestSchedule(t *testing.T, cabin, prof string) string {
	t.Helper()
	code, _, errOut := runCmd(t, "schedule", cabin, "--crew-profiles", "al,bo,lee", "--profiles", prof)
	require.Equal(t, exitProblems, code, errOut)
	assert.Contains(t, errOut, "(crew profiles: al, bo, lee, qualifications verified)")
	return errOut
}

// honestEntry is one ledger entry a person's --explain should list.
type honestEntry struct{ event, worker, credited string }

// honestLargestRemainder rounds exact parts to the cent by the largest
// remainder method (the value package's rule, worked independently):
// floors, then the cents left over to the largest remainders, ties to
// the earlier part.
func honestLargestRemainder(exact []decimal.Decimal) []decimal.Decimal {
	cent := decimal.New(1, -2)
	var sum, floors decimal.Decimal
	out := make([]decimal.Decimal, len(exact))
	for i, e := range exact {
		sum = sum.Add(e)
		out[i] = e.RoundFloor(2)
		floors = floors.Add(out[i])
	}
	left := sum.Round(2).Sub(floors).Div(cent).IntPart()
	for ; left > 0; left-- {
		best := -1
		for i, e := range exact {
			if out[i].GreaterThan(e.RoundFloor(2)) {
				continue
			}
			if best < 0 || e.Sub(out[i]).GreaterThan(exact[best].Sub(out[best])) {
				best = i
			}
		}
		out[best] = out[best].Add(cent)
	}
	return out
}
