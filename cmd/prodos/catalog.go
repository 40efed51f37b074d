package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

func init() {
	register(&command{
		name:    "catalog",
		usage:   "catalog [--format table|json] [--labour-rate USD_PER_HOUR] [--packs DIR]",
		summary: "list every module with category, size and unit cost",
		run:     runCatalog,
	})
}

type catalogRow struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Category string   `json:"category"`
	Size     string   `json:"size"`
	Cost     costJSON `json:"unit_cost"`
}

// costJSON is the money breakdown as decimal strings (keys are a public contract).
type costJSON struct {
	Materials string `json:"materials"`
	Labor     string `json:"labor"`
	Machine   string `json:"machine"`
	Total     string `json:"total"`
}

func toCostJSON(c designs.Cost) costJSON {
	return costJSON{c.Materials.StringFixed(2), c.Labour.StringFixed(2), c.Machine.StringFixed(2), c.Total().StringFixed(2)}
}

// moduleSize describes a module's size in feet: "4x8 ft wall, 8 ft tall".
func moduleSize(m *designs.Module) string {
	ft := func(cells int) int { return cells * 4 }
	if m.Placement == designs.OnEdge {
		return fmt.Sprintf("%d ft wall x %s in tall", ft(m.Cells), m.Height)
	}
	return fmt.Sprintf("%dx%d ft", ft(m.Cells), ft(m.Depth))
}

func loadCatalog(e *env) (*designs.Catalog, bool) {
	cat, err := designs.DefaultCatalog()
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: module library: %v\n", err)
		return nil, false
	}
	return withOverlay(e, cat)
}

// loadDesign loads a design file argument, printing each problem as
// file:line:col: message. Callers exit with exitUsage when it fails.
func loadDesign(e *env, cat *designs.Catalog, path string) (*designs.Design, bool) {
	d, err := designs.LoadDesign(path, cat)
	if err != nil {
		for _, pe := range designs.Errors(err) {
			if pe.File == "" {
				pe.File = path
			}
			fmt.Fprintln(e.stderr, pe.Error())
		}
		return nil, false
	}
	return d, true
}

func runCatalog(e *env, args []string) int {
	fs := newFlags(e, "catalog")
	format := fs.String("format", "table", "output format: table or json")
	rate := fs.String("labour-rate", "", "labour rate in USD per hour (default: the catalog's rate)")
	packs := fs.String(packsFlagName, "", "also list the modules of every module pack in this folder")
	if _, ok := cliArgs(e, fs, args, cliSpec{format: format, formats: []string{"table", "json"},
		args: func([]string) bool { return true }}); !ok { // arguments after the flags are ignored
		return exitUsage
	}
	cat, ok := loadCatalog(e)
	if !ok {
		return exitUsage
	}
	if *packs != "" {
		var err error
		if cat, err = designs.LoadPackDir(*packs, cat); err != nil {
			for _, pe := range designs.Errors(err) {
				fmt.Fprintln(e.stderr, pe.Error())
			}
			return exitUsage
		}
	}
	labour := cat.Rates.LabourPerHour
	if *rate != "" {
		r, err := decimal.NewFromString(*rate)
		if err != nil || r.Sign() <= 0 {
			fmt.Fprintf(e.stderr, "prodos: --labour-rate must be a positive number, got %q\n", *rate)
			return exitUsage
		}
		labour = r
	}
	var rows []catalogRow
	for _, id := range cat.ModuleIDs() {
		m := cat.Modules[id]
		rows = append(rows, catalogRow{ID: id, Name: m.Name, Category: m.Category, Size: moduleSize(m), Cost: toCostJSON(cat.ModuleCost(m, labour))})
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rows); err != nil {
			return exitProblems
		}
		return exitOK
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "id\tname\tcategory\tsize\tmaterials\tlabour\tmachine\tunit cost\t\n")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.ID, r.Name, r.Category, r.Size, r.Cost.Materials, r.Cost.Labor, r.Cost.Machine, r.Cost.Total)
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "labour at $%s/h; machine time at the rates in rates.toml\n", labour.StringFixed(2))
	return exitOK
}
