package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/production/store"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// storeSite is a site profile; cnc is the minutes measured on the standard
// sheet job (the criterion allows at most 30).
func storeSite(t *testing.T, name, cnc string) string {
	t.Helper()
	s := `name = "` + name + `"
location = "Maysville, Missouri, US"
shop = "ose-microfactory"
crew = "default-4"
suppliers = []
labour_rate = "32.50"
overhead = "0.15"
margin = "0.2"
licence_fee = "2500.00"
licence_terms = "Five years, one region; production documentation, jigs and supplier contracts included"

[[measured]]
machine = "cnc-1"
criterion = "cnc-sheet-minutes"
value = "` + cnc + `"

[[measured]]
machine = "cnc-1"
criterion = "cnc-tolerance"
value = "0.03"
`
	for _, saw := range []string{"saw-1", "saw-2"} {
		s += "\n[[measured]]\nmachine = \"" + saw + "\"\ncriterion = \"saw-cut-seconds\"\nvalue = \"32\"\n"
		s += "\n[[measured]]\nmachine = \"" + saw + "\"\ncriterion = \"saw-length-tolerance\"\nvalue = \"0.05\"\n"
	}
	p := filepath.Join(t.TempDir(), name+".toml")
	require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
	return p
}

// storeWorld is a profile store (prodBuilders), a commons with the cabin
// published by dana (a designer), a ledger where bob installed the cabin's
// modules witnessed by lee and the house was completed and sold, and the
// store file. It returns the database flags and the cabin's hash.
func storeWorld(t *testing.T) ([]string, string) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("PRODOS_PROFILES_DB", prodCrewDB(t))
	t.Setenv("PRODOS_COMMONS_DB", filepath.Join(dir, "commons.db"))
	cabin := publishJSON(t, repoPath("designs/examples/cabin-12x16.toml"), "--as", "dana")
	require.Equal(t, "build-ready", cabin.Version.Status)
	ledgerDB := filepath.Join(dir, "ledger.db")
	prodPostChain(t, ledgerDB, prodExample("cabin-12x16"))
	return []string{"--db", filepath.Join(dir, "store.db"), "--ledger-db", ledgerDB}, cabin.Version.Hash
}

func storeRun(t *testing.T, db []string, args ...string) (int, string, string) {
	t.Helper()
	return prodos(t, append(args, db...)...)
}

func enterpriseShow(t *testing.T, db []string, id string) enterpriseJSON {
	t.Helper()
	code, out, errs := storeRun(t, db, "enterprise", "show", id, "--format", "json")
	require.Equal(t, exitOK, code, errs)
	var got enterpriseJSON
	require.NoError(t, json.Unmarshal([]byte(out), &got), out)
	return got
}

// create, join and show through the CLI on real SQLite files; unknown
// profiles, roles and enterprises are refused.
func TestEnterpriseCreateJoinShow(t *testing.T) {
	db, _ := storeWorld(t)
	code, out, errs := storeRun(t, db, "enterprise", "create", "mo-mf", "--site", storeSite(t, "Missouri Microfactory", "24"), "--as", "bob")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "created enterprise mo-mf")
	code, _, errs = storeRun(t, db, "enterprise", "join", "mo-mf", "--as", "dana", "--role", "designer")
	require.Equal(t, exitOK, code, errs)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"enterprise", "join", "mo-mf", "--as", "dana"}, exitProblems, "already a member"},
		{[]string{"enterprise", "join", "mo-mf", "--as", "mallory"}, exitProblems, "member mallory"},
		{[]string{"enterprise", "join", "mo-mf", "--as", "alice", "--role", "boss"}, exitUsage, `role "boss"`},
		{[]string{"enterprise", "join", "nope", "--as", "alice"}, exitProblems, `no enterprise "nope"`},
		{[]string{"enterprise", "create", "mo-mf", "--site", storeSite(t, "Again", "24"), "--as", "bob"}, exitProblems, "already exists"},
		{[]string{"enterprise", "create", "x-mf", "--site", storeSite(t, "X", "2x"), "--as", "bob"}, exitUsage, "X.toml"},
		{[]string{"enterprise", "create", "Bad Id", "--site", storeSite(t, "Y", "24"), "--as", "bob"}, exitUsage, `enterprise "Bad Id"`},
	} {
		code, _, errs := storeRun(t, db, c.args...)
		assert.Equal(t, c.code, code, "%v: %s", c.args, errs)
		assert.Contains(t, errs, c.want, c.args)
	}
	got := enterpriseShow(t, db, "mo-mf")
	assert.Equal(t, "Missouri Microfactory", got.Site.Name)
	assert.Equal(t, "32.5", got.Site.LabourRate.String())
	require.Len(t, got.Members, 2)
	assert.Equal(t, store.Member{Profile: "dana", Role: "designer", Joined: got.Members[1].Joined}, got.Members[1])
	code, out, _ = storeRun(t, db, "enterprise", "show", "mo-mf")
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "bob (owner)")
}

