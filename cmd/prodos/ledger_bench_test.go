//go:build !js

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/production/pgtest"
	"github.com/stretchr/testify/require"
)

// The ledger benchmarks compare prodos with the sqlite3 command-line tool
// doing the same transaction on the same file (WAL, synchronous=FULL, one
// BEGIN IMMEDIATE ... COMMIT per event), interleaved in blocks so disk and
// CPU noise hit both alike. They report the ratio of rates, prodos over
// sqlite3 (the target is at least 0.7), as measured in the same run; the
// single-post benchmark also reports the floor a Go process reaches.

// prodBenchBuild builds a main package once per test process: the real
// prodos binary (".") and the benchmark's Go floor
// ("./testdata/floorpost").
type prodBenchBuild struct {
	pkg  string
	name string
	once sync.Once
	bin  string
	err  error
}

var (
	benchProdos = &prodBenchBuild{pkg: ".", name: "prodos"}
	benchFloor  = &prodBenchBuild{pkg: "./testdata/floorpost", name: "floorpost"}
)

func (p *prodBenchBuild) binary(b *testing.B) string {
	b.Helper()
	p.once.Do(func() {
		dir, err := os.MkdirTemp("", "prodos-bench-")
		if err != nil {
			p.err = err
			return
		}
		p.bin = filepath.Join(dir, p.name)
		out, err := exec.Command("go", "build", "-o", p.bin, p.pkg).CombinedOutput()
		if err != nil {
			p.err = fmt.Errorf("go build %s: %v\n%s", p.pkg, err, out)
		}
	})
	if p.err != nil {
		b.Skip("cannot build: ", p.err)
	}
	return p.bin
}

// prodBenchSetup builds prodos, checks for sqlite3 and makes a ledger in
// which the house and the person's accounts exist.
func prodBenchSetup(b *testing.B) (bin, db string) {
	b.Helper()
	if _, err := exec.LookPath("sqlite3"); err != nil {
		b.Skip("sqlite3 not installed (.ci/deps test installs it)")
	}
	bin = benchProdos.binary(b)
	db = filepath.Join(b.TempDir(), "ledger.db")
	prodBenchProfiles = prodCrewDB(b)
	out, err := exec.Command(bin, prodBenchPostArgs(db, "warm-up")...).CombinedOutput()
	require.NoError(b, err, string(out))
	return bin, db
}

// prodBenchProfiles is the profile store of the benchmarks (prodBuilders):
// every post checks pat's qualification and lee's witness in it.
var prodBenchProfiles string

// prodBenchPostArgs is one labour contribution by "pat" to the cabin,
// witnessed by lee.
func prodBenchPostArgs(db, key string) []string {
	return []string{"ledger", "post", prodExample("cabin-12x16"), "--db", db, "--event", "labour-contributed",
		"--person", "pat", "--hours", "1.5", "--key", key, "--witness", "lee", "--profiles", prodBenchProfiles}
}

// prodBenchEventLine is the same contribution as a `--events` line.
func prodBenchEventLine(key string) string {
	return fmt.Sprintf(`{"key":%q,"type":"labour-contributed","house":"cabin-12x16","design":"Cabin 12x16","author":"x","person":"pat","kind":"labour","skill":"all","minutes":90,"rate":"35","witness":"lee"}`, key)
}

// prodBenchSQL is what prodos does for one labour contribution, as SQL for
// the sqlite3 tool: the key lookup (transactions and production records),
// the house, the house's stage, the transaction, its two postings, the
// contribution and the hash-chain entry after the last one (the hash
// itself, SHA-256 over JCS, is computed by prodos alone), in one
// transaction.
func prodBenchSQL(key string) string {
	return fmt.Sprintf(`BEGIN IMMEDIATE;
SELECT 1, id, digest FROM transactions WHERE idem_key = '%[1]s' UNION ALL SELECT 0, id, digest FROM production_records WHERE idem_key = '%[1]s';
INSERT INTO houses (id, design, author, created_at) VALUES ('cabin-12x16', 'Cabin 12x16', 'x', '2026-11-21T00:00:00Z') ON CONFLICT (id) DO NOTHING;
SELECT t.event FROM transactions t WHERE t.house = 'cabin-12x16' AND t.event IN ('house-completed', 'house-sold') AND NOT EXISTS (SELECT 1 FROM transactions r WHERE r.reverses = t.id);
INSERT INTO transactions (idem_key, event, house, memo, digest, reverses, posted_at) VALUES ('%[1]s', 'labour-contributed', 'cabin-12x16', '', '%[2]s', NULL, '2026-11-21T00:00:00Z');
INSERT INTO postings (tx_id, seq, account_id, amount) VALUES
 (last_insert_rowid(), 1, (SELECT id FROM accounts WHERE name = 'assets:wip:cabin-12x16:labour'), 5250),
 ((SELECT id FROM transactions WHERE idem_key = '%[1]s'), 2, (SELECT id FROM accounts WHERE name = 'equity:contributed-labour:pat'), -5250);
INSERT INTO contributions (tx_id, house, person, kind, skill, minutes, amount, witness) VALUES ((SELECT id FROM transactions WHERE idem_key = '%[1]s'), 'cabin-12x16', 'pat', 'labour', 'all', 90, 5250, 'lee');
SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1;
INSERT INTO entries (seq, tx_id, record_id, hash) VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM entries), (SELECT id FROM transactions WHERE idem_key = '%[1]s'), NULL, '%[2]s');
COMMIT;
`, key, strings.Repeat("d", 64))
}

