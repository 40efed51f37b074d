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

	byKey, recByKey, insTx, insPosting, stage, houseBal, modules *sql.Stmt
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
		recByKey:   db.prepare(`SELECT digest FROM production_records WHERE idem_key = ?`),
		insTx:      db.prepare(`INSERT INTO transactions (idem_key, event, house, memo, digest, reverses, posted_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
		insPosting: db.prepare(`INSERT INTO postings (tx_id, seq, account_id, amount) VALUES (?, ?, ?, ?)`),
		// The live (not reversed) completion and sale of a house.
		stage: db.prepare(`SELECT t.event FROM transactions t WHERE t.house = ? AND t.event IN ('house-completed', 'house-sold')
			AND NOT EXISTS (SELECT 1 FROM transactions r WHERE r.reverses = t.id)`),
		// An account's balance within one house (NULL: the postings without a house).
		houseBal: db.prepare(`SELECT COALESCE(SUM(p.amount), 0) FROM transactions t JOIN postings p ON p.tx_id = t.id
			WHERE t.house IS ? AND p.account_id = (SELECT id FROM accounts WHERE name = ?)`),
		modules: db.prepare(`SELECT COALESCE(SUM(CASE op WHEN 'build' THEN count END), 0), COALESCE(SUM(CASE op WHEN 'install' THEN count END), 0)
			FROM production_records WHERE house = ? AND module = ?`),
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
// with different content it returns production.ErrKeyConflict. An event out
// of its house's life cycle returns production.ErrOutOfOrder.
func (s *LedgerService) Post(ctx context.Context, e production.Event) (production.PostResult, error) {
	res, err := s.PostAll(ctx, []production.Event{e})
	if err != nil {
		return production.PostResult{}, err
	}
	return res[0], nil
}

// PostAll records events that make one business event (a purchase order per
// supplier, a record per module) in one BEGIN IMMEDIATE transaction: every
// one of them, or, when any is refused, none. Each event is checked as Post
// checks it, after the ones before it in the list.
func (s *LedgerService) PostAll(ctx context.Context, evs []production.Event) ([]production.PostResult, error) {
	for _, e := range evs {
		if err := e.Validate(); err != nil {
			return nil, fmt.Errorf("post %s: %w", e.Key, err)
		}
	}
	tx, err := s.db.beginTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("post: %w", err)
	}
	defer tx.Rollback()
	now := s.db.Now().UTC().Truncate(time.Second).Format(time.RFC3339)
	created := map[string]int64{}
	out := make([]production.PostResult, len(evs))
	for i, e := range evs {
		if e.Type.IsRecord() {
			out[i], err = s.postRecord(ctx, tx, e, now)
		} else {
			out[i], err = s.postTx(ctx, tx, e, now, created)
		}
		if err != nil {
			return nil, fmt.Errorf("post %s: %w", e.Key, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("post: commit: %w", err)
	}
	s.mu.Lock()
	for k, v := range created {
		s.accounts[k] = v
	}
	s.mu.Unlock()
	return out, nil
}

// postTx records one transaction inside tx. New account ids go to created.
func (s *LedgerService) postTx(ctx context.Context, tx *sql.Tx, e production.Event, now string, created map[string]int64) (production.PostResult, error) {
	digest := e.Digest()
	var id int64
	var old string
	err := tx.StmtContext(ctx, s.byKey).QueryRowContext(ctx, e.Key).Scan(&id, &old)
	switch {
	case err == nil:
		if old != digest {
			return production.PostResult{}, production.ErrKeyConflict
		}
		return production.PostResult{TxID: id, Duplicate: true}, nil
	case !errors.Is(err, sql.ErrNoRows):
		return production.PostResult{}, err
	}

	var postings []production.Posting
	var reverses sql.NullInt64
	house := sql.NullString{String: e.House, Valid: e.House != ""}
	if e.Type == production.EventReversal {
		postings, reverses, house, err = reversal(ctx, tx, e.Reverses)
	} else {
		if house.Valid {
			if err = s.checkStage(ctx, tx, e, now); err != nil {
				return production.PostResult{}, err
			}
		}
		postings, err = e.Postings(func(account string) (int64, error) { return s.houseBalance(ctx, tx, house, account) })
	}
	if err != nil {
		return production.PostResult{}, err
	}
	if err := production.CheckBalanced(postings); err != nil {
		return production.PostResult{}, err
	}
	if err := s.checkSides(ctx, tx, e.Type, house, postings); err != nil {
		return production.PostResult{}, err
	}
	res, err := tx.StmtContext(ctx, s.insTx).ExecContext(ctx,
		e.Key, string(e.Type), house, e.Memo, digest, reverses, now)
	if err != nil {
		return production.PostResult{}, err
	}
	if id, err = res.LastInsertId(); err != nil {
		return production.PostResult{}, err
	}
	if err := s.insertPostings(ctx, tx, id, postings, now, created); err != nil {
		return production.PostResult{}, err
	}
	if e.Type == production.EventLabour {
		if _, err := tx.ExecContext(ctx, `INSERT INTO contributions (tx_id, house, person, kind, skill, minutes, amount) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			id, e.House, e.Person, e.Kind, e.Skill, e.Minutes, postings[0].Amount); err != nil {
			return production.PostResult{}, err
		}
	}
	return production.PostResult{TxID: id, Postings: postings}, nil
}

