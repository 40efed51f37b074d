package designs

import "github.com/shopspring/decimal"

// LifeYears is the horizon of the life-cycle cost: 50 years.
const LifeYears = 50

// LifeCycle is a design's 50-year life-cycle cost, undiscounted (every
// dollar counts the same in any year; see docs/fidelity.md): the first
// cost, the maintenance tasks of every module and item due in the 50 years,
// and the replacements of those whose service life ends in them.
type LifeCycle struct {
	First       decimal.Decimal
	Maintenance decimal.Decimal
	Replacement decimal.Decimal
}

// Total is first cost plus maintenance plus replacement.
func (l LifeCycle) Total() decimal.Decimal { return l.First.Add(l.Maintenance).Add(l.Replacement) }

// Add sums two life-cycle costs.
func (l LifeCycle) Add(o LifeCycle) LifeCycle {
	return LifeCycle{l.First.Add(o.First), l.Maintenance.Add(o.Maintenance), l.Replacement.Add(o.Replacement)}
}

// Occurrences is how many times something recurring every `every` years
// falls due within the 50 years, counting years every, 2*every, ... before
// year 50 (a part worn out in year 50 is the next owner's): 4 for 10
// years, 1 for 25, 0 for 50 or more.
func Occurrences(every int) int64 {
	if every <= 0 {
		return 0
	}
	return int64((LifeYears - 1) / every)
}

// lifeOf is the life-cycle cost of one thing of first cost `first`.
func (c *Catalog) lifeOf(l *Lifetime, first, labourPerHour decimal.Decimal) LifeCycle {
	out := LifeCycle{First: first, Replacement: first.Mul(decimal.NewFromInt(Occurrences(l.ServiceLife)))}
	for _, m := range l.Maintenance {
		one := c.PartsCost(m.Parts).Add(m.Minutes.Mul(labourPerHour).Div(sixty))
		out.Maintenance = out.Maintenance.Add(one.Mul(decimal.NewFromInt(Occurrences(m.Every))))
	}
	return out
}

// ModuleLifeCycle is one module's 50-year life-cycle cost: its cost, its
// maintenance, and a new module (built and installed) at each end of its
// service life.
func (c *Catalog) ModuleLifeCycle(m *Module, labourPerHour decimal.Decimal) LifeCycle {
	if labourPerHour.IsZero() {
		labourPerHour = c.Rates.LabourPerHour
	}
	return c.lifeOf(&m.Lifetime, c.ModuleCost(m, labourPerHour).Total(), labourPerHour)
}

// LifeCycleCost is the design's 50-year life-cycle cost for a scope: every
// placed module, and for a finished house every whole-house item (its
// maintenance per unit of its basis).
func (c *Catalog) LifeCycleCost(d *Design, labourPerHour decimal.Decimal, scope string) LifeCycle {
	if labourPerHour.IsZero() {
		labourPerHour = c.Rates.LabourPerHour
	}
	var t LifeCycle
	per := map[*Module]LifeCycle{}
	for _, p := range d.Placements {
		m := c.Modules[p.Module]
		if m == nil {
			continue
		}
		l, ok := per[m]
		if !ok {
			l = c.ModuleLifeCycle(m, labourPerHour)
			per[m] = l
		}
		t = t.Add(l)
	}
	if scope == ScopeFinished {
		for _, hl := range c.HouseLines(d) {
			l := c.lifeOf(&hl.Item.Lifetime, hl.Cost(labourPerHour).Total(), labourPerHour)
			l.Maintenance = l.Maintenance.Mul(hl.Qty) // a schedule's task is per unit of the basis
			t = t.Add(l)
		}
	}
	return t
}