// prodBenchSQLHeader sets what prodos sets on its connection.
const prodBenchSQLHeader = ".bail on\nPRAGMA busy_timeout = 30000;\nPRAGMA foreign_keys = ON;\nPRAGMA synchronous = FULL;\n"

func prodBenchRun(b *testing.B, cmd *exec.Cmd) time.Duration {
	b.Helper()
	start := time.Now()
	out, err := cmd.CombinedOutput()
	d := time.Since(start)
	if err != nil {
		b.Fatalf("%v: %v\n%s", cmd.Args, err, out)
	}
	return d
}

// BenchmarkLedgerPostProcess: one op is one `prodos ledger post` process
// (a labour contribution, a new transaction), one sqlite3 process doing the
// same transaction on the same file (a shell loop of either), and one run
// of the Go floor (testdata/floorpost: the sqlite3 tool's script run by a
// Go program that links go-sqlite3 and does nothing else), in rotating
// order. floor-ratio, sqlite3's time over the floor's, is the most any
// single-post Go process with go-sqlite3 can reach on this machine.
func BenchmarkLedgerPostProcess(b *testing.B) {
	bin, db := prodBenchSetup(b)
	floor := benchFloor.binary(b)
	var prod, lite, flo time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		script := prodBenchSQLHeader + prodBenchSQL(fmt.Sprint("s-", i))
		floorScript := prodBenchSQLHeader + prodBenchSQL(fmt.Sprint("f-", i))
		runs := []func(){
			func() { prod += prodBenchRun(b, exec.Command(bin, prodBenchPostArgs(db, fmt.Sprint("p-", i))...)) },
			func() { lite += prodBenchRun(b, prodBenchStdin(exec.Command("sqlite3", db), script)) },
			func() { flo += prodBenchRun(b, prodBenchStdin(exec.Command(floor, db), floorScript)) },
		}
		for j := range runs {
			runs[(i+j)%len(runs)]()
		}
	}
	b.ReportMetric(prod.Seconds()*1000/float64(b.N), "ms/prodos-post")
	b.ReportMetric(lite.Seconds()*1000/float64(b.N), "ms/sqlite3-post")
	b.ReportMetric(flo.Seconds()*1000/float64(b.N), "ms/go-floor-post")
	b.ReportMetric(lite.Seconds()/prod.Seconds(), "ratio")
	b.ReportMetric(lite.Seconds()/flo.Seconds(), "floor-ratio")
}

// prodBenchStdin gives cmd the text as its standard input.
func prodBenchStdin(cmd *exec.Cmd, text string) *exec.Cmd {
	cmd.Stdin = strings.NewReader(text)
	return cmd
}

// BenchmarkLedgerPostBulk: one op is one event, posted by `prodos ledger
// post --events FILE` in files of 100 lines (one transaction per line) and
// by one sqlite3 process running the same 100 transactions.
func BenchmarkLedgerPostBulk(b *testing.B) {
	bin, db := prodBenchSetup(b)
	dir := b.TempDir()
	const block = 100
	var prod, lite time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i += block {
		n := min(block, b.N-i)
		var lines, script strings.Builder
		script.WriteString(prodBenchSQLHeader)
		for j := i; j < i+n; j++ {
			lines.WriteString(prodBenchEventLine(fmt.Sprint("bp-", j)) + "\n")
			script.WriteString(prodBenchSQL(fmt.Sprint("bs-", j)))
		}
		file := filepath.Join(dir, fmt.Sprint("events-", i, ".jsonl"))
		require.NoError(b, os.WriteFile(file, []byte(lines.String()), 0o644))
		sqlCmd := exec.Command("sqlite3", db)
		sqlCmd.Stdin = strings.NewReader(script.String())
		// Alternate which goes first, so neither always follows the other's
		// checkpoint.
		if i/block%2 == 1 {
			lite += prodBenchRun(b, sqlCmd)
		}
		prod += prodBenchRun(b, exec.Command(bin, "ledger", "post", "--db", db, "--events", file, "--profiles", prodBenchProfiles))
		if i/block%2 == 0 {
			lite += prodBenchRun(b, sqlCmd)
		}
	}
	b.ReportMetric(float64(b.N)/prod.Seconds(), "prodos-posts/s")
	b.ReportMetric(float64(b.N)/lite.Seconds(), "sqlite3-posts/s")
	b.ReportMetric(lite.Seconds()/prod.Seconds(), "ratio")
}

// TestMain removes the binaries the benchmarks built and stops the
// PostgreSQL server of the tests that used one (pgtest).
func TestMain(m *testing.M) {
	code := pgtest.Main(m)
	for _, p := range []*prodBenchBuild{benchProdos, benchFloor} {
		if p.bin != "" {
			os.RemoveAll(filepath.Dir(p.bin))
		}
	}
	os.Exit(code)
}
