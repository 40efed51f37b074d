//go:build !js

package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"github.com/opensourceecology/prodos/production/ledger"
)

// Entry kinds as ledger.ChainEntry names them.
const (
	kindTx     = "transaction"
	kindRecord = "record"
)

// chainData is every entry's covered content, read for the backfill of
// migration 0003 and for Verify.
type chainData struct {
	houses map[string]ledger.House
	txs    map[int64]*ledger.ChainEntry
	recs   map[int64]*ledger.ChainEntry
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// each runs q and calls f for every row.
func each(ctx context.Context, db querier, q string, f func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := f(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// loadChain reads the content the hash chain covers. witness is false
// for the backfill of migration 0003, which runs before migration 0004
// adds the witness columns (every entry then has none).
func loadChain(ctx context.Context, db querier, witness bool) (*chainData, error) {
	w, dh := "''", "''"
	if witness {
		w, dh = "witness", "design_hash"
	}
	d := &chainData{houses: map[string]ledger.House{}, txs: map[int64]*ledger.ChainEntry{}, recs: map[int64]*ledger.ChainEntry{}}
	err := each(ctx, db, `SELECT id, design, author, `+dh+` FROM houses`, func(rows *sql.Rows) error {
		var h ledger.House
		err := rows.Scan(&h.ID, &h.Design, &h.Author, &h.DesignHash)
		d.houses[h.ID] = h
		return err
	})
	if err == nil {
		err = each(ctx, db, `SELECT id, idem_key, event, COALESCE(house, ''), memo, digest, COALESCE(reverses, 0), posted_at FROM transactions`, func(rows *sql.Rows) error {
			e := &ledger.ChainEntry{Kind: kindTx}
			err := rows.Scan(&e.ID, &e.Key, &e.Event, &e.House, &e.Memo, &e.Digest, &e.Reverses, &e.At)
			d.txs[e.ID] = e
			return err
		})
	}
	if err == nil {
		err = each(ctx, db, `SELECT p.tx_id, a.name, a.flags, p.amount FROM postings p JOIN accounts a ON a.id = p.account_id ORDER BY p.tx_id, p.seq`, func(rows *sql.Rows) error {
			var id int64
			var p ledger.ChainPosting
			if err := rows.Scan(&id, &p.Account, &p.Flags, &p.Amount); err != nil {
				return err
			}
			if e := d.txs[id]; e != nil {
				e.Postings = append(e.Postings, p)
			}
			return nil
		})
	}
	if err == nil {
		err = each(ctx, db, `SELECT tx_id, house, person, kind, skill, minutes, amount, `+w+` FROM contributions`, func(rows *sql.Rows) error {
			var c ledger.Contribution
			if err := rows.Scan(&c.TxID, &c.House, &c.Person, &c.Kind, &c.Skill, &c.Minutes, &c.Amount, &c.Witness); err != nil {
				return err
			}
			if e := d.txs[c.TxID]; e != nil {
				e.Contribution = &c
			}
			return nil
		})
	}
	if err == nil {
		err = each(ctx, db, `SELECT id, idem_key, digest, house, person, module, op, count, recorded_at, `+w+` FROM production_records`, func(rows *sql.Rows) error {
			e := &ledger.ChainEntry{Kind: kindRecord}
			err := rows.Scan(&e.ID, &e.Key, &e.Digest, &e.House, &e.Person, &e.Module, &e.Op, &e.Count, &e.At, &e.Witness)
			d.recs[e.ID] = e
			return err
		})
	}
	if err != nil {
		return nil, fmt.Errorf("hash chain: %w", err)
	}
	return d, nil
}

// entry is the covered content of entry seq (a transaction when txID is
// set, else a production record). The first entry naming a house carries
// the house (seen holds the houses named so far), as Post does when it
// records the house.
func (d *chainData) entry(seq, txID, recID int64, seen map[string]bool) (ledger.ChainEntry, bool) {
	src := d.recs[recID]
	if txID != 0 {
		src = d.txs[txID]
	}
	if src == nil {
		return ledger.ChainEntry{}, false
	}
	e := *src
	e.Seq = seq
	if e.House != "" && !seen[e.House] {
		seen[e.House] = true
		if h, ok := d.houses[e.House]; ok {
			e.NewHouse = &h
		}
	}
	return e, true
}

func sortedIDs(m map[int64]*ledger.ChainEntry) []int64 {
	ids := make([]int64, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// backfillChain links the entries recorded before schema version 3 into
// the hash chain: transactions in id order, then production records in id
// order. It runs inside migration 0003's transaction.
func backfillChain(ctx context.Context, tx *sql.Tx) error {
	d, err := loadChain(ctx, tx, false)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	var seq int64
	prev := ""
	add := func(txID, recID int64) error {
		seq++
		e, _ := d.entry(seq, txID, recID, seen)
		prev = ledger.EntryHash(prev, e)
		_, err := tx.ExecContext(ctx, `INSERT INTO entries (seq, tx_id, record_id, hash) VALUES (?, ?, ?, ?)`,
			seq, sql.NullInt64{Int64: txID, Valid: txID != 0}, sql.NullInt64{Int64: recID, Valid: recID != 0}, prev)
		return err
	}
	for _, id := range sortedIDs(d.txs) {
		if err := add(id, 0); err != nil {
			return err
		}
	}
	for _, id := range sortedIDs(d.recs) {
		if err := add(0, id); err != nil {
			return err
		}
	}
	return nil
}

// verifyChain recomputes every entry's hash from the rows it covers and the
// stored hash of the entry before it, and reports an entry whose hash does
// not match (it, or what it covers, was changed after it was recorded), a
// gap in the chain, and transactions and records outside it.
func verifyChain(ctx context.Context, tx *sql.Tx, r *ledger.VerifyReport) error {
	d, err := loadChain(ctx, tx, true)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	inTx, inRec := map[int64]bool{}, map[int64]bool{}
	prev, want := "", int64(1)
	problem := func(f string, a ...any) { r.Problems = append(r.Problems, fmt.Sprintf(f, a...)) }
	err = each(ctx, tx, `SELECT seq, COALESCE(tx_id, 0), COALESCE(record_id, 0), hash FROM entries ORDER BY seq`, func(rows *sql.Rows) error {
		var seq, txID, recID int64
		var hash string
		if err := rows.Scan(&seq, &txID, &recID, &hash); err != nil {
			return err
		}
		if seq != want {
			problem("hash chain: entries %d to %d are missing", want, seq-1)
		}
		want = seq + 1
		inTx[txID], inRec[recID] = true, true
		e, ok := d.entry(seq, txID, recID, seen)
		switch {
		case !ok:
			problem("hash chain: entry %d refers to a missing transaction %d or record %d", seq, txID, recID)
		case ledger.EntryHash(prev, e) != hash:
			problem("hash chain: entry %d (%s %d, key %s) does not match its hash: it, or what it covers, was changed after it was recorded", seq, e.Kind, e.ID, e.Key)
		}
		prev = hash
		r.Entries++
		return nil
	})
	if err != nil {
		return fmt.Errorf("hash chain: %w", err)
	}
	r.ChainHead = prev
	for _, id := range sortedIDs(d.txs) {
		if !inTx[id] {
			problem("hash chain: transaction %d (%s) is not in the chain", id, d.txs[id].Key)
		}
	}
	for _, id := range sortedIDs(d.recs) {
		if !inRec[id] {
			problem("hash chain: production record %d (%s) is not in the chain", id, d.recs[id].Key)
		}
	}
	return nil
}
