//go:build !js

package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production"
	"github.com/opensourceecology/prodos/production/export"
	"github.com/opensourceecology/prodos/production/sqlite"
	"github.com/opensourceecology/prodos/production/userdata"
	"github.com/shopspring/decimal"
)

func init() {
	register(&command{
		name:    "ledger",
		usage:   "ledger post|balance|statement|verify ... [--db FILE]",
		summary: "double-entry ledger: post business events, trial balance, statements, verify",
		run:     runLedger,
	})
}

// prodDefaultDB is the ledger file under the user's data directory
// ($XDG_DATA_HOME/prodos/ledger.db, else ~/.local/share/prodos/ledger.db).
func prodDefaultDB() string {
	p, err := userdata.File("ledger.db")
	if err != nil {
		return "ledger.db"
	}
	return p
}

// prodOpenLedger opens (creating on first use) the ledger database. A file
// that is not SQLite or has a newer schema is bad input: exit 2.
func prodOpenLedger(e *env, path string) (*sqlite.DB, *sqlite.LedgerService, int) {
	if path == "" {
		path = prodDefaultDB()
	}
	if !prodTargetOK(e, "db", path, false) {
		return nil, nil, exitUsage
	}
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		if errors.Is(err, sqlite.ErrNotSQLite) || errors.Is(err, sqlite.ErrNewerSchema) {
			return nil, nil, exitUsage
		}
		return nil, nil, exitProblems
	}
	return db, sqlite.NewLedgerService(db), exitOK
}

func runLedger(e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintf(e.stderr, "usage: prodos %s\n", commands["ledger"].usage)
		fmt.Fprintln(e.stderr, "  post DESIGN --event EVENT [--db FILE] ...   record a business event (idempotent)")
		fmt.Fprintln(e.stderr, "  post --events FILE [--db FILE]              record the events of a JSON-lines file, one transaction each")
		fmt.Fprintln(e.stderr, "  balance [--db FILE] [--format table|csv|json]   trial balance")
		fmt.Fprintln(e.stderr, "  statement ACCOUNT [--db FILE]               postings of one account with running balance")
		fmt.Fprintln(e.stderr, "  verify [--db FILE]                          check the ledger; exit 1 and a report on problems")
		return exitUsage
	}
	switch args[0] {
	case "post":
		return runLedgerPost(e, args[1:])
	case "balance":
		return runLedgerBalance(e, args[1:])
	case "statement":
		return runLedgerStatement(e, args[1:])
	case "verify":
		return runLedgerVerify(e, args[1:])
	}
	fmt.Fprintf(e.stderr, "prodos: ledger: unknown subcommand %q (want post, balance, statement or verify)\n", args[0])
	return exitUsage
}

func prodLedgerFlags(e *env, sub string) (*flag.FlagSet, *string) {
	fs := newFlags(e, "ledger")
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: prodos ledger %s\n", sub)
		fs.PrintDefaults()
	}
	db := fs.String("db", "", "ledger database file (default: "+prodDefaultDB()+")")
	return fs, db
}

// money formats cents as a decimal amount.
func prodMoney(c int64) string { return production.FromCents(c).StringFixed(2) }

