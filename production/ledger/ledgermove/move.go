//go:build !js

// Package ledgermove moves a site's SQLite ledger into a PostgreSQL one
// (prodos migrate): every row copied as it is (ids, digests, times and
// hash-chain hashes), in one transaction under the ledger's writer lock,
// then the destination verified and its hash chain head compared with the
// source's. Moving again copies only what the destination lacks, so
// running it twice changes nothing; a destination whose hash chain is not
// a prefix of the source's (another ledger) is refused.
package ledgermove

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/opensourceecology/prodos/production/ledger/pgstore"
	"github.com/opensourceecology/prodos/production/ledger/sqlitestore"
)

// ErrOtherLedger is returned when the destination already holds entries
// that are not the source's.
var ErrOtherLedger = errors.New("destination holds another ledger")

// Report is what a move did and found.
type Report struct {
	// Copied is the number of rows copied per table; Entries the number of
	// hash-chain entries copied, Already those the destination had.
	Copied           map[string]int64
	Entries, Already int64
	// Source and Dest are the verify reports of both ledgers after the move.
	Source, Dest *ledger.VerifyReport
}

// OK reports whether both ledgers verify and end on the same chain head.
func (r *Report) OK() bool {
	return r.Source.OK() && r.Dest.OK() && r.Source.ChainHead == r.Dest.ChainHead &&
		r.Source.Transactions == r.Dest.Transactions && r.Source.Entries == r.Dest.Entries
}

// table is one ledger table and its columns, in insert order (parents first).
type table struct{ name, cols, key string }

var tables = []table{
	{"accounts", "id, name, type, created_at, flags", "id"},
	{"houses", "id, design, author, design_hash, created_at", "id"},
	{"transactions", "id, idem_key, event, house, memo, digest, reverses, posted_at", "id"},
	{"postings", "tx_id, seq, account_id, amount", "tx_id, seq"},
	{"contributions", "id, tx_id, house, person, kind, skill, minutes, amount, witness", "id"},
	{"production_records", "id, idem_key, digest, house, person, module, op, count, recorded_at, witness", "id"},
	{"entries", "seq, tx_id, record_id, hash", "seq"},
}

// serials are the tables whose id sequences follow the copied ids.
var serials = []string{"accounts", "transactions", "contributions", "production_records"}

// Move copies the ledger src into dst and verifies both.
func Move(ctx context.Context, src *sqlitestore.DB, dst *pgstore.DB) (*Report, error) {
	r := &Report{Copied: map[string]int64{}}
	tx, err := dst.BeginWriter(ctx)
	if err != nil {
		return nil, fmt.Errorf("move: %w", err)
	}
	defer tx.Rollback()
	if r.Already, err = checkPrefix(ctx, src.SQL(), tx); err != nil {
		return nil, err
	}
	for _, t := range tables {
		n, err := copyTable(ctx, src.SQL(), tx, t)
		if err != nil {
			return nil, fmt.Errorf("move %s: %w", t.name, err)
		}
		r.Copied[t.name] = n
	}
	r.Entries = r.Copied["entries"]
	for _, name := range serials {
		if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence($1, 'id'), MAX(id)) FROM `+name+` HAVING MAX(id) IS NOT NULL`, name); err != nil {
			return nil, fmt.Errorf("move %s: sequence: %w", name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("move: commit: %w", err)
	}
	if r.Source, err = sqlitestore.NewLedgerService(src).Verify(ctx); err != nil {
		return nil, err
	}
	if r.Dest, err = pgstore.NewLedgerService(dst).Verify(ctx); err != nil {
		return nil, err
	}
	return r, nil
}

// checkPrefix requires the destination's hash chain to be the start of
// the source's, and returns its length.
func checkPrefix(ctx context.Context, src *sql.DB, tx *sql.Tx) (int64, error) {
	var n int64
	var head sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), (SELECT hash FROM entries ORDER BY seq DESC LIMIT 1) FROM entries`).Scan(&n, &head); err != nil {
		return 0, fmt.Errorf("move: destination: %w", err)
	}
	if n == 0 {
		var rows int64
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM accounts) + (SELECT COUNT(*) FROM houses)`).Scan(&rows); err != nil {
			return 0, fmt.Errorf("move: destination: %w", err)
		}
		if rows != 0 {
			return 0, fmt.Errorf("move: %w: it has accounts or houses but no entries", ErrOtherLedger)
		}
		return 0, nil
	}
	var hash string
	err := src.QueryRowContext(ctx, `SELECT hash FROM entries WHERE seq = ?`, n).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && hash != head.String) {
		return 0, fmt.Errorf("move: %w: its entry %d is not the source's", ErrOtherLedger, n)
	}
	if err != nil {
		return 0, fmt.Errorf("move: source: %w", err)
	}
	return n, nil
}

// copyTable inserts the source rows the destination lacks.
func copyTable(ctx context.Context, src *sql.DB, tx *sql.Tx, t table) (int64, error) {
	rows, err := src.QueryContext(ctx, `SELECT `+t.cols+` FROM `+t.name+` ORDER BY `+t.key)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := len(strings.Split(t.cols, ","))
	ph := make([]string, n)
	for i := range ph {
		ph[i] = fmt.Sprintf("$%d", i+1)
	}
	ins := `INSERT INTO ` + t.name + ` (` + t.cols + `) VALUES (` + strings.Join(ph, ", ") + `) ON CONFLICT (` + t.key + `) DO NOTHING`
	var copied int64
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	// Read all rows first: one query at a time on each connection.
	var all [][]any
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return 0, err
		}
		all = append(all, append([]any(nil), vals...))
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, row := range all {
		res, err := tx.ExecContext(ctx, ins, row...)
		if err != nil {
			return 0, err
		}
		k, _ := res.RowsAffected()
		copied += k
	}
	return copied, nil
}
