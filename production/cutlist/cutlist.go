// Package cutlist cuts a design's framing members from stock lumber: it picks
// the stock lengths (8 to 16 ft, every lumber SKU of the member's profile in
// the catalog) and the cutting pattern of every stock piece so that little is
// wasted, with the saw kerf between pieces, and writes a cut list per saw
// station.
//
// Two packers run and the plan with less stock length (then lower price) is
// kept:
//   - pattern greedy (the "sequential heuristic procedure" of cutting-stock
//     practice): for every stock length a bounded knapsack finds the pattern
//     that wastes least given the pieces still to cut; the best pattern over
//     all stock lengths is cut as often as the remaining pieces allow, and
//     the search repeats;
//   - best-fit decreasing: longest piece first into the open stock piece it
//     fills best, a new longest stock piece when none holds it.
//
// Both finish with an improvement step: every stock piece is exchanged for
// the shortest stock length that still holds its pieces.
package cutlist

import (
	"fmt"
	"sort"

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
		for _, b := range g.Bars {
			t = t.Add(b.Stock.Price)
		}
	}
	return t
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
		g.LPBound = LPBound(ps, stocks, kerf)
		a := patternGreedy(ps, stocks, kerf)
		b := bestFitDecreasing(ps, stocks, kerf)
		downsize(a, stocks, kerf)
		downsize(b, stocks, kerf)
		g.Bars = a
		if cmpBars(b, a) < 0 {
			g.Bars = b
		}
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

func cmpBars(a, b []*Bar) int {
	var la, lb designs.Length
	var ca, cb decimal.Decimal
	for _, x := range a {
		la += x.Stock.Length
		ca = ca.Add(x.Stock.Price)
	}
	for _, x := range b {
		lb += x.Stock.Length
		cb = cb.Add(x.Stock.Price)
	}
	switch {
	case la != lb:
		if la < lb {
			return -1
		}
		return 1
	case !ca.Equal(cb):
		return ca.Cmp(cb)
	case len(a) != len(b):
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return 0
}

// fits reports whether pieces of total length sum (n of them) fit stock L.
func fits(sum designs.Length, n int, kerf, l designs.Length) bool {
	return n == 0 || sum+designs.Length(n-1)*kerf <= l
}

// downsize swaps every bar's stock for the shortest that holds its pieces.
func downsize(bars []*Bar, stocks []Stock, kerf designs.Length) {
	for _, b := range bars {
		u := b.Used(kerf)
		for _, s := range stocks {
			if s.Length >= u {
				if s.Length < b.Stock.Length {
					b.Stock = s
				}
				break
			}
		}
	}
}

func bestFitDecreasing(pieces []Piece, stocks []Stock, kerf designs.Length) []*Bar {
	ps := append([]Piece(nil), pieces...)
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Length > ps[j].Length })
	longest := stocks[len(stocks)-1]
	var bars []*Bar
	var used []designs.Length
	for _, p := range ps {
		best, bestLeft := -1, designs.Length(0)
		for i, b := range bars {
			need := p.Length
			if len(b.Pieces) > 0 {
				need += kerf
			}
			left := b.Stock.Length - used[i] - need
			if left >= 0 && (best < 0 || left < bestLeft) {
				best, bestLeft = i, left
			}
		}
		if best < 0 {
			bars = append(bars, &Bar{Stock: longest})
			used = append(used, 0)
			best = len(bars) - 1
		}
		if len(bars[best].Pieces) > 0 {
			used[best] += kerf
		}
		used[best] += p.Length
		bars[best].Pieces = append(bars[best].Pieces, p)
	}
	return bars
}

// patternGreedy is the sequential heuristic: repeatedly cut the least
// wasteful pattern over all stock lengths.
func patternGreedy(pieces []Piece, stocks []Stock, kerf designs.Length) []*Bar {
	// Distinct lengths, longest first, with the pieces waiting at each.
	byLen := map[designs.Length][]Piece{}
	for _, p := range pieces {
		byLen[p.Length] = append(byLen[p.Length], p)
	}
	lens := make([]designs.Length, 0, len(byLen))
	for l := range byLen {
		lens = append(lens, l)
	}
	sort.Slice(lens, func(i, j int) bool { return lens[i] > lens[j] })
	demand := make([]int, len(lens))
	for i, l := range lens {
		demand[i] = len(byLen[l])
	}
	left := len(pieces)
	var bars []*Bar
	for left > 0 {
		var bestPat []int
		var bestStock Stock
		bestEff := -1.0
		for _, s := range stocks {
			pat, val := knapsack(lens, demand, kerf, s.Length)
			if val == 0 {
				continue
			}
			eff := float64(val) / float64(s.Length)
			// Prefer the less wasteful pattern; on a tie the longer stock
			// (fewer pieces to handle).
			if eff > bestEff+1e-12 || (eff > bestEff-1e-12 && s.Length > bestStock.Length) {
				bestEff, bestPat, bestStock = eff, pat, s
			}
		}
		// Cut it as often as the demand allows.
		times := -1
		for i, c := range bestPat {
			if c > 0 && (times < 0 || demand[i]/c < times) {
				times = demand[i] / c
			}
		}
		for t := 0; t < times; t++ {
			b := &Bar{Stock: bestStock}
			for i, c := range bestPat {
				for k := 0; k < c; k++ {
					q := byLen[lens[i]]
					b.Pieces = append(b.Pieces, q[0])
					byLen[lens[i]] = q[1:]
					demand[i]--
					left--
				}
			}
			bars = append(bars, b)
		}
	}
	return bars
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
// the sum of value over the pieces is largest. Items weigh length+kerf in a
// sack of l+kerf; bounded counts are split into 0/1 items by powers of two.
// Pieces of no value are left out. It returns the counts and the value.
func boundedKnapsack[V float64 | designs.Length](lens []designs.Length, demand []int, value []V, kerf, l designs.Length) ([]int, V) {
	capacity := int(l + kerf)
	type item struct {
		idx, n, w int
		v         V
	}
	var items []item
	for i, ln := range lens {
		if value[i] <= 0 {
			continue
		}
		d := min(demand[i], capacity/int(ln+kerf))
		for k := 1; d > 0; k *= 2 {
			n := min(k, d)
			items = append(items, item{i, n, n * int(ln+kerf), V(n) * value[i]})
			d -= n
		}
	}
	best := make([]V, capacity+1)
	take := make([][]bool, len(items))
	for j, it := range items {
		take[j] = make([]bool, capacity+1)
		for c := capacity; c >= it.w; c-- {
			if v := best[c-it.w] + it.v; v > best[c] {
				best[c] = v
				take[j][c] = true
			}
		}
	}
	counts := make([]int, len(lens))
	c := capacity
	for j := len(items) - 1; j >= 0; j-- {
		if take[j][c] {
			counts[items[j].idx] += items[j].n
			c -= items[j].w
		}
	}
	return counts, best[capacity]
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
