package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/opensourceecology/prodos/production/store"
)

// fulfilStep is one production command run for an order, its output file
// and its arguments after the design file.
type fulfilStep struct {
	command, out string
	args         []string
}

// runOrderFulfil runs the production pipeline for a level-1 order: the
// purchase orders (prodos source), the machine jobs on the crew's
// qualified members (prodos jobs --crew-profiles), the crew schedule
// (prodos schedule --crew-profiles), all written to --out (built in a
// temporary folder and renamed, so nothing is half-written), then posts
// the purchase orders to the ledger on the order's house (its id) and
// marks the order in production.
func runOrderFulfil(e *env, args []string) int {
	fs := newFlags(e, "order")
	sf := newStoreFlags(fs)
	out := fs.String("out", "", "the folder to write (must not exist)")
	crew := fs.String("crew-profiles", "", "the crew: profile names, comma-separated (qualifications verified in the profiles store)")
	profiles := fs.String("profiles", defaultProfilesDB(), "the profiles store")
	today := fs.String("today", "", "the order date of the purchase orders (YYYY-MM-DD; default today)")
	pos, ok := cliArgs(e, fs, args, cliSpec{n: 1, check: func() bool {
		if *out == "" || *crew == "" {
			fmt.Fprintln(e.stderr, "prodos order fulfil: --out DIR and --crew-profiles NAME,NAME are required")
			return false
		}
		return true
	}})
	if !ok {
		return exitUsage
	}
	if _, err := os.Stat(*out); err == nil {
		return storeExit(e, fmt.Errorf("%w: --out %s already exists", store.ErrInvalid, *out))
	}
	o, code := openStore(e, sf)
	if o == nil {
		return code
	}
	defer o.close()
	ctx := context.Background()
	orders, isOrders := o.svc.Store.(store.Orders)
	if !isOrders {
		return storeExit(e, fmt.Errorf("%w: this store keeps no orders", store.ErrRefused))
	}
	ord, err := orders.Order(ctx, pos[0])
	if err != nil {
		return storeExit(e, err)
	}
	if ord.Level != store.LevelProduct {
		return storeExit(e, fmt.Errorf("%w: order %s is level %d: only a level-1 order is produced", store.ErrRefused, ord.ID, ord.Level))
	}
	_, data, err := o.svc.Commons.Get(ctx, ord.Design)
	if err != nil {
		return storeExit(e, err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(filepath.Clean(*out)), ".fulfil-*")
	if err != nil {
		return storeExit(e, err)
	}
	defer os.RemoveAll(tmp)
	design := filepath.Join(tmp, "design.toml")
	if err := os.WriteFile(design, data, 0o644); err != nil {
		return storeExit(e, err)
	}
	crewArgs := []string{"--crew-profiles", *crew, "--profiles", *profiles}
	dated := []string{}
	if *today != "" {
		dated = []string{"--today", *today}
	}
	ledgerDB := *sf.ledger
	if ledgerDB == "" {
		ledgerDB = prodDefaultDB()
	}
	steps := []fulfilStep{
		{"source", "purchase-orders.csv", append([]string{"--format", "csv"}, dated...)},
		{"jobs", "jobs.txt", append([]string{"--out", filepath.Join(tmp, "jobs")}, crewArgs...)},
		{"schedule", "schedule.csv", append([]string{"--format", "csv"}, crewArgs...)},
		{"ledger", "ledger.txt", append([]string{"--event", "po-issued", "--house", ord.ID, "--db", ledgerDB, "--memo", "order " + ord.ID}, dated...)},
	}
	for _, s := range steps {
		var stdout, stderr bytes.Buffer
		args := append([]string{design}, s.args...)
		if s.command == "ledger" {
			args = append([]string{"post"}, args...)
		}
		if code := commands[s.command].run(&env{stdout: &stdout, stderr: &stderr, now: e.now, overlay: e.overlay}, args); code != exitOK {
			fmt.Fprintf(e.stderr, "prodos: order fulfil %s: %s %s", ord.ID, s.command, stderr.String())
			return code
		}
		if err := os.WriteFile(filepath.Join(tmp, s.out), stdout.Bytes(), 0o644); err != nil {
			return storeExit(e, err)
		}
	}
	if err := os.Rename(tmp, *out); err != nil {
		return storeExit(e, err)
	}
	if err := orders.SetOrderStatus(ctx, ord.ID, store.OrderInProduction); err != nil {
		return storeExit(e, err)
	}
	fmt.Fprintf(e.stdout, "order %s in production: purchase orders, machine jobs and the crew schedule in %s; purchase orders posted to %s on house %s\n",
		ord.ID, *out, ledgerDB, ord.ID)
	return exitOK
}
