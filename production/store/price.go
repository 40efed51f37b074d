package store

import (
	"fmt"
	"sort"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/manufacturing"
	"github.com/opensourceecology/prodos/production/manufacturing/jobs"
	"github.com/shopspring/decimal"
)

// Line is one line of a price breakdown, in dollars with cents.
type Line struct {
	Name     string          `json:"name"`
	Amount   decimal.Decimal `json:"amount"`
	Basis    string          `json:"basis"` // how it was computed
	Estimate bool            `json:"estimate,omitempty"`
}

// Offer is one priced offer of a listing level. Total is the sum of the
// lines, each rounded to cents, so the breakdown adds up exactly.
type Offer struct {
	Level int             `json:"level"`
	Kind  string          `json:"kind"` // built-to-order, kit, production, licence
	Title string          `json:"title"`
	Lines []Line          `json:"lines"`
	Total decimal.Decimal `json:"total"`
}

func (o *Offer) add(name string, amount decimal.Decimal, estimate bool, basis string, a ...any) {
	amount = amount.Round(2)
	o.Lines = append(o.Lines, Line{Name: name, Amount: amount, Basis: fmt.Sprintf(basis, a...), Estimate: estimate})
	o.Total = o.Total.Add(amount)
}

// TrainingStep is one qualification of the training path with the
// challenges that earn it.
type TrainingStep struct {
	Qualification string   `json:"qualification"`
	Name          string   `json:"name"`
	Challenges    []string `json:"challenges"`
	Requires      []string `json:"requires,omitempty"`
}

// Quote is everything a listing shows for one design at one enterprise:
// the three levels, the machines the product needs and whether the shop
// meets their criteria, the training path, and embodied carbon.
type Quote struct {
	Design     string         `json:"design"`
	Name       string         `json:"name"`
	Offers     []Offer        `json:"offers"`
	Machines   []string       `json:"machines"`
	Failures   []string       `json:"criteria_failures"`
	Training   []TrainingStep `json:"training_path"`
	Equipment  []Equipment    `json:"-"`
	FloorSqFt  int            `json:"shop_floor_sq_ft"`
	Carbon     Carbon         `json:"carbon"`
	Licence    string         `json:"design_license"`
	LabourRate decimal.Decimal
}

// Offer returns the quote's offer of a kind (nil when none).
func (q *Quote) Offer(kind string) *Offer {
	for i := range q.Offers {
		if q.Offers[i].Kind == kind {
			return &q.Offers[i]
		}
	}
	return nil
}

// Inputs are what a quote is derived from.
type Inputs struct {
	Hash    string
	Design  *designs.Design
	Catalog *designs.Catalog
	Site    Site
	Shop    *designs.Shop
	Quals   *training.Quals
	Data    *Data
	// Suppliers are every known supplier; the site's list (when not
	// empty) picks the ones materials are bought from.
	Suppliers []*designs.Supplier
}

// sourceMaterials buys the bill of materials from the site's suppliers
// (all known ones when the site names none) under the local-first policy
// of prodos source: pack sizes and minimum orders included.
func sourceMaterials(in Inputs, b *manufacturing.BOM) (*manufacturing.SourcingPlan, error) {
	sups := in.Suppliers
	if len(in.Site.Suppliers) > 0 {
		pick := set(in.Site.Suppliers)
		sups = nil
		for _, s := range in.Suppliers {
			if pick[s.ID] {
				sups = append(sups, s)
			}
		}
	}
	plan, err := manufacturing.Source(b, sups, manufacturing.SourceRequest{Policy: manufacturing.PolicyLocal})
	if err != nil {
		return nil, fmt.Errorf("%w: %s: materials cannot be sourced from the site's suppliers: %w", ErrRefused, in.Design.Name, err)
	}
	return plan, nil
}

// Price derives a design's quote at an enterprise: nothing is typed, every
// figure comes from the design, the catalog, the site profile and the
// store's reference data.
func Price(in Inputs) (*Quote, error) {
	a, err := commons.Analyse(in.Design, in.Catalog)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.Design.Name, err)
	}
	plan, err := jobs.Build(in.Design, in.Catalog, in.Shop)
	if err != nil {
		return nil, fmt.Errorf("%s: machine jobs: %w", in.Design.Name, err)
	}
	q := &Quote{Design: in.Hash, Name: in.Design.Name, Licence: in.Design.License, LabourRate: in.Site.LabourRate}
	q.Machines = machinesUsed(plan)
	for _, f := range in.Data.CheckMachines(in.Site, in.Shop, q.Machines) {
		q.Failures = append(q.Failures, f.String())
	}
	machineHours := decimal.Zero
	for _, m := range plan.MachineMinutes() {
		machineHours = machineHours.Add(m)
	}
	machineHours = machineHours.Div(decimal.NewFromInt(60)).Round(1)
	src, err := sourceMaterials(in, a.BOM)
	if err != nil {
		return nil, err
	}
	mat := Line{Name: "materials", Amount: src.Total, Basis: fmt.Sprintf("bill of materials bought from %d supplier(s) of the site (purchase orders, local first; pack sizes and minimums included)", len(src.Orders))}
	q.Offers = append(q.Offers,
		productOffer(in.Site, "built-to-order", "The house, built to order", mat, a.Cost.Machine, a.BuildHours.Add(a.InstallHours), "shop build and site install"),
		productOffer(in.Site, "kit", "Kit of cut parts", mat, a.Cost.Machine, machineHours, "machine operation"))
	q.Training = trainingPath(in, plan)
	q.Offers = append(q.Offers, productionOffer(in, q))
	q.Offers = append(q.Offers, licenceOffer(in))
	q.Carbon = CarbonOf(a.BOM, in.Catalog, in.Data.Factors)
	return q, nil
}

