package designs

import (
	"github.com/shopspring/decimal"
)

// Scopes of a build: a shell is the modules alone (what the levels have
// always priced); a finished house adds the whole-house items.
const (
	ScopeShell    = "shell"
	ScopeFinished = "finished"
)

// Measures are a design's quantities by basis (BasisFloor, ...): sq ft,
// linear ft or counts.
type Measures map[string]int

// Measure derives the bases of the whole-house items from the design's
// geometry: floor and roof area from the cells their modules cover (4 x 4
// ft each), wall lengths from the wall modules' cells (4 ft each),
// openings, cores and houses by count.
func (c *Catalog) Measure(d *Design) Measures {
	m := Measures{}
	cells := map[string]map[[2]int]bool{"floor": {}, "foundation": {}, "roof": {}}
	any := false
	for _, p := range d.Placements {
		mod := c.Modules[p.Module]
		if mod == nil {
			continue
		}
		any = true
		if mod.Placement == OnEdge {
			basis := BasisIntWall
			if mod.Exterior {
				basis = BasisExtWall
			}
			m[basis] += 4 * mod.Cells
			switch {
			case mod.Opening == "window":
				m[BasisWindow]++
			case mod.Opening == "door" && mod.Exterior:
				m[BasisDoor]++
			case mod.Opening == "door":
				m[BasisIntDoor]++
			}
			continue
		}
		if mod.Layer == "core" {
			m[BasisCore]++
		}
		if cells[mod.Layer] == nil {
			continue
		}
		w, h := mod.Footprint(p.Rotation)
		for y := p.Y; y < p.Y+h; y++ {
			for x := p.X; x < p.X+w; x++ {
				cells[mod.Layer][[2]int{x, y}] = true
			}
		}
	}
	floor := len(cells["floor"])
	if floor == 0 {
		floor = len(cells["foundation"])
	}
	m[BasisFloor] = 16 * floor
	m[BasisRoof] = 16 * len(cells["roof"])
	if n := len(d.Houses()); n > 0 {
		m[BasisHouse] = n
	} else if any {
		m[BasisHouse] = 1
	}
	return m
}

// HouseLine is one whole-house item priced for a design: Qty units of its
// basis, their materials at unit price and their on-site minutes.
type HouseLine struct {
	Item      *HouseItem
	Qty       decimal.Decimal
	Materials decimal.Decimal
	Minutes   decimal.Decimal
}

// Cost is the line's materials plus its minutes at labourPerHour.
func (l HouseLine) Cost(labourPerHour decimal.Decimal) Cost {
	return Cost{Materials: l.Materials, Labour: l.Minutes.Mul(labourPerHour).Div(sixty)}
}

// PartsCost is the price of a parts list (through its sub-assemblies).
func (c *Catalog) PartsCost(parts []PartRef) decimal.Decimal {
	acc := map[string]decimal.Decimal{}
	c.explode(parts, decimal.NewFromInt(1), acc)
	var t decimal.Decimal
	for sku, q := range acc {
		if mat := c.Materials[sku]; mat != nil {
			t = t.Add(q.Mul(mat.Price))
		}
	}
	return t
}

// HouseLines prices the whole-house items for a design, in file order,
// leaving out items whose basis the design has none of.
func (c *Catalog) HouseLines(d *Design) []HouseLine {
	ms := c.Measure(d)
	var out []HouseLine
	for _, it := range c.HouseItems {
		n := ms[it.Basis]
		if n == 0 {
			continue
		}
		q := decimal.NewFromInt(int64(n))
		out = append(out, HouseLine{Item: it, Qty: q, Materials: c.PartsCost(it.Parts).Mul(q), Minutes: it.Minutes.Mul(q)})
	}
	return out
}

// WholeHouseCost sums the whole-house items of a design (labour at
// labourPerHour, the catalog's rate when zero).
func (c *Catalog) WholeHouseCost(d *Design, labourPerHour decimal.Decimal) Cost {
	if labourPerHour.IsZero() {
		labourPerHour = c.Rates.LabourPerHour
	}
	var t Cost
	for _, l := range c.HouseLines(d) {
		t = t.Add(l.Cost(labourPerHour))
	}
	return t
}

// PhaseCost is one build phase's share of a design: its cost, its on-site
// minutes (module installs and whole-house items) and its prefabrication
// minutes (module builds at the build stations).
type PhaseCost struct {
	Phase         Phase
	Cost          Cost
	SiteMinutes   decimal.Decimal
	PrefabMinutes decimal.Decimal
}

// PhaseCosts splits a design's cost and labour by build phase, A to G:
// each module in its phase, and for a finished house (scope
// ScopeFinished) each whole-house item in its own.
func (c *Catalog) PhaseCosts(d *Design, labourPerHour decimal.Decimal, scope string) []PhaseCost {
	if labourPerHour.IsZero() {
		labourPerHour = c.Rates.LabourPerHour
	}
	out := make([]PhaseCost, len(c.Phases))
	at := map[string]*PhaseCost{}
	for i, p := range c.Phases {
		out[i].Phase = p
		at[p.ID] = &out[i]
	}
	for _, p := range d.Placements {
		m := c.Modules[p.Module]
		if m == nil || at[m.Phase] == nil {
			continue
		}
		pc := at[m.Phase]
		build, install := c.LabourMinutes(m)
		pc.Cost = pc.Cost.Add(c.ModuleCost(m, labourPerHour))
		pc.SiteMinutes = pc.SiteMinutes.Add(install)
		pc.PrefabMinutes = pc.PrefabMinutes.Add(build)
	}
	if scope == ScopeFinished {
		for _, l := range c.HouseLines(d) {
			if pc := at[l.Item.Phase]; pc != nil {
				pc.Cost = pc.Cost.Add(l.Cost(labourPerHour))
				pc.SiteMinutes = pc.SiteMinutes.Add(l.Minutes)
			}
		}
	}
	return out
}

// ScopeCost is the design's cost for a scope: the modules, plus the
// whole-house items for a finished house.
func (c *Catalog) ScopeCost(d *Design, labourPerHour decimal.Decimal, scope string) Cost {
	t := c.DesignCost(d, labourPerHour)
	if scope == ScopeFinished {
		t = t.Add(c.WholeHouseCost(d, labourPerHour))
	}
	return t
}
