//go:build !js

package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// prodChain is the full event chain of one house, as prodos arguments
// after "ledger post DESIGN".
var prodChain = [][]string{
	{"--event", "po-issued"},
	{"--event", "goods-received"},
	{"--event", "supplier-paid"},
	{"--event", "materials-issued"},
	{"--event", "labour-contributed", "--person", "alice", "--skill", "framing", "--witness", "lee"},
	{"--event", "labour-contributed", "--person", "bob", "--skill", "install", "--witness", "lee"},
	{"--event", "labour-contributed", "--person", "carol", "--kind", "design", "--hours", "40"},
	{"--event", "labour-contributed", "--person", "alice", "--kind", "training", "--hours", "6"},
	{"--event", "labour-contributed", "--person", "dan", "--kind", "review", "--hours", "2.5"},
	{"--event", "module-built", "--person", "alice", "--witness", "lee"},
	{"--event", "module-installed", "--person", "bob", "--witness", "lee"},
	{"--event", "house-completed"},
	{"--event", "house-sold", "--amount", "212000"},
}

func prodPostChain(t *testing.T, db, design string) {
	t.Helper()
	for _, step := range prodChain {
		args := append(append([]string{"ledger", "post", design, "--db", db, "--today", "2026-11-21"}, prodWithCrew(t)...), step...)
		code, _, errs := prodRun(args...)
		require.Equal(t, exitOK, code, "%v: %s", step, errs)
	}
}

func TestLedgerFullChainPerExample(t *testing.T) {
	for _, name := range prodExamples {
		t.Run(name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "ledger.db")
			prodPostChain(t, db, prodExample(name))
			code, out, errs := prodRun("ledger", "verify", "--db", db)
			assert.Equal(t, exitOK, code, out+errs)
			assert.Contains(t, out, "ledger ok")
			code, out, errs = prodRun("ledger", "balance", "--db", db, "--format", "csv")
			require.Equal(t, exitOK, code, errs)
			if name == "seed-home-32x40" {
				prodGolden(t, filepath.Join("testdata", "trial-balance-seed-home.csv"), []byte(out))
			}
			// The sqlite3 command-line tool sums the trial balance to zero.
			if _, err := exec.LookPath("sqlite3"); err != nil {
				t.Skip("sqlite3 not installed")
			}
			got, err := exec.Command("sqlite3", db, "SELECT SUM(balance_cents) FROM trial_balance").CombinedOutput()
			require.NoError(t, err, string(got))
			assert.Equal(t, "0", strings.TrimSpace(string(got)))
		})
	}
}

func TestLedgerPostTwiceRecordsOnce(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ledger.db")
	prodPostChain(t, db, prodExample("cabin-12x16"))
	count := func() int {
		conn, err := sql.Open("sqlite3", db)
		require.NoError(t, err)
		defer conn.Close()
		var n int
		require.NoError(t, conn.QueryRow(`SELECT COUNT(*) FROM transactions`).Scan(&n))
		return n
	}
	before := count()
	for _, step := range prodChain {
		code, out, errs := prodRun(append(append([]string{"ledger", "post", prodExample("cabin-12x16"), "--db", db, "--today", "2026-11-21"}, prodWithCrew(t)...), step...)...)
		require.Equal(t, exitOK, code, errs)
		assert.Contains(t, out, "already recorded")
	}
	assert.Equal(t, before, count())
}

