package cutlist

import (
	"encoding/binary"
	"math"
	"sort"

	"github.com/opensourceecology/prodos/designs"
)

// cut is a cutting pattern (pieces per distinct length) on one stock,
// repeated times.
type cut struct {
	stock  int
	counts []int
	times  int
}

// planGroup cuts one profile's pieces at least cost: it builds the plans
// below, keeps the cheapest (each pattern priced on the cheapest stock that
// holds it; the first on ties) and improves it: every stock piece exchanged
// for the cheapest stock that holds its pieces, then the emptiest stock
// pieces merged where one stock piece costs less than two.
//   - LP rounding: the money LP's patterns cut as often as their whole
//     part says; the few pieces left by the cost greedy;
//   - cost greedy: repeatedly the pattern of least price per inch used
//     (each stock's pattern from a knapsack that uses the most length).
//
// (A third, the greedy that wastes least length, never did better than
// these on any example and is not run.)
func planGroup(pieces []Piece, stocks []Stock, kerf designs.Length, moneyLP *lp) []*Bar {
	lens, demand := lengths(pieces)
	cents := centsOf(stocks)
	var cands [][]cut
	ks := knapsacks{}
	if moneyLP != nil {
		cands = [][]cut{lpCuts(moneyLP, lens, demand, stocks, cents, kerf, ks)}
	}
	cands = append(cands, greedyCuts(lens, demand, stocks, cents, kerf, ks))
	// Compare the candidates in pattern space, each pattern on the cheapest
	// stock that holds it; only the winner becomes stock pieces.
	best, bestCost := 0, int64(-1)
	for i, cs := range cands {
		if c := patternCents(cs, lens, stocks, kerf); bestCost < 0 || c < bestCost {
			best, bestCost = i, c
		}
	}
	return dropEmpty(improve(materialise(cands[best], pieces, lens, stocks), stocks, kerf))
}

// patternCents is the cost in cents of the patterns, each cut from the
// cheapest stock that holds it.
func patternCents(cs []cut, lens []designs.Length, stocks []Stock, kerf designs.Length) int64 {
	var t int64
	for _, c := range cs {
		var used designs.Length
		n := 0
		for i, k := range c.counts {
			used += designs.Length(k) * lens[i]
			n += k
		}
		if n > 1 {
			used += designs.Length(n-1) * kerf
		}
		price := stocks[c.stock].Price
		for _, s := range stocks {
			if s.Length >= used && s.Price.LessThan(price) {
				price = s.Price
			}
		}
		t += int64(c.times) * price.Shift(2).IntPart()
	}
	return t
}

// lpCuts rounds the LP's solution down and cuts what is left greedily.
func lpCuts(r *lp, lens []designs.Length, demand []int, stocks []Stock, cents []float64, kerf designs.Length, ks knapsacks) []cut {
	left := append([]int(nil), demand...)
	var out []cut
	for j, pat := range r.Patterns {
		t := int(math.Floor(r.X[j] + 1e-9))
		for i, c := range pat {
			if c > 0 {
				t = min(t, left[i]/c)
			}
		}
		if t <= 0 {
			continue
		}
		for i, c := range pat {
			left[i] -= c * t
		}
		out = append(out, cut{stock: r.Stock[j], counts: pat, times: t})
	}
	return append(out, greedyCuts(lens, left, stocks, cents, kerf, ks)...)
}

// greedyCuts is the sequential heuristic: for every stock a knapsack finds
// the pattern that uses the most length given the pieces still to cut; the
// pattern of least price per inch used over all stocks (the shorter stock
// on ties) is cut as often as the remaining pieces allow, and the search
// repeats.
func greedyCuts(lens []designs.Length, demand []int, stocks []Stock, cents []float64, kerf designs.Length, ks knapsacks) []cut {
	left := append([]int(nil), demand...)
	n := 0
	for _, d := range left {
		n += d
	}
	var out []cut
	for n > 0 {
		bestS, bestScore := -1, 0.0
		var bestPat []int
		pats, useds := ks.best(lens, left, kerf, stocks)
		for s := range stocks {
			pat, used := pats[s], useds[s]
			if used == 0 {
				continue
			}
			if score := cents[s] / float64(used); bestS < 0 || score < bestScore-1e-12 {
				bestS, bestScore, bestPat = s, cents[s]/float64(used), pat
			}
		}
		if bestS < 0 {
			break // cannot happen: every piece fits the longest stock
		}
		times := -1
		for i, c := range bestPat {
			if c > 0 && (times < 0 || left[i]/c < times) {
				times = left[i] / c
			}
		}
		for i, c := range bestPat {
			left[i] -= c * times
			n -= c * times
		}
		out = append(out, cut{stock: bestS, counts: bestPat, times: times})
	}
	return out
}

