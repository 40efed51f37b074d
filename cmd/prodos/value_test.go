//go:build !js

package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/production/ledger"
	ledgerstore "github.com/opensourceecology/prodos/production/ledger/sqlitestore"
	"github.com/opensourceecology/prodos/production/training/profiles"
	profilestore "github.com/opensourceecology/prodos/production/training/profiles/sqlitestore"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// valueLead makes a profiles database under dir in which lee holds the
// crew-lead qualification (lead-build-crew) and mallory holds none.
func valueLead(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "profiles.db")
	st, err := profilestore.Open(path)
	require.NoError(t, err)
	defer st.Close()
	ctx := context.Background()
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	for _, name := range []string{"lee", "mallory"} {
		_, err := st.Create(ctx, name, at)
		require.NoError(t, err)
	}
	var awards []profiles.Award
	for _, q := range []string{"module-builder", "module-installer", "crew-lead"} {
		awards = append(awards, profiles.Award{Qualification: q, At: at, Evidence: "sha256:fixture-" + q})
	}
	require.NoError(t, st.Record(ctx, "lee", profiles.Attempt{Challenge: "c09-crew-cabin", Score: 1500, Passed: true,
		ReplayHash: "sha256:fixture", At: at}, awards))
	return path
}

// valueLedger builds the example, reversed, in a real SQLite
// ledger through the store API, one event a day from 2026-11-02: carol's
// design; dana claims 40 design hours nobody witnessed; ann builds and
// bob installs 38 exterior walls, witnessed by lee; erin's 8 hours of site
// labour are witnessed by lee, fay's 5 hours by mallory (no crew lead);
// the house is completed and sold.
func valueLedger(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "ledger.db")
	db := ledgerstore.NewDB(path)
	day := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { day = day.Add(24 * time.Hour); return day }
	require.NoError(t, db.Open())
	defer db.Close()
	svc := ledgerstore.NewLedgerService(db)
	d := decimal.RequireFromString
	h := ledger.Event{House: "cabin-1", Design: "cabin-12x16", Author: "carol"}
	ev := func(key string, e ledger.Event) ledger.Event {
		e.Key, e.House, e.Design, e.Author = key, h.House, h.Design, h.Author
		return e
	}
	for _, e := range []ledger.Event{
		ev("po-1", ledger.Event{Type: ledger.EventPOIssued, Supplier: "valley", Amount: d("20000")}),
		ev("gr-1", ledger.Event{Type: ledger.EventGoodsReceived, Supplier: "valley", Amount: d("20000")}),
		ev("mi-1", ledger.Event{Type: ledger.EventMaterialsIssued, Amount: d("20000")}),
		ev("dana-design", ledger.Event{Type: ledger.EventLabour, Person: "dana", Kind: "design", Minutes: 2400, Rate: d("50")}),
		ev("ann-built", ledger.Event{Type: ledger.EventModuleBuilt, Person: "ann", Module: "wall-ext-4x8", Count: 38, Witness: "lee"}),
		ev("bob-installed", ledger.Event{Type: ledger.EventModuleInstalled, Person: "bob", Module: "wall-ext-4x8", Count: 38, Witness: "lee"}),
		ev("erin-site", ledger.Event{Type: ledger.EventLabour, Person: "erin", Kind: "labour", Minutes: 480, Rate: d("30"), Witness: "lee"}),
		ev("fay-site", ledger.Event{Type: ledger.EventLabour, Person: "fay", Kind: "labour", Minutes: 300, Rate: d("30"), Witness: "mallory"}),
		ev("done", ledger.Event{Type: ledger.EventHouseCompleted}),
		ev("sold", ledger.Event{Type: ledger.EventHouseSold, Amount: d("60000")}),
	} {
		_, err := svc.Post(context.Background(), e)
		require.NoError(t, err, e.Key)
	}
	return path
}

type valueDoc struct {
	Produced         string `json:"produced"`
	WitnessesChecked bool   `json:"witnesses_checked"`
	People           []struct {
		Person          string `json:"person"`
		CreditedMinutes string `json:"credited_minutes"`
		Attributed      string `json:"attributed"`
		Share           string `json:"share"`
		Reputation      string `json:"reputation"`
	} `json:"people"`
}

func valueRun(t *testing.T, args ...string) valueDoc {
	t.Helper()
	code, out, errs := prodRun(append([]string{"value", "--format", "json"}, args...)...)
	require.Equal(t, exitOK, code, errs)
	var doc valueDoc
	require.NoError(t, json.Unmarshal([]byte(out), &doc), out)
	return doc
}

