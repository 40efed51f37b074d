package ledger

import (
	"sort"

	"github.com/shopspring/decimal"
)

// Reputation weights: one point per verified module built or installed,
// DesignBuiltPoints per completed house of a person's design and
// DesignSoldPoints per sold house of it.
const (
	DesignBuiltPoints = 5
	DesignSoldPoints  = 10
)

// PersonValue is one person's line of the value report.
type PersonValue struct {
	Person string
	// Minutes of contributed work by kind (labour, design, training, review).
	Minutes map[string]int64
	// Contributed is the value of the person's contributions at the
	// recorded rates, over all houses.
	Contributed decimal.Decimal
	// Attributed is the person's part of the value added by every sold
	// house (sale price less materials), in proportion to their part of
	// that house's contributions.
	Attributed decimal.Decimal
	// Share is Attributed over the value produced by all sold houses
	// (0..1); zero when nothing has sold.
	Share decimal.Decimal
	// Verified production output: modules built and installed on
	// completed houses, and houses of the person's designs completed and sold.
	ModulesBuilt     int
	ModulesInstalled int
	DesignsBuilt     int
	DesignsSold      int
	// Reputation is ModulesBuilt + ModulesInstalled +
	// DesignBuiltPoints*DesignsBuilt + DesignSoldPoints*DesignsSold.
	Reputation int
}

// ValueReport is value accounting over the whole ledger.
type ValueReport struct {
	// Sales is the total sale price of sold houses.
	Sales decimal.Decimal
	// Produced is the value added by sold houses: sale price less the
	// materials bought for them (never below zero per house).
	Produced decimal.Decimal
	// Contributed is the value of all recorded contributions.
	Contributed decimal.Decimal
	People      []PersonValue // sorted by reputation, then attributed value, then name
}

// added is a sold house's value added in cents: its sale price less its
// materials cost, not below zero.
func added(in *ValueData, house string) int64 {
	return max(in.Sales[house]-in.MaterialsCost[house], 0)
}

// ComputeValue derives each person's share of the value produced and their
// reputation from the ledger's data (contributions, sales, completions) and
// the production records, never from claims. A module record counts only
// once its house is completed.
func ComputeValue(in *ValueData) *ValueReport {
	people := map[string]*PersonValue{}
	get := func(name string) *PersonValue {
		p := people[name]
		if p == nil {
			p = &PersonValue{Person: name, Minutes: map[string]int64{}}
			people[name] = p
		}
		return p
	}
	houseTotal := map[string]int64{}
	for _, c := range in.Contributions {
		houseTotal[c.House] += c.Amount
	}
	r := &ValueReport{}
	for _, c := range in.Contributions {
		p := get(c.Person)
		p.Minutes[c.Kind] += c.Minutes
		p.Contributed = p.Contributed.Add(FromCents(c.Amount))
		r.Contributed = r.Contributed.Add(FromCents(c.Amount))
		if _, ok := in.Sales[c.House]; ok && houseTotal[c.House] != 0 {
			part := decimal.NewFromInt(c.Amount).Mul(FromCents(added(in, c.House))).Div(decimal.NewFromInt(houseTotal[c.House]))
			p.Attributed = p.Attributed.Add(part)
		}
	}
	for h, sale := range in.Sales {
		r.Sales = r.Sales.Add(FromCents(sale))
		r.Produced = r.Produced.Add(FromCents(added(in, h)))
	}
	for _, rec := range in.Records {
		if !in.Completed[rec.House] {
			continue
		}
		p := get(rec.Person)
		if rec.Op == "install" {
			p.ModulesInstalled += rec.Count
		} else {
			p.ModulesBuilt += rec.Count
		}
	}
	for _, h := range in.Houses {
		if h.Author == "" {
			continue
		}
		if in.Completed[h.ID] {
			get(h.Author).DesignsBuilt++
		}
		if _, ok := in.Sales[h.ID]; ok {
			get(h.Author).DesignsSold++
		}
	}
	for _, p := range people {
		p.Attributed = p.Attributed.Round(2)
		if r.Produced.Sign() > 0 {
			p.Share = p.Attributed.Div(r.Produced).Round(4)
		}
		p.Reputation = p.ModulesBuilt + p.ModulesInstalled + DesignBuiltPoints*p.DesignsBuilt + DesignSoldPoints*p.DesignsSold
		r.People = append(r.People, *p)
	}
	sort.Slice(r.People, func(i, j int) bool {
		a, b := r.People[i], r.People[j]
		if a.Reputation != b.Reputation {
			return a.Reputation > b.Reputation
		}
		if c := a.Attributed.Cmp(b.Attributed); c != 0 {
			return c > 0
		}
		return a.Person < b.Person
	})
	return r
}
