package commons

import (
	"context"
	"sort"

	"github.com/opensourceecology/prodos/designs"
)

// Detail is everything the design page and GET /api/commons/designs/{hash}
// show: the version, its cost breakdown, bill of materials summary, labour
// hours and remix tree. Money is a string of dollars with cents.
type Detail struct {
	Version    Version           `json:"version"`
	Cost       CostJSON          `json:"cost"`
	LaborRate  string            `json:"labor_rate"`
	ByCategory []CategoryJSON    `json:"cost_by_category"`
	Labor      LaborJSON         `json:"labor_hours"`
	BOM        BOMSummaryJSON    `json:"bom"`
	Lineage    Lineage           `json:"lineage"`
	Downloads  map[string]string `json:"downloads"`
	// Packs are the module packs the design uses (its packs key), as
	// published; empty when it uses none.
	Packs []PackVersion `json:"packs"`
}

// CostJSON is a cost breakdown in dollars.
type CostJSON struct {
	Materials string `json:"materials"`
	Labor     string `json:"labor"`
	Machine   string `json:"machine"`
	Total     string `json:"total"`
}

// CategoryJSON is one category's modules and cost.
type CategoryJSON struct {
	Category string `json:"category"`
	Modules  int    `json:"modules"`
	CostJSON
}

// LaborJSON is labour hours: in the shop (build), on site (install), total.
type LaborJSON struct {
	Build   string `json:"build"`
	Install string `json:"install"`
	Total   string `json:"total"`
}

// BOMSummaryJSON summarises the bill of materials: its line count, totals,
// and the lines that cost most (TopLines of them).
type BOMSummaryJSON struct {
	Lines    int           `json:"lines"`
	Total    string        `json:"total"`
	NetTotal string        `json:"net_total"`
	Top      []BOMLineJSON `json:"top"`
}

// BOMLineJSON is one bill of materials line.
type BOMLineJSON struct {
	SKU          string `json:"sku"`
	Description  string `json:"description"`
	Quantity     string `json:"quantity"`
	Unit         string `json:"unit"`
	ExtendedCost string `json:"extended_cost"`
}

// TopLines is how many of the costliest BOM lines a summary lists.
const TopLines = 10

func costJSON(c designs.Cost) CostJSON {
	return CostJSON{c.Materials.StringFixed(2), c.Labour.StringFixed(2), c.Machine.StringFixed(2), c.Total().StringFixed(2)}
}

// Describe builds a stored version's detail from its design file.
func Describe(ctx context.Context, st Store, cat *designs.Catalog, v Version, design []byte) (*Detail, error) {
	d, cat, err := ParseStored(ctx, st, cat, v.Hash, design)
	if err != nil {
		return nil, err
	}
	a, err := Analyse(d, cat)
	if err != nil {
		return nil, err
	}
	out := &Detail{Version: v, Cost: costJSON(a.Cost), LaborRate: a.LabourRate.StringFixed(2),
		Labor:      LaborJSON{a.BuildHours.StringFixed(1), a.InstallHours.StringFixed(1), a.BuildHours.Add(a.InstallHours).StringFixed(1)},
		BOM:        BOMSummaryJSON{Lines: len(a.BOM.Lines), Total: a.BOM.Total.StringFixed(2), NetTotal: a.BOM.NetTotal.StringFixed(2), Top: []BOMLineJSON{}},
		ByCategory: []CategoryJSON{},
		Downloads: map[string]string{"design": "/commons/" + v.Hash + "/design.toml", "package": "/commons/" + v.Hash + "/package.zip",
			"plan": "/commons/" + v.Hash + "/plan.svg", "page": "/commons/" + v.Hash}}
	for _, c := range a.ByCategory {
		out.ByCategory = append(out.ByCategory, CategoryJSON{c.Category, c.Modules, costJSON(c.Cost)})
	}
	lines := append(a.BOM.Lines[:0:0], a.BOM.Lines...)
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].ExtendedCost.GreaterThan(lines[j].ExtendedCost) })
	for i, l := range lines {
		if i == TopLines {
			break
		}
		out.BOM.Top = append(out.BOM.Top, BOMLineJSON{l.SKU, l.Description, l.Quantity.String(), l.Unit, l.ExtendedCost.StringFixed(2)})
	}
	if out.Lineage, err = LineageOf(ctx, st, v); err != nil {
		return nil, err
	}
	out.Packs = []PackVersion{}
	for _, h := range d.Packs {
		pv, _, err := st.GetPack(ctx, h)
		if err != nil {
			return nil, err
		}
		out.Packs = append(out.Packs, pv)
	}
	return out, nil
}