// TestValueClaimedHoursEarnNothing is the example reversed: 40
// claimed design hours without a witness get 0 %, and the 38 installed
// modules earn their standard minutes' share.
func TestValueClaimedHoursEarnNothing(t *testing.T) {
	dir := t.TempDir()
	doc := valueRun(t, "--db", valueLedger(t, dir), "--profiles", valueLead(t, dir))
	share, money := map[string]string{}, map[string]string{}
	for _, p := range doc.People {
		share[p.Person], money[p.Person] = p.Share, p.Attributed
	}
	assert.Equal(t, "0.0000", share["dana"], "40 claimed design hours nobody witnessed")
	assert.Equal(t, "0.00", money["dana"])
	assert.Equal(t, "0.0000", share["fay"], "hours witnessed by someone who is not a crew lead")
	// wall-ext-4x8 in the catalog: 3 minutes per framing member (7) to
	// build, 15 to install. ann 38*21 = 798, bob 38*15 = 570, carol 10 %
	// of both = 136.8, erin 480 witnessed: 1984.8 minutes share the
	// value added, 60,000.00 - 20,000.00 = 40,000.00. To the cent:
	// ann 16082.2249 bob 11487.3035 carol 2756.9528 erin 9673.5188, floors
	// sum to 39999.98, the two cents left go to erin (.88) and ann (.49).
	assert.Equal(t, "40000.00", doc.Produced)
	for name, want := range map[string][2]string{"ann": {"0.4021", "16082.23"}, "bob": {"0.2872", "11487.30"},
		"carol": {"0.0689", "2756.95"}, "erin": {"0.2418", "9673.52"}} {
		assert.Equal(t, want[0], share[name], name)
		assert.Equal(t, want[1], money[name], name)
	}
	assert.True(t, doc.WitnessesChecked)
}

// TestValueExplainGolden: --explain lists every ledger entry behind a
// person's share and reputation, with the rule applied.
func TestValueExplainGolden(t *testing.T) {
	dir := t.TempDir()
	db, prof := valueLedger(t, dir), valueLead(t, dir)
	for _, person := range []string{"bob", "carol", "dana", "fay"} {
		code, out, errs := prodRun("value", "--db", db, "--profiles", prof, "--explain", person)
		require.Equal(t, exitOK, code, errs)
		prodGolden(t, filepath.Join("testdata", "value-explain-"+person+".txt"), []byte(out))
	}
	code, out, errs := prodRun("value", "--db", db, "--profiles", prof)
	require.Equal(t, exitOK, code, errs)
	prodGolden(t, filepath.Join("testdata", "value-table.txt"), []byte(out))
	code, out, errs = prodRun("value", "--db", db, "--profiles", filepath.Join(dir, "none.db"), "--explain", "erin")
	require.Equal(t, exitOK, code, errs)
	prodGolden(t, filepath.Join("testdata", "value-explain-erin-unchecked.txt"), []byte(out))
	code, _, errs = prodRun("value", "--db", db, "--profiles", prof, "--explain", "nobody")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, `no ledger entry records work by or credits this person: "nobody"`)
}

// TestValueExplainReconciles: for every person, the entries --explain
// lists sum exactly to the credited and verified minutes, the parts to
// the attributed money, and these are the figures `prodos value` shows;
// the shares sum to exactly 1 and the money to the value produced.
func TestValueExplainReconciles(t *testing.T) {
	dir := t.TempDir()
	valueReconcile(t, valueLedger(t, dir), valueLead(t, dir))
}

