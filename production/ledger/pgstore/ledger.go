//go:build !js

package pgstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/opensourceecology/prodos/production/ledger"
)

// LedgerService implements ledger.Ledger on a DB.
type LedgerService struct {
	db *DB

	// The queries of every posting (pgx caches their prepared statements
	// on each connection).
	byKey, insTx, stage, houseBal, modules, accBal, lastEntry, insEntry string

	mu       sync.Mutex
	accounts map[string]account // committed accounts; accounts are append-only

	// InstallCheck, when set, is asked inside the transaction of every new
	// module-installed record, with the count of that module already
	// installed in the house; an error refuses the event (quality control:
	// no install without a passed inspection).
	InstallCheck func(house, module string, installed, count int) error
}

var _ ledger.Ledger = (*LedgerService)(nil)

// NewLedgerService returns the ledger service over an open DB.
func NewLedgerService(db *DB) *LedgerService {
	s := &LedgerService{db: db, accounts: map[string]account{},
		// One idempotency namespace: a key is a transaction's or a record's.
		byKey: `SELECT true, id, digest FROM transactions WHERE idem_key = $1
			UNION ALL SELECT false, id, digest FROM production_records WHERE idem_key = $1`,
		accBal:    `SELECT COALESCE(SUM(amount), 0)::bigint FROM postings WHERE account_id = $1`,
		lastEntry: `SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1`,
		insEntry:  `INSERT INTO entries (seq, tx_id, record_id, hash) VALUES ($1, $2, $3, $4)`,
		insTx:     `INSERT INTO transactions (idem_key, event, house, memo, digest, reverses, posted_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		// The live (not reversed) completion and sale of a house.
		stage: `SELECT t.event FROM transactions t WHERE t.house = $1 AND t.event IN ('house-completed', 'house-sold')
			AND NOT EXISTS (SELECT 1 FROM transactions r WHERE r.reverses = t.id)`,
		// An account's balance within one house (NULL: the postings without a house).
		houseBal: `SELECT COALESCE(SUM(p.amount), 0)::bigint FROM transactions t JOIN postings p ON p.tx_id = t.id
			WHERE t.house IS NOT DISTINCT FROM $1 AND p.account_id = (SELECT id FROM accounts WHERE name = $2)`,
		modules: `SELECT COALESCE(SUM(CASE op WHEN 'build' THEN count END), 0)::bigint, COALESCE(SUM(CASE op WHEN 'install' THEN count END), 0)::bigint
			FROM production_records WHERE house = $1 AND module = $2`,
	}
	return s
}

// Post records one business event in one writer transaction (one writer at a time: beginTx). A key
// already posted with the same content returns Duplicate and writes nothing;
// with different content it returns ledger.ErrKeyConflict. An event out
// of its house's life cycle returns ledger.ErrOutOfOrder.
func (s *LedgerService) Post(ctx context.Context, e ledger.Event) (ledger.PostResult, error) {
	res, err := s.PostAll(ctx, []ledger.Event{e})
	if err != nil {
		return ledger.PostResult{}, err
	}
	return res[0], nil
}

// PostAll records events that make one business event (a purchase order per
// supplier, a record per module) in one writer transaction (one writer at a time: beginTx): every
// one of them, or, when any is refused, none. Each event is checked as Post
// checks it, after the ones before it in the list.
func (s *LedgerService) PostAll(ctx context.Context, evs []ledger.Event) ([]ledger.PostResult, error) {
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
	created := map[string]account{}
	out := make([]ledger.PostResult, len(evs))
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

// postTx records one transaction inside tx. New accounts go to created.
func (s *LedgerService) postTx(ctx context.Context, tx *sql.Tx, e ledger.Event, now string, created map[string]account) (ledger.PostResult, error) {
	if res, found, err := s.seen(ctx, tx, e); found || err != nil {
		return res, err
	}
	var postings []ledger.Posting
	var reverses sql.NullInt64
	var err error
	var newHouse bool
	house := sql.NullString{String: e.House, Valid: e.House != ""}
	if e.Type == ledger.EventReversal {
		postings, reverses, house, err = reversal(ctx, tx, e.Reverses)
	} else {
		if house.Valid {
			if newHouse, err = s.checkStage(ctx, tx, e, now); err != nil {
				return ledger.PostResult{}, err
			}
		}
		postings, err = e.Postings(func(account string) (int64, error) { return s.houseBalance(ctx, tx, house, account) })
	}
	if err != nil {
		return ledger.PostResult{}, err
	}
	if err := ledger.CheckBalanced(postings); err != nil {
		return ledger.PostResult{}, err
	}
	if err := s.checkSides(ctx, tx, e.Type, house, postings); err != nil {
		return ledger.PostResult{}, err
	}
	accs, err := s.resolveAccounts(ctx, tx, postings, now, created)
	if err != nil {
		return ledger.PostResult{}, err
	}
	if err := s.checkLimits(ctx, tx, postings, accs); err != nil {
		return ledger.PostResult{}, err
	}
	digest := e.Digest()
	var id int64
	if err := tx.QueryRowContext(ctx, s.insTx, e.Key, string(e.Type), house, e.Memo, digest, reverses, now).Scan(&id); err != nil {
		return ledger.PostResult{}, err
	}
	if err := s.insertPostings(ctx, tx, id, postings, accs); err != nil {
		return ledger.PostResult{}, err
	}
	entry := ledger.ChainEntry{Kind: kindTx, ID: id, Key: e.Key, Event: string(e.Type), House: house.String, Memo: e.Memo,
		Digest: digest, Reverses: reverses.Int64, At: now, Postings: make([]ledger.ChainPosting, len(postings))}
	for i, p := range postings {
		entry.Postings[i] = ledger.ChainPosting{Account: p.Account, Flags: accs[p.Account].flags, Amount: p.Amount}
	}
	if e.Type == ledger.EventLabour {
		c := ledger.Contribution{TxID: id, House: e.House, Person: e.Person, Kind: e.Kind, Skill: e.Skill, Minutes: e.Minutes, Amount: postings[0].Amount,
			Witness: e.Witness}
		if _, err := tx.ExecContext(ctx, `INSERT INTO contributions (tx_id, house, person, kind, skill, minutes, amount, witness) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			id, c.House, c.Person, c.Kind, c.Skill, c.Minutes, c.Amount, c.Witness); err != nil {
			return ledger.PostResult{}, err
		}
		entry.Contribution = &c
	}
	if err := s.appendEntry(ctx, tx, entry, e, newHouse); err != nil {
		return ledger.PostResult{}, err
	}
	return ledger.PostResult{TxID: id, Postings: postings}, nil
}

