// Package jobs turns a design's cut parts into the machine jobs a shop runs:
// the sheet nesting and one CNC router program per sheet, the lumber cut list
// of each saw station, a queue per machine from the shop profile, and the
// operator of each job, chosen only among crew members holding the job's
// qualification.
package jobs

import (
	"fmt"
	"sort"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing/cutlist"
	"github.com/opensourceecology/prodos/production/manufacturing/nesting"
	"github.com/shopspring/decimal"
)

// Job is one machine program.
type Job struct {
	ID            string          `json:"id"`
	Machine       string          `json:"machine"`
	Process       string          `json:"process"`
	Material      string          `json:"material"`
	Program       string          `json:"program"` // file, relative to the package folder
	Minutes       decimal.Decimal `json:"minutes"` // estimated run time
	Qualification string          `json:"qualification"`
	Operator      string          `json:"operator,omitempty"`
	// Start and End are minutes from the start of the machine's queue; Day
	// is the shop day (1-based) the job starts on.
	Start decimal.Decimal `json:"start_minute"`
	End   decimal.Decimal `json:"end_minute"`
	Day   int             `json:"day"`
}

// Queue is the ordered work of one machine.
type Queue struct {
	Machine designs.Machine
	Jobs    []*Job
}

// Minutes is the queue's total run time.
func (q *Queue) Minutes() decimal.Decimal {
	var t decimal.Decimal
	for _, j := range q.Jobs {
		t = t.Add(j.Minutes)
	}
	return t
}

// ShopDays is the number of shop days of hoursPerDay hours the queue
// takes: its total run time from the queue's start over the working day,
// rounded up (0 for an empty queue).
func (q *Queue) ShopDays(hoursPerDay int) int {
	if len(q.Jobs) == 0 {
		return 0
	}
	day := decimal.NewFromInt(int64(max(1, hoursPerDay) * 60))
	return int(q.Jobs[len(q.Jobs)-1].End.Div(day).Ceil().IntPart())
}

// Plan is the shop work of one design.
type Plan struct {
	Design string
	// DesignSHA256 is the design's hash (designs.Design.SHA256); every
	// G-code and DXF file names it in its header.
	DesignSHA256 string
	Shop         *designs.Shop
	Router       *designs.Machine // nil when the design has no sheet parts
	Layout       *nesting.Layout
	Programs     map[string]*nesting.Program // by sheet name; sheets with no cut have none
	Cuts         *cutlist.Plan
	Stations     []*cutlist.Station
	Jobs         []*Job
	Queues       []*Queue
	// Crew is the crew AssignCrew gave the jobs to (nil before).
	Crew *designs.Crew
}

// SheetKerf is the gap kept between nested parts: the shop's kerf, but never
// less than the router bit, because each part is cut around its own outline
// and the bit's path must not enter the neighbouring part.
func SheetKerf(shop *designs.Shop, router *designs.Machine) designs.Length {
	k := shop.Kerf
	if router != nil && router.ToolDiameter > k {
		k = router.ToolDiameter
	}
	return k
}

var sixty = decimal.NewFromInt(60)

// Build nests the design's sheet parts, writes a router program per sheet,
// plans the lumber cut lists, and queues every job on the shop's machines.
// A shop without a router (or saw) for the design's parts is an error naming
// what cannot be made.
func Build(d *designs.Design, cat *designs.Catalog, shop *designs.Shop) (*Plan, error) {
	p := &Plan{Design: d.Name, DesignSHA256: d.SHA256(), Shop: shop, Programs: map[string]*nesting.Program{}}
	parts, err := nesting.PartsFromDesign(d, cat)
	if err != nil {
		return nil, err
	}
	var routers []designs.Machine
	for _, m := range shop.Machines {
		if m.Process == "cnc-router" {
			routers = append(routers, m)
		}
	}
	if len(parts) > 0 && len(routers) == 0 {
		return nil, fmt.Errorf("shop %s has no cnc-router to cut the design's %d sheet parts (first: %s of %s)", shop.ID, len(parts), parts[0].Name, parts[0].Module)
	}
	if len(routers) > 0 {
		p.Router = &routers[0]
	}
	p.Layout, err = nesting.NestParts(parts, cat, SheetKerf(shop, p.Router))
	if err != nil {
		return nil, err
	}
	// One program per sheet that needs cutting, shared out longest first to
	// the least busy router.
	var cnc []*Job
	for _, s := range p.Layout.Sheets() {
		prog, err := nesting.GCode(s, *p.Router)
		if err != nil {
			return nil, err
		}
		if prog.Cuts == 0 {
			continue // a whole sheet goes straight to assembly
		}
		p.Programs[s.Name()] = prog
		cnc = append(cnc, &Job{ID: "cnc-" + s.Name(), Process: "cnc-router", Material: s.SKU,
			Program: "gcode/" + s.Name() + ".nc", Minutes: decimal.NewFromFloat(prog.Seconds).Div(sixty).Round(1),
			Qualification: p.Router.Qualification})
	}
	p.Jobs = append(p.Jobs, share(cnc, routers)...)

	p.Cuts, err = cutlist.PlanDesign(d, cat, shop.Kerf)
	if err != nil {
		return nil, err
	}
	p.Stations, err = cutlist.Stations(p.Cuts, shop)
	if err != nil {
		return nil, err
	}
	for _, st := range p.Stations {
		if len(st.Bars) == 0 {
			continue
		}
		mats := map[string]bool{}
		for _, b := range st.Bars {
			mats[b.Stock.SKU] = true
		}
		skus := make([]string, 0, len(mats))
		for s := range mats {
			skus = append(skus, s)
		}
		sort.Strings(skus)
		p.Jobs = append(p.Jobs, &Job{ID: "cuts-" + st.Machine.ID, Machine: st.Machine.ID, Process: st.Machine.Process,
			Material: materialList(skus), Program: "cutlists/" + st.Machine.ID + ".csv",
			Minutes: st.Seconds().Div(sixty).Round(1), Qualification: st.Machine.Qualification})
	}
	p.Queues = queues(p.Jobs, shop)
	return p, nil
}

