package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/opensourceecology/prodos/production/manufacturing"
)

func init() {
	register(&command{
		name:    "bom",
		usage:   "bom DESIGN [--format csv|json|table] [--indented] [--draft] [--packs DIR]",
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
	in, e, code := prodPreamble(e, fs, args, prodPre{draft: draft, format: format, formats: []string{"csv", "json", "table"}})
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
	switch *format {
	case "csv":
		err = b.WriteCSV(e.stdout)
	case "json":
		out := prodBOMJSON{Design: d.Name, Lines: []prodBOMLineJSON{}, Total: b.Total.StringFixed(2)}
		for _, l := range b.Lines {
			out.Lines = append(out.Lines, prodBOMLineJSON{l.SKU, l.Description, l.Quantity.String(), l.Unit,
				l.UnitCost.StringFixed(2), l.ExtendedCost.StringFixed(2)})
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
