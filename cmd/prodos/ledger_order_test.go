//go:build !js

package main

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// prodCountTx counts the transactions in a ledger file.
func prodCountTx(t *testing.T, db string) int {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	require.NoError(t, err)
	defer conn.Close()
	var n int
	require.NoError(t, conn.QueryRow(`SELECT COUNT(*) FROM transactions`).Scan(&n))
	return n
}

// Issue 12.5: a po-issued event that makes one transaction per supplier is
// one event: when the second supplier's order is refused (its key was used
// by a different order under another policy), the first is not written.
func TestLedgerMultiSupplierEventIsAllOrNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ledger.db")
	cabin := prodExample("cabin-12x16")
	code, _, errs := prodRun("ledger", "post", cabin, "--event", "po-issued", "--db", db, "--today", "2026-11-21")
	require.Equal(t, exitOK, code, errs)
	before := prodCountTx(t, db)
	// cheapest orders from national-home (a new key) and from
	// midwest-builders and valley-lumber (whose keys now name different
	// amounts: cheapest takes the small packs of screws and nails there).
	code, out, errs := prodRun("ledger", "post", cabin, "--event", "po-issued", "--policy", "cheapest", "--db", db, "--today", "2026-11-21")
	assert.Equal(t, exitUsage, code, out+errs)
	assert.Contains(t, errs, "midwest-builders")
	assert.Contains(t, errs, "different event")
	assert.Equal(t, before, prodCountTx(t, db), "no supplier's order of the refused event is written")
	assert.NotContains(t, out, "transaction", "nothing reported as posted")
}

// Issue 12.6: events out of a house's order are refused with exit 2 and a
// reason, and nothing is written.
func TestLedgerRefusesEventsOutOfOrder(t *testing.T) {
	cabin := prodExample("cabin-12x16")
	post := func(db string, args ...string) (int, string) {
		code, _, errs := prodRun(append(append([]string{"ledger", "post", cabin, "--db", db, "--today", "2026-11-21"}, prodWithCrew(t)...), args...)...)
		return code, errs
	}
	t.Run("goods received with no order", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "ledger.db")
		code, errs := post(db, "--event", "po-issued", "--supplier", "valley-lumber", "--amount", "10")
		require.Equal(t, exitOK, code, errs)
		code, errs = post(db, "--event", "goods-received")
		assert.Equal(t, exitUsage, code, errs)
		assert.Contains(t, errs, "out of order")
		assert.Contains(t, errs, "po-issued")
		assert.Equal(t, 1, prodCountTx(t, db))
		code, out, _ := prodRun("ledger", "verify", "--db", db)
		assert.Equal(t, exitOK, code, out)
	})
	t.Run("order after the house is sold", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "ledger.db")
		prodPostChain(t, db, cabin)
		n := prodCountTx(t, db)
		code, errs := post(db, "--event", "po-issued", "--supplier", "valley-lumber", "--amount", "10", "--key", "late-order")
		assert.Equal(t, exitUsage, code, errs)
		assert.Contains(t, errs, "sold")
		code, errs = post(db, "--event", "labour-contributed", "--person", "eve", "--hours", "1", "--witness", "lee", "--key", "late-labour")
		assert.Equal(t, exitUsage, code, errs)
		assert.Equal(t, n, prodCountTx(t, db))
	})
	t.Run("sold before completed", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "ledger.db")
		code, errs := post(db, "--event", "labour-contributed", "--person", "eve", "--hours", "1", "--witness", "lee")
		require.Equal(t, exitOK, code, errs)
		code, errs = post(db, "--event", "house-sold", "--amount", "1000")
		assert.Equal(t, exitUsage, code, errs)
		assert.Contains(t, errs, "house-completed")
	})
}

