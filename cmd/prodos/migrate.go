//go:build !js

package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/opensourceecology/prodos/production/ledger/ledgermove"
	"github.com/opensourceecology/prodos/production/ledger/pgstore"
	ledgerstore "github.com/opensourceecology/prodos/production/ledger/sqlitestore"
)

func init() {
	register(&command{
		name:    "migrate",
		usage:   "migrate --from FILE.db --to postgres://...",
		summary: "move a site's SQLite ledger into a PostgreSQL database (ledger only, for now), idempotently, and verify it",
		run:     runMigrate,
	})
}

// runMigrate copies the ledger file --from into the PostgreSQL database
// --to (ledgermove.Move), then verifies both and compares their hash
// chain heads: exit 0 when they match and verify, 1 when not, 2 for bad
// usage (a missing flag, a --to that is not a postgres:// URL, a --from
// that does not exist or is not a ledger, a destination holding another
// ledger).
func runMigrate(e *env, args []string) int {
	fs := newFlags(e, "migrate")
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: prodos %s\n", commands["migrate"].usage)
		fs.PrintDefaults()
	}
	from := fs.String("from", "", "the SQLite ledger file to move")
	to := fs.String("to", "", "the PostgreSQL database (postgres://...) to move it into")
	if _, ok := cliArgs(e, fs, args, cliSpec{check: func() bool {
		switch {
		case *from == "" || *to == "":
			fmt.Fprintln(e.stderr, "prodos: migrate: --from FILE.db and --to postgres://... are both required")
		case !pgstore.IsURL(*to):
			fmt.Fprintf(e.stderr, "prodos: migrate: --to %q is not a postgres:// URL\n", *to)
		default:
			return true
		}
		return false
	}}); !ok {
		return exitUsage
	}
	if _, err := os.Stat(*from); err != nil {
		fmt.Fprintf(e.stderr, "prodos: migrate: --from %s: %v\n", *from, err)
		return exitUsage
	}
	src, _, code := prodOpenLedger(e, *from)
	if code != exitOK {
		return code
	}
	defer src.Close()
	dst, _, code := prodOpenLedger(e, *to)
	if code != exitOK {
		return code
	}
	defer dst.Close()
	r, err := ledgermove.Move(context.Background(), src.(*ledgerstore.DB), dst.(*pgstore.DB))
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		if errors.Is(err, ledgermove.ErrOtherLedger) {
			return exitUsage
		}
		return exitProblems
	}
	fmt.Fprintf(e.stdout, "ledger: %d hash-chain entries copied, %d already there\n", r.Entries, r.Already)
	for _, t := range []string{"accounts", "houses", "transactions", "postings", "contributions", "production_records"} {
		fmt.Fprintf(e.stdout, "  %-19s %d rows copied\n", t, r.Copied[t])
	}
	fmt.Fprintf(e.stdout, "source:      %d transactions, %d entries, chain head %s\n", r.Source.Transactions, r.Source.Entries, r.Source.ChainHead)
	fmt.Fprintf(e.stdout, "destination: %d transactions, %d entries, chain head %s\n", r.Dest.Transactions, r.Dest.Entries, r.Dest.ChainHead)
	for _, p := range r.Source.Problems {
		fmt.Fprintf(e.stdout, "source problem: %s\n", p)
	}
	for _, p := range r.Dest.Problems {
		fmt.Fprintf(e.stdout, "destination problem: %s\n", p)
	}
	if !r.OK() {
		fmt.Fprintln(e.stdout, "migrate: the ledgers differ or do not verify")
		return exitProblems
	}
	fmt.Fprintln(e.stdout, "migrate: ledger moved and verified (hash chains match)")
	return exitOK
}
