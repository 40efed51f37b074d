package asbuilt

import (
	"fmt"
	"sort"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

// Figure is one measured figure of a module: the median of its samples,
// their lowest and highest, how many, and the catalog's current value.
type Figure struct {
	Median  decimal.Decimal `json:"median"`
	Low     decimal.Decimal `json:"low"`
	High    decimal.Decimal `json:"high"`
	Records int             `json:"records"`
	Default decimal.Decimal `json:"default"`
}

// Proposal is what the as-built records say about one module.
type Proposal struct {
	Module  string  `json:"module"`
	Build   *Figure `json:"build_minutes,omitempty"`
	Install *Figure `json:"install_minutes,omitempty"`
	Waste   *Figure `json:"waste,omitempty"`
}

// Calibration is the proposals of Calibrate, by module id, with the houses
// they came from.
type Calibration struct {
	Houses    []string   `json:"houses"`
	Proposals []Proposal `json:"modules"`
}

// WasteDigits is the decimal places a waste share is rounded to.
const WasteDigits = 4

// Calibrate proposes, per module, labour minutes (build and install: the
// median of the tasks' actual minutes, a task recorded in several records
// summed first) and a waste share (per record with materials: the value of
// the materials wasted over the value of the materials used, at catalog
// prices, rounded to WasteDigits places; then the median). Records of
// modules the catalog does not have are an error.
func Calibrate(cat *designs.Catalog, recs []Record) (*Calibration, error) {
	type key struct{ house, task string }
	minutes := map[key]decimal.Decimal{}
	var order []key
	byModule := map[string]*[3][]decimal.Decimal{} // build, install, waste samples
	houses := map[string]bool{}
	ensure := func(id string) *[3][]decimal.Decimal {
		if byModule[id] == nil {
			byModule[id] = &[3][]decimal.Decimal{}
		}
		return byModule[id]
	}
	opOf := map[key]string{}
	modOf := map[key]string{}
	for _, r := range recs {
		if cat.Modules[r.Module] == nil {
			return nil, fmt.Errorf("house %s, task %s: unknown module %q", r.House, r.Task, r.Module)
		}
		houses[r.House] = true
		k := key{r.House, r.Task}
		if _, ok := minutes[k]; !ok {
			order = append(order, k)
		}
		minutes[k] = minutes[k].Add(r.ActualMinutes)
		opOf[k], modOf[k] = r.Op, r.Module
		if share, ok := wasteShare(cat, r); ok {
			s := ensure(r.Module)
			s[2] = append(s[2], share)
		}
	}
	for _, k := range order {
		s := ensure(modOf[k])
		i := 0
		if opOf[k] == "install" {
			i = 1
		}
		s[i] = append(s[i], minutes[k])
	}
	c := &Calibration{}
	for h := range houses {
		c.Houses = append(c.Houses, h)
	}
	sort.Strings(c.Houses)
	ids := make([]string, 0, len(byModule))
	for id := range byModule {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		m := cat.Modules[id]
		build, install := cat.LabourMinutes(m)
		s := byModule[id]
		c.Proposals = append(c.Proposals, Proposal{Module: id, Build: figure(s[0], build), Install: figure(s[1], install),
			Waste: figure(s[2], DefaultWaste(cat, m))})
	}
	return c, nil
}

// wasteShare is a record's wasted value over its used value at catalog
// prices; false when it used nothing of value.
func wasteShare(cat *designs.Catalog, r Record) (decimal.Decimal, bool) {
	value := func(list []MaterialQty) decimal.Decimal {
		var v decimal.Decimal
		for _, m := range list {
			if mat := cat.Materials[m.SKU]; mat != nil {
				v = v.Add(m.Qty.Mul(mat.Price))
			}
		}
		return v
	}
	used := value(r.Used)
	if used.Sign() <= 0 {
		return decimal.Zero, false
	}
	return value(r.Wasted).DivRound(used, WasteDigits), true
}

// DefaultWaste is the catalog's waste share of a module: its materials'
// waste shares weighted by their value, rounded to WasteDigits places (the
// module's overlay waste when it has one).
func DefaultWaste(cat *designs.Catalog, m *designs.Module) decimal.Decimal {
	if m.Waste != nil {
		return *m.Waste
	}
	var value, waste decimal.Decimal
	for _, mq := range cat.ExplodeModule(m) {
		mat := cat.Materials[mq.SKU]
		if mat == nil {
			continue
		}
		v := mq.Qty.Mul(mat.Price)
		value = value.Add(v)
		waste = waste.Add(v.Mul(mat.Waste))
	}
	if value.IsZero() {
		return decimal.Zero
	}
	return waste.DivRound(value, WasteDigits)
}

// figure summarises samples; nil for none.
func figure(samples []decimal.Decimal, def decimal.Decimal) *Figure {
	if len(samples) == 0 {
		return nil
	}
	s := append([]decimal.Decimal(nil), samples...)
	sort.Slice(s, func(i, j int) bool { return s[i].LessThan(s[j]) })
	return &Figure{Median: Median(s), Low: s[0], High: s[len(s)-1], Records: len(s), Default: def}
}

// Median is the middle of sorted values (the mean of the two middle ones
// for an even count); exact.
func Median(sorted []decimal.Decimal) decimal.Decimal {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return sorted[n/2-1].Add(sorted[n/2]).Div(decimal.NewFromInt(2))
}

// Overlay turns the calibration into a site overlay, each figure with its
// record count, spread and source.
func (c *Calibration) Overlay() *designs.Overlay {
	o := &designs.Overlay{Source: "as-built records of houses " + strings.Join(c.Houses, ", ") + " (prodos calibrate: medians)"}
	for _, p := range c.Proposals {
		om := designs.OverlayModule{ID: p.Module}
		var notes []string
		if f := p.Build; f != nil {
			om.BuildMinutes, om.BuildRecords, om.BuildSpread = ptr(f.Median), f.Records, []decimal.Decimal{f.Low, f.High}
			notes = append(notes, fmt.Sprintf("build %s min (default %s)", f.Median, f.Default))
		}
		if f := p.Install; f != nil {
			om.InstallMinutes, om.InstallRecords, om.InstallSpread = ptr(f.Median), f.Records, []decimal.Decimal{f.Low, f.High}
			notes = append(notes, fmt.Sprintf("install %s min (default %s)", f.Median, f.Default))
		}
		if f := p.Waste; f != nil {
			om.Waste, om.WasteRecords, om.WasteSpread = ptr(f.Median), f.Records, []decimal.Decimal{f.Low, f.High}
			notes = append(notes, fmt.Sprintf("waste %s (default %s)", f.Median, f.Default))
		}
		om.Source = "as-built median: " + strings.Join(notes, "; ")
		o.Modules = append(o.Modules, om)
	}
	return o
}

func ptr(d decimal.Decimal) *decimal.Decimal { return &d }
