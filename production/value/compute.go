package value

import (
	"errors"
	"fmt"
	"sort"

	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/shopspring/decimal"
)

var sixty = decimal.NewFromInt(60)

// Compute credits each ledger entry under the policy, splits each sold
// house's value added among the people credited on it in proportion to
// their credited minutes (Allocate, to the cent), turns the parts into
// shares of all value produced (Allocate, in basis points, so they sum to
// exactly 100 %), and counts reputation from verified lines only.
func Compute(in Input) (*Report, error) {
	if in.Data == nil || in.Catalog == nil || in.Policy == nil {
		return nil, errors.New("value: data, catalog and policy are all needed")
	}
	b := builder{in: in, people: map[string]*Person{}, authors: map[string]string{}, covered: map[[3]string]bool{}}
	for _, h := range in.Data.Houses {
		b.authors[h.ID] = h.Author
	}
	for _, r := range in.Data.Records {
		b.record(r)
	}
	for _, c := range in.Data.Contributions {
		b.claim(c)
	}
	r := &Report{Checked: in.Check != nil, Policy: in.Policy}
	b.split(r)
	for _, p := range b.people {
		sort.SliceStable(p.Lines, func(i, j int) bool {
			a, c := p.Lines[i], p.Lines[j]
			if !a.At.Equal(c.At) {
				return a.At.Before(c.At)
			}
			if a.Key != c.Key {
				return a.Key < c.Key
			}
			return a.Rule < c.Rule
		})
		for _, l := range p.Lines {
			p.Credited = p.Credited.Add(l.Credited)
			if l.Verified {
				p.VerifiedMinutes = p.VerifiedMinutes.Add(l.Credited)
			}
		}
		p.Reputation = p.VerifiedMinutes.Div(sixty).Round(2)
		r.People = append(r.People, *p)
	}
	sort.Slice(r.People, func(i, j int) bool {
		a, c := r.People[i], r.People[j]
		if x := a.Attributed.Cmp(c.Attributed); x != 0 {
			return x > 0
		}
		if x := a.Reputation.Cmp(c.Reputation); x != 0 {
			return x > 0
		}
		return a.Name < c.Name
	})
	shares(r)
	return r, nil
}

type builder struct {
	in      Input
	people  map[string]*Person
	authors map[string]string
	// covered marks {house, person, skill} whose labour counted module
	// records credit at standard time.
	covered map[[3]string]bool
}

func (b *builder) get(name string) *Person {
	p := b.people[name]
	if p == nil {
		p = &Person{Name: name, Claimed: map[string]int64{}}
		b.people[name] = p
	}
	return p
}

// record credits a module record at its standard time, and its design's
// author with the design credit.
func (b *builder) record(r ledger.ProductionRecord) {
	p := b.get(r.Person)
	l := Line{Key: r.Key, At: r.At, Event: ledger.EventModuleBuilt, House: r.House, Module: r.Module,
		Count: r.Count, Worker: r.Person, Witness: r.Witness, Rule: RuleStandardTime}
	if r.Op == "install" {
		l.Event = ledger.EventModuleInstalled
	}
	m := b.in.Catalog.Modules[r.Module]
	switch {
	case m == nil:
		l.Rule = RuleNotInCatalog
	case !b.in.Data.Completed[r.House]:
		l.Rule = RuleNotCompleted
	}
	if m != nil {
		build, install := b.in.Catalog.LabourMinutes(m)
		per := build
		if r.Op == "install" {
			per = install
		}
		l.Standard = per.Mul(decimal.NewFromInt(int64(r.Count)))
	}
	if l.Rule == RuleStandardTime {
		l.Credited, l.Verified = l.Standard, true
		if r.Op == "install" {
			p.ModulesInstalled += r.Count
		} else {
			p.ModulesBuilt += r.Count
		}
		for _, op := range m.Labour {
			if op.Op == r.Op {
				b.covered[[3]string{r.House, r.Person, op.Skill}] = true
			}
		}
		if r.Witness != "" && r.Witness != r.Person && b.in.Check != nil {
			if ok, _ := b.in.Check(r.Witness); ok {
				p.WitnessedEvents++
			}
		}
	}
	p.Lines = append(p.Lines, l)
	if l.Rule != RuleStandardTime {
		return
	}
	b.designCredit(l, r.Count)
}

