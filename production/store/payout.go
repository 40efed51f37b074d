package store

import (
	"fmt"
	"sort"

	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/opensourceecology/prodos/production/value"
	"github.com/shopspring/decimal"
)

// MarginLine is the name of the price line that is not cost: the full cost
// of an order is the sum of its other lines.
const MarginLine = "margin"

// Payout is one share of an order's surplus: a person's, by the minutes
// credited to them on the order's house, or the enterprise's R&D share
// (Person empty).
type Payout struct {
	Person string          `json:"person,omitempty"`
	Amount decimal.Decimal `json:"amount"` // to the cent (largest remainder)
	Exact  decimal.Decimal `json:"exact"`  // before allocation, 6 places
	// Credited is the person's credited minutes on the house; Lines the
	// value lines (ledger entries) they came from.
	Credited decimal.Decimal `json:"credited_minutes"`
	Lines    []value.Line    `json:"-"`
}

// PayoutPlan is an order's surplus split by verified value.
type PayoutPlan struct {
	Order    string          `json:"order"`
	House    string          `json:"house"`
	Sale     decimal.Decimal `json:"sale"`
	FullCost decimal.Decimal `json:"full_cost"`
	Surplus  decimal.Decimal `json:"surplus"`
	RDShare  decimal.Decimal `json:"rd_share"`
	// HouseCredited is every verified minute credited on the house.
	HouseCredited decimal.Decimal `json:"house_credited_minutes"`
	Payouts       []Payout        `json:"payouts"` // people by name, then R&D
}

// FullCost is the order's price without its margin line.
func (o Order) FullCost() decimal.Decimal {
	c := decimal.Zero
	for _, l := range o.Lines {
		if l.Name != MarginLine {
			c = c.Add(l.Amount)
		}
	}
	return c
}

// SplitSurplus divides the surplus of the sale of house (the sale price
// less the order's full cost) between the enterprise's R&D share rd and
// the people the value report credits on that house (designers along the
// lineage, builders, trainers, reviewers), in proportion to their
// credited minutes: person i gets (1 - rd) x credited_i / credited on the
// house. The amounts are allocated in cents by the largest remainder
// method, so they add up to the surplus exactly. Only a level-1 order has
// a house; a sale without surplus or a house without credited work is
// refused.
func SplitSurplus(o Order, house string, sale, rd decimal.Decimal, rep *value.Report) (*PayoutPlan, error) {
	if o.Level != LevelProduct {
		return nil, fmt.Errorf("%w: order %s is level %d: payouts follow the sale of a house (level 1)", ErrRefused, o.ID, o.Level)
	}
	p := &PayoutPlan{Order: o.ID, House: house, Sale: sale, FullCost: o.FullCost(), RDShare: rd}
	p.Surplus = sale.Sub(p.FullCost)
	cents, err := ledger.Cents(p.Surplus)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	if cents <= 0 {
		return nil, fmt.Errorf("%w: order %s: sale %s less full cost %s leaves no surplus", ErrRefused, o.ID, sale.StringFixed(2), p.FullCost.StringFixed(2))
	}
	for _, person := range rep.People {
		pay := Payout{Person: person.Name}
		for _, l := range person.Lines {
			if l.House == house && l.Credited.IsPositive() {
				pay.Lines = append(pay.Lines, l)
				pay.Credited = pay.Credited.Add(l.Credited)
			}
		}
		if pay.Credited.IsPositive() {
			p.Payouts = append(p.Payouts, pay)
			p.HouseCredited = p.HouseCredited.Add(pay.Credited)
		}
	}
	if !p.HouseCredited.IsPositive() {
		return nil, fmt.Errorf("%w: house %s of order %s has no verified work credited", ErrRefused, house, o.ID)
	}
	sort.SliceStable(p.Payouts, func(a, b int) bool { return p.Payouts[a].Person < p.Payouts[b].Person })
	keep := decimal.NewFromInt(1).Sub(rd)
	weights := make([]decimal.Decimal, 0, len(p.Payouts)+1)
	for _, pay := range p.Payouts {
		weights = append(weights, pay.Credited.Mul(keep))
	}
	weights = append(weights, p.HouseCredited.Mul(rd))
	p.Payouts = append(p.Payouts, Payout{})
	amounts := value.Allocate(cents, weights)
	for i := range p.Payouts {
		p.Payouts[i].Amount = ledger.FromCents(amounts[i])
		p.Payouts[i].Exact = p.Surplus.Mul(weights[i]).DivRound(p.HouseCredited, 6)
	}
	return p, nil
}
