//go:build !js

package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/opensourceecology/prodos/production"
)

// LedgerService implements production.Ledger on a DB.
type LedgerService struct {
	db *DB

	byKey, insTx, insPosting *sql.Stmt
	// insPostings[n] inserts n postings in one statement (n = 2..maxBatch).
	insPostings [maxBatch + 1]*sql.Stmt

	mu       sync.Mutex
	accounts map[string]int64 // committed account ids; accounts are append-only
}

var _ production.Ledger = (*LedgerService)(nil)

// NewLedgerService returns the ledger service over an open DB. Its
// prepared statements live as long as the DB.
func NewLedgerService(db *DB) *LedgerService {
	s := &LedgerService{db: db, accounts: map[string]int64{},
		byKey:      db.prepare(`SELECT id, digest FROM transactions WHERE idem_key = ?`),
		insTx:      db.prepare(`INSERT INTO transactions (idem_key, event, house, memo, digest, reverses, posted_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
		insPosting: db.prepare(`INSERT INTO postings (tx_id, seq, account_id, amount) VALUES (?, ?, ?, ?)`),
	}
	for n := 2; n <= maxBatch; n++ {
		s.insPostings[n] = db.prepare(`INSERT INTO postings (tx_id, seq, account_id, amount) VALUES (?, ?, ?, ?)` +
			strings.Repeat(`, (?, ?, ?, ?)`, n-1))
	}
	return s
}

// maxBatch is the most postings inserted by one statement (it covers the
// common two- and four-posting events); longer transactions, such as a
// house sale, insert one posting per statement.
const maxBatch = 4

// Post records one business event in one BEGIN IMMEDIATE transaction. A key
// already posted with the same content returns Duplicate and writes nothing;
// with different content it returns production.ErrKeyConflict.
func (s *LedgerService) Post(ctx context.Context, e production.Event) (production.PostResult, error) {
	if err := e.Validate(); err != nil {
		return production.PostResult{}, err
	}
	digest := e.Digest()
	tx, err := s.db.beginTx(ctx)
	if err != nil {
		return production.PostResult{}, fmt.Errorf("post %s: %w", e.Key, err)
	}
	defer tx.Rollback()

	now := s.db.Now().UTC().Truncate(time.Second).Format(time.RFC3339)
	if e.Type.IsRecord() {
		return s.postRecord(ctx, tx, e, digest, now)
	}
	var id int64
	var old string
	err = tx.StmtContext(ctx, s.byKey).QueryRowContext(ctx, e.Key).Scan(&id, &old)
	switch {
	case err == nil:
		if old != digest {
			return production.PostResult{}, fmt.Errorf("post %s: %w", e.Key, production.ErrKeyConflict)
		}
		return production.PostResult{TxID: id, Duplicate: true}, nil
	case !errors.Is(err, sql.ErrNoRows):
		return production.PostResult{}, fmt.Errorf("post %s: %w", e.Key, err)
	}

	var postings []production.Posting
	var reverses sql.NullInt64
	house := sql.NullString{String: e.House, Valid: e.House != ""}
	if e.Type == production.EventReversal {
		postings, reverses, house, err = reversal(ctx, tx, e.Reverses)
	} else {
		if house.Valid {
			if err = ensureHouse(ctx, tx, e, now); err != nil {
				return production.PostResult{}, fmt.Errorf("post %s: %w", e.Key, err)
			}
		}
		postings, err = e.Postings(func(account string) (int64, error) { return balanceOf(ctx, tx, account) })
	}
	if err != nil {
		return production.PostResult{}, fmt.Errorf("post %s: %w", e.Key, err)
	}
	if err := production.CheckBalanced(postings); err != nil {
		return production.PostResult{}, fmt.Errorf("post %s: %w", e.Key, err)
	}
	res, err := tx.StmtContext(ctx, s.insTx).ExecContext(ctx,
		e.Key, string(e.Type), house, e.Memo, digest, reverses, now)
	if err != nil {
		return production.PostResult{}, fmt.Errorf("post %s: %w", e.Key, err)
	}
	if id, err = res.LastInsertId(); err != nil {
		return production.PostResult{}, fmt.Errorf("post %s: %w", e.Key, err)
	}
	created := map[string]int64{}
	args := make([]any, 0, 4*len(postings))
	for i, p := range postings {
		acc, err := s.accountID(ctx, tx, p.Account, now, created)
		if err != nil {
			return production.PostResult{}, fmt.Errorf("post %s: %w", e.Key, err)
		}
		args = append(args, id, i+1, acc, p.Amount)
	}
	if n := len(postings); n <= maxBatch {
		_, err = tx.StmtContext(ctx, s.insPostings[n]).ExecContext(ctx, args...)
	} else {
		one := tx.StmtContext(ctx, s.insPosting)
		for i := 0; i < n && err == nil; i++ {
			_, err = one.ExecContext(ctx, args[4*i:4*i+4]...)
		}
	}
	if err != nil {
		return production.PostResult{}, fmt.Errorf("post %s: %w", e.Key, err)
	}
	if e.Type == production.EventLabour {
		if _, err := tx.ExecContext(ctx, `INSERT INTO contributions (tx_id, house, person, kind, skill, minutes, amount) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			id, e.House, e.Person, e.Kind, e.Skill, e.Minutes, postings[0].Amount); err != nil {
			return production.PostResult{}, fmt.Errorf("post %s: %w", e.Key, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return production.PostResult{}, fmt.Errorf("post %s: commit: %w", e.Key, err)
	}
	s.mu.Lock()
	for k, v := range created {
		s.accounts[k] = v
	}
	s.mu.Unlock()
	return production.PostResult{TxID: id, Postings: postings}, nil
}

func (s *LedgerService) postRecord(ctx context.Context, tx *sql.Tx, e production.Event, digest, now string) (production.PostResult, error) {
	var old string
	err := tx.QueryRowContext(ctx, `SELECT digest FROM production_records WHERE idem_key = ?`, e.Key).Scan(&old)
	switch {
	case err == nil:
		if old != digest {
			return production.PostResult{}, fmt.Errorf("post %s: %w", e.Key, production.ErrKeyConflict)
		}
		return production.PostResult{Duplicate: true}, nil
	case !errors.Is(err, sql.ErrNoRows):
		return production.PostResult{}, fmt.Errorf("post %s: %w", e.Key, err)
	}
	if err := ensureHouse(ctx, tx, e, now); err != nil {
		return production.PostResult{}, fmt.Errorf("post %s: %w", e.Key, err)
	}
	op := "build"
	if e.Type == production.EventModuleInstalled {
		op = "install"
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO production_records (idem_key, digest, house, person, module, op, count, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Key, digest, e.House, e.Person, e.Module, op, e.Count, now); err != nil {
		return production.PostResult{}, fmt.Errorf("post %s: %w", e.Key, err)
	}
	if err := tx.Commit(); err != nil {
		return production.PostResult{}, fmt.Errorf("post %s: commit: %w", e.Key, err)
	}
	return production.PostResult{}, nil
}

func ensureHouse(ctx context.Context, tx *sql.Tx, e production.Event, now string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO houses (id, design, author, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
		e.House, e.Design, e.Author, now)
	return err
}

func reversal(ctx context.Context, tx *sql.Tx, key string) ([]production.Posting, sql.NullInt64, sql.NullString, error) {
	var id int64
	var house sql.NullString
	var rev sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT t.id, t.house, r.id FROM transactions t LEFT JOIN transactions r ON r.reverses = t.id WHERE t.idem_key = ?`, key).Scan(&id, &house, &rev)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, sql.NullInt64{}, house, fmt.Errorf("%w: no transaction with key %q to reverse", production.ErrNotFound, key)
	} else if err != nil {
		return nil, sql.NullInt64{}, house, err
	}
	if rev.Valid {
		return nil, sql.NullInt64{}, house, fmt.Errorf("%w: transaction %q is already reversed", production.ErrInvalidEvent, key)
	}
	rows, err := tx.QueryContext(ctx, `SELECT a.name, p.amount FROM postings p JOIN accounts a ON a.id = p.account_id WHERE p.tx_id = ? ORDER BY p.seq`, id)
	if err != nil {
		return nil, sql.NullInt64{}, house, err
	}
	defer rows.Close()
	var ps []production.Posting
	for rows.Next() {
		var p production.Posting
		if err := rows.Scan(&p.Account, &p.Amount); err != nil {
			return nil, sql.NullInt64{}, house, err
		}
		p.Amount = -p.Amount
		ps = append(ps, p)
	}
	return ps, sql.NullInt64{Int64: id, Valid: true}, house, rows.Err()
}

func balanceOf(ctx context.Context, tx *sql.Tx, account string) (int64, error) {
	var b int64
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(p.amount), 0) FROM postings p JOIN accounts a ON a.id = p.account_id WHERE a.name = ?`, account).Scan(&b)
	return b, err
}

// accountID finds or creates an account inside tx. New ids go to created
// and join the cache only after the commit.
func (s *LedgerService) accountID(ctx context.Context, tx *sql.Tx, name, now string, created map[string]int64) (int64, error) {
	s.mu.Lock()
	id, ok := s.accounts[name]
	s.mu.Unlock()
	if ok {
		return id, nil
	}
	if id, ok := created[name]; ok {
		return id, nil
	}
	err := tx.QueryRowContext(ctx, `SELECT id FROM accounts WHERE name = ?`, name).Scan(&id)
	if err == nil {
		created[name] = id
		return id, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	typ, err := production.AccountTypeOf(name)
	if err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO accounts (name, type, created_at) VALUES (?, ?, ?)`, name, string(typ), now)
	if err != nil {
		return 0, err
	}
	if id, err = res.LastInsertId(); err != nil {
		return 0, err
	}
	created[name] = id
	return id, nil
}

// TrialBalance lists every account that has postings, sorted by name.
func (s *LedgerService) TrialBalance(ctx context.Context) ([]production.Balance, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT account, type, balance_cents FROM trial_balance ORDER BY account`)
	if err != nil {
		return nil, fmt.Errorf("trial balance: %w", err)
	}
	defer rows.Close()
	var out []production.Balance
	for rows.Next() {
		var b production.Balance
		var typ string
		if err := rows.Scan(&b.Account, &typ, &b.Amount); err != nil {
			return nil, fmt.Errorf("trial balance: %w", err)
		}
		b.Type = production.AccountType(typ)
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("trial balance: %w", err)
	}
	return out, nil
}

// Statement lists an account's postings in posting order with a running
// balance. An unknown account is production.ErrNotFound.
func (s *LedgerService) Statement(ctx context.Context, account string) ([]production.StatementLine, error) {
	var id int64
	err := s.db.db.QueryRowContext(ctx, `SELECT id FROM accounts WHERE name = ?`, account).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("statement: account %q: %w", account, production.ErrNotFound)
	} else if err != nil {
		return nil, fmt.Errorf("statement: %w", err)
	}
	rows, err := s.db.db.QueryContext(ctx, `SELECT t.id, t.idem_key, t.event, t.posted_at, t.memo, p.amount
		FROM postings p JOIN transactions t ON t.id = p.tx_id WHERE p.account_id = ? ORDER BY p.tx_id, p.seq`, id)
	if err != nil {
		return nil, fmt.Errorf("statement: %w", err)
	}
	defer rows.Close()
	var out []production.StatementLine
	var run int64
	for rows.Next() {
		var l production.StatementLine
		var ev, at string
		if err := rows.Scan(&l.TxID, &l.Key, &ev, &at, &l.Memo, &l.Amount); err != nil {
			return nil, fmt.Errorf("statement: %w", err)
		}
		l.Event = production.EventType(ev)
		l.PostedAt, _ = time.Parse(time.RFC3339, at)
		run += l.Amount
		l.Running = run
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("statement: %w", err)
	}
	return out, nil
}

// Verify checks the database itself: SQLite's integrity and foreign-key
// checks, that every transaction has two or more postings summing to zero,
// that no posting is orphaned, that every reversal exactly cancels its
// original, and that total debits equal total credits.
func (s *LedgerService) Verify(ctx context.Context) (*production.VerifyReport, error) {
	r := &production.VerifyReport{}
	tx, err := s.db.db.BeginTx(ctx, nil)
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
	checks := []struct {
		q string
		f func(*sql.Rows) (string, error)
	}{
		{`PRAGMA integrity_check`, func(rows *sql.Rows) (string, error) {
			var s string
			if err := rows.Scan(&s); err != nil || s == "ok" {
				return "", err
			}
			return "integrity check: " + s, nil
		}},
		{`PRAGMA foreign_key_check`, func(rows *sql.Rows) (string, error) {
			var table, parent string
			var rowid sql.NullInt64
			var fk int64
			if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
				return "", err
			}
			return fmt.Sprintf("foreign key: %s row %d refers to a missing %s row", table, rowid.Int64, parent), nil
		}},
		{`SELECT t.id, t.idem_key, COUNT(p.seq), COALESCE(SUM(p.amount), 0) FROM transactions t
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
				UNION ALL SELECT account_id, amount FROM postings WHERE tx_id = r.reverses)
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
	for _, c := range checks {
		if err := strs(c.q, c.f); err != nil {
			return nil, fmt.Errorf("verify: %w", err)
		}
	}
	err = tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM transactions), (SELECT COUNT(*) FROM postings),
		COALESCE((SELECT SUM(amount) FROM postings WHERE amount > 0), 0),
		COALESCE((SELECT -SUM(amount) FROM postings WHERE amount < 0), 0)`).Scan(&r.Transactions, &r.Postings, &r.Debits, &r.Credits)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	if r.Debits != r.Credits {
		r.Problems = append(r.Problems, fmt.Sprintf("total debits %d cents differ from total credits %d cents", r.Debits, r.Credits))
	}
	var v int
	if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	if v != SchemaVersion() {
		r.Problems = append(r.Problems, fmt.Sprintf("schema version %d, want %d", v, SchemaVersion()))
	}
	return r, nil
}

// ValueData reads houses, contributions, completions, sales and production
// records, leaving out reversed transactions and the reversals themselves.
func (s *LedgerService) ValueData(ctx context.Context) (*production.ValueData, error) {
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("value: %w", err)
	}
	defer tx.Rollback()
	vd := &production.ValueData{Completed: map[string]bool{}, Sales: map[string]int64{}, MaterialsCost: map[string]int64{}}
	const live = `t.event <> 'reversal' AND NOT EXISTS (SELECT 1 FROM transactions r WHERE r.reverses = t.id)`
	query := func(q string, scan func(*sql.Rows) error) error {
		rows, err := tx.QueryContext(ctx, q)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	err = query(`SELECT id, design, author FROM houses ORDER BY id`, func(rows *sql.Rows) error {
		var h production.House
		if err := rows.Scan(&h.ID, &h.Design, &h.Author); err != nil {
			return err
		}
		vd.Houses = append(vd.Houses, h)
		return nil
	})
	if err == nil {
		err = query(`SELECT c.tx_id, c.house, c.person, c.kind, c.skill, c.minutes, c.amount FROM contributions c
			JOIN transactions t ON t.id = c.tx_id WHERE `+live+` ORDER BY c.id`, func(rows *sql.Rows) error {
			var c production.Contribution
			if err := rows.Scan(&c.TxID, &c.House, &c.Person, &c.Kind, &c.Skill, &c.Minutes, &c.Amount); err != nil {
				return err
			}
			vd.Contributions = append(vd.Contributions, c)
			return nil
		})
	}
	if err == nil {
		err = query(`SELECT DISTINCT t.house FROM transactions t WHERE t.event = 'house-completed' AND `+live, func(rows *sql.Rows) error {
			var h string
			if err := rows.Scan(&h); err != nil {
				return err
			}
			vd.Completed[h] = true
			return nil
		})
	}
	if err == nil {
		err = query(`SELECT t.house, -SUM(p.amount) FROM transactions t JOIN postings p ON p.tx_id = t.id
			JOIN accounts a ON a.id = p.account_id WHERE t.event = 'house-sold' AND a.name = 'income:house-sales' AND `+live+`
			GROUP BY t.house`, func(rows *sql.Rows) error {
			var h string
			var c int64
			if err := rows.Scan(&h, &c); err != nil {
				return err
			}
			vd.Sales[h] = c
			return nil
		})
	}
	if err == nil {
		err = query(`SELECT t.house, SUM(p.amount) FROM transactions t JOIN postings p ON p.tx_id = t.id
			JOIN accounts a ON a.id = p.account_id WHERE t.event = 'house-sold' AND a.name = 'expenses:cost-of-goods-sold' AND `+live+`
			GROUP BY t.house`, func(rows *sql.Rows) error {
			var h string
			var c int64
			if err := rows.Scan(&h, &c); err != nil {
				return err
			}
			vd.MaterialsCost[h] = c
			return nil
		})
	}
	if err == nil {
		err = query(`SELECT idem_key, house, person, module, op, count FROM production_records ORDER BY id`, func(rows *sql.Rows) error {
			var r production.ProductionRecord
			if err := rows.Scan(&r.Key, &r.House, &r.Person, &r.Module, &r.Op, &r.Count); err != nil {
				return err
			}
			vd.Records = append(vd.Records, r)
			return nil
		})
	}
	if err != nil {
		return nil, fmt.Errorf("value: %w", err)
	}
	return vd, nil
}
