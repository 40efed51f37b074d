//go:build !js

package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/opensourceecology/prodos/production/store"
	"github.com/shopspring/decimal"
)

var _ store.Orders = (*DB)(nil)

// PlaceOrder stores an order under its enterprise's next id (see
// store.Orders), with its lines, in one transaction.
func (s *DB) PlaceOrder(ctx context.Context, o store.Order) (store.Order, error) {
	if err := o.Check(); err != nil {
		return store.Order{}, err
	}
	total, err := exact(o.Total, 2, "total")
	if err != nil {
		return store.Order{}, err
	}
	deposit, err := exact(o.Deposit, 2, "deposit")
	if err != nil {
		return store.Order{}, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return store.Order{}, fmt.Errorf("store: %w", err)
	}
	defer tx.Rollback()
	ent := o.Enterprise()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM listings WHERE id = ? AND enterprise = ?`, o.Listing, ent).Scan(&n); err != nil {
		return store.Order{}, fmt.Errorf("store: %w", err)
	}
	if n == 0 {
		return store.Order{}, fmt.Errorf("%w: no listing %q", store.ErrNotFound, o.Listing)
	}
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) + 1 FROM orders WHERE enterprise = ?`, ent).Scan(&seq); err != nil {
		return store.Order{}, fmt.Errorf("store: %w", err)
	}
	o.ID = fmt.Sprintf("%s-%d", ent, seq)
	_, err = tx.ExecContext(ctx, `INSERT INTO orders (id, enterprise, seq, listing, design, level, kind, title, total_cents,
		deposit_cents, delivery_site, customer, contact, status, placed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.ID, ent, seq, o.Listing, o.Design, o.Level, o.Kind, o.Title, total, deposit, o.Site, o.Customer, o.Contact,
		o.Status, o.Placed.UTC().Format(timeFormat))
	if err != nil {
		return store.Order{}, fmt.Errorf("store: order %s: %w", o.ID, err)
	}
	for i, l := range o.Lines {
		cents, err := exact(l.Amount, 2, "line "+l.Name)
		if err != nil {
			return store.Order{}, err
		}
		est := 0
		if l.Estimate {
			est = 1
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO order_lines (order_id, seq, name, amount_cents, basis, estimate) VALUES (?, ?, ?, ?, ?, ?)`,
			o.ID, i, l.Name, cents, l.Basis, est); err != nil {
			return store.Order{}, fmt.Errorf("store: order %s: %w", o.ID, err)
		}
	}
	return o, commit(tx, o.ID)
}

// Order returns an order with its lines (see store.Orders).
func (s *DB) Order(ctx context.Context, id string) (store.Order, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return store.Order{}, fmt.Errorf("store: %w", err)
	}
	defer tx.Rollback()
	var o store.Order
	var total, deposit int64
	var placed string
	err = tx.QueryRowContext(ctx, `SELECT id, listing, design, level, kind, title, total_cents, deposit_cents, delivery_site,
		customer, contact, status, placed_at FROM orders WHERE id = ?`, id).Scan(&o.ID, &o.Listing, &o.Design, &o.Level,
		&o.Kind, &o.Title, &total, &deposit, &o.Site, &o.Customer, &o.Contact, &o.Status, &placed)
	if errors.Is(err, sql.ErrNoRows) {
		return store.Order{}, fmt.Errorf("%w: no order %q", store.ErrNotFound, id)
	}
	if err != nil {
		return store.Order{}, fmt.Errorf("store: %w", err)
	}
	o.Total, o.Deposit = decimal.New(total, -2), decimal.New(deposit, -2)
	if o.Placed, err = time.Parse(timeFormat, placed); err != nil {
		return store.Order{}, fmt.Errorf("store: order %s: placed_at: %w", id, err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT name, amount_cents, basis, estimate FROM order_lines WHERE order_id = ? ORDER BY seq`, id)
	if err != nil {
		return store.Order{}, fmt.Errorf("store: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var l store.Line
		var cents int64
		if err := rows.Scan(&l.Name, &cents, &l.Basis, &l.Estimate); err != nil {
			return store.Order{}, fmt.Errorf("store: %w", err)
		}
		l.Amount = decimal.New(cents, -2)
		o.Lines = append(o.Lines, l)
	}
	return o, rows.Err()
}

// SetOrderStatus changes an order's status (see store.Orders).
func (s *DB) SetOrderStatus(ctx context.Context, id, status string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE orders SET status = ? WHERE id = ?`, status, id)
	if err != nil {
		return fmt.Errorf("store: order %s: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: no order %q", store.ErrNotFound, id)
	}
	return nil
}
