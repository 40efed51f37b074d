package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing"
)

func init() {
	register(&command{
		name:    "source",
		usage:   "source DESIGN [--policy local|cheapest|fastest] [--need-by YYYY-MM-DD] [--format csv|json|table] [--draft] [--packs DIR]",
		summary: "purchase orders per supplier for a design's bill of materials",
		run:     runSource,
	})
}

// prodToday is the order date of sourcing; tests replace it.
var prodToday = func() time.Time { return time.Now() }

// sourcingFlags are the flags shared by source, ledger post and export.
type prodSourcingFlags struct {
	policy, needBy, today, suppliers *string
}

func prodAddSourcingFlags(fs *flag.FlagSet) prodSourcingFlags {
	return prodSourcingFlags{
		policy:    fs.String("policy", "local", "supplier policy: local, cheapest or fastest"),
		needBy:    fs.String("need-by", "", "latest delivery date, YYYY-MM-DD (default: no limit)"),
		today:     fs.String("today", "", "order date, YYYY-MM-DD (default: today); fixes delivery dates for reproducible output"),
		suppliers: fs.String("suppliers", "", "suppliers TOML file (default: the built-in suppliers)"),
	}
}

// request checks the flags and loads the suppliers; on failure it prints
// the problem and returns false (exit 2).
func (f prodSourcingFlags) request(e *env, cat *designs.Catalog) (manufacturing.SourceRequest, []*designs.Supplier, bool) {
	var req manufacturing.SourceRequest
	p, err := manufacturing.ParsePolicy(*f.policy)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: --policy: %v\n", err)
		return req, nil, false
	}
	req.Policy = p
	req.Today = prodToday()
	if *f.today != "" {
		if req.Today, err = time.Parse(manufacturing.DateLayout, *f.today); err != nil {
			fmt.Fprintf(e.stderr, "prodos: --today must be YYYY-MM-DD, got %q\n", *f.today)
			return req, nil, false
		}
	}
	if *f.needBy != "" {
		if req.NeedBy, err = time.Parse(manufacturing.DateLayout, *f.needBy); err != nil {
			fmt.Fprintf(e.stderr, "prodos: --need-by must be YYYY-MM-DD, got %q\n", *f.needBy)
			return req, nil, false
		}
	}
	var sups []*designs.Supplier
	if *f.suppliers != "" {
		data, err := os.ReadFile(*f.suppliers)
		if err != nil {
			fmt.Fprintf(e.stderr, "prodos: %v\n", err)
			return req, nil, false
		}
		sups, err = designs.ParseSuppliers(*f.suppliers, data, cat)
		if err != nil {
			for _, pe := range designs.Errors(err) {
				if pe.File == "" {
					pe.File = *f.suppliers
				}
				fmt.Fprintln(e.stderr, pe.Error())
			}
			return req, nil, false
		}
	} else if sups, err = designs.DefaultSuppliers(cat); err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return req, nil, false
	}
	return req, sups, true
}

// prodPlan builds the BOM and sourcing plan of a design. It prints the
// problem and returns the exit code on failure: 2 for bad data, 1 when a
// SKU cannot be supplied in time.
func prodPlan(e *env, file string, cat *designs.Catalog, d *designs.Design, req manufacturing.SourceRequest, sups []*designs.Supplier) (*manufacturing.BOM, *manufacturing.SourcingPlan, int) {
	b, err := manufacturing.BuildBOM(cat, d)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %s: %v\n", file, err)
		return nil, nil, exitUsage
	}
	plan, err := manufacturing.Source(b, sups, req)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %s: %v\n", file, err)
		var ue *manufacturing.UnsuppliableError
		if errors.As(err, &ue) {
			return nil, nil, exitProblems
		}
		return nil, nil, exitUsage
	}
	return b, plan, exitOK
}

type prodPOLineJSON struct {
	SKU         string `json:"sku"`
	Description string `json:"description"`
	Needed      int64  `json:"needed"`
	Quantity    int64  `json:"quantity"`
	Pack        int    `json:"pack"`
	Unit        string `json:"unit"`
	UnitPrice   string `json:"unit_price"`
	Extended    string `json:"extended"`
}

