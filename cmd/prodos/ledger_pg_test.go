//go:build !js

package main

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to count rows
	"github.com/opensourceecology/prodos/production/pgtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pgCount counts rows of a ledger table in the PostgreSQL database at url.
func pgCount(t *testing.T, url, table string) int {
	t.Helper()
	conn, err := sql.Open("pgx", url)
	require.NoError(t, err)
	defer conn.Close()
	var n int
	require.NoError(t, conn.QueryRow(`SELECT COUNT(*) FROM ledger.`+table).Scan(&n))
	return n
}

// TestLedgerPostgresFullChain walks a house's whole life through the CLI
// with a postgres:// --db, and gets the same trial balance as on SQLite.
func TestLedgerPostgresFullChain(t *testing.T) {
	url := pgtest.NewDB(t)
	file := filepath.Join(t.TempDir(), "ledger.db")
	for _, db := range []string{url, file} {
		prodPostChain(t, db, prodExample("seed-home-32x40"))
		code, out, errs := prodRun("ledger", "verify", "--db", db)
		assert.Equal(t, exitOK, code, out+errs)
		assert.Contains(t, out, "ledger ok")
	}
	_, pgBal, errs := prodRun("ledger", "balance", "--db", url, "--format", "csv")
	require.Empty(t, errs)
	_, liteBal, _ := prodRun("ledger", "balance", "--db", file, "--format", "csv")
	assert.Equal(t, liteBal, pgBal)
	prodGolden(t, filepath.Join("testdata", "trial-balance-seed-home.csv"), []byte(pgBal))
}

// TestLedgerPostgresProcesses: four OS processes post at once to one
// PostgreSQL ledger, each its own keys and all the same shared keys:
// every key is recorded once and ledger verify (the hash chain included)
// passes.
func TestLedgerPostgresProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	url := pgtest.NewDB(t)
	d := prodExample("cabin-12x16")
	const procs, rounds = 4, 15
	var wg sync.WaitGroup
	outs := make([]string, procs)
	errs := make([]error, procs)
	for p := 0; p < procs; p++ {
		runs := [][]string{
			{"ledger", "post", d, "--db", url, "--event", "po-issued", "--supplier", "valley-lumber", "--amount", "12.34", "--key", fmt.Sprintf("own-%d-{i}", p)},
			{"ledger", "post", d, "--db", url, "--event", "po-issued", "--supplier", "valley-lumber", "--amount", "1.25", "--key", "shared-{i}"},
		}
		cmd := prodChild(t, runs, rounds)
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := cmd.CombinedOutput()
			outs[p], errs[p] = string(out), err
		}()
	}
	wg.Wait()
	for p := range errs {
		require.NoError(t, errs[p], outs[p])
	}
	assert.Equal(t, procs*rounds+rounds, pgCount(t, url, "transactions"), "each key recorded once")
	assert.Equal(t, procs*rounds+rounds, pgCount(t, url, "entries"), "one chain entry per transaction")
	code, out, errOut := prodRun("ledger", "verify", "--db", url)
	assert.Equal(t, exitOK, code, out+errOut)
	assert.Contains(t, out, "ledger ok")
}

// TestMigrateSQLiteToPostgres moves a site's ledger file into PostgreSQL:
// the balances and hash chain head match, running it again copies
// nothing, and the moved ledger keeps taking postings.
func TestMigrateSQLiteToPostgres(t *testing.T) {
	file := filepath.Join(t.TempDir(), "ledger.db")
	prodPostChain(t, file, prodExample("cabin-12x16"))
	url := pgtest.NewDB(t)
	code, out, errs := prodRun("migrate", "--from", file, "--to", url)
	require.Equal(t, exitOK, code, out+errs)
	assert.Contains(t, out, "ledger moved and verified")
	assert.NotContains(t, out, " 0 hash-chain entries copied")
	n := pgCount(t, url, "entries")
	lite, err := sql.Open("sqlite3", "file:"+file+"?mode=ro")
	require.NoError(t, err)
	defer lite.Close()
	var want int
	require.NoError(t, lite.QueryRow(`SELECT COUNT(*) FROM entries`).Scan(&want))
	assert.Equal(t, want, n, "every entry of the file moved")

	code, again, errs := prodRun("migrate", "--from", file, "--to", url)
	require.Equal(t, exitOK, code, again+errs)
	assert.Contains(t, again, fmt.Sprintf("0 hash-chain entries copied, %d already there", n))
	assert.Equal(t, n, pgCount(t, url, "entries"), "a second run changes nothing")

	_, pgBal, _ := prodRun("ledger", "balance", "--db", url, "--format", "csv")
	_, liteBal, _ := prodRun("ledger", "balance", "--db", file, "--format", "csv")
	assert.Equal(t, liteBal, pgBal)
	// The moved ledger takes new postings after the copied ids.
	code, _, errs = prodRun("ledger", "post", prodExample("cabin-12x16"), "--db", url, "--event", "po-issued", "--supplier", "valley-lumber", "--amount", "5", "--key", "after-move", "--house", "shed-2")
	require.Equal(t, exitOK, code, errs)
	code, out, errs = prodRun("ledger", "verify", "--db", url)
	assert.Equal(t, exitOK, code, out+errs)

	// The file has moved on no further, so the database is now ahead of it
	// and a second site's file is another ledger: refused.
	other := filepath.Join(t.TempDir(), "other.db")
	code, _, errs = prodRun("ledger", "post", prodExample("cabin-12x16"), "--db", other, "--event", "po-issued", "--supplier", "midwest", "--amount", "7", "--key", "other-site")
	require.Equal(t, exitOK, code, errs)
	code, _, errs = prodRun("migrate", "--from", other, "--to", url)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "another ledger")
}

func TestMigrateUsage(t *testing.T) {
	file := filepath.Join(t.TempDir(), "ledger.db")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"migrate", "--from", file}, "both required"},
		{[]string{"migrate", "--from", file, "--to", filepath.Join(t.TempDir(), "x.db")}, "not a postgres:// URL"},
		{[]string{"migrate", "--from", file, "--to", "postgres://u@/db?host=/nonexistent"}, "no such file"},
	} {
		code, _, errs := prodRun(tc.args...)
		assert.Equal(t, exitUsage, code, strings.Join(tc.args, " "))
		assert.Contains(t, errs, tc.want)
	}
}

// TestLedgerPostgresNewerSchemaExit2: a PostgreSQL ledger migrated by a
// newer program is refused as bad input, exit 2, and left untouched.
func TestLedgerPostgresNewerSchemaExit2(t *testing.T) {
	url := pgtest.NewDB(t)
	code, _, errs := prodRun("ledger", "verify", "--db", url)
	require.Equal(t, exitOK, code, errs)
	conn, err := sql.Open("pgx", url)
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.Exec(`INSERT INTO ledger.schema_migrations (version, name) VALUES (999, 'migration/0999_future.sql')`)
	require.NoError(t, err)
	code, _, errs = prodRun("ledger", "post", prodExample("cabin-12x16"), "--db", url, "--event", "po-issued", "--supplier", "valley-lumber", "--amount", "5")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "newer than this program")
	assert.Equal(t, 0, pgCount(t, url, "transactions"))
}
