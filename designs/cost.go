package designs

import (
	"sort"

	"github.com/shopspring/decimal"
)

// MaterialQty is an amount of one material.
type MaterialQty struct {
	SKU string
	Qty decimal.Decimal
}

// PartNode is one line of the multi-level (indented) parts list.
type PartNode struct {
	SKU      string // set for a material line
	Assembly string // set for a sub-assembly line
	Name     string
	Qty      decimal.Decimal // per parent
	Children []PartNode
}

// ExplodeModule flattens a module's parts list through its sub-assemblies to
// material quantities, one entry per SKU, sorted by SKU.
func (c *Catalog) ExplodeModule(m *Module) []MaterialQty {
	acc := map[string]decimal.Decimal{}
	c.explode(m.Parts, decimal.NewFromInt(1), acc)
	out := make([]MaterialQty, 0, len(acc))
	for sku, q := range acc {
		out = append(out, MaterialQty{sku, q})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SKU < out[j].SKU })
	return out
}

func (c *Catalog) explode(parts []PartRef, mult decimal.Decimal, acc map[string]decimal.Decimal) {
	for _, p := range parts {
		q := p.Qty.Mul(mult)
		if p.SKU != "" {
			acc[p.SKU] = acc[p.SKU].Add(q)
			continue
		}
		if a := c.Assemblies[p.Assembly]; a != nil {
			c.explode(a.Parts, q, acc)
		}
	}
}

// PartTree is the module's indented parts list (module > sub-assembly > material).
func (c *Catalog) PartTree(m *Module) []PartNode {
	return c.tree(m.Parts)
}

func (c *Catalog) tree(parts []PartRef) []PartNode {
	out := make([]PartNode, 0, len(parts))
	for _, p := range parts {
		n := PartNode{SKU: p.SKU, Assembly: p.Assembly, Qty: p.Qty}
		if p.SKU != "" {
			if mat := c.Materials[p.SKU]; mat != nil {
				n.Name = mat.Description
			}
		} else if a := c.Assemblies[p.Assembly]; a != nil {
			n.Name = a.Name
			n.Children = c.tree(a.Parts)
		}
		out = append(out, n)
	}
	return out
}

// FramingMembers counts the module's lumber cut parts.
func (c *Catalog) FramingMembers(m *Module) int {
	n := 0
	for _, cp := range m.Cuts {
		if mat := c.Materials[cp.SKU]; mat != nil && mat.Kind == KindLumber {
			n += cp.Qty
		}
	}
	return n
}

// OpMinutes is the minutes of one labour operation of a module.
func (c *Catalog) OpMinutes(m *Module, l LabourOp) decimal.Decimal {
	return l.Minutes.Add(l.MinutesPerMember.Mul(decimal.NewFromInt(int64(c.FramingMembers(m)))))
}

// LabourMinutes is the module's build and install minutes.
func (c *Catalog) LabourMinutes(m *Module) (build, install decimal.Decimal) {
	for _, l := range m.Labour {
		if l.Op == "build" {
			build = build.Add(c.OpMinutes(m, l))
		} else {
			install = install.Add(c.OpMinutes(m, l))
		}
	}
	return build, install
}

// MachineMinutes is the module's total machine minutes.
func (m *Module) MachineMinutes() decimal.Decimal {
	var t decimal.Decimal
	for _, mo := range m.Machine {
		t = t.Add(mo.Minutes)
	}
	return t
}

// Cost is a money breakdown. All values are exact decimals.
type Cost struct {
	Materials decimal.Decimal
	Labour    decimal.Decimal
	Machine   decimal.Decimal
}

// Total is materials plus labour plus machine.
func (c Cost) Total() decimal.Decimal { return c.Materials.Add(c.Labour).Add(c.Machine) }

// Add sums two costs.
func (c Cost) Add(o Cost) Cost {
	return Cost{c.Materials.Add(o.Materials), c.Labour.Add(o.Labour), c.Machine.Add(o.Machine)}
}

// Sub subtracts o.
func (c Cost) Sub(o Cost) Cost {
	return Cost{c.Materials.Sub(o.Materials), c.Labour.Sub(o.Labour), c.Machine.Sub(o.Machine)}
}

var sixty = decimal.NewFromInt(60)

// MaterialCost is the sum of the module's material quantities at unit price.
func (c *Catalog) MaterialCost(m *Module) decimal.Decimal {
	var t decimal.Decimal
	for _, mq := range c.ExplodeModule(m) {
		t = t.Add(mq.Qty.Mul(c.Materials[mq.SKU].Price))
	}
	return t
}

// ModuleCost prices one module: materials, labour at labourPerHour (the
// catalog's rate when zero) and machine time at the catalog's machine rates.
// Nothing is rounded: a figure is rounded to the cent once, where it is
// shown, so a design's total is the exact sum over its placements
// (minutes times rate over sixty keeps the 16 significant digits of
// decimal.DivisionPrecision, far below a cent for any number of
// placements).
func (c *Catalog) ModuleCost(m *Module, labourPerHour decimal.Decimal) Cost {
	if labourPerHour.IsZero() {
		labourPerHour = c.Rates.LabourPerHour
	}
	build, install := c.LabourMinutes(m)
	labour := build.Add(install).Mul(labourPerHour).Div(sixty)
	var machine decimal.Decimal
	for _, mo := range m.Machine {
		machine = machine.Add(mo.Minutes.Mul(c.Rates.MachinePerHour[mo.Process]))
	}
	return Cost{Materials: c.MaterialCost(m), Labour: labour, Machine: machine.Div(sixty)}
}

// DesignCost sums ModuleCost over a design's placements. The engine's live,
// incremental cost and the production layer's figures must equal this.
func (c *Catalog) DesignCost(d *Design, labourPerHour decimal.Decimal) Cost {
	var t Cost
	for _, p := range d.Placements {
		if m := c.Modules[p.Module]; m != nil {
			t = t.Add(c.ModuleCost(m, labourPerHour))
		}
	}
	return t
}

// ExplodeParts flattens a parts list through its sub-assemblies to
// material quantities, one entry per SKU, sorted by SKU.
func (c *Catalog) ExplodeParts(parts []PartRef) []MaterialQty {
	return c.ExplodeModule(&Module{Parts: parts})
}