// share gives each job to the router that frees up first (jobs longest
// first), keeping the sheets' order within a router.
func share(jobs []*Job, routers []designs.Machine) []*Job {
	if len(jobs) == 0 {
		return nil
	}
	order := append([]*Job(nil), jobs...)
	sort.SliceStable(order, func(i, j int) bool { return order[i].Minutes.GreaterThan(order[j].Minutes) })
	load := make([]decimal.Decimal, len(routers))
	for _, j := range order {
		best := 0
		for k := range routers {
			if load[k].LessThan(load[best]) {
				best = k
			}
		}
		j.Machine = routers[best].ID
		load[best] = load[best].Add(j.Minutes)
	}
	return jobs
}

// queues orders each machine's jobs and times them from the queue's start,
// with the shop's working day for the day number.
func queues(jobs []*Job, shop *designs.Shop) []*Queue {
	dayMinutes := decimal.NewFromInt(int64(max(1, shop.HoursPerDay) * 60))
	var out []*Queue
	for _, m := range shop.Machines {
		q := &Queue{Machine: m}
		var t decimal.Decimal
		for _, j := range jobs {
			if j.Machine != m.ID {
				continue
			}
			j.Start = t
			t = t.Add(j.Minutes)
			j.End = t
			j.Day = int(j.Start.Div(dayMinutes).IntPart()) + 1
			q.Jobs = append(q.Jobs, j)
		}
		out = append(out, q)
	}
	return out
}

// RefusalError is an assignment refused because the operator lacks the
// job's qualification, or no one on the crew holds it.
type RefusalError struct {
	Job, Operator, Qualification string
	Reason                       string
}

func (e *RefusalError) Error() string { return e.Reason }

// Assign gives a job to a crew member, refusing (with a *RefusalError that
// says why) when the member does not hold the job's qualification.
func Assign(j *Job, m *designs.Member) error {
	if !m.Has(j.Qualification) {
		return &RefusalError{Job: j.ID, Operator: m.ID, Qualification: j.Qualification,
			Reason: fmt.Sprintf("job %s on %s needs qualification %q; %s (%s) holds %v", j.ID, j.Machine, j.Qualification, m.ID, m.Name, m.Qualifications)}
	}
	j.Operator = m.ID
	return nil
}

// AssignCrew gives every job to a qualified crew member, the one with the
// least work so far. Jobs no one is qualified for are refused; the error
// lists them all (errors.As finds the first *RefusalError).
func (p *Plan) AssignCrew(c *designs.Crew) error {
	p.Crew = c
	load := map[string]decimal.Decimal{}
	var refused []error
	for _, j := range p.Jobs {
		cands := c.Qualified(j.Qualification)
		if len(cands) == 0 {
			refused = append(refused, &RefusalError{Job: j.ID, Qualification: j.Qualification,
				Reason: fmt.Sprintf("job %s on %s needs qualification %q and no one on crew %s holds it", j.ID, j.Machine, j.Qualification, crewLabel(c))})
			continue
		}
		best := cands[0]
		for _, m := range cands[1:] {
			if load[m.ID].LessThan(load[best.ID]) {
				best = m
			}
		}
		if err := Assign(j, best); err != nil {
			refused = append(refused, err)
			continue
		}
		load[best.ID] = load[best.ID].Add(j.Minutes)
	}
	if len(refused) > 0 {
		return joinRefusals(refused)
	}
	return nil
}

// crewLabel names a crew in a refusal: its id, and its people when the
// crew is made of profiles (their qualifications are verified).
func crewLabel(c *designs.Crew) string {
	if !c.Verified {
		return c.ID
	}
	ids := make([]string, len(c.Members))
	for i, m := range c.Members {
		ids[i] = m.ID
	}
	return fmt.Sprintf("%s (%s; qualifications verified)", c.ID, strings.Join(ids, ", "))
}

type refusals []error

func (r refusals) Error() string {
	s := fmt.Sprintf("%d job(s) refused:", len(r))
	for _, e := range r {
		s += "\n  " + e.Error()
	}
	return s
}

func (r refusals) Unwrap() []error { return r }

func joinRefusals(errs []error) error { return refusals(errs) }

// MachineMinutes is the total estimated run time of the jobs by process.
func (p *Plan) MachineMinutes() map[string]decimal.Decimal {
	out := map[string]decimal.Decimal{}
	for _, j := range p.Jobs {
		out[j.Process] = out[j.Process].Add(j.Minutes)
	}
	return out
}

// Buy is the sheet and lumber stock to buy, by SKU (feeds the BOM).
func (p *Plan) Buy() map[string]int {
	out := p.Cuts.Buy()
	for sku, n := range p.Layout.Buy() {
		out[sku] += n
	}
	return out
}

// StockToBuy is the sheet and lumber stock a design needs in the shop, by
// SKU: the sheets of the nesting and the stock lengths of the cut lists. The
// lumber lines equal the BOM's: manufacturing.BuildBOM plans the same cut list.
func StockToBuy(d *designs.Design, cat *designs.Catalog, shop *designs.Shop) (map[string]int, error) {
	p, err := Build(d, cat, shop)
	if err != nil {
		return nil, err
	}
	return p.Buy(), nil
}