// seen looks the event's key up in the one idempotency namespace of
// transactions and production records: found with the same event is a
// duplicate; found with other content is ledger.ErrKeyConflict.
func (s *LedgerService) seen(ctx context.Context, tx *sql.Tx, e ledger.Event) (ledger.PostResult, bool, error) {
	var isTx bool
	var id int64
	var old string
	err := tx.QueryRowContext(ctx, s.byKey, e.Key).Scan(&isTx, &id, &old)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return ledger.PostResult{}, false, nil
	case err != nil:
		return ledger.PostResult{}, true, err
	case isTx == e.Type.IsRecord() || !e.SameEvent(old):
		return ledger.PostResult{}, true, ledger.ErrKeyConflict
	case isTx:
		return ledger.PostResult{TxID: id, Duplicate: true}, true, nil
	}
	return ledger.PostResult{Duplicate: true}, true, nil
}

// Recorded reports whether the event's key is already recorded as this
// same event, so posting it again records nothing (a retry). Checks of
// the people an event names are made on new events only: a retry of an
// event recorded before the checks existed stays a retry.
func (s *LedgerService) Recorded(ctx context.Context, e ledger.Event) (bool, error) {
	var isTx bool
	var id int64
	var old string
	err := s.db.db.QueryRowContext(ctx, s.byKey, e.Key).Scan(&isTx, &id, &old)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("recorded %s: %w", e.Key, err)
	}
	return isTx != e.Type.IsRecord() && e.SameEvent(old), nil
}

// appendEntry links an entry into the hash chain after the last one. The
// entry carries the house when this posting recorded it.
func (s *LedgerService) appendEntry(ctx context.Context, tx *sql.Tx, entry ledger.ChainEntry, e ledger.Event, newHouse bool) error {
	var seq int64
	var prev string
	if err := tx.QueryRowContext(ctx, s.lastEntry).Scan(&seq, &prev); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if newHouse {
		entry.NewHouse = &ledger.House{ID: e.House, Design: e.Design, Author: e.Author, DesignHash: e.DesignHash}
	}
	txID := sql.NullInt64{Int64: entry.ID, Valid: entry.Kind == kindTx}
	recID := sql.NullInt64{Int64: entry.ID, Valid: entry.Kind == kindRecord}
	entry.Seq = seq + 1
	_, err := tx.ExecContext(ctx, s.insEntry, entry.Seq, txID, recID, ledger.EntryHash(prev, entry))
	return err
}

