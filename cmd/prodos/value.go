//go:build !js

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/shopspring/decimal"
)

func init() {
	register(&command{
		name:    "value",
		usage:   "value [--db FILE] [--format table|json]",
		summary: "each person's share of the value produced and reputation from verified production",
		run:     runValue,
	})
}

type prodPersonValueJSON struct {
	Person           string           `json:"person"`
	Minutes          map[string]int64 `json:"minutes"`
	Contributed      string           `json:"contributed"`
	Attributed       string           `json:"attributed"`
	Share            string           `json:"share"`
	ModulesBuilt     int              `json:"modules_built"`
	ModulesInstalled int              `json:"modules_installed"`
	DesignsBuilt     int              `json:"designs_built"`
	DesignsSold      int              `json:"designs_sold"`
	Reputation       int              `json:"reputation"`
}

func runValue(e *env, args []string) int {
	fs := newFlags(e, "value")
	dbPath := fs.String("db", "", "ledger database file (default: "+prodDefaultDB()+")")
	format := fs.String("format", "table", "output format: table or json")
	_, db, svc, code := prodLedgerArgs(e, fs, args, dbPath, cliSpec{format: format, formats: []string{"table", "json"}})
	if db == nil {
		return code
	}
	defer db.Close()
	vd, err := svc.ValueData(context.Background())
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	r := ledger.ComputeValue(vd)
	if *format == "json" {
		out := struct {
			Sales       string                `json:"sales"`
			Produced    string                `json:"produced"`
			Contributed string                `json:"contributed"`
			People      []prodPersonValueJSON `json:"people"`
		}{r.Sales.StringFixed(2), r.Produced.StringFixed(2), r.Contributed.StringFixed(2), []prodPersonValueJSON{}}
		for _, p := range r.People {
			out.People = append(out.People, prodPersonValueJSON{p.Person, p.Minutes, p.Contributed.StringFixed(2), p.Attributed.StringFixed(2),
				p.Share.StringFixed(4), p.ModulesBuilt, p.ModulesInstalled, p.DesignsBuilt, p.DesignsSold, p.Reputation})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(e.stderr, "prodos: %v\n", err)
			return exitProblems
		}
		return exitOK
	}
	fmt.Fprintf(e.stdout, "houses sold for %s; value added (sales less materials) %s; contributions recorded %s\n",
		r.Sales.StringFixed(2), r.Produced.StringFixed(2), r.Contributed.StringFixed(2))
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "PERSON\tHOURS\tCONTRIBUTED\tATTRIBUTED\tSHARE\tBUILT\tINSTALLED\tDESIGNS BUILT\tDESIGNS SOLD\tREPUTATION\t")
	for _, p := range r.People {
		kinds := make([]string, 0, len(p.Minutes))
		for k := range p.Minutes {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		var hrs []string
		for _, k := range kinds {
			hrs = append(hrs, fmt.Sprintf("%s %s", k, decimal.NewFromInt(p.Minutes[k]).Div(decimal.NewFromInt(60)).StringFixed(1)))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s%%\t%d\t%d\t%d\t%d\t%d\t\n", p.Person, strings.Join(hrs, ", "), p.Contributed.StringFixed(2),
			p.Attributed.StringFixed(2), p.Share.Shift(2).StringFixed(2), p.ModulesBuilt, p.ModulesInstalled, p.DesignsBuilt, p.DesignsSold, p.Reputation)
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	fmt.Fprintf(e.stdout, "reputation = modules built + modules installed (completed houses only) + %d per completed house of your design + %d per sold one\n",
		ledger.DesignBuiltPoints, ledger.DesignSoldPoints)
	return exitOK
}
