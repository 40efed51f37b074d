//go:build !js

package pgstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/opensourceecology/prodos/production/ledger"
)

// OpenAccount creates an account with flags before its first posting. An
// account that exists with the same flags is left as it is (created is
// false); with other flags it is ledger.ErrAccountFlags, since flags
// are fixed when an account is created.
func (s *LedgerService) OpenAccount(ctx context.Context, name string, flags ledger.AccountFlags) (created bool, err error) {
	if _, err := ledger.AccountTypeOf(name); err != nil {
		return false, fmt.Errorf("account: %w: %w", ledger.ErrInvalidEvent, err)
	}
	if !flags.Valid() {
		return false, fmt.Errorf("account %s: %w: flags %s", name, ledger.ErrInvalidEvent, flags)
	}
	tx, err := s.db.beginTx(ctx)
	if err != nil {
		return false, fmt.Errorf("account %s: %w", name, err)
	}
	defer tx.Rollback()
	var have ledger.AccountFlags
	err = tx.QueryRowContext(ctx, `SELECT flags FROM accounts WHERE name = $1`, name).Scan(&have)
	switch {
	case err == nil && have == flags:
		return false, nil
	case err == nil:
		return false, fmt.Errorf("account %s: %w: it has %s, not %s", name, ledger.ErrAccountFlags, have, flags)
	case !errors.Is(err, sql.ErrNoRows):
		return false, fmt.Errorf("account %s: %w", name, err)
	}
	now := s.db.Now().UTC().Truncate(time.Second).Format(time.RFC3339)
	a, err := s.account(ctx, tx, name, now, map[string]account{}, flags)
	if err != nil {
		return false, fmt.Errorf("account %s: %w", name, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("account %s: commit: %w", name, err)
	}
	s.mu.Lock()
	s.accounts[name] = a
	s.mu.Unlock()
	return true, nil
}

// SetInstallCheck sets InstallCheck (for callers holding the service
// behind an interface).
func (s *LedgerService) SetInstallCheck(check func(house, module string, installed, count int) error) {
	s.InstallCheck = check
}