func TestLedgerStatementAndValue(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ledger.db")
	prodPostChain(t, db, prodExample("two-bedroom-24x32"))
	code, out, errs := prodRun("ledger", "statement", "assets:cash", "--db", db)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "house-sold")
	assert.Contains(t, out, "supplier-paid")
	code, _, errs = prodRun("ledger", "statement", "assets:nothing", "--db", db)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "assets:nothing")

	noProfiles := filepath.Join(t.TempDir(), "none.db")
	code, out, errs = prodRun("value", "--db", db, "--format", "json", "--profiles", noProfiles)
	require.Equal(t, exitOK, code, errs)
	var doc struct {
		Sales    string `json:"sales"`
		Produced string `json:"produced"`
		People   []struct {
			Person           string           `json:"person"`
			Minutes          map[string]int64 `json:"claimed_minutes"`
			Attributed       string           `json:"attributed"`
			ModulesBuilt     int              `json:"modules_built"`
			ModulesInstalled int              `json:"modules_installed"`
			DesignUses       int              `json:"design_uses"`
			Reputation       string           `json:"reputation"`
		} `json:"people"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Equal(t, "212000.00", doc.Sales)
	bomCode, bomOut, _ := prodRun("source", prodExample("two-bedroom-24x32"), "--format", "json", "--today", "2026-11-21")
	require.Equal(t, exitOK, bomCode)
	var plan struct {
		Total string `json:"total"`
	}
	require.NoError(t, json.Unmarshal([]byte(bomOut), &plan))
	sales, _ := decimal.NewFromString(doc.Sales)
	bought, _ := decimal.NewFromString(plan.Total)
	assert.Equal(t, sales.Sub(bought).StringFixed(2), doc.Produced, "value added is the sale less the materials bought")
	people := map[string]int{}
	for i, p := range doc.People {
		people[p.Person] = i
	}
	require.Contains(t, people, "alice")
	alice := doc.People[people["alice"]]
	assert.Equal(t, int64(360), alice.Minutes["training"])
	assert.Positive(t, alice.ModulesBuilt)
	assert.Positive(t, doc.People[people["bob"]].ModulesInstalled)
	assert.Positive(t, doc.People[people["Production OS examples"]].DesignUses, "the design's author is credited with the modules built from it")
	code, out, _ = prodRun("value", "--db", db, "--profiles", noProfiles)
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "REPUTATION")
}

func TestLedgerReversal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ledger.db")
	d := prodExample("cabin-12x16")
	code, _, errs := prodRun("ledger", "post", d, "--db", db, "--event", "po-issued", "--supplier", "valley-lumber", "--amount", "99.99", "--key", "oops")
	require.Equal(t, exitOK, code, errs)
	code, out, errs := prodRun("ledger", "post", d, "--db", db, "--event", "reversal", "--reverses", "oops")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "reversal")
	code, out, _ = prodRun("ledger", "balance", "--db", db, "--format", "csv")
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "assets:on-order:valley-lumber,asset,0.00,")
	code, _, errs = prodRun("ledger", "post", d, "--db", db, "--event", "reversal", "--reverses", "oops", "--key", "again")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "already reversed")
}

func TestLedgerDefaultDBUnderXDG(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	code, _, errs := prodRun("ledger", "post", prodExample("cabin-12x16"), "--event", "house-completed")
	assert.Equal(t, exitUsage, code, "nothing in progress to complete")
	assert.Contains(t, errs, "no work in progress")
	code, _, errs = prodRun("ledger", "post", prodExample("cabin-12x16"), "--event", "po-issued", "--supplier", "valley-lumber", "--amount", "10")
	require.Equal(t, exitOK, code, errs)
	_, err := os.Stat(filepath.Join(dir, "prodos", "ledger.db"))
	assert.NoError(t, err, "created on first use")
}

// Bad input exits 2 and writes nothing: no database file appears, and an
// existing file is left byte for byte as it was.
func TestLedgerBadInputWritesNothing(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	notDB := write("notes.db", "hello, I am not a database\n")
	newer := filepath.Join(dir, "newer.db")
	code, _, errs := prodRun("ledger", "post", prodExample("cabin-12x16"), "--db", newer, "--event", "labour-contributed", "--person", "a", "--kind", "design", "--hours", "1")
	require.Equal(t, exitOK, code, errs)
	conn, err := sql.Open("sqlite3", newer)
	require.NoError(t, err)
	_, err = conn.Exec(`PRAGMA user_version = 99`)
	require.NoError(t, err)
	require.NoError(t, conn.Close())
	badDesign := write("bad.toml", "format = 1\nname = \"x\"\n[grid]\nwidth = 4\nheight = 4\n[[placement]]\nmodule = \"no-such-module\"\nx = 1\ny = 1\n")
	unknownSKU := write("sup.toml", "[[supplier]]\nid = \"x\"\nname = \"X\"\nregion = \"local\"\nlead_days = 1\n[[supplier.item]]\nsku = \"NO-SUCH-SKU\"\nprice = \"1\"\npack = 1\nstock = 5\n")
	malformed := write("broken.toml", "[[supplier]\n")
	fresh := filepath.Join(dir, "fresh.db")
	cabin := prodExample("cabin-12x16")
	tests := []struct {
		name string
		db   string
		args []string
		want string
	}{
		{"not sqlite", notDB, []string{"post", cabin, "--event", "materials-issued", "--amount", "1"}, "not an SQLite database"},
		{"not sqlite verify", notDB, []string{"verify"}, "not an SQLite database"},
		{"newer schema", newer, []string{"balance"}, "newer than this program"},
		{"newer schema post", newer, []string{"post", cabin, "--event", "materials-issued", "--amount", "2"}, "newer than this program"},
		{"unknown module", fresh, []string{"post", badDesign, "--event", "po-issued"}, "bad.toml:"},
		{"unknown sku", fresh, []string{"post", cabin, "--event", "po-issued", "--suppliers", unknownSKU}, "NO-SUCH-SKU"},
		{"malformed suppliers", fresh, []string{"post", cabin, "--event", "po-issued", "--suppliers", malformed}, "broken.toml:"},
		{"negative amount", fresh, []string{"post", cabin, "--event", "house-sold", "--amount", "-5"}, "--amount must be a positive number"},
		{"negative hours", fresh, []string{"post", cabin, "--event", "labour-contributed", "--person", "a", "--hours", "-3"}, "--hours must be a positive number"},
		{"negative count", fresh, []string{"post", cabin, "--event", "module-built", "--person", "a", "--module", "floor-4x8", "--count", "-2"}, "count must be positive"},
		{"sub-cent amount", fresh, []string{"post", cabin, "--event", "house-sold", "--amount", "10.001"}, "more than two decimal places"},
		{"unknown event", fresh, []string{"post", cabin, "--event", "party"}, "--event must be one of"},
		{"no person", fresh, []string{"post", cabin, "--event", "labour-contributed"}, "person"},
		{"unknown supplier", fresh, []string{"post", cabin, "--event", "po-issued", "--supplier", "nobody"}, "nobody"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before []byte
			if data, err := os.ReadFile(tt.db); err == nil {
				before = data
			}
			code, _, errs := prodRun(append(append([]string{"ledger"}, tt.args[0]), append(tt.args[1:], "--db", tt.db)...)...)
			assert.Equal(t, exitUsage, code, errs)
			assert.Contains(t, errs, tt.want)
			after, err := os.ReadFile(tt.db)
			if before == nil {
				assert.True(t, os.IsNotExist(err), "no database created")
			} else {
				assert.Equal(t, before, after, "database untouched")
			}
		})
	}
}

func TestLedgerVerifyReportsProblems(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ledger.db")
	prodPostChain(t, db, prodExample("cabin-12x16"))
	conn, err := sql.Open("sqlite3", db)
	require.NoError(t, err)
	_, err = conn.Exec(`INSERT INTO transactions (idem_key, event, memo, digest, posted_at) VALUES ('forged', 'house-sold', '', '', '');
		INSERT INTO postings (tx_id, seq, account_id, amount) VALUES ((SELECT id FROM transactions WHERE idem_key = 'forged'), 1, 1, 100)`)
	require.NoError(t, err)
	require.NoError(t, conn.Close())
	code, out, _ := prodRun("ledger", "verify", "--db", db)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, out, "problem: transaction")
	assert.Contains(t, out, "forged")
	assert.Contains(t, out, "problem: total debits")
}

// TestProdosChild is not a test: it is the child process of the
// reliability tests. It runs the prodos argument lists in PRODOS_CHILD (a
// JSON list of lists) in order, PRODOS_CHILD_REPEAT times (default once)
// with "{i}" in an argument replaced by the round number, and exits with
// the first failing code.
func TestProdosChild(t *testing.T) {
	spec := os.Getenv("PRODOS_CHILD")
	if spec == "" {
		t.Skip("child process only")
	}
	var runs [][]string
	if err := json.Unmarshal([]byte(spec), &runs); err != nil {
		os.Exit(3)
	}
	repeat := 1
	if r := os.Getenv("PRODOS_CHILD_REPEAT"); r != "" {
		fmt.Sscan(r, &repeat)
	}
	for i := 0; i < repeat; i++ {
		for _, args := range runs {
			a := make([]string, len(args))
			for j, s := range args {
				a[j] = strings.ReplaceAll(s, "{i}", fmt.Sprint(i))
			}
			if code := run(&env{stdout: io.Discard, stderr: os.Stderr, stdin: os.Stdin}, a); code != exitOK {
				os.Exit(code)
			}
		}
	}
	os.Exit(0)
}

func prodChild(t *testing.T, runs [][]string, repeat int) *exec.Cmd {
	t.Helper()
	spec, err := json.Marshal(runs)
	require.NoError(t, err)
	cmd := exec.Command(os.Args[0], "-test.run=^TestProdosChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "PRODOS_CHILD="+string(spec), fmt.Sprint("PRODOS_CHILD_REPEAT=", repeat))
	return cmd
}

// prodLabourRuns is one labour posting plus a module record per round,
// with keys unique to the round.
// The person is a profile of profilesDB (prodBuilders) and lee witnesses.
func prodLabourRuns(db, design, prefix, profilesDB string) [][]string {
	return [][]string{
		{"ledger", "post", design, "--db", db, "--event", "labour-contributed", "--person", prefix, "--hours", "1.5", "--key", prefix + "-{i}",
			"--witness", "lee", "--profiles", profilesDB},
		{"ledger", "post", design, "--db", db, "--event", "module-built", "--person", prefix, "--module", "floor-4x8", "--count", "1", "--key", prefix + "-built-{i}",
			"--witness", "lee", "--profiles", profilesDB},
	}
}

// A process killed in the middle of posting leaves a consistent ledger.
// Each round waits until the child is posting (new rows keep appearing),
// then kills it with SIGKILL at a different moment and verifies.
func TestLedgerKilledMidPostingVerifies(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	db := filepath.Join(t.TempDir(), "ledger.db")
	design := prodExample("cabin-12x16")
	count := func() int {
		conn, err := sql.Open("sqlite3", "file:"+db+"?mode=ro&_busy_timeout=5000")
		if err != nil {
			return 0
		}
		defer conn.Close()
		var n int
		if conn.QueryRow(`SELECT COUNT(*) FROM transactions`).Scan(&n) != nil {
			return 0
		}
		return n
	}
	seen := 0
	for round, extra := range []time.Duration{0, 7 * time.Millisecond, 23 * time.Millisecond, 41 * time.Millisecond} {
		cmd := prodChild(t, prodLabourRuns(db, design, fmt.Sprintf("r%d", round), prodWithCrew(t)[1]), 100000)
		require.NoError(t, cmd.Start())
		deadline := time.Now().Add(60 * time.Second)
		for count() < seen+3 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(extra)
		require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
		err := cmd.Wait()
		var ee *exec.ExitError
		require.ErrorAs(t, err, &ee, "the child was killed, not finished")
		code, out, errs := prodRun("ledger", "verify", "--db", db)
		require.Equal(t, exitOK, code, "round %d: %s%s", round, out, errs)
		now := count()
		assert.Greater(t, now, seen, "round %d posted before the kill", round)
		seen = now
	}
	t.Logf("%d transactions posted across the killed runs", seen)
}

// Two prodos processes posting to one database at the same time both succeed.
func TestLedgerTwoProcessesPostConcurrently(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	db := filepath.Join(t.TempDir(), "ledger.db")
	design := prodExample("cabin-12x16")
	const n = 40
	a := prodChild(t, prodLabourRuns(db, design, "ann", prodWithCrew(t)[1]), n)
	b := prodChild(t, prodLabourRuns(db, design, "bo", prodWithCrew(t)[1]), n)
	var outA, outB strings.Builder
	a.Stderr, b.Stderr = &outA, &outB
	require.NoError(t, a.Start())
	require.NoError(t, b.Start())
	assert.NoError(t, a.Wait(), outA.String())
	assert.NoError(t, b.Wait(), outB.String())
	code, out, _ := prodRun("ledger", "verify", "--db", db)
	assert.Equal(t, exitOK, code, out)
	assert.Contains(t, out, fmt.Sprintf("ledger ok: %d transactions", 2*n))
}

func TestLedgerBalanceFormats(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ledger.db")
	prodPostChain(t, db, prodExample("cabin-12x16"))
	code, out, errs := prodRun("ledger", "balance", "--db", db)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "ACCOUNT")
	assert.Contains(t, out, "income:house-sales")
	code, out, errs = prodRun("ledger", "balance", "--db", db, "--format", "json")
	require.Equal(t, exitOK, code, errs)
	var doc struct {
		Accounts []map[string]string `json:"accounts"`
		Debits   string              `json:"debits"`
		Credits  string              `json:"credits"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.NotEmpty(t, doc.Accounts)
	assert.Equal(t, doc.Debits, doc.Credits)

	for _, args := range [][]string{{"ledger"}, {"ledger", "audit"}, {"ledger", "balance", "extra"}, {"ledger", "balance", "--format", "xml"}} {
		code, _, _ := prodRun(args...)
		assert.Equal(t, exitUsage, code, args)
	}
}
