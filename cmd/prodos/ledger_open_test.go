//go:build !js

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLedgerPostOpensLedgerOnce: a post opens its ledger once, for the
// retry check before the work check and for the posting after it (issue
// 14: opening it twice cost a second connection, its schema query, its
// prepared statements and its close on every `ledger post`). A refused
// post still creates no ledger file.
func TestLedgerPostOpensLedgerOnce(t *testing.T) {
	crew := prodWithCrew(t)
	db := filepath.Join(t.TempDir(), "ledger.db")
	labour := func(key string, more ...string) []string {
		args := []string{"ledger", "post", prodExample("cabin-12x16"), "--db", db, "--event", "labour-contributed",
			"--person", "pat", "--hours", "1.5", "--key", key}
		return append(append(args, crew...), more...)
	}
	opens := func(args ...string) (int, string, int64) {
		before := prodLedgerOpens.Load()
		code, out, errs := prodRun(args...)
		return code, out + errs, prodLedgerOpens.Load() - before
	}

	code, out, n := opens(labour("unwitnessed")...)
	assert.Equal(t, exitProblems, code, out)
	assert.Contains(t, out, "no witness")
	assert.NoFileExists(t, db, "a refused post creates no ledger")
	assert.Zero(t, n)

	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"the first post creates the ledger", labour("k1", "--witness", "lee"), "transaction 1"},
		{"a post to an existing ledger", labour("k2", "--witness", "lee"), "transaction 2"},
		{"a retry", labour("k2", "--witness", "lee"), "already recorded"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, n := opens(c.args...)
			require.Equal(t, exitOK, code, out)
			assert.Contains(t, out, c.want)
			assert.Equal(t, int64(1), n, "ledger opens")
		})
	}

	t.Run("an events file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "events.jsonl")
		var lines string
		for _, k := range []string{"e1", "e2", "k2"} {
			lines += fmt.Sprintf(`{"key":%q,"type":"labour-contributed","house":"cabin-12x16","design":"Cabin 12x16","author":"x","person":"pat","kind":"labour","skill":"all","minutes":90,"rate":"35","witness":"lee"}`+"\n", k)
		}
		require.NoError(t, os.WriteFile(file, []byte(lines), 0o644))
		code, out, n := opens(append([]string{"ledger", "post", "--db", db, "--events", file}, crew...)...)
		require.Equal(t, exitUsage, code, out) // k2 is recorded with other content
		assert.Contains(t, out, "transaction 4")
		assert.Equal(t, int64(1), n, "ledger opens")
	})
}
