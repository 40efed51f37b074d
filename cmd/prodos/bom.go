package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing"
)

func init() {
	register(&command{
		name:    "bom",
		usage:   "bom DESIGN [--format csv|json|table] [--indented] [--house shell|finished] [--draft] [--packs DIR]",
		summary: "bill of materials: one line per SKU with waste and whole units, or the indented tree",
		run:     runBOM,
	})
}

// prodHouseID is a house id from a design path: the file name without .toml.
func prodHouseID(path string) string {
	return strings.ReplaceAll(strings.TrimSuffix(filepath.Base(path), ".toml"), " ", "-")
}

type prodBOMLineJSON struct {
	SKU          string `json:"sku"`
	Description  string `json:"description"`
	Quantity     string `json:"quantity"`
	Unit         string `json:"unit"`
	UnitCost     string `json:"unit_cost"`
	ExtendedCost string `json:"extended_cost"`
}

type prodBOMJSON struct {
	Design string            `json:"design"`
	Lines  []prodBOMLineJSON `json:"lines"`
	Total  string            `json:"total"`
	// HouseLines and HouseTotal are the whole-house materials (--house
	// finished), bought locally.
	HouseLines []prodBOMLineJSON `json:"house_lines,omitempty"`
	HouseTotal string            `json:"house_total,omitempty"`
}

func bomLinesJSON(ls []manufacturing.BOMLine) []prodBOMLineJSON {
	out := []prodBOMLineJSON{}
	for _, l := range ls {
		out = append(out, prodBOMLineJSON{l.SKU, l.Description, l.Quantity.String(), l.Unit, l.UnitCost.StringFixed(2), l.ExtendedCost.StringFixed(2)})
	}
	return out
}

type prodBOMNodeJSON struct {
	Level         int    `json:"level"`
	Kind          string `json:"kind"`
	ID            string `json:"id"`
	Name          string `json:"name"`
	Quantity      string `json:"quantity"`
	Unit          string `json:"unit,omitempty"`
	TotalQuantity string `json:"total_quantity"`
}

func runBOM(e *env, args []string) int {
	fs := newFlags(e, "bom")
	format := fs.String("format", "table", "output format: csv, json or table")
	draft := prodDraftFlag(fs)
	indented := fs.Bool("indented", false, "show the tree design > module > sub-assembly > material instead of one line per SKU")
	house := fs.String("house", designs.ScopeShell, "shell: the modules' materials; finished: also the whole-house materials (bought locally)")
	in, e, code := prodPreamble(e, fs, args, prodPre{draft: draft, format: format, formats: []string{"csv", "json", "table"}, check: func() bool {
		if *house != designs.ScopeFinished && *house != designs.ScopeShell {
			fmt.Fprintf(e.stderr, "prodos: --house must be shell or finished, got %q\n", *house)
			return false
		}
		return true
	}})
	if in == nil {
		return code
	}
	defer in.flush()
	cat, d, file := in.cat, in.d, in.file
	if *indented {
		tree, err := manufacturing.IndentedBOM(cat, d)
		if err != nil {
			fmt.Fprintf(e.stderr, "prodos: %s: %v\n", file, err)
			return exitUsage
		}
		return prodWriteBOMTree(e, *format, tree)
	}
	b, err := manufacturing.BuildBOM(cat, d)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %s: %v\n", file, err)
		return exitUsage
	}
	var hb *manufacturing.BOM
	if *house == designs.ScopeFinished {
		hb = manufacturing.HouseBOM(cat, d)
	}
	switch *format {
	case "csv":
		err = b.WriteCSV(e.stdout)
		if err == nil && hb != nil {
			fmt.Fprintln(e.stdout)
			err = hb.WriteCSV(e.stdout)
		}
	case "json":
		out := prodBOMJSON{Design: d.Name, Lines: bomLinesJSON(b.Lines), Total: b.Total.StringFixed(2)}
		if hb != nil {
			out.HouseLines, out.HouseTotal = bomLinesJSON(hb.Lines), hb.Total.StringFixed(2)
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(out)
	default:
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintf(e.stdout, "%s: bill of materials (waste added, whole units)\n", d.Name)
		fmt.Fprintln(tw, "SKU\tDESCRIPTION\tQTY\tUNIT\tUNIT COST\tEXTENDED")
		for _, l := range b.Lines {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", l.SKU, l.Description, l.Quantity, l.Unit,
				l.UnitCost.StringFixed(2), l.ExtendedCost.StringFixed(2))
		}
		fmt.Fprintf(tw, "TOTAL\t\t\t\t\t%s\n", b.Total.StringFixed(2))
		if hb != nil {
			fmt.Fprintf(tw, "\t\t\t\t\t\nWHOLE HOUSE (bought locally)\t\t\t\t\t\n")
			for _, l := range hb.Lines {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", l.SKU, l.Description, l.Quantity, l.Unit, l.UnitCost.StringFixed(2), l.ExtendedCost.StringFixed(2))
			}
			fmt.Fprintf(tw, "WHOLE-HOUSE TOTAL\t\t\t\t\t%s\n", hb.Total.StringFixed(2))
		}
		err = tw.Flush()
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	return exitOK
}

func prodWriteBOMTree(e *env, format string, tree []manufacturing.TreeNode) int {
	var err error
	switch format {
	case "csv":
		cw := csv.NewWriter(e.stdout)
		_ = cw.Write([]string{"level", "kind", "id", "name", "quantity", "unit", "total_quantity"})
		for _, n := range tree {
			_ = cw.Write([]string{fmt.Sprint(n.Level), n.Kind, n.ID, n.Name, n.Qty.String(), n.Unit, n.Total.String()})
		}
		cw.Flush()
		err = cw.Error()
	case "json":
		out := make([]prodBOMNodeJSON, 0, len(tree))
		for _, n := range tree {
			out = append(out, prodBOMNodeJSON{n.Level, n.Kind, n.ID, n.Name, n.Qty.String(), n.Unit, n.Total.String()})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(map[string]any{"tree": out})
	default:
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ITEM\tQTY\tUNIT\tTOTAL QTY")
		for _, n := range tree {
			label := n.ID
			if n.Name != "" && n.Name != n.ID {
				label += "  " + n.Name
			}
			fmt.Fprintf(tw, "%s%s\t%s\t%s\t%s\n", strings.Repeat("  ", n.Level), label, n.Qty, n.Unit, n.Total)
		}
		err = tw.Flush()
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	return exitOK
}
