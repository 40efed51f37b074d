//go:build !js

package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/opensourceecology/prodos/production/manufacturing"
	"github.com/opensourceecology/prodos/production/manufacturing/export"
	"github.com/opensourceecology/prodos/production/userdata"
	"github.com/shopspring/decimal"
)

func init() {
	register(&command{
		name:    "ledger",
		usage:   "ledger post|account|balance|statement|verify ... [--db FILE]",
		summary: "double-entry ledger: post business events, open accounts, trial balance, statements, verify",
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

// prodLedgerArgs is the preamble of the ledger commands: cliArgs, then
// the ledger database (--db, read after parsing) opened (prodOpenLedger). A nil db means exit with
// code (the problem is printed); else the caller closes db.
func prodLedgerArgs(e *env, fs *flag.FlagSet, args []string, dbPath *string, spec cliSpec) ([]string, io.Closer, prodLedgerService, int) {
	pos, ok := cliArgs(e, fs, args, spec)
	if !ok {
		return nil, nil, nil, exitUsage
	}
	db, svc, code := prodOpenLedger(e, *dbPath)
	if code != exitOK {
		return nil, nil, nil, code
	}
	return pos, db, svc, exitOK
}

func runLedger(e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintf(e.stderr, "usage: prodos %s\n", commands["ledger"].usage)
		fmt.Fprintln(e.stderr, "  post DESIGN --event EVENT [--db FILE] ...   record a business event (idempotent)")
		fmt.Fprintln(e.stderr, "                                              built, installed and labour work: --person holding the module's")
		fmt.Fprintln(e.stderr, "                                              qualification, --witness a crew lead (--profiles FILE)")
		fmt.Fprintln(e.stderr, "  post --events FILE [--db FILE]              record the events of a JSON-lines file, one transaction each")
		fmt.Fprintln(e.stderr, "  account ACCOUNT [--credits-must-not-exceed-debits|--debits-must-not-exceed-credits] [--db FILE]")
		fmt.Fprintln(e.stderr, "                                              open an account with its balance constraint")
		fmt.Fprintln(e.stderr, "  balance [--db FILE] [--format table|csv|json]   trial balance")
		fmt.Fprintln(e.stderr, "  statement ACCOUNT [--db FILE]               postings of one account with running balance")
		fmt.Fprintln(e.stderr, "  verify [--db FILE]                          check the ledger; exit 1 and a report on problems")
		return exitUsage
	}
	switch args[0] {
	case "post":
		return runLedgerPost(e, args[1:])
	case "account":
		return runLedgerAccount(e, args[1:])
	case "balance":
		return runLedgerBalance(e, args[1:])
	case "statement":
		return runLedgerStatement(e, args[1:])
	case "verify":
		return runLedgerVerify(e, args[1:])
	}
	fmt.Fprintf(e.stderr, "prodos: ledger: unknown subcommand %q (want post, account, balance, statement or verify)\n", args[0])
	return exitUsage
}

func prodLedgerFlags(e *env, sub string) (*flag.FlagSet, *string) {
	fs := newFlags(e, "ledger")
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: prodos ledger %s\n", sub)
		fs.PrintDefaults()
	}
	db := fs.String("db", "", "ledger database: a file (default: "+prodDefaultDB()+") or a postgres:// URL")
	return fs, db
}

// money formats cents as a decimal amount.
func prodMoney(c int64) string { return ledger.FromCents(c).StringFixed(2) }

func prodEventNames() string {
	names := make([]string, len(ledger.EventTypes))
	for i, t := range ledger.EventTypes {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}

// prodPostFlags are the flags of `ledger post DESIGN --event EVENT`.
type prodPostFlags struct {
	event, house, supplier, amount, person, kind, skill, hours, rate, module *string
	key, reverses, memo, events, witness, profiles                           *string
	count                                                                    *int
	draft                                                                    *bool
	sourcing                                                                 prodSourcingFlags
}

func prodAddPostFlags(fs *flag.FlagSet) *prodPostFlags {
	return &prodPostFlags{
		event:    fs.String("event", "", "event: "+prodEventNames()),
		house:    fs.String("house", "", "house id (default: the design file name without .toml); for a design grouped into houses, the one house to post (name, e.g. \"House 1\"; default: every house, each as DESIGN/house-1)"),
		supplier: fs.String("supplier", "", "supplier id for po-issued, goods-received, supplier-paid (default: every supplier of the sourcing plan)"),
		amount:   fs.String("amount", "", "amount; default for supplier events and materials-issued: the sourcing plan's figure; required for house-sold (the sale price)"),
		person:   fs.String("person", "", "person for labour-contributed, module-built, module-installed; for built, installed and labour work a profile holding the module's (or skill's) qualification"),
		witness:  fs.String("witness", "", "crew lead (a profile holding lead-build-crew, not the person) who witnessed module-built, module-installed or labour work; required for those"),
		profiles: prodProfilesFlag(fs),
		kind:     fs.String("kind", "labour", "contribution kind: labour, design, training or review"),
		skill:    fs.String("skill", "", "skill of the contribution (labour default: all of the design's labour of this skill)"),
		hours:    fs.String("hours", "", "hours contributed (labour default: the design's labour hours for --skill)"),
		rate:     fs.String("rate", "", "value per hour of a contribution (default: the catalog's labour rate)"),
		module:   fs.String("module", "", "module id for module-built/module-installed (default: every module of the design)"),
		count:    fs.Int("count", 0, "modules built or installed (default: the design's count of --module)"),
		key:      fs.String("key", "", "idempotency key (default: derived from house, event and its fields)"),
		reverses: fs.String("reverses", "", "for reversal: the key of the transaction to reverse"),
		memo:     fs.String("memo", "", "memo"),
		draft:    prodDraftFlag(fs),
		events:   fs.String("events", "", "post the events of a JSON-lines FILE (- for stdin), one transaction per line, instead of DESIGN --event"),
		sourcing: prodAddSourcingFlags(fs),
	}
}

// prodPositive parses a flag's positive decimal ("" is zero: not given); on a
// bad value it prints the problem and returns false.
func prodPositive(e *env, name, v string) (decimal.Decimal, bool) {
	if v == "" {
		return decimal.Decimal{}, true
	}
	d, err := decimal.NewFromString(v)
	if err != nil || d.Sign() <= 0 {
		fmt.Fprintf(e.stderr, "prodos: --%s must be a positive number, got %q\n", name, v)
		return decimal.Decimal{}, false
	}
	return d, true
}

func runLedgerPost(e *env, args []string) int {
	fs, dbPath := prodLedgerFlags(e, "post DESIGN --event EVENT [--db FILE] [flags]")
	f := prodAddPostFlags(fs)
	inspections := prodInspectionsFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	if *f.events != "" {
		return runLedgerPostEvents(e, fs, pos, *f.events, *dbPath, *f.profiles)
	}
	if len(pos) != 1 || *f.event == "" {
		fs.Usage()
		return exitUsage
	}
	typ := ledger.EventType(*f.event)
	if !slices.Contains(ledger.EventTypes, typ) {
		fmt.Fprintf(e.stderr, "prodos: --event must be one of %s, got %q\n", prodEventNames(), *f.event)
		return exitUsage
	}
	in, e, code := prodOpen(e, pos[0], prodPre{draft: f.draft, packs: packsFlag(fs)})
	if in == nil {
		return code
	}
	defer in.flush()
	cat, d, gate := in.cat, in.d, in.gate
	req, ok := f.request(e, typ, pos[0], cat, d)
	if !ok {
		return exitUsage
	}
	if gate.On {
		req.Memo = strings.TrimSpace(export.DraftMark + " " + req.Memo)
	}
	planCode := exitOK
	req.Plan = func(hd *designs.Design) (*manufacturing.SourcingPlan, error) {
		sreq, sups, ok := f.sourcing.request(e, cat)
		if !ok {
			planCode = exitUsage
			return nil, errPrinted
		}
		_, plan, code := prodPlan(e, pos[0], cat, hd, sreq, sups)
		if code != exitOK {
			planCode = code
			return nil, errPrinted
		}
		return plan, nil
	}
	events, err := ledger.DeriveEvents(req)
	if errors.Is(err, errPrinted) {
		return planCode
	} else if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitUsage
	}
	led := newProdLedger(e, *dbPath)
	defer led.close()
	if code := prodCheckWork(e, cat, *f.profiles, led, events, nil); code != exitOK {
		return code
	}
	return prodPostAll(e, led, *inspections, events)
}

// errPrinted is an error already reported on standard error.
var errPrinted = errors.New("reported")

// request is the domain request the flags state; bad figures are printed
// and return false.
func (f *prodPostFlags) request(e *env, typ ledger.EventType, file string, cat *designs.Catalog, d *designs.Design) (ledger.PostRequest, bool) {
	req := ledger.PostRequest{Type: typ, House: prodHouseID(file), Select: *f.house, File: file, Design: d, Catalog: cat,
		Supplier: *f.supplier, Person: *f.person, Witness: *f.witness, Kind: *f.kind, Skill: *f.skill, Module: *f.module, Count: *f.count,
		Key: *f.key, Reverses: *f.reverses, Memo: *f.memo}
	var ok bool
	if req.Amount, ok = prodPositive(e, "amount", *f.amount); !ok {
		return req, false
	}
	if typ != ledger.EventLabour {
		return req, true
	}
	if req.Rate, ok = prodPositive(e, "rate", *f.rate); !ok {
		return req, false
	}
	req.Hours, ok = prodPositive(e, "hours", *f.hours)
	return req, ok
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
	_, db, svc, code := prodLedgerArgs(e, fs, args, dbPath, cliSpec{format: format, formats: []string{"table", "csv", "json"}})
	if db == nil {
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
	pos, db, svc, code := prodLedgerArgs(e, fs, args, dbPath, cliSpec{n: 1})
	if db == nil {
		return code
	}
	defer db.Close()
	lines, err := svc.Statement(context.Background(), pos[0])
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		if errors.Is(err, ledger.ErrNotFound) {
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
	_, db, svc, code := prodLedgerArgs(e, fs, args, dbPath, cliSpec{})
	if db == nil {
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
	fmt.Fprintf(e.stdout, "hash chain: %d entries, head %s\n", r.Entries, r.ChainHead)
	if !r.OK() {
		fmt.Fprintf(e.stdout, "ledger verify: %d problems in %d transactions, %d postings\n", len(r.Problems), r.Transactions, r.Postings)
		return exitProblems
	}
	fmt.Fprintf(e.stdout, "ledger ok: %d transactions, %d postings, debits %s = credits %s\n",
		r.Transactions, r.Postings, prodMoney(r.Debits), prodMoney(r.Credits))
	return exitOK
}

func runLedgerAccount(e *env, args []string) int {
	fs, dbPath := prodLedgerFlags(e, "account ACCOUNT [--credits-must-not-exceed-debits|--debits-must-not-exceed-credits] [--db FILE]")
	cr := fs.Bool("credits-must-not-exceed-debits", false, "the balance may not go below zero (cash that may not be overdrawn)")
	dr := fs.Bool("debits-must-not-exceed-credits", false, "the balance may not go above zero (a liability that may not be overpaid)")
	pos, db, svc, code := prodLedgerArgs(e, fs, args, dbPath, cliSpec{args: func(pos []string) bool { return len(pos) == 1 && !(*cr && *dr) }})
	if db == nil {
		return code
	}
	defer db.Close()
	var flags ledger.AccountFlags
	if *cr {
		flags = ledger.CreditsMustNotExceedDebits
	} else if *dr {
		flags = ledger.DebitsMustNotExceedCredits
	}
	created, err := svc.OpenAccount(context.Background(), pos[0], flags)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return prodPostCode(err)
	}
	what := "already open"
	if created {
		what = "opened"
	}
	fmt.Fprintf(e.stdout, "account %s %s, flags %s\n", pos[0], what, flags)
	return exitOK
}