// Listing at three levels: every offer's lines add up to its total to the
// cent, labour is the design's hours at the site's rate, and carbon sits
// beside the money.
func TestEnterpriseSellThreeLevels(t *testing.T) {
	db, hash := storeWorld(t)
	code, _, errs := storeRun(t, db, "enterprise", "create", "mo-mf", "--site", storeSite(t, "Missouri Microfactory", "24"), "--as", "bob")
	require.Equal(t, exitOK, code, errs)
	code, out, errs := storeRun(t, db, "enterprise", "sell", "mo-mf", hash)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "listed mo-mf/"+hash[:12]+" at levels [1 2 3]")
	got := enterpriseShow(t, db, "mo-mf")
	require.Len(t, got.Products, 1)
	q := got.Products[0].Quote
	kinds := []string{}
	for _, o := range q.Offers {
		kinds = append(kinds, o.Kind)
		sum := decimal.Zero
		for _, l := range o.Lines {
			assert.True(t, l.Amount.Equal(l.Amount.Round(2)), "%s: %s has more than cents", o.Kind, l.Amount)
			sum = sum.Add(l.Amount)
		}
		assert.True(t, sum.Equal(o.Total), "%s: lines sum to %s, total %s", o.Kind, sum, o.Total)
		assert.True(t, o.Total.IsPositive(), o.Kind)
	}
	assert.Equal(t, []string{"built-to-order", "kit", "production", "licence"}, kinds)
	assert.Equal(t, "2500", q.Offers[3].Total.String())
	assert.Contains(t, q.Offers[0].Lines[1].Basis, "at 32.50/h")
	assert.True(t, q.Carbon.KgCO2e.IsPositive())
	assert.NotEmpty(t, q.Training)
	code, out, _ = storeRun(t, db, "enterprise", "show", "mo-mf")
	require.Equal(t, exitOK, code)
	prodGolden(t, filepath.Join("testdata", "enterprise-show.txt"), []byte(out))
	code, _, errs = storeRun(t, db, "enterprise", "sell", "mo-mf", hash)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errs, "already lists")
}

// A shop whose CNC router fails the standard sheet job cannot list the
// product (level 1); the refusal names the criterion and the figures.
// Levels 2 and 3 stay open to it.
func TestEnterpriseCriteriaRefuseLevelOne(t *testing.T) {
	db, hash := storeWorld(t)
	code, _, errs := storeRun(t, db, "enterprise", "create", "slow-mf", "--site", storeSite(t, "Slow Shop", "42"), "--as", "bob")
	require.Equal(t, exitOK, code, errs)
	code, _, errs = storeRun(t, db, "enterprise", "sell", "slow-mf", hash)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errs, "level 1 (the product)")
	assert.Contains(t, errs, "machine cnc-1 (cnc-router) fails cnc-sheet-minutes (Standard sheet job time): measured 42 min, admissible at most 30 min")
	assert.Empty(t, enterpriseShow(t, db, "slow-mf").Products, "nothing listed")
	code, _, errs = storeRun(t, db, "enterprise", "sell", "slow-mf", hash, "--levels", "2,3")
	assert.Equal(t, exitOK, code, errs)
}

// OSE Certified: yes for an enterprise whose member installed the design's
// modules (witnessed) on a completed house; no, with what is missing, for
// one whose members contributed nothing; the mark shows only on the first.
func TestCertifyCheck(t *testing.T) {
	db, hash := storeWorld(t)
	for _, c := range [][]string{
		{"enterprise", "create", "mo-mf", "--site", storeSite(t, "Missouri Microfactory", "24"), "--as", "bob"},
		{"enterprise", "create", "other-mf", "--site", storeSite(t, "Other Microfactory", "24"), "--as", "carol"},
		{"enterprise", "sell", "mo-mf", hash}, {"enterprise", "sell", "other-mf", hash},
	} {
		code, _, errs := storeRun(t, db, c...)
		require.Equal(t, exitOK, code, "%v: %s", c, errs)
	}
	code, out, errs := storeRun(t, db, "certify", "check", "mo-mf", hash[:12])
	assert.Equal(t, exitOK, code, out+errs)
	assert.Contains(t, out, "OSE Certified: yes")
	assert.Contains(t, out, "witnessed by lee")
	assert.Contains(t, out, "no inspection records kept: the witness stands in")
	code, out, errs = storeRun(t, db, "certify", "check", "other-mf", "other-mf/"+hash[:12])
	assert.Equal(t, exitProblems, code, out+errs)
	assert.Contains(t, out, "OSE Certified: no")
	assert.Contains(t, out, "contributions: no member (carol) authored a version of One-room cabin 12x16")
	assert.Contains(t, out, "inspections: no house of One-room cabin 12x16 built by a member has passed inspection")
	assert.True(t, enterpriseShow(t, db, "mo-mf").Products[0].Certification.Certified)
	assert.False(t, enterpriseShow(t, db, "other-mf").Products[0].Certification.Certified)
	code, _, errs = storeRun(t, db, "certify", "check", "mo-mf", "abc")
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errs, "names no single listing")

	// Once the site keeps inspection records (inspections.db next to the
	// ledger), they decide: a house whose installed modules are not all
	// passed by inspection does not count, and the mark goes.
	t.Setenv("XDG_DATA_HOME", filepath.Join(t.TempDir(), "xdg"))
	qualifyInspector(t, t.TempDir(), "ina")
	insp := filepath.Join(filepath.Dir(db[3]), "inspections.db")
	args := append([]string{"inspect", "record", prodExample("cabin-12x16"), "--db", insp, "--placement", "W3", "--inspector", "ina"}, wallValues("1/16")...)
	code, _, errs = prodRun(args...)
	require.Equal(t, exitOK, code, errs)
	code, out, errs = storeRun(t, db, "certify", "check", "mo-mf", hash)
	assert.Equal(t, exitProblems, code, out+errs)
	assert.Contains(t, out, "inspections: no house of One-room cabin 12x16 built by a member has passed inspection")
	assert.False(t, enterpriseShow(t, db, "mo-mf").Products[0].Certification.Certified)
}