// designCredit credits the design credit of a module line to the house's
// designers: its ledger author, or the designers along its commons
// lineage, each keeping the policy's lineage.keep of what reaches them.
func (b *builder) designCredit(l Line, count int) {
	chain := b.in.Lineage[l.House]
	if len(chain) == 0 {
		if b.authors[l.House] == "" {
			return
		}
		chain = []string{b.authors[l.House]}
	}
	keep := b.in.Policy.lineageKeep()
	rest := l.Standard.Mul(b.in.Policy.Design.Credit)
	seen := map[string]bool{}
	for i, name := range chain {
		share := rest
		if i < len(chain)-1 {
			share = rest.Mul(keep)
		}
		rest = rest.Sub(share)
		d := l
		d.Rule, d.Credited = RuleDesignCredit, share
		if i > 0 {
			d.Rule, d.Note = RuleLineageCredit, fmt.Sprintf("remixed by %s (%d step(s) back from the version built)", chain[0], i)
		}
		a := b.get(name)
		if !seen[name] {
			a.DesignUses += count
			seen[name] = true
		}
		a.Lines = append(a.Lines, d)
	}
}

// claim credits claimed minutes when a witness signed them.
func (b *builder) claim(c ledger.Contribution) {
	p := b.get(c.Person)
	p.Claimed[c.Kind] += c.Minutes
	l := Line{Key: c.Key, At: c.At, Event: ledger.EventLabour, House: c.House, Worker: c.Person, Kind: c.Kind,
		Witness: c.Witness, Standard: decimal.NewFromInt(c.Minutes)}
	switch {
	case c.Witness == "":
		l.Rule = RuleNoWitness
	case c.Witness == c.Person:
		l.Rule = RuleSelfWitnessed
	case c.Kind == "labour" && b.covered[[3]string{c.House, c.Person, c.Skill}]:
		l.Rule = RuleCoveredByRecords
	case !b.in.Data.Completed[c.House]:
		l.Rule = RuleNotCompleted
	case b.in.Check == nil:
		l.Rule = RuleWitnessUnchecked
		if b.in.Policy.Claims.CountUncheckedWitness {
			l.Credited = l.Standard
		}
	default:
		if ok, why := b.in.Check(c.Witness); ok {
			l.Rule, l.Credited, l.Verified = RuleWitnessed, l.Standard, true
			p.WitnessedEvents++
		} else {
			l.Rule, l.Note = RuleWitnessNotLead, why
		}
	}
	p.Lines = append(p.Lines, l)
}

// split divides each sold house's value added among the people credited
// on it, to the cent.
func (b *builder) split(r *Report) {
	d := b.in.Data
	ids := make([]string, 0, len(d.Sales))
	for h := range d.Sales {
		ids = append(ids, h)
	}
	sort.Strings(ids)
	names := make([]string, 0, len(b.people))
	for n := range b.people {
		names = append(names, n)
	}
	sort.Strings(names)
	onHouse := map[string]map[string]decimal.Decimal{} // house -> person -> credited
	for n, p := range b.people {
		for _, l := range p.Lines {
			if onHouse[l.House] == nil {
				onHouse[l.House] = map[string]decimal.Decimal{}
			}
			onHouse[l.House][n] = onHouse[l.House][n].Add(l.Credited)
		}
	}
	for _, id := range ids {
		h := House{ID: id, Sale: ledger.FromCents(d.Sales[id]), Materials: ledger.FromCents(d.MaterialsCost[id])}
		added := max(d.Sales[id]-d.MaterialsCost[id], 0)
		h.Added = ledger.FromCents(added)
		weights := make([]decimal.Decimal, len(names))
		for i, n := range names {
			weights[i] = onHouse[id][n]
			h.Credited = h.Credited.Add(weights[i])
		}
		r.Sales = r.Sales.Add(h.Sale)
		r.Produced = r.Produced.Add(h.Added)
		r.Houses = append(r.Houses, h)
		if h.Credited.Sign() <= 0 {
			r.Unattributed = r.Unattributed.Add(h.Added)
			continue
		}
		cents := Allocate(added, weights)
		for i, n := range names {
			if weights[i].Sign() <= 0 {
				continue
			}
			p := b.people[n]
			part := Part{House: id, Added: h.Added, Credited: weights[i], HouseCredited: h.Credited,
				Amount: ledger.FromCents(cents[i]), Exact: h.Added.Mul(weights[i]).DivRound(h.Credited, 6)}
			p.Parts = append(p.Parts, part)
			p.Attributed = p.Attributed.Add(part.Amount)
		}
	}
}

// shares allocates 10000 basis points over the attributed amounts and the
// unattributed value, so the shares shown sum to exactly 100 %.
func shares(r *Report) {
	if r.Produced.Sign() <= 0 {
		return
	}
	w := make([]decimal.Decimal, len(r.People)+1)
	for i := range r.People {
		w[i] = r.People[i].Attributed
	}
	w[len(r.People)] = r.Unattributed
	bp := Allocate(10000, w)
	for i := range r.People {
		r.People[i].ShareBP = bp[i]
	}
	r.UnattributedBP = bp[len(r.People)]
}