// knapsacks remembers, for every stock, the pattern that uses the most of
// its length, by the demand capped at what fits the longest stock: the
// greedy plans ask the same question many times, and once every demand
// exceeds what one stock piece holds the answer no longer changes.
type knapsacks map[string]knapsackResult

type knapsackResult struct {
	counts [][]int
	used   []designs.Length
}

func (k knapsacks) best(lens []designs.Length, demand []int, kerf designs.Length, stocks []Stock) ([][]int, []designs.Length) {
	longest := stocks[len(stocks)-1].Length
	key := make([]byte, 0, 8*len(lens))
	for i, ln := range lens {
		key = binary.AppendVarint(key, int64(min(demand[i], int((longest+kerf)/(ln+kerf)))))
	}
	if r, ok := k[string(key)]; ok {
		return r.counts, r.used
	}
	counts, used := knapsackAll(lens, demand, lens, kerf, stockLengths(stocks))
	k[string(key)] = knapsackResult{counts, used}
	return counts, used
}

// materialise turns patterns into stock pieces carrying the actual pieces,
// taken in their given order per length.
func materialise(cs []cut, pieces []Piece, lens []designs.Length, stocks []Stock) []*Bar {
	idx := make(map[designs.Length]int, len(lens))
	for i, l := range lens {
		idx[l] = i
	}
	queue := make([][]Piece, len(lens))
	for _, p := range pieces {
		i := idx[p.Length]
		queue[i] = append(queue[i], p)
	}
	nbars := 0
	for _, c := range cs {
		nbars += c.times
	}
	bars := make([]*Bar, 0, nbars)
	for _, c := range cs {
		for t := 0; t < c.times; t++ {
			b := &Bar{Stock: stocks[c.stock]}
			for i, k := range c.counts {
				b.Pieces = append(b.Pieces, queue[i][:k]...)
				queue[i] = queue[i][k:]
			}
			bars = append(bars, b)
		}
	}
	return bars
}

// mergeWindow is how many of the emptiest stock pieces the merge step
// tries in pairs (a constant, so planning stays linear in the pieces).
const mergeWindow = 64

// improve exchanges every stock piece for the cheapest stock that holds its
// pieces, then merges pairs among the emptiest stock pieces into one stock
// piece where that costs less than the two.
func improve(bars []*Bar, stocks []Stock, kerf designs.Length) []*Bar {
	cents := make([]int64, len(stocks))
	for i, s := range stocks {
		cents[i] = s.Price.Shift(2).IntPart()
	}
	price := make(map[string]int64, len(stocks))
	for i, s := range stocks {
		price[s.SKU] = cents[i]
	}
	used := make([]designs.Length, len(bars))
	for i, b := range bars {
		used[i] = b.Used(kerf)
		if s := cheapestHolding(stocks, cents, used[i]); s >= 0 && cents[s] < price[b.Stock.SKU] {
			b.Stock = stocks[s]
		}
	}
	order := make([]int, len(bars))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return used[order[i]] < used[order[j]] })
	win := order[:min(len(order), mergeWindow)]
	for merged := true; merged; {
		merged = false
		for i, ai := range win {
			for _, bi := range win[i+1:] {
				a, b := bars[ai], bars[bi]
				if len(a.Pieces) == 0 || len(b.Pieces) == 0 {
					continue
				}
				u := used[ai] + kerf + used[bi]
				if s := cheapestHolding(stocks, cents, u); s >= 0 && cents[s] < price[a.Stock.SKU]+price[b.Stock.SKU] {
					a.Stock, a.Pieces, b.Pieces = stocks[s], append(a.Pieces, b.Pieces...), nil
					used[ai], used[bi] = u, 0
					merged = true
				}
			}
		}
	}
	return bars
}

// cheapestHolding is the index of the cheapest stock at least used long
// (the shorter on equal prices), or -1.
func cheapestHolding(stocks []Stock, cents []int64, used designs.Length) int {
	best := -1
	for i, s := range stocks {
		if s.Length >= used && (best < 0 || cents[i] < cents[best]) {
			best = i
		}
	}
	return best
}

// dropEmpty removes stock pieces left empty by merging.
func dropEmpty(bars []*Bar) []*Bar {
	out := bars[:0]
	for _, b := range bars {
		if len(b.Pieces) > 0 {
			out = append(out, b)
		}
	}
	return out
}
