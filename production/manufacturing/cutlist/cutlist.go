// Package cutlist cuts a design's framing members from stock lumber: it picks
// the stock lengths (8 to 16 ft, every lumber SKU of the member's profile in
// the catalog) and the cutting pattern of every stock piece so that the
// boards bought cost least, with the saw kerf between pieces, and writes a
// cut list per saw station. Shorter stock costs less per foot, so the least
// stock length is not the least money.
//
// The plan is the one source of the lumber bought: the bill of materials
// and the purchase orders buy Plan.Buy, board for board.
//
// Per profile, the cutting-stock LP relaxation priced in money (Gilmore and
// Gomory, column generation) gives both a starting plan (its patterns,
// rounded down, the rest cut greedily) and a cost lower bound (CostBound)
// no plan can beat; a greedy plan (least price per inch used) competes with
// it, the cheaper wins and is improved by exchanging every stock piece for
// the cheapest stock holding its pieces and merging the emptiest pairs.
// Every step is linear in the pieces (knapsacks over a
// handful of distinct lengths, a constant merge window), so a 30,000-module
// row plans in about the time of its pieces.
package cutlist

import (
	"fmt"
	"math"
	"sort"
	"sync"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

// Piece is one framing member to cut.
type Piece struct {
	Name      string // "king stud"
	Module    string // module id
	Placement int    // index of the design placement, -1 when none
	Profile   string // "2x6"
	Length    designs.Length
}

// Stock is a stock length that can be bought.
type Stock struct {
	SKU    string
	Length designs.Length
	Price  decimal.Decimal
}

// Bar is one stock piece and the pieces cut from it, in cutting order.
type Bar struct {
	Stock   Stock
	Pieces  []Piece
	Station string // saw station (machine id) that cuts it, once assigned
}

// Used is the length taken by the pieces and the kerfs between them.
func (b *Bar) Used(kerf designs.Length) designs.Length {
	var u designs.Length
	for _, p := range b.Pieces {
		u += p.Length
	}
	if n := len(b.Pieces); n > 1 {
		u += designs.Length(n-1) * kerf
	}
	return u
}

// Offcut is what is left of the stock after the last piece and its cut
// (zero when the pieces use it all).
func (b *Bar) Offcut(kerf designs.Length) designs.Length {
	return max(0, b.Stock.Length-b.Used(kerf)-kerf)
}

// Cuts is the number of saw cuts: one per piece, less one when the last
// piece ends at the end of the stock.
func (b *Bar) Cuts(kerf designs.Length) int {
	if b.Used(kerf) >= b.Stock.Length {
		return len(b.Pieces) - 1
	}
	return len(b.Pieces)
}

// Group is the cutting plan of one lumber profile.
type Group struct {
	Profile string
	Stocks  []Stock // available stock, shortest first
	Bars    []*Bar
	Pieces  int
	// LowerBound is the total length of the pieces: no plan buys less.
	LowerBound designs.Length
	// LPBound is the cutting-stock LP bound (LPBound), at least LowerBound.
	LPBound designs.Length
	// CostBound is the LP relaxation priced in money, rounded up to the
	// cent: no plan buys the group's pieces for less.
	CostBound decimal.Decimal
}

// Cost is the price of the group's stock.
func (g *Group) Cost() decimal.Decimal {
	var t decimal.Decimal
	for _, b := range g.Bars {
		t = t.Add(b.Stock.Price)
	}
	return t
}

// StockLength is the total length of stock bought.
func (g *Group) StockLength() designs.Length {
	var t designs.Length
	for _, b := range g.Bars {
		t += b.Stock.Length
	}
	return t
}

// Plan is the cutting plan of a design, one group per profile (sorted).
type Plan struct {
	Kerf   designs.Length
	Groups []*Group
}

// StockLength is the total length of stock bought over all profiles.
func (p *Plan) StockLength() designs.Length {
	var t designs.Length
	for _, g := range p.Groups {
		t += g.StockLength()
	}
	return t
}

// LowerBound is the total length of all pieces.
func (p *Plan) LowerBound() designs.Length {
	var t designs.Length
	for _, g := range p.Groups {
		t += g.LowerBound
	}
	return t
}

// LPBound is the sum of the groups' LP bounds.
func (p *Plan) LPBound() designs.Length {
	var t designs.Length
	for _, g := range p.Groups {
		t += g.LPBound
	}
	return t
}

// Ratio is stock length over the lower bound (1 is perfect).
func (p *Plan) Ratio() float64 {
	if p.LowerBound() == 0 {
		return 1
	}
	return float64(p.StockLength()) / float64(p.LowerBound())
}

// Cost is the price of the stock bought.
func (p *Plan) Cost() decimal.Decimal {
	var t decimal.Decimal
	for _, g := range p.Groups {
		t = t.Add(g.Cost())
	}
	return t
}

// CostBound is the sum of the groups' cost lower bounds.
func (p *Plan) CostBound() decimal.Decimal {
	var t decimal.Decimal
	for _, g := range p.Groups {
		t = t.Add(g.CostBound)
	}
	return t
}

// CostRatio is the plan's cost over its cost lower bound (1 is optimal).
func (p *Plan) CostRatio() float64 {
	if p.CostBound().IsZero() {
		return 1
	}
	return p.Cost().Div(p.CostBound()).InexactFloat64()
}

// Bars lists every stock piece of every group.
func (p *Plan) Bars() []*Bar {
	var out []*Bar
	for _, g := range p.Groups {
		out = append(out, g.Bars...)
	}
	return out
}

// Buy is the number of stock pieces to buy per SKU: the lumber lines of the
// bill of materials.
func (p *Plan) Buy() map[string]int {
	out := map[string]int{}
	for _, b := range p.Bars() {
		out[b.Stock.SKU]++
	}
	return out
}

// PiecesFromDesign lists every lumber cut part of every placement.
func PiecesFromDesign(d *designs.Design, cat *designs.Catalog) ([]Piece, error) {
	var out []Piece
	for i, pl := range d.Placements {
		m, err := cat.Module(pl.Module)
		if err != nil {
			return nil, fmt.Errorf("placement %d: %w", i+1, err)
		}
		for _, cp := range m.Cuts {
			mat := cat.Materials[cp.SKU]
			if mat == nil || mat.Kind != designs.KindLumber {
				continue
			}
			for k := 0; k < cp.Qty; k++ {
				out = append(out, Piece{Name: cp.Name, Module: m.ID, Placement: i, Profile: mat.Profile, Length: cp.Length})
			}
		}
	}
	return out, nil
}

// MinStock and MaxStock bound the stock lengths bought (8 and 16 ft).
const (
	MinStock = 8 * designs.Foot
	MaxStock = 16 * designs.Foot
)

// StocksFor lists the catalog's lumber stock of a profile between 8 and
// 16 ft, shortest first.
func StocksFor(cat *designs.Catalog, profile string) []Stock {
	var out []Stock
	for _, sku := range cat.MaterialSKUs() {
		m := cat.Materials[sku]
		if m.Kind == designs.KindLumber && m.Profile == profile && m.Length >= MinStock && m.Length <= MaxStock {
			out = append(out, Stock{SKU: sku, Length: m.Length, Price: m.Price})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Length < out[j].Length })
	return out
}

// PlanDesign makes the cutting plan of a design's framing members.
func PlanDesign(d *designs.Design, cat *designs.Catalog, kerf designs.Length) (*Plan, error) {
	pieces, err := PiecesFromDesign(d, cat)
	if err != nil {
		return nil, err
	}
	return Optimise(pieces, cat, kerf)
}

// Optimise cuts pieces from the catalog's stock of their profiles.
func Optimise(pieces []Piece, cat *designs.Catalog, kerf designs.Length) (*Plan, error) {
	return optimise(pieces, cat, kerf, true)
}

// Boards is the plan Optimise makes, board for board, without the LP bound
// on stock length (each group's LPBound is its LowerBound): what the bill
// of materials needs, at less cost.
func Boards(pieces []Piece, cat *designs.Catalog, kerf designs.Length) (*Plan, error) {
	return optimise(pieces, cat, kerf, false)
}

func optimise(pieces []Piece, cat *designs.Catalog, kerf designs.Length, lengthBound bool) (*Plan, error) {
	if kerf < 0 {
		return nil, fmt.Errorf("cut list: negative kerf %s", kerf)
	}
	byProfile := map[string][]Piece{}
	for _, p := range pieces {
		byProfile[p.Profile] = append(byProfile[p.Profile], p)
	}
	profiles := make([]string, 0, len(byProfile))
	for p := range byProfile {
		profiles = append(profiles, p)
	}
	sort.Strings(profiles)
	plan := &Plan{Kerf: kerf}
	for _, prof := range profiles {
		ps := byProfile[prof]
		stocks := StocksFor(cat, prof)
		if len(stocks) == 0 {
			return nil, fmt.Errorf("cut list: no %s lumber between 8 and 16 ft in the catalog", prof)
		}
		longest := stocks[len(stocks)-1].Length
		g := &Group{Profile: prof, Stocks: stocks, Pieces: len(ps)}
		for _, p := range ps {
			if p.Length <= 0 || p.Length > longest {
				return nil, fmt.Errorf("cut list: %s %q of %s is %s in; the longest %s stock is %s in", prof, p.Name, p.Module, p.Length, prof, longest)
			}
			g.LowerBound += p.Length
		}
		g.LPBound = g.LowerBound
		if lengthBound {
			g.LPBound = LPBound(ps, stocks, kerf)
		}
		lens, demand := lengths(ps)
		moneyLP := solveLP(lens, demand, stocks, centsOf(stocks), kerf)
		g.CostBound = lengthCostBound(g.LowerBound, stocks)
		if moneyLP != nil {
			g.CostBound = decimal.Max(g.CostBound, decimal.NewFromFloat(math.Ceil(moneyLP.Bound-1e-6)).Shift(-2))
		}
		g.Bars = planGroup(ps, stocks, kerf, moneyLP)
		// Stable order: longest stock first, then fullest.
		sort.SliceStable(g.Bars, func(i, j int) bool {
			if g.Bars[i].Stock.Length != g.Bars[j].Stock.Length {
				return g.Bars[i].Stock.Length > g.Bars[j].Stock.Length
			}
			return g.Bars[i].Used(kerf) > g.Bars[j].Used(kerf)
		})
		plan.Groups = append(plan.Groups, g)
	}
	return plan, nil
}

// lengthCostBound is the cost bound without the LP (too many distinct
// lengths): the total piece length at the lowest price per inch of any
// stock, rounded up to the cent.
func lengthCostBound(total designs.Length, stocks []Stock) decimal.Decimal {
	best := stocks[0].Price.Div(decimal.NewFromInt(int64(stocks[0].Length)))
	for _, s := range stocks[1:] {
		best = decimal.Min(best, s.Price.Div(decimal.NewFromInt(int64(s.Length))))
	}
	// less a hair for the division's rounding: every plan costs whole cents
	return best.Mul(decimal.NewFromInt(int64(total))).Sub(decimal.New(1, -9)).RoundUp(2)
}

// knapsack finds how many pieces of each length (at most demand) to cut from
// one stock piece of length l so that the most length is used: pieces plus a
// kerf between each fit l. It returns the counts and the used length
// (without kerf).
func knapsack(lens []designs.Length, demand []int, kerf, l designs.Length) ([]int, designs.Length) {
	return boundedKnapsack(lens, demand, lens, kerf, l)
}

// boundedKnapsack picks how many pieces of each length (at most demand) to
// cut from one stock piece of length l, with a kerf between pieces, so that
// the sum of value over the pieces is largest. It returns the counts and
// the value.
func boundedKnapsack[V float64 | designs.Length](lens []designs.Length, demand []int, value []V, kerf, l designs.Length) ([]int, V) {
	counts, vals := knapsackAll(lens, demand, value, kerf, []designs.Length{l})
	return counts[0], vals[0]
}

// takePool holds the knapsack's choice tables between calls.
var takePool = sync.Pool{New: func() any { return new([]bool) }}

// knapsackAll solves the bounded knapsack of boundedKnapsack for every
// stock length at once: items weigh length+kerf in a sack of l+kerf, all
// divided by their greatest common divisor; bounded counts are split into
// 0/1 items by powers of two (at most a few per length, since no more fit
// the longest stock). One table over the longest sack holds the best value
// of every smaller sack too, and the choices are traced back from each
// stock's own size. Pieces of no value are left out.
func knapsackAll[V float64 | designs.Length](lens []designs.Length, demand []int, value []V, kerf designs.Length, ls []designs.Length) ([][]int, []V) {
	type item struct {
		idx, n, w int
		v         V
	}
	longest := ls[0]
	for _, l := range ls {
		longest = max(longest, l)
	}
	g := designs.Length(0)
	for _, l := range ls {
		g = gcd(g, l+kerf)
	}
	for i, ln := range lens {
		if value[i] > 0 && demand[i] > 0 && ln <= longest {
			g = gcd(g, ln+kerf)
		}
	}
	capacity := int((longest + kerf) / g)
	var items []item
	for i, ln := range lens {
		if value[i] <= 0 || demand[i] <= 0 || ln > longest {
			continue
		}
		w := int((ln + kerf) / g)
		d := min(demand[i], capacity/w)
		for k := 1; d > 0; k *= 2 {
			n := min(k, d)
			items = append(items, item{i, n, n * w, V(n) * value[i]})
			d -= n
		}
	}
	best := make([]V, capacity+1)
	tp := takePool.Get().(*[]bool)
	defer takePool.Put(tp)
	if n := len(items) * (capacity + 1); cap(*tp) < n {
		*tp = make([]bool, n)
	} else {
		*tp = (*tp)[:n]
		clear(*tp)
	}
	take := *tp
	for j, it := range items {
		row := take[j*(capacity+1) : (j+1)*(capacity+1)]
		for c := capacity; c >= it.w; c-- {
			if v := best[c-it.w] + it.v; v > best[c] {
				best[c] = v
				row[c] = true
			}
		}
	}
	counts := make([][]int, len(ls))
	vals := make([]V, len(ls))
	for s, l := range ls {
		counts[s] = make([]int, len(lens))
		c := int((l + kerf) / g)
		vals[s] = best[c]
		for j := len(items) - 1; j >= 0; j-- {
			if take[j*(capacity+1)+c] {
				counts[s][items[j].idx] += items[j].n
				c -= items[j].w
			}
		}
	}
	return counts, vals
}

// StockToBuy is the lumber stock to buy for a design's framing members, by
// SKU (the lumber lines of the bill of materials).
func StockToBuy(d *designs.Design, cat *designs.Catalog, kerf designs.Length) (map[string]int, error) {
	p, err := PlanDesign(d, cat, kerf)
	if err != nil {
		return nil, err
	}
	return p.Buy(), nil
}
