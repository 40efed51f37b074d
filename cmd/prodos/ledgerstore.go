//go:build !js

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/opensourceecology/prodos/production/ledger/pgstore"
	ledgerstore "github.com/opensourceecology/prodos/production/ledger/sqlitestore"
)

// prodLedgerService is what the ledger commands use of a ledger adapter
// (production/ledger/sqlitestore or production/ledger/pgstore).
type prodLedgerService interface {
	ledger.Ledger
	Recorded(ctx context.Context, e ledger.Event) (bool, error)
	SetInstallCheck(check func(house, module string, installed, count int) error)
}

var (
	_ prodLedgerService = (*ledgerstore.LedgerService)(nil)
	_ prodLedgerService = (*pgstore.LedgerService)(nil)
)

// prodLedgerOpens counts the ledgers prodOpenLedger opened in this process
// (TestLedgerPostOpensLedgerOnce).
var prodLedgerOpens atomic.Int64

// prodOpenLedger opens (creating on first use) the ledger database: a
// postgres:// URL opens the PostgreSQL ledger, anything else is an SQLite
// file. A file that is not SQLite or a schema newer than this program is
// bad input: exit 2; a database that cannot be reached is exit 1.
func prodOpenLedger(e *env, path string) (io.Closer, prodLedgerService, int) {
	if pgstore.IsURL(path) {
		db := pgstore.NewDB(path)
		if err := db.Open(); err != nil {
			fmt.Fprintf(e.stderr, "prodos: %v\n", err)
			if errors.Is(err, pgstore.ErrNewerSchema) {
				return nil, nil, exitUsage
			}
			return nil, nil, exitProblems
		}
		prodLedgerOpens.Add(1)
		return db, pgstore.NewLedgerService(db), exitOK
	}
	if path == "" {
		path = prodDefaultDB()
	}
	if !prodTargetOK(e, "db", path, false) {
		return nil, nil, exitUsage
	}
	db := ledgerstore.NewDB(path)
	if err := db.Open(); err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		if errors.Is(err, ledgerstore.ErrNotSQLite) || errors.Is(err, ledgerstore.ErrNewerSchema) {
			return nil, nil, exitUsage
		}
		return nil, nil, exitProblems
	}
	prodLedgerOpens.Add(1)
	return db, ledgerstore.NewLedgerService(db), exitOK
}