func (s *LedgerService) insertPostings(ctx context.Context, tx *sql.Tx, id int64, postings []production.Posting, now string, created map[string]int64) error {
	args := make([]any, 0, 4*len(postings))
	for i, p := range postings {
		acc, err := s.accountID(ctx, tx, p.Account, now, created)
		if err != nil {
			return err
		}
		args = append(args, id, i+1, acc, p.Amount)
	}
	if n := len(postings); n <= maxBatch {
		_, err := tx.StmtContext(ctx, s.insPostings[n]).ExecContext(ctx, args...)
		return err
	}
	one := tx.StmtContext(ctx, s.insPosting)
	for i := 0; i < len(postings); i++ {
		if _, err := one.ExecContext(ctx, args[4*i:4*i+4]...); err != nil {
			return err
		}
	}
	return nil
}

// checkStage records the house on first sight and refuses an event its
// stage does not allow.
func (s *LedgerService) checkStage(ctx context.Context, tx *sql.Tx, e production.Event, now string) error {
	if err := ensureHouse(ctx, tx, e, now); err != nil {
		return err
	}
	st, err := s.houseStage(ctx, tx, e.House)
	if err != nil {
		return err
	}
	return production.CheckStage(e.Type, e.House, st)
}

// houseStage reads a house's stage from its live completion and sale.
func (s *LedgerService) houseStage(ctx context.Context, tx *sql.Tx, house string) (production.HouseStage, error) {
	rows, err := tx.StmtContext(ctx, s.stage).QueryContext(ctx, house)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	st := production.StageOpen
	for rows.Next() {
		var ev string
		if err := rows.Scan(&ev); err != nil {
			return 0, err
		}
		if ev == string(production.EventHouseSold) {
			st = production.StageSold
		} else if st == production.StageOpen {
			st = production.StageCompleted
		}
	}
	return st, rows.Err()
}

// houseBalance is an account's balance over the transactions of one house
// (house NULL: the transactions without a house).
func (s *LedgerService) houseBalance(ctx context.Context, tx *sql.Tx, house sql.NullString, account string) (int64, error) {
	var b int64
	err := tx.StmtContext(ctx, s.houseBal).QueryRowContext(ctx, house, account).Scan(&b)
	return b, err
}

// checkSides refuses postings that take a house balance past zero.
func (s *LedgerService) checkSides(ctx context.Context, tx *sql.Tx, t production.EventType, house sql.NullString, ps []production.Posting) error {
	guarded := production.Guarded(ps)
	if len(guarded) == 0 {
		return nil
	}
	before := make(map[string]int64, len(guarded))
	for _, acc := range guarded {
		b, err := s.houseBalance(ctx, tx, house, acc)
		if err != nil {
			return err
		}
		before[acc] = b
	}
	return production.CheckSides(t, house.String, before, ps)
}

func (s *LedgerService) postRecord(ctx context.Context, tx *sql.Tx, e production.Event, now string) (production.PostResult, error) {
	digest := e.Digest()
	var old string
	err := tx.StmtContext(ctx, s.recByKey).QueryRowContext(ctx, e.Key).Scan(&old)
	switch {
	case err == nil:
		if old != digest {
			return production.PostResult{}, production.ErrKeyConflict
		}
		return production.PostResult{Duplicate: true}, nil
	case !errors.Is(err, sql.ErrNoRows):
		return production.PostResult{}, err
	}
	if err := s.checkStage(ctx, tx, e, now); err != nil {
		return production.PostResult{}, err
	}
	op := "build"
	if e.Type == production.EventModuleInstalled {
		op = "install"
		var built, installed int
		if err := tx.StmtContext(ctx, s.modules).QueryRowContext(ctx, e.House, e.Module).Scan(&built, &installed); err != nil {
			return production.PostResult{}, err
		}
		if err := production.CheckInstalled(e.House, e.Module, built, installed, e.Count); err != nil {
			return production.PostResult{}, err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO production_records (idem_key, digest, house, person, module, op, count, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Key, digest, e.House, e.Person, e.Module, op, e.Count, now); err != nil {
		return production.PostResult{}, err
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
