package export

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"sort"
	"strconv"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/buildseq"
	"github.com/shopspring/decimal"
)

// LifetimeFile is the finished house by phase, the 50-year life-cycle cost
// and the repairability of the design.
const LifetimeFile = "lifetime.csv"

// LifetimeCSV is lifetime.csv: the finished house's cost and hours per
// build phase (A to G); then every module and whole-house item with its
// phase, count, service life, replacements in 50 years, first cost,
// maintenance and replacement cost over 50 years (undiscounted) and, for
// modules, how many can be replaced without disturbing another; then the
// totals: life-cycle cost and repairability.
func LifetimeCSV(cat *designs.Catalog, d *designs.Design, rate decimal.Decimal) ([]byte, error) {
	if rate.IsZero() {
		rate = cat.Rates.LabourPerHour
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	sixty := decimal.NewFromInt(60)
	_ = cw.Write([]string{"phase", "name", "materials", "labor", "machine", "total", "site_hours", "build_station_hours", "ose_hours_per_1000_sqft"})
	for _, pc := range cat.PhaseCosts(d, rate, designs.ScopeFinished) {
		_ = cw.Write([]string{pc.Phase.ID, pc.Phase.Name, pc.Cost.Materials.StringFixed(2), pc.Cost.Labour.StringFixed(2), pc.Cost.Machine.StringFixed(2),
			pc.Cost.Total().StringFixed(2), pc.SiteMinutes.Div(sixty).StringFixed(1), pc.PrefabMinutes.Div(sixty).StringFixed(1),
			fmt.Sprintf("%d-%d", pc.Phase.HoursLow, pc.Phase.HoursHigh)})
	}
	_ = cw.Write(nil)
	rests, err := buildseq.RestsOn(d, cat)
	if err != nil {
		return nil, err
	}
	carries := make([]bool, len(rests))
	for _, on := range rests {
		for _, j := range on {
			carries[j] = true
		}
	}
	count, free := map[string]int64{}, map[string]int{}
	for i, p := range d.Placements {
		count[p.Module]++
		if !carries[i] {
			free[p.Module]++
		}
	}
	ids := make([]string, 0, len(count))
	for id := range count {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	_ = cw.Write([]string{"kind", "id", "name", "phase", "quantity", "service_life_years", "replacements_in_50_years", "first_cost", "maintenance_50_years", "replacement_50_years", "total_50_years", "replaceable_alone"})
	row := func(kind, id, name, phase string, qty decimal.Decimal, life int, lc designs.LifeCycle, replaceable string) {
		_ = cw.Write([]string{kind, id, name, phase, qty.String(), strconv.Itoa(life), strconv.FormatInt(designs.Occurrences(life), 10),
			lc.First.StringFixed(2), lc.Maintenance.StringFixed(2), lc.Replacement.StringFixed(2), lc.Total().StringFixed(2), replaceable})
	}
	var total designs.LifeCycle
	for _, id := range ids {
		m, err := cat.Module(id)
		if err != nil {
			return nil, err
		}
		n := decimal.NewFromInt(count[id])
		one := cat.ModuleLifeCycle(m, rate)
		lc := designs.LifeCycle{First: one.First.Mul(n), Maintenance: one.Maintenance.Mul(n), Replacement: one.Replacement.Mul(n)}
		total = total.Add(lc)
		row("module", id, m.Name, m.Phase, n, m.ServiceLife, lc, strconv.Itoa(free[id]))
	}
	all := cat.LifeCycleCost(d, rate, designs.ScopeFinished)
	shell := cat.LifeCycleCost(d, rate, designs.ScopeShell)
	for _, l := range cat.HouseLines(d) {
		one := *cat
		one.HouseItems = []*designs.HouseItem{l.Item}
		lc := one.LifeCycleCost(d, rate, designs.ScopeFinished)
		lc = designs.LifeCycle{First: lc.First.Sub(shell.First), Maintenance: lc.Maintenance.Sub(shell.Maintenance), Replacement: lc.Replacement.Sub(shell.Replacement)}
		row("item", l.Item.ID, l.Item.Name, l.Item.Phase, l.Qty, l.Item.ServiceLife, lc, "")
	}
	_ = cw.Write(nil)
	n, t, err := buildseq.Repairability(d, cat)
	if err != nil {
		return nil, err
	}
	pct := "0.0"
	if t > 0 {
		pct = decimal.NewFromInt(int64(100 * n)).Div(decimal.NewFromInt(int64(t))).StringFixed(1)
	}
	for _, kv := range [][2]string{
		{"life_cycle_years", strconv.Itoa(designs.LifeYears)},
		{"discount_rate", "0"},
		{"first_cost", all.First.StringFixed(2)},
		{"maintenance", all.Maintenance.StringFixed(2)},
		{"replacement", all.Replacement.StringFixed(2)},
		{"life_cycle_cost", all.Total().StringFixed(2)},
		{"repairability_percent", pct},
		{"modules_replaceable_alone", fmt.Sprintf("%d of %d", n, t)},
	} {
		_ = cw.Write(kv[:])
	}
	cw.Flush()
	return buf.Bytes(), cw.Error()
}

// lifetimeSummary is the README's lines on the finished house, its
// life-cycle cost and its repairability.
func lifetimeSummary(cat *designs.Catalog, d *designs.Design, rate decimal.Decimal) string {
	fin := cat.ScopeCost(d, rate, designs.ScopeFinished)
	lc := cat.LifeCycleCost(d, rate, designs.ScopeFinished)
	var b bytes.Buffer
	fmt.Fprintf(&b, "Finished house (lifetime.csv), with site work, siding, wiring, plumbing, drywall, floors and commissioning: total %s (whole-house materials are bought locally, not in the purchase orders)\n",
		fin.Total().StringFixed(2))
	fmt.Fprintf(&b, "50-year life-cycle cost, undiscounted: %s = first %s + maintenance %s + replacements %s\n",
		lc.Total().StringFixed(2), lc.First.StringFixed(2), lc.Maintenance.StringFixed(2), lc.Replacement.StringFixed(2))
	if n, t, err := buildseq.Repairability(d, cat); err == nil && t > 0 {
		fmt.Fprintf(&b, "Repairability: %d of %d modules (%s%%) can be replaced without disturbing another\n", n, t,
			decimal.NewFromInt(int64(100*n)).Div(decimal.NewFromInt(int64(t))).StringFixed(1))
	}
	return b.String()
}