func machinesUsed(plan *jobs.Plan) []string {
	seen := map[string]bool{}
	var out []string
	for _, j := range plan.Jobs {
		if !seen[j.Machine] {
			seen[j.Machine] = true
			out = append(out, j.Machine)
		}
	}
	sort.Strings(out)
	return out
}

// productOffer is level 1: materials, labour at the site's rate, machine
// time, overhead on the direct cost and the margin on the full cost.
func productOffer(s Site, kind, title string, mat Line, machine, hours decimal.Decimal, what string) Offer {
	o := Offer{Level: LevelProduct, Kind: kind, Title: title}
	o.add(mat.Name, mat.Amount, false, "%s", mat.Basis)
	o.add("labour", hours.Mul(s.LabourRate), false, "%s h of %s at %s/h (site labour rate)", hours, what, s.LabourRate.StringFixed(2))
	o.add("machine time", machine, false, "machine minutes at designs/data/rates.toml machine rates")
	direct := o.Total
	o.add("overhead", direct.Mul(s.Overhead), false, "%s of the direct cost %s", pct(s.Overhead), direct.StringFixed(2))
	full := o.Total
	o.add("margin", full.Mul(s.Margin), false, "%s of the full cost %s", pct(s.Margin), full.StringFixed(2))
	return o
}

func pct(share decimal.Decimal) string { return share.Shift(2).String() + "%" }

// trainingPath lists the qualifications the product's work needs: each
// module's build and install qualification and each machine job's.
func trainingPath(in Inputs, plan *jobs.Plan) []TrainingStep {
	need := map[string]bool{}
	for _, p := range in.Design.Placements {
		if m := in.Catalog.Modules[p.Module]; m != nil {
			need[m.BuildQual], need[m.InstallQual] = true, true
		}
	}
	for _, j := range plan.Jobs {
		need[j.Qualification] = true
	}
	delete(need, "")
	var out []TrainingStep
	for _, ql := range in.Quals.List {
		if !need[ql.ID] {
			continue
		}
		st := TrainingStep{Qualification: ql.ID, Name: ql.Name, Requires: ql.Requires}
		for _, c := range ql.Challenges {
			st.Challenges = append(st.Challenges, fmt.Sprintf("%s (score %d)", c.Challenge, c.MinScore))
		}
		out = append(out, st)
	}
	return out
}

// productionOffer is level 2: training a crew on the path and the
// microfactory's machines and tools, at cost, plus the margin.
func productionOffer(in Inputs, q *Quote) Offer {
	mf := in.Data.Microfactory
	o := Offer{Level: LevelProduction, Kind: "production", Title: "Its production: training path and microfactory"}
	hours := mf.TrainingHours.Mul(decimal.NewFromInt(int64(len(q.Training))))
	o.add("training", hours.Mul(in.Site.LabourRate), true, "%d qualifications x %s h (%s) at %s/h", len(q.Training), mf.TrainingHours, mf.TrainingSource, in.Site.LabourRate.StringFixed(2))
	procs := map[string]int{}
	for _, id := range q.Machines {
		if m := machineOf(in.Shop, id); m != nil {
			procs[m.Process]++
		}
	}
	names := make([]string, 0, len(procs))
	for p := range procs {
		names = append(names, p)
	}
	sort.Strings(names)
	q.FloorSqFt = mf.AssemblyFloor
	for _, p := range names {
		eq, ok := in.Data.EquipmentFor(p)
		if !ok {
			continue
		}
		q.Equipment = append(q.Equipment, eq)
		n := decimal.NewFromInt(int64(procs[p]))
		q.FloorSqFt += eq.FloorSqFt * procs[p]
		o.add("machine: "+eq.Name, eq.Price.Mul(n), eq.Estimate, "%d x %s (%s)", procs[p], eq.Price.StringFixed(2), eq.Source)
	}
	crew := decimal.NewFromInt(4)
	for _, t := range mf.Tools {
		o.add("tools: "+t.Name, t.Price.Mul(crew), t.Estimate, "4 crew members x %s per %s (%s)", t.Price.StringFixed(2), t.Per, t.Source)
	}
	full := o.Total
	o.add("margin", full.Mul(in.Site.Margin), false, "%s of %s", pct(in.Site.Margin), full.StringFixed(2))
	return o
}

// licenceOffer is level 3: the enterprise's distribution licence fee.
func licenceOffer(in Inputs) Offer {
	o := Offer{Level: LevelLicence, Kind: "licence", Title: "Distribution licence"}
	o.add("licence fee", in.Site.LicenceFee, false, "the enterprise's fee (site profile); the design itself stays open under %s", in.Design.License)
	return o
}