func (s *LedgerService) insertPostings(ctx context.Context, tx *sql.Tx, id int64, postings []ledger.Posting, accs map[string]account) error {
	args := make([]any, 0, 4*len(postings))
	var q strings.Builder
	q.WriteString(`INSERT INTO postings (tx_id, seq, account_id, amount) VALUES `)
	for i, p := range postings {
		if i > 0 {
			q.WriteString(", ")
		}
		fmt.Fprintf(&q, "($%d, $%d, $%d, $%d)", 4*i+1, 4*i+2, 4*i+3, 4*i+4)
		args = append(args, id, i+1, accs[p.Account].id, p.Amount)
	}
	_, err := tx.ExecContext(ctx, q.String(), args...)
	return err
}

// checkStage records the house on first sight (newHouse) and refuses an
// event its stage does not allow.
func (s *LedgerService) checkStage(ctx context.Context, tx *sql.Tx, e ledger.Event, now string) (newHouse bool, err error) {
	if newHouse, err = ensureHouse(ctx, tx, e, now); err != nil {
		return false, err
	}
	st, err := s.houseStage(ctx, tx, e.House)
	if err != nil {
		return false, err
	}
	return newHouse, ledger.CheckStage(e.Type, e.House, st)
}

// houseStage reads a house's stage from its live completion and sale.
func (s *LedgerService) houseStage(ctx context.Context, tx *sql.Tx, house string) (ledger.HouseStage, error) {
	rows, err := tx.QueryContext(ctx, s.stage, house)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	st := ledger.StageOpen
	for rows.Next() {
		var ev string
		if err := rows.Scan(&ev); err != nil {
			return 0, err
		}
		if ev == string(ledger.EventHouseSold) {
			st = ledger.StageSold
		} else if st == ledger.StageOpen {
			st = ledger.StageCompleted
		}
	}
	return st, rows.Err()
}

// houseBalance is an account's balance over the transactions of one house
// (house NULL: the transactions without a house).
func (s *LedgerService) houseBalance(ctx context.Context, tx *sql.Tx, house sql.NullString, account string) (int64, error) {
	var b int64
	err := tx.QueryRowContext(ctx, s.houseBal, house, account).Scan(&b)
	return b, err
}

// checkSides refuses postings that take a house balance past zero.
func (s *LedgerService) checkSides(ctx context.Context, tx *sql.Tx, t ledger.EventType, house sql.NullString, ps []ledger.Posting) error {
	guarded := ledger.Guarded(ps)
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
	return ledger.CheckSides(t, house.String, before, ps)
}

func (s *LedgerService) postRecord(ctx context.Context, tx *sql.Tx, e ledger.Event, now string) (ledger.PostResult, error) {
	if res, found, err := s.seen(ctx, tx, e); found || err != nil {
		return res, err
	}
	newHouse, err := s.checkStage(ctx, tx, e, now)
	if err != nil {
		return ledger.PostResult{}, err
	}
	op := "build"
	if e.Type == ledger.EventModuleInstalled {
		op = "install"
		var built, installed int
		if err := tx.QueryRowContext(ctx, s.modules, e.House, e.Module).Scan(&built, &installed); err != nil {
			return ledger.PostResult{}, err
		}
		if err := ledger.CheckInstalled(e.House, e.Module, built, installed, e.Count); err != nil {
			return ledger.PostResult{}, err
		}
		if s.InstallCheck != nil {
			if err := s.InstallCheck(e.House, e.Module, installed, e.Count); err != nil {
				return ledger.PostResult{}, err
			}
		}
	}
	digest := e.Digest()
	var id int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO production_records (idem_key, digest, house, person, module, op, count, recorded_at, witness)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		e.Key, digest, e.House, e.Person, e.Module, op, e.Count, now, e.Witness).Scan(&id); err != nil {
		return ledger.PostResult{}, err
	}
	entry := ledger.ChainEntry{Kind: kindRecord, ID: id, Key: e.Key, Digest: digest, House: e.House, At: now,
		Person: e.Person, Module: e.Module, Op: op, Count: int64(e.Count), Witness: e.Witness}
	return ledger.PostResult{}, s.appendEntry(ctx, tx, entry, e, newHouse)
}