func prodEventNames() string {
	names := make([]string, len(production.EventTypes))
	for i, t := range production.EventTypes {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}

func runLedgerPost(e *env, args []string) int {
	fs, dbPath := prodLedgerFlags(e, "post DESIGN --event EVENT [--db FILE] [flags]")
	event := fs.String("event", "", "event: "+prodEventNames())
	house := fs.String("house", "", "house id (default: the design file name without .toml)")
	supplier := fs.String("supplier", "", "supplier id for po-issued, goods-received, supplier-paid (default: every supplier of the sourcing plan)")
	amount := fs.String("amount", "", "amount; default for supplier events and materials-issued: the sourcing plan's figure; required for house-sold (the sale price)")
	person := fs.String("person", "", "person for labour-contributed, module-built, module-installed")
	kind := fs.String("kind", "labour", "contribution kind: labour, design, training or review")
	skill := fs.String("skill", "", "skill of the contribution (labour default: all of the design's labour of this skill)")
	hours := fs.String("hours", "", "hours contributed (labour default: the design's labour hours for --skill)")
	rate := fs.String("rate", "", "value per hour of a contribution (default: the catalog's labour rate)")
	module := fs.String("module", "", "module id for module-built/module-installed (default: every module of the design)")
	count := fs.Int("count", 0, "modules built or installed (default: the design's count of --module)")
	key := fs.String("key", "", "idempotency key (default: derived from house, event and its fields)")
	reverses := fs.String("reverses", "", "for reversal: the key of the transaction to reverse")
	memo := fs.String("memo", "", "memo")
	draft := prodDraftFlag(fs)
	eventsFile := fs.String("events", "", "post the events of a JSON-lines FILE (- for stdin), one transaction per line, instead of DESIGN --event")
	sf := prodAddSourcingFlags(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	if *eventsFile != "" {
		return runLedgerPostEvents(e, fs, pos, *eventsFile, *dbPath)
	}
	if len(pos) != 1 || *event == "" {
		fs.Usage()
		return exitUsage
	}
	typ := production.EventType(*event)
	known := false
	for _, t := range production.EventTypes {
		known = known || t == typ
	}
	if !known {
		fmt.Fprintf(e.stderr, "prodos: --event must be one of %s, got %q\n", prodEventNames(), *event)
		return exitUsage
	}
	cat, ok := loadCatalog(e)
	if !ok {
		return exitUsage
	}
	d, ok := loadDesign(e, cat, pos[0])
	if !ok {
		return exitUsage
	}
	gate, code := prodGate(e, pos[0], d, cat, *draft)
	if code != exitOK {
		return code
	}
	e, flush := gate.Stdout(e, "table")
	defer flush()
	if gate.On {
		*memo = strings.TrimSpace(export.DraftMark + " " + *memo)
	}
	h := *house
	if h == "" {
		h = prodHouseID(pos[0])
	}
	base := production.Event{Type: typ, House: h, Design: d.Name, Author: d.Author, Memo: *memo}
	var amt decimal.Decimal
	if *amount != "" {
		if amt, err = decimal.NewFromString(*amount); err != nil || amt.Sign() <= 0 {
			fmt.Fprintf(e.stderr, "prodos: --amount must be a positive number, got %q\n", *amount)
			return exitUsage
		}
	}
	dflKey := func(parts ...string) string {
		if *key != "" {
			return *key
		}
		return strings.Join(append([]string{h, *event}, parts...), ":")
	}
	var events []production.Event
	switch typ {
	case production.EventPOIssued, production.EventGoodsReceived, production.EventSupplierPaid, production.EventMaterialsIssued:
		if !amt.IsZero() && (typ == production.EventMaterialsIssued || *supplier != "") {
			ev := base
			ev.Supplier, ev.Amount, ev.Key = *supplier, amt, dflKey(*supplier)
			if typ == production.EventMaterialsIssued {
				ev.Key = dflKey()
			}
			events = append(events, ev)
			break
		}
		req, sups, ok := sf.request(e, cat)
		if !ok {
			return exitUsage
		}
		_, plan, code := prodPlan(e, pos[0], cat, d, req, sups)
		if code != exitOK {
			return code
		}
		if typ == production.EventMaterialsIssued {
			ev := base
			ev.Amount, ev.Key = plan.Total, dflKey()
			events = append(events, ev)
			break
		}
		for _, po := range plan.Orders {
			if *supplier != "" && po.SupplierID != *supplier {
				continue
			}
			ev := base
			ev.Supplier, ev.Amount, ev.Key = po.SupplierID, po.Total, dflKey(po.SupplierID)
			if *key != "" && *supplier == "" {
				ev.Key = *key + ":" + po.SupplierID
			}
			events = append(events, ev)
		}
		if len(events) == 0 {
			fmt.Fprintf(e.stderr, "prodos: supplier %q has no purchase order for %s under policy %s\n", *supplier, pos[0], req.Policy)
			return exitUsage
		}
	case production.EventLabour:
		ev := base
		ev.Person, ev.Kind, ev.Skill = *person, *kind, *skill
		ev.Rate = cat.Rates.LabourPerHour
		if *rate != "" {
			if ev.Rate, err = decimal.NewFromString(*rate); err != nil || ev.Rate.Sign() <= 0 {
				fmt.Fprintf(e.stderr, "prodos: --rate must be a positive number, got %q\n", *rate)
				return exitUsage
			}
		}
		var minutes decimal.Decimal
		if *hours != "" {
			hv, err := decimal.NewFromString(*hours)
			if err != nil || hv.Sign() <= 0 {
				fmt.Fprintf(e.stderr, "prodos: --hours must be a positive number, got %q\n", *hours)
				return exitUsage
			}
			minutes = hv.Mul(decimal.NewFromInt(60))
		} else if *kind == "labour" {
			minutes = prodDesignLabour(cat, d, *skill)
		} else {
			fmt.Fprintf(e.stderr, "prodos: --hours is required for a %s contribution\n", *kind)
			return exitUsage
		}
		ev.Minutes = minutes.Round(0).IntPart()
		if ev.Skill == "" {
			ev.Skill = "all"
		}
		ev.Key = dflKey(ev.Person, ev.Kind, ev.Skill)
		events = append(events, ev)
	case production.EventModuleBuilt, production.EventModuleInstalled:
		counts := map[string]int{}
		var order []string
		for _, p := range d.Placements {
			if counts[p.Module] == 0 {
				order = append(order, p.Module)
			}
			counts[p.Module]++
		}
		if *module == "" && *count != 0 {
			fmt.Fprintln(e.stderr, "prodos: --count needs --module")
			return exitUsage
		}
		if *module != "" {
			if counts[*module] == 0 {
				fmt.Fprintf(e.stderr, "prodos: module %q is not in %s\n", *module, pos[0])
				return exitUsage
			}
			order = []string{*module}
			if *count != 0 {
				counts[*module] = *count
			}
		}
		for _, id := range order {
			ev := base
			ev.Person, ev.Module, ev.Count = *person, id, counts[id]
			ev.Key = dflKey(*person, id)
			if *key != "" && *module == "" {
				ev.Key = *key + ":" + id
			}
			events = append(events, ev)
		}
	case production.EventHouseCompleted:
		ev := base
		ev.Key = dflKey()
		events = append(events, ev)
	case production.EventHouseSold:
		if amt.IsZero() {
			fmt.Fprintln(e.stderr, "prodos: house-sold needs --amount (the sale price)")
			return exitUsage
		}
		ev := base
		ev.Amount, ev.Key = amt, dflKey()
		events = append(events, ev)
	case production.EventReversal:
		ev := base
		ev.Reverses = *reverses
		ev.Key = *key
		if ev.Key == "" {
			ev.Key = "reversal:" + *reverses
		}
		events = append(events, ev)
	}
	return prodPostAll(e, *dbPath, events)
}

// prodDesignLabour is the design's labour minutes of one skill (all skills
// when skill is empty), from the catalog's labour operations.
func prodDesignLabour(cat *designs.Catalog, d *designs.Design, skill string) decimal.Decimal {
	var t decimal.Decimal
	for _, p := range d.Placements {
		m := cat.Modules[p.Module]
		if m == nil {
			continue
		}
		for _, l := range m.Labour {
			if skill == "" || l.Skill == skill {
				t = t.Add(cat.OpMinutes(m, l))
			}
		}
	}
	return t
}

type prodBalanceJSON struct {
	Account string `json:"account"`
	Type    string `json:"type"`
	Debit   string `json:"debit"`
	Credit  string `json:"credit"`
}

func runLedgerBalance(e *env, args []string) int {
	fs, dbPath := prodLedgerFlags(e, "balance [--db FILE] [--format table|csv|json]")
	format := fs.String("format", "table", "output format: table, csv or json")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 0 {
		fs.Usage()
		return exitUsage
	}
	if !oneOf(e, "format", *format, "table", "csv", "json") {
		return exitUsage
	}
	db, svc, code := prodOpenLedger(e, *dbPath)
	if code != exitOK {
		return code
	}
	defer db.Close()
	bals, err := svc.TrialBalance(context.Background())
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	var rows []prodBalanceJSON
	var dr, cr int64
	for _, b := range bals {
		r := prodBalanceJSON{Account: b.Account, Type: string(b.Type)}
		if b.Amount >= 0 {
			r.Debit = prodMoney(b.Amount)
			dr += b.Amount
		} else {
			r.Credit = prodMoney(-b.Amount)
			cr -= b.Amount
		}
		rows = append(rows, r)
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if rows == nil {
			rows = []prodBalanceJSON{}
		}
		err = enc.Encode(map[string]any{"accounts": rows, "debits": prodMoney(dr), "credits": prodMoney(cr)})
	case "csv":
		cw := csv.NewWriter(e.stdout)
		_ = cw.Write([]string{"account", "type", "debit", "credit"})
		for _, r := range rows {
			_ = cw.Write([]string{r.Account, r.Type, r.Debit, r.Credit})
		}
		_ = cw.Write([]string{"total", "", prodMoney(dr), prodMoney(cr)})
		cw.Flush()
		err = cw.Error()
	default:
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "ACCOUNT\tTYPE\tDEBIT\tCREDIT\t")
		for _, r := range rows {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", r.Account, r.Type, r.Debit, r.Credit)
		}
		fmt.Fprintf(tw, "TOTAL\t\t%s\t%s\t\n", prodMoney(dr), prodMoney(cr))
		err = tw.Flush()
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	if dr != cr {
		fmt.Fprintf(e.stderr, "prodos: trial balance does not balance: debits %s, credits %s\n", prodMoney(dr), prodMoney(cr))
		return exitProblems
	}
	return exitOK
}

func runLedgerStatement(e *env, args []string) int {
	fs, dbPath := prodLedgerFlags(e, "statement ACCOUNT [--db FILE]")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		fs.Usage()
		return exitUsage
	}
	db, svc, code := prodOpenLedger(e, *dbPath)
	if code != exitOK {
		return code
	}
	defer db.Close()
	lines, err := svc.Statement(context.Background(), pos[0])
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		if errors.Is(err, production.ErrNotFound) {
			return exitUsage
		}
		return exitProblems
	}
	fmt.Fprintf(e.stdout, "statement of %s\n", pos[0])
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "TX\tDATE\tEVENT\tKEY\tDEBIT\tCREDIT\tBALANCE\t")
	for _, l := range lines {
		dr, cr := "", ""
		if l.Amount > 0 {
			dr = prodMoney(l.Amount)
		} else {
			cr = prodMoney(-l.Amount)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t\n", l.TxID, l.PostedAt.Format("2006-01-02"), l.Event, l.Key, dr, cr, prodMoney(l.Running))
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	return exitOK
}

func runLedgerVerify(e *env, args []string) int {
	fs, dbPath := prodLedgerFlags(e, "verify [--db FILE]")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 0 {
		fs.Usage()
		return exitUsage
	}
	db, svc, code := prodOpenLedger(e, *dbPath)
	if code != exitOK {
		return code
	}
	defer db.Close()
	r, err := svc.Verify(context.Background())
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	for _, p := range r.Problems {
		fmt.Fprintf(e.stdout, "problem: %s\n", p)
	}
	if !r.OK() {
		fmt.Fprintf(e.stdout, "ledger verify: %d problems in %d transactions, %d postings\n", len(r.Problems), r.Transactions, r.Postings)
		return exitProblems
	}
	fmt.Fprintf(e.stdout, "ledger ok: %d transactions, %d postings, debits %s = credits %s\n",
		r.Transactions, r.Postings, prodMoney(r.Debits), prodMoney(r.Credits))
	return exitOK
}
