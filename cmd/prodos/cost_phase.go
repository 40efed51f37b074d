package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
	"github.com/shopspring/decimal"
)

// phaseCostJSON is one build phase of `prodos cost`'s by_phase.
type phaseCostJSON struct {
	Phase string `json:"phase"`
	Name  string `json:"name"`
	costJSON
	SiteHours         string `json:"site_hours"`
	BuildStationHours string `json:"build_station_hours"`
	OSEHoursLow       int    `json:"ose_hours_per_1000_sqft_low"`
	OSEHoursHigh      int    `json:"ose_hours_per_1000_sqft_high"`
}

// houseJSON is the cost of the house in the chosen scope.
type houseJSON struct {
	Scope string `json:"scope"`
	costJSON
	PerSqFt          string `json:"total_per_sq_ft,omitempty"`
	MaterialsPerSqFt string `json:"materials_per_sq_ft,omitempty"`
	PersonHours      string `json:"person_hours"`
}

// lifeCycleJSON is the 50-year life-cycle cost.
type lifeCycleJSON struct {
	Years        int    `json:"years"`
	DiscountRate string `json:"discount_rate"`
	First        string `json:"first"`
	Maintenance  string `json:"maintenance"`
	Replacement  string `json:"replacement"`
	Total        string `json:"total"`
}

// repairJSON is the repairability figure.
type repairJSON struct {
	Replaceable int    `json:"replaceable"`
	Modules     int    `json:"modules"`
	Percent     string `json:"percent"`
}

// lifetimeReport is what `prodos cost` adds for the whole house and its
// lifetime: the scope's cost by phase, the 50-year life-cycle cost and the
// repairability.
type lifetimeReport struct {
	House         houseJSON       `json:"house"`
	ByPhase       []phaseCostJSON `json:"by_phase"`
	LifeCycle     lifeCycleJSON   `json:"life_cycle"`
	Repairability repairJSON      `json:"repairability"`
}

// lifetimeOf computes the lifetime report of the engine's design.
func lifetimeOf(eng *engine.Engine, area int) lifetimeReport {
	var r lifetimeReport
	var total designs.Cost
	var minutes decimal.Decimal
	sixty := decimal.NewFromInt(60)
	for _, pc := range eng.PhaseCosts() {
		total = total.Add(pc.Cost)
		minutes = minutes.Add(pc.SiteMinutes).Add(pc.PrefabMinutes)
		r.ByPhase = append(r.ByPhase, phaseCostJSON{Phase: pc.Phase.ID, Name: pc.Phase.Name, costJSON: toCostJSON(pc.Cost),
			SiteHours: pc.SiteMinutes.Div(sixty).StringFixed(1), BuildStationHours: pc.PrefabMinutes.Div(sixty).StringFixed(1),
			OSEHoursLow: pc.Phase.HoursLow, OSEHoursHigh: pc.Phase.HoursHigh})
	}
	r.House = houseJSON{Scope: eng.Scope(), costJSON: toCostJSON(total), PersonHours: minutes.Div(sixty).StringFixed(1)}
	if area > 0 {
		r.House.PerSqFt = total.Total().Div(decimalInt(area)).StringFixed(2)
		r.House.MaterialsPerSqFt = total.Materials.Div(decimalInt(area)).StringFixed(2)
	}
	lc := eng.LifeCycle()
	r.LifeCycle = lifeCycleJSON{Years: designs.LifeYears, DiscountRate: "0", First: lc.First.StringFixed(2), Maintenance: lc.Maintenance.StringFixed(2),
		Replacement: lc.Replacement.StringFixed(2), Total: lc.Total().StringFixed(2)}
	n, t := eng.Repairability()
	r.Repairability = repairJSON{Replaceable: n, Modules: t, Percent: eng.RepairabilityPercent().StringFixed(1)}
	return r
}

// printLifetime writes the lifetime report as tables.
func printLifetime(w io.Writer, r lifetimeReport) {
	fmt.Fprintf(w, "\n%s house by build phase (OSE's phases; hours on site and at the build stations):\n\n", map[string]string{designs.ScopeShell: "Shell", designs.ScopeFinished: "Finished"}[r.House.Scope])
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "phase\tmaterials\tlabor\tmachine\ttotal\tsite h\tstation h\t\n")
	for _, p := range r.ByPhase {
		fmt.Fprintf(tw, "%s %s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", p.Phase, p.Name, p.Materials, p.Labor, p.Machine, p.Total, p.SiteHours, p.BuildStationHours)
	}
	fmt.Fprintf(tw, "total\t%s\t%s\t%s\t%s\t%s h\t\t\n", r.House.Materials, r.House.Labor, r.House.Machine, r.House.Total, r.House.PersonHours)
	tw.Flush()
	if r.House.PerSqFt != "" {
		fmt.Fprintf(w, "\n%s house: $%s per sq ft, materials $%s per sq ft (docs/fidelity.md)\n", r.House.Scope, r.House.PerSqFt, r.House.MaterialsPerSqFt)
	}
	lc := r.LifeCycle
	fmt.Fprintf(w, "%d-year life-cycle cost: $%s = first $%s + maintenance $%s + replacements $%s (undiscounted)\n", lc.Years, lc.Total, lc.First, lc.Maintenance, lc.Replacement)
	fmt.Fprintf(w, "repairability: %s%% (%d of %d modules replaceable without disturbing another)\n", r.Repairability.Percent, r.Repairability.Replaceable, r.Repairability.Modules)
}