// ensureHouse records the event's house unless it is known, and reports
// whether it recorded it.
func ensureHouse(ctx context.Context, tx *sql.Tx, e ledger.Event, now string) (bool, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO houses (id, design, author, design_hash, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
		e.House, e.Design, e.Author, e.DesignHash, now)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func reversal(ctx context.Context, tx *sql.Tx, key string) ([]ledger.Posting, sql.NullInt64, sql.NullString, error) {
	var id int64
	var house sql.NullString
	var rev sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT t.id, t.house, r.id FROM transactions t LEFT JOIN transactions r ON r.reverses = t.id WHERE t.idem_key = $1`, key).Scan(&id, &house, &rev)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, sql.NullInt64{}, house, fmt.Errorf("%w: no transaction with key %q to reverse", ledger.ErrNotFound, key)
	} else if err != nil {
		return nil, sql.NullInt64{}, house, err
	}
	if rev.Valid {
		return nil, sql.NullInt64{}, house, fmt.Errorf("%w: transaction %q is already reversed", ledger.ErrInvalidEvent, key)
	}
	rows, err := tx.QueryContext(ctx, `SELECT a.name, p.amount FROM postings p JOIN accounts a ON a.id = p.account_id WHERE p.tx_id = $1 ORDER BY p.seq`, id)
	if err != nil {
		return nil, sql.NullInt64{}, house, err
	}
	defer rows.Close()
	var ps []ledger.Posting
	for rows.Next() {
		var p ledger.Posting
		if err := rows.Scan(&p.Account, &p.Amount); err != nil {
			return nil, sql.NullInt64{}, house, err
		}
		p.Amount = -p.Amount
		ps = append(ps, p)
	}
	return ps, sql.NullInt64{Int64: id, Valid: true}, house, rows.Err()
}

// account is a stored account's id and flags.
type account struct {
	id    int64
	flags ledger.AccountFlags
}

// resolveAccounts finds or creates the accounts of postings inside tx.
func (s *LedgerService) resolveAccounts(ctx context.Context, tx *sql.Tx, ps []ledger.Posting, now string, created map[string]account) (map[string]account, error) {
	out := make(map[string]account, len(ps))
	for _, p := range ps {
		a, err := s.account(ctx, tx, p.Account, now, created, ledger.DefaultAccountFlags(p.Account))
		if err != nil {
			return nil, err
		}
		out[p.Account] = a
	}
	return out, nil
}

// checkLimits refuses postings that take an account past what its flags
// allow (ledger.ErrAccountLimit), reading whole balances only for the
// accounts the house guards of CheckSides do not already cover.
func (s *LedgerService) checkLimits(ctx context.Context, tx *sql.Tx, ps []ledger.Posting, accs map[string]account) error {
	for _, name := range ledger.LimitChecks(ps, func(n string) ledger.AccountFlags { return accs[n].flags }) {
		var bal int64
		if err := tx.QueryRowContext(ctx, s.accBal, accs[name].id).Scan(&bal); err != nil {
			return err
		}
		for _, p := range ps {
			if p.Account == name {
				bal += p.Amount
			}
		}
		if err := ledger.CheckLimit(name, accs[name].flags, bal); err != nil {
			return err
		}
	}
	return nil
}

// account finds or creates an account inside tx; a new account gets
// flags. New accounts go to created and join the cache only after the
// commit.
func (s *LedgerService) account(ctx context.Context, tx *sql.Tx, name, now string, created map[string]account, flags ledger.AccountFlags) (account, error) {
	s.mu.Lock()
	a, ok := s.accounts[name]
	s.mu.Unlock()
	if ok {
		return a, nil
	}
	if a, ok := created[name]; ok {
		return a, nil
	}
	err := tx.QueryRowContext(ctx, `SELECT id, flags FROM accounts WHERE name = $1`, name).Scan(&a.id, &a.flags)
	if err == nil {
		created[name] = a
		return a, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return account{}, err
	}
	typ, err := ledger.AccountTypeOf(name)
	if err != nil {
		return account{}, err
	}
	if err := tx.QueryRowContext(ctx, `INSERT INTO accounts (name, type, created_at, flags) VALUES ($1, $2, $3, $4) RETURNING id`,
		name, string(typ), now, int(flags)).Scan(&a.id); err != nil {
		return account{}, err
	}
	a.flags = flags
	created[name] = a
	return a, nil
}

// TrialBalance lists every account that has postings, sorted by name.
func (s *LedgerService) TrialBalance(ctx context.Context) ([]ledger.Balance, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT account, type, balance_cents FROM trial_balance ORDER BY account`)
	if err != nil {
		return nil, fmt.Errorf("trial balance: %w", err)
	}
	defer rows.Close()
	var out []ledger.Balance
	for rows.Next() {
		var b ledger.Balance
		var typ string
		if err := rows.Scan(&b.Account, &typ, &b.Amount); err != nil {
			return nil, fmt.Errorf("trial balance: %w", err)
		}
		b.Type = ledger.AccountType(typ)
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("trial balance: %w", err)
	}
	return out, nil
}

