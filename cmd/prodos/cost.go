package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
	"github.com/opensourceecology/prodos/levels"
	"github.com/shopspring/decimal"
)

func init() {
	register(&command{
		name:    "cost",
		usage:   "cost DESIGN [--format table|json] [--house finished|shell] [--draft] [--packs DIR]",
		summary: "print a design's cost: materials, labor, machine time, by category; plus metrics and warnings",
		run:     runCost,
	})
}

type categoryCostJSON struct {
	Category string `json:"category"`
	Modules  int    `json:"modules"`
	costJSON
}

type costReportJSON struct {
	Design     string             `json:"design"`
	LaborRate  string             `json:"labor_rate"`
	Modules    int                `json:"modules"`
	Materials  string             `json:"materials"`
	Labor      string             `json:"labor"`
	Machine    string             `json:"machine"`
	Total      string             `json:"total"`
	ByCategory []categoryCostJSON `json:"by_category"`
	FloorArea  int                `json:"floor_area_sq_ft"`
	FloorM2    string             `json:"floor_area_m2"`
	PerSqFt    string             `json:"total_per_sq_ft,omitempty"`
	Warnings   []string           `json:"warnings"`
	lifetimeReport
}

func runCost(e *env, args []string) int {
	fs := newFlags(e, "cost")
	format := fs.String("format", "table", "output format: table or json")
	house := fs.String("house", designs.ScopeFinished, "the house the phases, life-cycle cost and repairability are for: finished (with the whole-house items) or shell (the modules)")
	draft := prodDraftFlag(fs)
	in, e, code := prodPreamble(e, fs, args, prodPre{draft: draft, format: format, formats: []string{"table", "json"}, check: func() bool {
		if *house != designs.ScopeFinished && *house != designs.ScopeShell {
			fmt.Fprintf(e.stderr, "prodos: --house must be finished or shell, got %q\n", *house)
			return false
		}
		return true
	}})
	if in == nil {
		return code
	}
	defer in.flush()
	cat, d, file := in.cat, in.d, in.file
	rs, err := levels.Standard()
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: rules: %v\n", err)
		return exitUsage
	}
	eng, err := engine.FromDesign(d, cat, engine.Options{Rules: rs, Scope: *house})
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %s: %v\n", file, err)
		return exitUsage
	}
	c := eng.Cost()
	m := eng.Metrics()
	rep := costReportJSON{Design: d.Name, LaborRate: eng.LabourRate().StringFixed(2), Modules: m.Modules}
	cj := toCostJSON(c)
	rep.Materials, rep.Labor, rep.Machine, rep.Total = cj.Materials, cj.Labor, cj.Machine, cj.Total
	byCat := eng.CostByCategory()
	for _, name := range eng.Categories() {
		if cc, ok := byCat[name]; ok {
			rep.ByCategory = append(rep.ByCategory, categoryCostJSON{Category: name, Modules: m.ByCategory[name], costJSON: toCostJSON(cc)})
		}
	}
	rep.FloorArea = m.FloorAreaSqFt
	rep.FloorM2 = m.FloorAreaM2.StringFixed(2)
	if m.FloorAreaSqFt > 0 {
		rep.PerSqFt = c.Total().Div(decimalInt(m.FloorAreaSqFt)).StringFixed(2)
	}
	rep.lifetimeReport = lifetimeOf(eng, m.FloorAreaSqFt)
	rep.Warnings = []string{}
	for _, v := range eng.Violations() {
		if v.Severity == engine.Soft {
			rep.Warnings = append(rep.Warnings, v.Rule+": "+v.Message)
		}
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return exitProblems
		}
		return exitOK
	}
	fmt.Fprintf(e.stdout, "%s: %d modules, %d sq ft (%s m²)\n\n", rep.Design, rep.Modules, rep.FloorArea, rep.FloorM2)
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "category\tmodules\tmaterials\tlabor\tmachine\ttotal\t\n")
	for _, r := range rep.ByCategory {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t\n", r.Category, r.Modules, r.Materials, r.Labor, r.Machine, r.Total)
	}
	fmt.Fprintf(tw, "total\t%d\t%s\t%s\t%s\t%s\t\n", rep.Modules, rep.Materials, rep.Labor, rep.Machine, rep.Total)
	tw.Flush()
	fmt.Fprintf(e.stdout, "\nlabor at $%s/h; machine time at the rates in rates.toml", rep.LaborRate)
	if rep.PerSqFt != "" {
		fmt.Fprintf(e.stdout, "; $%s per sq ft", rep.PerSqFt)
	}
	fmt.Fprintln(e.stdout)
	printLifetime(e.stdout, rep.lifetimeReport)
	for _, w := range rep.Warnings {
		fmt.Fprintf(e.stdout, "warning: %s\n", w)
	}
	return exitOK
}

func decimalInt(n int) decimal.Decimal { return decimal.NewFromInt(int64(n)) }
