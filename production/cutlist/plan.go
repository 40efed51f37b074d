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
// below, improves each (every stock piece exchanged for the cheapest stock
// that holds its pieces, then the emptiest stock pieces merged where one
// stock piece costs less than two) and keeps the cheapest, then the one
// with less stock length, then fewer stock pieces.
//   - LP rounding: the money LP's patterns cut as often as their whole
//     part says; the few pieces left by the cost greedy;
//   - cost greedy: repeatedly the pattern of least price per inch used
//     (each stock's pattern from a knapsack that uses the most length);
//   - length greedy: repeatedly the pattern that wastes least.
func planGroup(pieces []Piece, stocks []Stock, kerf designs.Length, moneyLP *lp) []*Bar {
	lens, demand := lengths(pieces)
	cents := centsOf(stocks)
	var cands [][]cut
	ks := knapsacks{}
	if moneyLP != nil {
		cands = [][]cut{lpCuts(moneyLP, lens, demand, stocks, cents, kerf, ks)}
	}
	cands = append(cands, greedyCuts(lens, demand, stocks, cents, kerf, true, ks), greedyCuts(lens, demand, stocks, cents, kerf, false, ks))
	var best []*Bar
	var bestCost int64
	for _, cs := range cands {
		bars := dropEmpty(improve(materialise(cs, pieces, lens, stocks), stocks, kerf))
		if c := barCents(bars); best == nil || c < bestCost || (c == bestCost && cmpBars(bars, best) < 0) {
			best, bestCost = bars, c
		}
	}
	return best
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
	return append(out, greedyCuts(lens, left, stocks, cents, kerf, true, ks)...)
}

// greedyCuts is the sequential heuristic: for every stock a knapsack finds
// the pattern that uses the most length given the pieces still to cut; the
// best pattern over all stocks (least price per inch used when byCost,
// else least waste, the longer stock on ties) is cut as often as the
// remaining pieces allow, and the search repeats.
func greedyCuts(lens []designs.Length, demand []int, stocks []Stock, cents []float64, kerf designs.Length, byCost bool, ks knapsacks) []cut {
	left := append([]int(nil), demand...)
	n := 0
	for _, d := range left {
		n += d
	}
	var out []cut
	for n > 0 {
		bestS, bestScore := -1, 0.0
		var bestPat []int
		for s, st := range stocks {
			pat, used := ks.best(lens, left, kerf, st.Length)
			if used == 0 {
				continue
			}
			score := -float64(used) / float64(st.Length)
			if byCost {
				score = cents[s] / float64(used)
			}
			if bestS < 0 || score < bestScore-1e-12 || (score < bestScore+1e-12 && !byCost && st.Length > stocks[bestS].Length) {
				bestS, bestScore, bestPat = s, score, pat
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

// knapsacks remembers the patterns that use the most length of a stock,
// by stock length and the demand capped at what fits it: the greedy plans
// ask the same question many times, and once every demand exceeds what one
// stock piece holds the answer no longer changes.
type knapsacks map[string]knapsackResult

type knapsackResult struct {
	counts []int
	used   designs.Length
}

func (k knapsacks) best(lens []designs.Length, demand []int, kerf, l designs.Length) ([]int, designs.Length) {
	key := make([]byte, 0, 8*(len(lens)+1))
	key = binary.AppendVarint(key, int64(l))
	for i, ln := range lens {
		key = binary.AppendVarint(key, int64(min(demand[i], int((l+kerf)/(ln+kerf)))))
	}
	if r, ok := k[string(key)]; ok {
		return append([]int(nil), r.counts...), r.used
	}
	counts, used := knapsack(lens, demand, kerf, l)
	k[string(key)] = knapsackResult{append([]int(nil), counts...), used}
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
	cents := make(map[string]int64, len(stocks))
	for _, s := range stocks {
		cents[s.SKU] = s.Price.Shift(2).IntPart()
	}
	used := make(map[*Bar]designs.Length, len(bars))
	for _, b := range bars {
		u := b.Used(kerf)
		used[b] = u
		if s, ok := cheapestHolding(stocks, cents, u); ok && cents[s.SKU] < cents[b.Stock.SKU] {
			b.Stock = s
		}
	}
	order := make([]*Bar, len(bars))
	copy(order, bars)
	sort.SliceStable(order, func(i, j int) bool { return used[order[i]] < used[order[j]] })
	win := order[:min(len(order), mergeWindow)]
	for merged := true; merged; {
		merged = false
		for i, a := range win {
			for _, b := range win[i+1:] {
				if len(a.Pieces) == 0 || len(b.Pieces) == 0 {
					continue
				}
				u := used[a] + kerf + used[b]
				s, ok := cheapestHolding(stocks, cents, u)
				if ok && cents[s.SKU] < cents[a.Stock.SKU]+cents[b.Stock.SKU] {
					a.Stock, a.Pieces, b.Pieces = s, append(a.Pieces, b.Pieces...), nil
					used[a], used[b] = u, 0
					merged = true
				}
			}
		}
	}
	return bars
}

// cheapestHolding is the cheapest stock at least used long (the shorter on
// equal prices).
func cheapestHolding(stocks []Stock, cents map[string]int64, used designs.Length) (Stock, bool) {
	best := -1
	for i, s := range stocks {
		if s.Length >= used && (best < 0 || cents[s.SKU] < cents[stocks[best].SKU]) {
			best = i
		}
	}
	if best < 0 {
		return Stock{}, false
	}
	return stocks[best], true
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

func barCents(bars []*Bar) int64 {
	var t int64
	for _, b := range bars {
		if len(b.Pieces) > 0 {
			t += b.Stock.Price.Shift(2).IntPart()
		}
	}
	return t
}