type prodPOJSON struct {
	Supplier  string           `json:"supplier"`
	Name      string           `json:"name"`
	Region    string           `json:"region"`
	Location  string           `json:"location"`
	LeadDays  int              `json:"lead_days"`
	OrderDate string           `json:"order_date"`
	Delivery  string           `json:"delivery"`
	Lines     []prodPOLineJSON `json:"lines"`
	Total     string           `json:"total"`
}

type prodPlanJSON struct {
	Design   string       `json:"design"`
	Policy   string       `json:"policy"`
	Orders   []prodPOJSON `json:"orders"`
	Total    string       `json:"total"`
	Delivery string       `json:"delivery"`
}

func runSource(e *env, args []string) int {
	fs := newFlags(e, "source")
	sf := prodAddSourcingFlags(fs)
	format := fs.String("format", "table", "output format: csv, json or table")
	draft := prodDraftFlag(fs)
	var req manufacturing.SourceRequest
	var sups []*designs.Supplier
	in, e, code := prodPreamble(e, fs, args, prodPre{draft: draft, format: format, formats: []string{"csv", "json", "table"},
		catalog: func(cat *designs.Catalog) (ok bool) {
			req, sups, ok = sf.request(e, cat)
			return ok
		}})
	if in == nil {
		return code
	}
	defer in.flush()
	cat, d, file := in.cat, in.d, in.file
	_, plan, code := prodPlan(e, file, cat, d, req, sups)
	if code != exitOK {
		return code
	}
	var err error
	switch *format {
	case "csv":
		err = plan.WriteCSV(e.stdout)
	case "json":
		out := prodPlanJSON{Design: d.Name, Policy: string(plan.Policy), Orders: []prodPOJSON{}, Total: plan.Total.StringFixed(2),
			Delivery: plan.Delivery.Format(manufacturing.DateLayout)}
		for _, po := range plan.Orders {
			pj := prodPOJSON{Supplier: po.SupplierID, Name: po.Supplier, Region: po.Region, Location: po.Location, LeadDays: po.LeadDays,
				OrderDate: po.OrderDate.Format(manufacturing.DateLayout), Delivery: po.Delivery.Format(manufacturing.DateLayout), Total: po.Total.StringFixed(2)}
			for _, l := range po.Lines {
				pj.Lines = append(pj.Lines, prodPOLineJSON{l.SKU, l.Description, l.Needed, l.Quantity, l.Pack, l.Unit,
					l.UnitPrice.StringFixed(2), l.Extended.StringFixed(2)})
			}
			out.Orders = append(out.Orders, pj)
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(out)
	default:
		fmt.Fprintf(e.stdout, "%s: %d purchase orders, policy %s\n", d.Name, len(plan.Orders), plan.Policy)
		for _, po := range plan.Orders {
			fmt.Fprintf(e.stdout, "\n%s (%s, %s, %s): ordered %s, delivery %s (%d days)\n", po.Supplier, po.SupplierID, po.Region,
				po.Location, po.OrderDate.Format(manufacturing.DateLayout), po.Delivery.Format(manufacturing.DateLayout), po.LeadDays)
			tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "SKU\tDESCRIPTION\tNEEDED\tORDER\tPACK\tUNIT\tPRICE\tEXTENDED")
			for _, l := range po.Lines {
				fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\n", l.SKU, l.Description, l.Needed, l.Quantity, l.Pack, l.Unit,
					l.UnitPrice.StringFixed(2), l.Extended.StringFixed(2))
			}
			fmt.Fprintf(tw, "TOTAL\t\t\t\t\t\t\t%s\n", po.Total.StringFixed(2))
			if err = tw.Flush(); err != nil {
				break
			}
		}
		fmt.Fprintf(e.stdout, "\ngrand total %s, everything delivered by %s\n", plan.Total.StringFixed(2), plan.Delivery.Format(manufacturing.DateLayout))
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	return exitOK
}