// Statement lists an account's postings in posting order with a running
// balance. An unknown account is ledger.ErrNotFound.
func (s *LedgerService) Statement(ctx context.Context, account string) ([]ledger.StatementLine, error) {
	var id int64
	err := s.db.db.QueryRowContext(ctx, `SELECT id FROM accounts WHERE name = $1`, account).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("statement: account %q: %w", account, ledger.ErrNotFound)
	} else if err != nil {
		return nil, fmt.Errorf("statement: %w", err)
	}
	rows, err := s.db.db.QueryContext(ctx, `SELECT t.id, t.idem_key, t.event, t.posted_at, t.memo, p.amount
		FROM postings p JOIN transactions t ON t.id = p.tx_id WHERE p.account_id = $1 ORDER BY p.tx_id, p.seq`, id)
	if err != nil {
		return nil, fmt.Errorf("statement: %w", err)
	}
	defer rows.Close()
	var out []ledger.StatementLine
	var run int64
	for rows.Next() {
		var l ledger.StatementLine
		var ev, at string
		if err := rows.Scan(&l.TxID, &l.Key, &ev, &at, &l.Memo, &l.Amount); err != nil {
			return nil, fmt.Errorf("statement: %w", err)
		}
		l.Event = ledger.EventType(ev)
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
func (s *LedgerService) ValueData(ctx context.Context) (*ledger.ValueData, error) {
	tx, err := s.db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("value: %w", err)
	}
	defer tx.Rollback()
	vd := &ledger.ValueData{Completed: map[string]bool{}, Sales: map[string]int64{}, MaterialsCost: map[string]int64{}}
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
	err = query(`SELECT id, design, author, design_hash FROM houses ORDER BY id`, func(rows *sql.Rows) error {
		var h ledger.House
		if err := rows.Scan(&h.ID, &h.Design, &h.Author, &h.DesignHash); err != nil {
			return err
		}
		vd.Houses = append(vd.Houses, h)
		return nil
	})
	if err == nil {
		err = query(`SELECT c.tx_id, c.house, c.person, c.kind, c.skill, c.minutes, c.amount, c.witness, t.idem_key, t.posted_at FROM contributions c
			JOIN transactions t ON t.id = c.tx_id WHERE `+live+` ORDER BY c.id`, func(rows *sql.Rows) error {
			var c ledger.Contribution
			var at string
			if err := rows.Scan(&c.TxID, &c.House, &c.Person, &c.Kind, &c.Skill, &c.Minutes, &c.Amount, &c.Witness, &c.Key, &at); err != nil {
				return err
			}
			t, perr := time.Parse(time.RFC3339, at)
			if perr != nil {
				return fmt.Errorf("contribution %s: posted_at: %w", c.Key, perr)
			}
			c.At = t
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
	sums := []struct {
		sign, account string
		into          map[string]int64
	}{{"-", "income:house-sales", vd.Sales}, {"", "expenses:cost-of-goods-sold", vd.MaterialsCost}}
	for _, sum := range sums {
		if err != nil {
			break
		}
		err = query(`SELECT t.house, (`+sum.sign+`SUM(p.amount))::bigint FROM transactions t JOIN postings p ON p.tx_id = t.id
			JOIN accounts a ON a.id = p.account_id WHERE t.event = 'house-sold' AND a.name = '`+sum.account+`' AND `+live+`
			GROUP BY t.house`, func(rows *sql.Rows) error {
			var h string
			var c int64
			if err := rows.Scan(&h, &c); err != nil {
				return err
			}
			sum.into[h] = c
			return nil
		})
	}
	if err == nil {
		err = query(`SELECT idem_key, house, person, module, op, count, witness, recorded_at FROM production_records ORDER BY id`, func(rows *sql.Rows) error {
			var r ledger.ProductionRecord
			var at string
			if err := rows.Scan(&r.Key, &r.House, &r.Person, &r.Module, &r.Op, &r.Count, &r.Witness, &at); err != nil {
				return err
			}
			t, perr := time.Parse(time.RFC3339, at)
			if perr != nil {
				return fmt.Errorf("production record %s: recorded_at: %w", r.Key, perr)
			}
			r.At = t
			vd.Records = append(vd.Records, r)
			return nil
		})
	}
	if err != nil {
		return nil, fmt.Errorf("value: %w", err)
	}
	return vd, nil
}