// prodEventsChain is one house's life as `ledger post --events` lines.
const prodEventsChain = `{"key":"k-po","type":"po-issued","house":"h1","design":"Cabin","author":"dana","supplier":"valley","amount":"1200.50"}
{"key":"k-gr","type":"goods-received","house":"h1","supplier":"valley","amount":"1200.50"}

{"key":"k-pay","type":"supplier-paid","house":"h1","supplier":"valley","amount":1200.50}
{"key":"k-issue","type":"materials-issued","house":"h1","amount":"1200.50"}
{"key":"k-ann","type":"labour-contributed","house":"h1","person":"ann","kind":"labour","skill":"framing","minutes":600,"rate":"35","witness":"lee"}
{"key":"k-built","type":"module-built","house":"h1","person":"ann","module":"wall-ext-4x8","count":9,"witness":"lee"}
{"key":"k-inst","type":"module-installed","house":"h1","person":"bo","module":"wall-ext-4x8","count":9,"witness":"lee"}
{"key":"k-done","type":"house-completed","house":"h1"}
{"key":"k-sold","type":"house-sold","house":"h1","amount":"30000"}
`

func TestLedgerPostEventsFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ledger.db")
	file := filepath.Join(dir, "events.jsonl")
	require.NoError(t, os.WriteFile(file, []byte(prodEventsChain), 0o644))
	code, out, errs := prodRun(append([]string{"ledger", "post", "--events", file, "--db", db}, prodWithCrew(t)...)...)
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, 9, strings.Count(out, "\n"), out)
	assert.Contains(t, out, "house-sold: transaction 7,")
	assert.Equal(t, 7, prodCountTx(t, db), "nine events, two of them production records")
	code, out, errs = prodRun("ledger", "verify", "--db", db)
	assert.Equal(t, exitOK, code, out+errs)
	// Posting the file again records nothing new.
	code, out, errs = prodRun(append([]string{"ledger", "post", "--db", db, "--events", file}, prodWithCrew(t)...)...)
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, 9, strings.Count(out, "already recorded"), out)
	assert.Equal(t, 7, prodCountTx(t, db))
	// Standard input.
	var stdout, stderr bytes.Buffer
	code = run(&env{stdout: &stdout, stderr: &stderr, stdin: strings.NewReader(prodEventsChain)}, append([]string{"ledger", "post", "--events", "-", "--db", db}, prodWithCrew(t)...))
	assert.Equal(t, exitOK, code, stderr.String())
}

func TestLedgerPostEventsFileBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	lines := strings.Split(prodEventsChain, "\n")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"malformed line", []string{"--events", write("a.jsonl", lines[0]+"\n"+lines[1]+"\n{\"key\": \n")}, "a.jsonl:3: not an event"},
		{"unknown field", []string{"--events", write("b.jsonl", `{"key":"x","type":"house-completed","house":"h","colour":"red"}`)}, `b.jsonl:1: not an event: json: unknown field "colour"`},
		{"invalid event", []string{"--events", write("c.jsonl", lines[0]+"\n"+`{"key":"x","type":"house-sold","house":"h","amount":"-3"}`)}, "c.jsonl:2: invalid event"},
		{"two objects on a line", []string{"--events", write("d.jsonl", lines[0]+lines[1])}, "d.jsonl:1: one JSON object per line"},
		{"missing file", []string{"--events", filepath.Join(dir, "nope.jsonl")}, "nope.jsonl"},
		{"event flags", []string{"--events", write("e.jsonl", lines[0]), "--event", "po-issued"}, "no event flags"},
		{"a design too", []string{prodExample("cabin-12x16"), "--events", write("f.jsonl", lines[0])}, "no DESIGN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "ledger.db")
			code, _, errs := prodRun(append([]string{"ledger", "post", "--db", db}, tt.args...)...)
			assert.Equal(t, exitUsage, code, errs)
			assert.Contains(t, errs, tt.want)
			_, err := os.Stat(db)
			assert.True(t, os.IsNotExist(err), "nothing written")
		})
	}
	// A line the ledger refuses stops the run with its line number; the
	// lines before it are recorded, each in its own transaction.
	db := filepath.Join(dir, "ledger.db")
	file := write("order.jsonl", lines[0]+"\n"+lines[4]+"\n"+lines[1]+"\n")
	code, out, errs := prodRun(append([]string{"ledger", "post", "--db", db, "--events", file}, prodWithCrew(t)...)...)
	assert.Equal(t, exitUsage, code, out+errs)
	assert.Contains(t, errs, "order.jsonl:2: post k-issue: event out of order")
	assert.Contains(t, out, "po-issued: transaction 1")
	assert.Equal(t, 1, prodCountTx(t, db))
}
