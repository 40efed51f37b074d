package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/opensourceecology/prodos/production/store"
	"github.com/opensourceecology/prodos/production/value"
)

func init() {
	register(&command{
		name:    "payouts",
		usage:   "payouts ORDER [--house HOUSE] [--post] [--format text|json] [--profiles FILE]   [--db FILE] [--commons-db FILE] [--ledger-db FILE]",
		summary: "the surplus of an order's sold house split by verified value and the enterprise's R&D share, each share explained; --post records each share as a surplus-paid ledger transaction",
		run:     runPayouts,
	})
}

func runPayouts(e *env, args []string) int {
	fs := newFlags(e, "payouts")
	sf := newStoreFlags(fs)
	house := fs.String("house", "", "the order's house in the ledger (default: the order id)")
	profPath := fs.String("profiles", defaultProfilesDB(), "profiles database that checks witnesses (none: witnesses are not checked)")
	format := fs.String("format", "text", "text or json")
	post := fs.Bool("post", false, "post each share to the ledger (surplus-paid, one idempotency key per order and person, all in one transaction)")
	pos, ok := cliArgs(e, fs, args, cliSpec{n: 1, format: format, formats: []string{"text", "json"}})
	if !ok {
		return exitUsage
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
	ent, err := o.svc.Store.Get(ctx, ord.Enterprise())
	if err != nil {
		return storeExit(e, err)
	}
	if *house == "" {
		*house = ord.ID
	}
	rep, vd, err := payoutsReport(*sf.ledger, *sf.commons, *profPath)
	if err != nil {
		return storeExit(e, err)
	}
	sale, sold := vd.Sales[*house]
	if !sold {
		return storeExit(e, fmt.Errorf("%w: house %s of order %s is not sold in the ledger (post house-sold for it)", store.ErrRefused, *house, ord.ID))
	}
	plan, err := store.SplitSurplus(ord, *house, ledger.FromCents(sale), ent.Site.RD(), rep)
	if err != nil {
		return storeExit(e, err)
	}
	if *post {
		if code := postPayouts(e, *sf.ledger, plan, ent.ID); code != exitOK {
			return code
		}
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(plan); err != nil {
			return storeExit(e, err)
		}
		return exitOK
	}
	writePayouts(e.stdout, plan, ent.ID)
	return exitOK
}

// payoutsReport computes the value report of the ledger at path, with
// lineage from the commons and witnesses checked in the profiles store,
// as `prodos value` does.
func payoutsReport(ledgerPath, commonsPath, profPath string) (*value.Report, *ledger.ValueData, error) {
	if ledgerPath == "" {
		ledgerPath = prodDefaultDB()
	}
	if commonsPath == "" {
		commonsPath = defaultCommonsDB()
	}
	vd, err := ledgerReader(ledgerPath)(context.Background())
	if err != nil {
		return nil, nil, err
	}
	cat, err := designs.DefaultCatalog()
	if err != nil {
		return nil, nil, err
	}
	pol, err := value.DefaultPolicy()
	if err != nil {
		return nil, nil, err
	}
	var checkFailed error
	check, closeProfiles, err := valueWitnessCheck(profPath, pol.Claims.WitnessPermission, &checkFailed)
	if err != nil {
		return nil, nil, fmt.Errorf("profiles database: %w", err)
	}
	defer closeProfiles()
	lineage, err := valueLineage(commonsPath, vd)
	if err != nil {
		return nil, nil, err
	}
	r, err := value.Compute(value.Input{Data: vd, Catalog: cat, Policy: pol, Check: check, Lineage: lineage})
	if err = errors.Join(err, checkFailed); err != nil {
		return nil, nil, err
	}
	return r, vd, nil
}

// writePayouts explains each share: the minutes credited and the value
// lines (ledger entries) they came from.
func writePayouts(w io.Writer, p *store.PayoutPlan, enterprise string) {
	fmt.Fprintf(w, "Order %s, house %s: sale %s less full cost %s (the order's lines without margin) = surplus %s\n",
		p.Order, p.House, p.Sale.StringFixed(2), p.FullCost.StringFixed(2), p.Surplus.StringFixed(2))
	fmt.Fprintf(w, "R&D share %s%% (site profile rd_share); the rest by %s verified minutes credited on the house; cents by largest remainder\n\n",
		p.RDShare.Shift(2), p.HouseCredited.String())
	for _, pay := range p.Payouts {
		if pay.Person == "" {
			fmt.Fprintf(w, "%-24s %12s  (exact %s) research and development of %s\n", "R&D", pay.Amount.StringFixed(2), pay.Exact, enterprise)
			continue
		}
		fmt.Fprintf(w, "%-24s %12s  (exact %s) %s of %s minutes\n", pay.Person, pay.Amount.StringFixed(2), pay.Exact, pay.Credited, p.HouseCredited)
		for _, l := range pay.Lines {
			what := string(l.Event)
			if l.Module != "" {
				what += " " + l.Module
			}
			if l.Kind != "" {
				what += " (" + l.Kind + ")"
			}
			fmt.Fprintf(w, "    %-40s %10s min  %s\n", l.Key, l.Credited, what)
		}
	}
}

// PayoutKey is the idempotency key of an order's payout to person ("rd"
// for the R&D share).
func PayoutKey(order, person string) string { return "payout:" + order + ":" + person }

// postPayouts posts the plan's shares as surplus-paid transactions, all in
// one ledger transaction; posting again is recognized (same keys).
func postPayouts(e *env, ledgerPath string, p *store.PayoutPlan, enterprise string) int {
	if ledgerPath == "" {
		ledgerPath = prodDefaultDB()
	}
	db, svc, code := prodOpenLedger(e, ledgerPath)
	if code != exitOK {
		return code
	}
	defer db.Close()
	evs := make([]ledger.Event, 0, len(p.Payouts))
	for _, pay := range p.Payouts {
		ev := ledger.Event{Type: ledger.EventSurplusPaid, House: p.House, Person: pay.Person, Amount: pay.Amount,
			Key: PayoutKey(p.Order, pay.Person), Memo: fmt.Sprintf("order %s: %s of %s credited minutes", p.Order, pay.Credited, p.HouseCredited)}
		if pay.Person == "" {
			ev.Person, ev.Kind, ev.Key = enterprise, ledger.KindRD, PayoutKey(p.Order, "rd")
			ev.Memo = fmt.Sprintf("order %s: R&D share %s%%", p.Order, p.RDShare.Shift(2))
		}
		if ev.Amount.IsZero() {
			continue
		}
		evs = append(evs, ev)
	}
	if _, err := svc.PostAll(context.Background(), evs); err != nil {
		fmt.Fprintf(e.stderr, "prodos: payouts: %v\n", err)
		return prodPostCode(err)
	}
	fmt.Fprintf(e.stderr, "posted %d payouts of order %s to %s\n", len(evs), p.Order, ledgerPath)
	return exitOK
}