func valueReconcile(t *testing.T, db, prof string) {
	t.Helper()
	doc := valueRun(t, "--db", db, "--profiles", prof)
	var shares, money decimal.Decimal
	for _, p := range doc.People {
		code, out, errs := prodRun("value", "--db", db, "--profiles", prof, "--explain", p.Person, "--format", "json")
		require.Equal(t, exitOK, code, errs)
		var ex struct {
			Share           string `json:"share"`
			Attributed      string `json:"attributed"`
			CreditedMinutes string `json:"credited_minutes"`
			VerifiedMinutes string `json:"verified_minutes"`
			Reputation      string `json:"reputation"`
			Entries         []struct {
				Key      string `json:"key"`
				Credited string `json:"credited_minutes"`
				Verified bool   `json:"verified"`
			} `json:"entries"`
			Parts []struct {
				Amount string `json:"amount"`
			} `json:"parts"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &ex))
		var cred, ver, att decimal.Decimal
		for _, e := range ex.Entries {
			require.NotEmpty(t, e.Key)
			c := decimal.RequireFromString(e.Credited)
			cred = cred.Add(c)
			if e.Verified {
				ver = ver.Add(c)
			}
		}
		for _, pt := range ex.Parts {
			att = att.Add(decimal.RequireFromString(pt.Amount))
		}
		assert.True(t, cred.Equal(decimal.RequireFromString(ex.CreditedMinutes)), "%s: entries %s, total %s", p.Person, cred, ex.CreditedMinutes)
		assert.Equal(t, p.CreditedMinutes, ex.CreditedMinutes, p.Person)
		assert.True(t, ver.Equal(decimal.RequireFromString(ex.VerifiedMinutes)), p.Person)
		assert.Equal(t, ver.Div(decimal.NewFromInt(60)).StringFixed(2), ex.Reputation, p.Person)
		assert.Equal(t, p.Reputation, ex.Reputation, p.Person)
		assert.Equal(t, att.StringFixed(2), ex.Attributed, p.Person)
		assert.Equal(t, p.Attributed, ex.Attributed, p.Person)
		assert.Equal(t, p.Share, ex.Share, p.Person)
		shares = shares.Add(decimal.RequireFromString(ex.Share))
		money = money.Add(att)
	}
	assert.Equal(t, "1.0000", shares.StringFixed(4))
	assert.Equal(t, doc.Produced, money.StringFixed(2))
}

// TestValueHonestPath walks the real path: people hold qualifications in
// the profile store, every event is posted with `prodos ledger post`
// (work by qualified people, witnessed by lee, the crew lead), and
// `prodos value --explain` shows where each share came from.
func TestValueHonestPath(t *testing.T) {
	dir := t.TempDir()
	db, prof := filepath.Join(dir, "ledger.db"), filepath.Join(dir, "profiles.db")
	prodSeedProfiles(t, prof, prodBuilders)
	cabin := prodExample("cabin-12x16")
	for _, step := range [][]string{
		{"--event", "po-issued"}, {"--event", "goods-received"}, {"--event", "supplier-paid"}, {"--event", "materials-issued"},
		{"--event", "module-built", "--person", "alice", "--witness", "lee"},
		{"--event", "module-installed", "--person", "bob", "--witness", "lee"},
		{"--event", "labour-contributed", "--person", "alice", "--skill", "framing", "--witness", "lee"},
		{"--event", "labour-contributed", "--person", "carol", "--kind", "design", "--hours", "40"},
		{"--event", "labour-contributed", "--person", "dan", "--kind", "review", "--hours", "2.5", "--witness", "lee"},
		{"--event", "house-completed"},
		{"--event", "house-sold", "--amount", "60000"},
	} {
		code, _, errs := prodRun(append([]string{"ledger", "post", cabin, "--db", db, "--profiles", prof}, step...)...)
		require.Equal(t, exitOK, code, "%v: %s", step, errs)
	}
	code, out, errs := prodRun("value", "--db", db, "--profiles", prof)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "where each figure comes from: prodos value --explain PERSON")
	doc := valueRun(t, "--db", db, "--profiles", prof)
	byName := map[string]int{}
	for i, p := range doc.People {
		byName[p.Person] = i
	}
	assert.Equal(t, "0.0000", doc.People[byName["carol"]].Share, "40 claimed design hours, no witness")
	assert.Equal(t, "2.50", doc.People[byName["dan"]].Reputation, "2.5 hours of review witnessed by the crew lead")

	code, out, errs = prodRun("value", "--db", db, "--profiles", prof, "--explain", "alice")
	require.Equal(t, exitOK, code, errs)
	for _, want := range []string{
		"cabin-12x16:module-built:alice:wall-ext-4x8", "standard-time",
		"cabin-12x16:labour-contributed:alice:labour:framing", "covered-by-records",
		"share: " + doc.People[byName["alice"]].Attributed + " of " + doc.Produced,
	} {
		assert.Contains(t, out, want)
	}
	code, out, errs = prodRun("value", "--db", db, "--profiles", prof, "--explain", "dan")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "cabin-12x16:labour-contributed:dan:review")
	assert.Contains(t, out, "witnessed: claimed minutes signed by a witness holding lead-build-crew")
	valueReconcile(t, db, prof)
}

// A profiles file that is not a profiles database is bad input (exit 2),
// never a report with every witness silently refused.
func TestValueBadProfiles(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "profiles.db")
	require.NoError(t, os.WriteFile(bad, []byte("not a database\n"), 0o644))
	code, out, errs := prodRun("value", "--db", valueLedger(t, dir), "--profiles", bad)
	assert.Equal(t, exitUsage, code, out)
	assert.Contains(t, errs, "profiles database")
	assert.Empty(t, out)
}
