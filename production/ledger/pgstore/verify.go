//go:build !js

package pgstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/opensourceecology/prodos/production/ledger"
)

// Verify checks the database itself (PostgreSQL enforces the foreign
// keys and the append-only triggers): that every transaction has two or more postings summing to zero,
// that no posting is orphaned, that every reversal exactly cancels its
// original, that total debits equal total credits, that every house's
// events come in the order of its life cycle and no account's running
// balance breaks its flags (ledger.Replay), and that the hash chain
// matches the entries it covers (verifyChain).
func (s *LedgerService) Verify(ctx context.Context) (*ledger.VerifyReport, error) {
	r := &ledger.VerifyReport{}
	tx, err := s.db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	defer tx.Rollback()
	strs := func(q string, f func(*sql.Rows) (string, error)) error {
		rows, err := tx.QueryContext(ctx, q)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := f(rows)
			if err != nil {
				return err
			}
			if p != "" {
				r.Problems = append(r.Problems, p)
			}
		}
		return rows.Err()
	}
	for _, c := range verifyChecks {
		if err := strs(c.q, c.f); err != nil {
			return nil, fmt.Errorf("verify: %w", err)
		}
	}
	err = tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM transactions), (SELECT COUNT(*) FROM postings),
		COALESCE((SELECT SUM(amount) FROM postings WHERE amount > 0), 0)::bigint,
		COALESCE((SELECT -SUM(amount) FROM postings WHERE amount < 0), 0)::bigint`).Scan(&r.Transactions, &r.Postings, &r.Debits, &r.Credits)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	if err := s.replay(ctx, tx, r); err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	if err := verifyChain(ctx, tx, r); err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	if r.Debits != r.Credits {
		r.Problems = append(r.Problems, fmt.Sprintf("total debits %d cents differ from total credits %d cents", r.Debits, r.Credits))
	}
	var v int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	if v != SchemaVersion() {
		r.Problems = append(r.Problems, fmt.Sprintf("schema version %d, want %d", v, SchemaVersion()))
	}
	return r, nil
}

// replay re-checks every transaction against the life-cycle rules, in the
// order they were posted, and the production records' counts (no house has
// more of a module installed than built).
func (s *LedgerService) replay(ctx context.Context, tx *sql.Tx, r *ledger.VerifyReport) error {
	rp := ledger.NewReplay()
	if err := each(ctx, tx, `SELECT name, flags FROM accounts WHERE flags <> 0`, func(rows *sql.Rows) error {
		var name string
		var f ledger.AccountFlags
		err := rows.Scan(&name, &f)
		rp.Flags[name] = f
		return err
	}); err != nil {
		return err
	}
	// One query at a time on a connection: the flags are read first.
	rows, err := tx.QueryContext(ctx, `SELECT t.id, t.idem_key, t.event, COALESCE(t.house, ''), COALESCE(t.reverses, 0), COALESCE(a.name, ''), COALESCE(p.amount, 0)
		FROM transactions t LEFT JOIN postings p ON p.tx_id = t.id LEFT JOIN accounts a ON a.id = p.account_id ORDER BY t.id, p.seq`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var cur ledger.ReplayTx
	flush := func() {
		if cur.ID == 0 {
			return
		}
		if err := rp.Apply(cur); err != nil {
			r.Problems = append(r.Problems, err.Error())
		}
	}
	for rows.Next() {
		var t ledger.ReplayTx
		var ev, acc string
		var amount int64
		if err := rows.Scan(&t.ID, &t.Key, &ev, &t.House, &t.Reverses, &acc, &amount); err != nil {
			return err
		}
		if t.ID != cur.ID {
			flush()
			t.Event = ledger.EventType(ev)
			cur = t
		}
		if acc != "" {
			cur.Postings = append(cur.Postings, ledger.Posting{Account: acc, Amount: amount})
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	flush()
	mods, err := tx.QueryContext(ctx, `SELECT house, module, SUM(CASE op WHEN 'build' THEN count ELSE 0 END) AS built,
		SUM(CASE op WHEN 'install' THEN count ELSE 0 END) AS installed
		FROM production_records GROUP BY house, module
		HAVING SUM(CASE op WHEN 'install' THEN count ELSE 0 END) > SUM(CASE op WHEN 'build' THEN count ELSE 0 END) ORDER BY house, module`)
	if err != nil {
		return err
	}
	defer mods.Close()
	for mods.Next() {
		var house, module string
		var built, installed int
		if err := mods.Scan(&house, &module, &built, &installed); err != nil {
			return err
		}
		r.Problems = append(r.Problems, fmt.Sprintf("house %s: %d x %s installed but %d built (%v)", house, installed, module, built, ledger.ErrOutOfOrder))
	}
	return mods.Err()
}

// verifyCheck is one query of Verify and how a row of it reads as a
// problem ("" for none).
type verifyCheck struct {
	q string
	f func(*sql.Rows) (string, error)
}

// verifyChecks are the queries of Verify that each report problems row by row.
var verifyChecks = []verifyCheck{
	{`SELECT t.id, r.id, t.idem_key FROM transactions t JOIN production_records r ON r.idem_key = t.idem_key ORDER BY t.id`,
		func(rows *sql.Rows) (string, error) {
			var tx, rec int64
			var key string
			if err := rows.Scan(&tx, &rec, &key); err != nil {
				return "", err
			}
			return fmt.Sprintf("key %s names both transaction %d and production record %d (one idempotency namespace)", key, tx, rec), nil
		}},
	{`SELECT t.id, t.idem_key, COUNT(p.seq), COALESCE(SUM(p.amount), 0)::bigint FROM transactions t
		LEFT JOIN postings p ON p.tx_id = t.id GROUP BY t.id HAVING COUNT(p.seq) < 2 OR SUM(p.amount) <> 0 ORDER BY t.id`,
		func(rows *sql.Rows) (string, error) {
			var id, n, sum int64
			var key string
			if err := rows.Scan(&id, &key, &n, &sum); err != nil {
				return "", err
			}
			return fmt.Sprintf("transaction %d (%s): %d postings summing to %d cents; want two or more summing to 0", id, key, n, sum), nil
		}},
	{`SELECT p.seq, p.tx_id FROM postings p LEFT JOIN transactions t ON t.id = p.tx_id WHERE t.id IS NULL ORDER BY p.tx_id, p.seq`,
		func(rows *sql.Rows) (string, error) {
			var seq, txid int64
			if err := rows.Scan(&seq, &txid); err != nil {
				return "", err
			}
			return fmt.Sprintf("posting %d/%d is orphaned: transaction %d does not exist", txid, seq, txid), nil
		}},
	{`SELECT p.tx_id, p.seq, p.account_id FROM postings p LEFT JOIN accounts a ON a.id = p.account_id WHERE a.id IS NULL ORDER BY p.tx_id, p.seq`,
		func(rows *sql.Rows) (string, error) {
			var txid, seq, acc int64
			if err := rows.Scan(&txid, &seq, &acc); err != nil {
				return "", err
			}
			return fmt.Sprintf("posting %d/%d is orphaned: account %d does not exist", txid, seq, acc), nil
		}},
	{`SELECT r.id, r.idem_key FROM transactions r WHERE r.reverses IS NOT NULL AND EXISTS (
		SELECT 1 FROM (SELECT account_id, amount FROM postings WHERE tx_id = r.id
			UNION ALL SELECT account_id, amount FROM postings WHERE tx_id = r.reverses) AS both_sides
		GROUP BY account_id HAVING SUM(amount) <> 0) ORDER BY r.id`,
		func(rows *sql.Rows) (string, error) {
			var id int64
			var key string
			if err := rows.Scan(&id, &key); err != nil {
				return "", err
			}
			return fmt.Sprintf("reversal %d (%s) does not exactly cancel the transaction it reverses", id, key), nil
		}},
}