// The replication kit round trip: kit, then create --from KIT gives the
// same site profile (new name and location), the same products at the same
// levels; the kit is refused over an existing directory and a tampered
// design file is refused.
func TestEnterpriseKitRoundTrip(t *testing.T) {
	db, hash := storeWorld(t)
	for _, c := range [][]string{
		{"enterprise", "create", "mo-mf", "--site", storeSite(t, "Missouri Microfactory", "24"), "--as", "bob"},
		{"enterprise", "join", "mo-mf", "--as", "dana", "--role", "designer"},
		{"enterprise", "sell", "mo-mf", hash, "--levels", "1,3"},
	} {
		code, _, errs := storeRun(t, db, c...)
		require.Equal(t, exitOK, code, "%v: %s", c, errs)
	}
	kit := filepath.Join(t.TempDir(), "kit")
	code, out, errs := storeRun(t, db, "enterprise", "kit", "mo-mf", "--out", kit)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "1 products, 3 machines")
	for _, f := range []string{"kit.toml", "site.toml", "machines.toml", "suppliers.toml", "training.toml"} {
		assert.FileExists(t, filepath.Join(kit, f))
	}
	machines, err := os.ReadFile(filepath.Join(kit, "machines.toml"))
	require.NoError(t, err)
	assert.Contains(t, string(machines), `id = "cnc-sheet-minutes"`)
	assert.Contains(t, string(machines), `measured_at_source = "24"`)
	training, err := os.ReadFile(filepath.Join(kit, "training.toml"))
	require.NoError(t, err)
	assert.Contains(t, string(training), `qualification = "wall-framer"`)
	code, _, errs = storeRun(t, db, "enterprise", "kit", "mo-mf", "--out", kit)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errs, "already exists")

	code, _, errs = storeRun(t, db, "enterprise", "create", "ks-mf", "--from", kit, "--name", "Kansas Microfactory", "--location", "Lawrence, Kansas, US", "--as", "alice")
	require.Equal(t, exitOK, code, errs)
	orig, copied := enterpriseShow(t, db, "mo-mf"), enterpriseShow(t, db, "ks-mf")
	assert.Equal(t, "Kansas Microfactory", copied.Site.Name)
	want := orig.Site
	want.Name, want.Location = copied.Site.Name, copied.Site.Location
	wj, _ := json.Marshal(want)
	gj, _ := json.Marshal(copied.Site)
	assert.JSONEq(t, string(wj), string(gj))
	require.Len(t, copied.Listings, 1)
	assert.Equal(t, hash, copied.Listings[0].Design)
	assert.Equal(t, []int{1, 3}, copied.Listings[0].Levels)
	assert.Equal(t, []store.Member{{Profile: "alice", Role: "owner", Joined: copied.Members[0].Joined}}, copied.Members)

	// A design file changed in the kit is refused; nothing is created.
	files, _ := filepath.Glob(filepath.Join(kit, "designs", "*.toml"))
	require.Len(t, files, 1)
	data, _ := os.ReadFile(files[0])
	require.NoError(t, os.WriteFile(files[0], []byte(strings.Replace(string(data), "One-room", "Two-room", 1)), 0o644))
	code, _, errs = storeRun(t, db, "enterprise", "create", "bad-mf", "--from", kit, "--name", "B", "--location", "L", "--as", "alice")
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, errs, "does not match its hash")
	code, _, _ = storeRun(t, db, "enterprise", "show", "bad-mf")
	assert.Equal(t, exitProblems, code)
}
