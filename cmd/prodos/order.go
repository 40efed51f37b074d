package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/opensourceecology/prodos/production/store"
	"github.com/shopspring/decimal"
)

func init() {
	register(&command{
		name: "order",
		usage: "order create ENTERPRISE PRODUCT --level 1|2|3 [--kind built|kit] --customer NAME --site PLACE [--contact TEXT] [--deposit AMOUNT] | " +
			"show ORDER [--format text|json] | fulfil ORDER --out DIR --crew-profiles NAME,NAME [--profiles FILE] [--today YYYY-MM-DD]   [--db FILE] [--commons-db FILE] [--ledger-db FILE]",
		summary: "Open Source Store orders: order a listed product at a level (price breakdown copied at order time), show an order, fulfil it (purchase orders, machine jobs, crew schedule, ledger)",
		run:     runOrder,
	})
}

func runOrder(e *env, args []string) int {
	subs := map[string]func(*env, []string) int{"create": runOrderCreate, "show": runOrderShow, "fulfil": runOrderFulfil}
	if len(args) == 0 || subs[args[0]] == nil {
		fmt.Fprintf(e.stderr, "usage: prodos %s\n", commands["order"].usage)
		return exitUsage
	}
	return subs[args[0]](e, args[1:])
}

// orderKind is the offer kind of --level and --kind.
func orderKind(level int, kind string) (string, error) {
	switch {
	case level == store.LevelProduct && kind == "built":
		return "built-to-order", nil
	case level == store.LevelProduct && kind == "kit":
		return "kit", nil
	case level == store.LevelProduct:
		return "", fmt.Errorf("%w: --kind %q: use built or kit", store.ErrInvalid, kind)
	case kind != "" && kind != "built":
		return "", fmt.Errorf("%w: --kind is for level 1 only", store.ErrInvalid)
	case level == store.LevelProduction:
		return "production", nil
	case level == store.LevelLicence:
		return "licence", nil
	}
	return "", fmt.Errorf("%w: --level %d: levels are 1, 2, 3", store.ErrInvalid, level)
}

func runOrderCreate(e *env, args []string) int {
	fs := newFlags(e, "order")
	sf := newStoreFlags(fs)
	level := fs.Int("level", 1, "the level ordered: 1 the product, 2 its production, 3 a distribution licence")
	kind := fs.String("kind", "built", "at level 1: built (built to order) or kit (the kit of cut parts)")
	customer := fs.String("customer", "", "the customer's name")
	contact := fs.String("contact", "", "how to reach the customer (e-mail, phone)")
	site := fs.String("site", "", "the delivery site")
	deposit := fs.String("deposit", "0", "the deposit paid, in dollars (at most cents, at most the total)")
	pos, ok := cliArgs(e, fs, args, cliSpec{n: 2, check: func() bool {
		if *customer == "" || *site == "" {
			fmt.Fprintln(e.stderr, "prodos order create: --customer NAME and --site PLACE are required")
			return false
		}
		return true
	}})
	if !ok {
		return exitUsage
	}
	if *level != store.LevelProduct && *kind == "built" {
		*kind = ""
	}
	k, err := orderKind(*level, *kind)
	if err != nil {
		return storeExit(e, err)
	}
	dep, err := decimal.NewFromString(*deposit)
	if err != nil {
		return storeExit(e, fmt.Errorf("%w: --deposit %q is not a decimal amount", store.ErrInvalid, *deposit))
	}
	o, code := openStore(e, sf)
	if o == nil {
		return code
	}
	defer o.close()
	ctx := context.Background()
	ent, err := o.svc.Store.Get(ctx, pos[0])
	if err != nil {
		return storeExit(e, err)
	}
	hash, err := store.Resolve(ent, pos[1])
	if err != nil {
		return storeExit(e, err)
	}
	ord, err := o.svc.NewOrder(ctx, store.ListingID(ent.ID, hash), k, dep, *customer, *contact, *site)
	if err != nil {
		return storeExit(e, err)
	}
	fmt.Fprintf(e.stdout, "order %s: %s, level %d (%s), total %s, deposit %s, balance %s\n",
		ord.ID, ord.Listing, ord.Level, ord.Kind, ord.Total.StringFixed(2), ord.Deposit.StringFixed(2), ord.Balance().StringFixed(2))
	return exitOK
}

func runOrderShow(e *env, args []string) int {
	fs := newFlags(e, "order")
	sf := newStoreFlags(fs)
	format := fs.String("format", "text", "text or json")
	pos, ok := cliArgs(e, fs, args, cliSpec{n: 1, format: format, formats: []string{"text", "json"}})
	if !ok {
		return exitUsage
	}
	o, code := openStore(e, sf)
	if o == nil {
		return code
	}
	defer o.close()
	os_, isOrders := o.svc.Store.(store.Orders)
	if !isOrders {
		return storeExit(e, fmt.Errorf("%w: this store keeps no orders", store.ErrRefused))
	}
	ord, err := os_.Order(context.Background(), pos[0])
	if err != nil {
		return storeExit(e, err)
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(ord); err != nil {
			return storeExit(e, err)
		}
		return exitOK
	}
	writeOrder(e.stdout, ord)
	return exitOK
}

// writeOrder prints an order and its price breakdown as text.
func writeOrder(w io.Writer, o store.Order) {
	fmt.Fprintf(w, "Order %s (%s), placed %s\n", o.ID, o.Status, o.Placed.Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(w, "Customer: %s", o.Customer)
	if o.Contact != "" {
		fmt.Fprintf(w, " (%s)", o.Contact)
	}
	fmt.Fprintf(w, "\nDelivery site: %s\nListing: %s, level %d: %s (%s)\n\nPrice breakdown, copied at the time of the order:\n", o.Site, o.Listing, o.Level, o.Title, o.Kind)
	for _, l := range o.Lines {
		est := ""
		if l.Estimate {
			est = " (estimate)"
		}
		fmt.Fprintf(w, "  %-28s %12s  %s%s\n", l.Name, l.Amount.StringFixed(2), l.Basis, est)
	}
	fmt.Fprintf(w, "  %-28s %12s\n  %-28s %12s\n  %-28s %12s\n", "total", o.Total.StringFixed(2), "deposit", o.Deposit.StringFixed(2), "balance due", o.Balance().StringFixed(2))
}
