package cutlist

import (
	"math"
	"sort"

	"github.com/opensourceecology/prodos/designs"
)

// lengths groups pieces by length: the distinct lengths, longest first,
// and how many pieces have each.
func lengths(pieces []Piece) ([]designs.Length, []int) {
	byLen := map[designs.Length]int{}
	for _, p := range pieces {
		byLen[p.Length]++
	}
	lens := make([]designs.Length, 0, len(byLen))
	for l := range byLen {
		lens = append(lens, l)
	}
	sort.Slice(lens, func(i, j int) bool { return lens[i] > lens[j] })
	demand := make([]int, len(lens))
	for i, l := range lens {
		demand[i] = byLen[l]
	}
	return lens, demand
}

// maxLPLengths is the most distinct piece lengths the dense LP takes.
const maxLPLengths = 60

// lp is the linear relaxation of the cutting-stock problem (Gilmore and
// Gomory, 1961) with a cost per stock piece, solved by column generation
// with a bounded knapsack for the best new pattern of each stock length.
type lp struct {
	// Bound is a lower bound on the cost of any plan: read from the dual
	// prices, scaled until no pattern of any stock is worth more than its
	// cost, so it is valid however far the iterations got.
	Bound float64
	// The final basis: pattern counts (per length), stock index and how
	// many times it is cut (the basic solution, fractional).
	Patterns [][]int
	Stock    []int
	X        []float64
}

// solveLP solves the relaxation for pieces of the given lengths and
// demands, cut from stocks costing cost[s] each. It returns nil when there
// are too many distinct lengths for the dense basis.
func solveLP(lens []designs.Length, demand []int, stocks []Stock, cost []float64, kerf designs.Length) *lp {
	m := len(lens)
	if m == 0 || m > maxLPLengths || len(stocks) == 0 {
		return nil
	}
	d := make([]float64, m)
	for i, n := range demand {
		d[i] = float64(n)
	}
	// Start from one homogeneous pattern per length on the stock that cuts
	// it most cheaply.
	basis := make([][]float64, m) // columns
	colCost := make([]float64, m)
	colStock := make([]int, m)
	for i, l := range lens {
		best := -1
		for s, st := range stocks {
			n := float64((st.Length + kerf) / (l + kerf))
			if n > 0 && (best < 0 || cost[s]/n < colCost[i]/basis[i][i]) {
				best = s
				basis[i] = make([]float64, m)
				basis[i][i], colCost[i] = n, cost[s]
			}
		}
		colStock[i] = best
	}
	y := make([]float64, m)
	for iter := 0; iter < 200; iter++ {
		bt := make([][]float64, m) // row r of B^T is column r of B
		for r := 0; r < m; r++ {
			bt[r] = append([]float64(nil), basis[r]...)
		}
		sol, ok := solve(bt, colCost)
		if !ok {
			break
		}
		y = sol
		enter, enterStock := price(lens, demand, stocks, cost, clip(y), kerf)
		if enter == nil {
			break
		}
		b := transpose(basis)
		x, ok1 := solve(b, d)
		u, ok2 := solve(b, enter)
		if !ok1 || !ok2 {
			break
		}
		leave, ratio := -1, math.Inf(1)
		for r := 0; r < m; r++ {
			if u[r] > 1e-9 {
				if t := x[r] / u[r]; t < ratio {
					leave, ratio = r, t
				}
			}
		}
		if leave < 0 {
			break
		}
		basis[leave], colCost[leave], colStock[leave] = enter, cost[enterStock], enterStock
	}
	out := &lp{Bound: dualBound(lens, demand, stocks, cost, clip(y), kerf)}
	if x, ok := solve(transpose(basis), d); ok {
		for j, col := range basis {
			pat := make([]int, m)
			for i, a := range col {
				pat[i] = int(math.Round(a))
			}
			out.Patterns = append(out.Patterns, pat)
			out.Stock = append(out.Stock, colStock[j])
			out.X = append(out.X, max(x[j], 0))
		}
	}
	return out
}

// price finds the pattern of most negative reduced cost over all stocks,
// or nil when none prices out.
func price(lens []designs.Length, demand []int, stocks []Stock, cost, y []float64, kerf designs.Length) ([]float64, int) {
	var enter []float64
	enterStock, best := -1, 0.0
	counts, vals := knapsackAll(lens, demand, y, kerf, stockLengths(stocks))
	for s := range stocks {
		if red := cost[s] - vals[s]; red < -1e-7*cost[s] && red < best {
			best, enterStock = red, s
			enter = make([]float64, len(lens))
			for i, c := range counts[s] {
				enter[i] = float64(c)
			}
		}
	}
	return enter, enterStock
}

// dualBound is the lower bound from any dual prices y >= 0: scaled by
// theta so that no pattern of any stock is worth more than its cost, y is
// dual feasible and theta * y . demand bounds every plan's cost.
func dualBound(lens []designs.Length, demand []int, stocks []Stock, cost, y []float64, kerf designs.Length) float64 {
	theta := 1.0
	_, vals := knapsackAll(lens, demand, y, kerf, stockLengths(stocks))
	for s, v := range vals {
		if v > 0 {
			theta = min(theta, cost[s]/(v*(1+1e-9)))
		}
	}
	lb := 0.0
	for i := range lens {
		lb += theta * y[i] * float64(demand[i])
	}
	return lb
}

func stockLengths(stocks []Stock) []designs.Length {
	out := make([]designs.Length, len(stocks))
	for i, s := range stocks {
		out[i] = s.Length
	}
	return out
}

func transpose(cols [][]float64) [][]float64 {
	m := len(cols)
	b := make([][]float64, m)
	for r := 0; r < m; r++ {
		b[r] = make([]float64, m)
		for c := 0; c < m; c++ {
			b[r][c] = cols[c][r]
		}
	}
	return b
}

// LPBound is a lower bound on the stock length any plan must buy for the
// pieces (all of one profile) from the stocks with kerf: the cutting-stock
// LP relaxation with each stock costing its length. It is never below the
// total piece length, and is rounded up to the step between stock lengths.
func LPBound(pieces []Piece, stocks []Stock, kerf designs.Length) designs.Length {
	var total designs.Length
	for _, p := range pieces {
		total += p.Length
	}
	lens, demand := lengths(pieces)
	cost := make([]float64, len(stocks))
	for s, st := range stocks {
		cost[s] = float64(st.Length)
	}
	r := solveLP(lens, demand, stocks, cost, kerf)
	if r == nil {
		return total
	}
	step := stocks[0].Length
	for _, s := range stocks[1:] {
		step = gcd(step, s.Length)
	}
	out := designs.Length(math.Ceil((r.Bound-1e-6)/float64(step))) * step
	return max(out, total)
}

// centsOf is each stock's price in cents.
func centsOf(stocks []Stock) []float64 {
	out := make([]float64, len(stocks))
	for s, st := range stocks {
		out[s] = st.Price.Shift(2).InexactFloat64()
	}
	return out
}

func gcd(a, b designs.Length) designs.Length {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func clip(y []float64) []float64 {
	out := make([]float64, len(y))
	for i, v := range y {
		out[i] = max(v, 0)
	}
	return out
}

// solve solves a x = b by Gaussian elimination with partial pivoting.
func solve(a [][]float64, b []float64) ([]float64, bool) {
	n := len(b)
	m := make([][]float64, n)
	for i := range a {
		m[i] = append(append([]float64(nil), a[i]...), b[i])
	}
	for col := 0; col < n; col++ {
		piv := col
		for r := col + 1; r < n; r++ {
			if math.Abs(m[r][col]) > math.Abs(m[piv][col]) {
				piv = r
			}
		}
		if math.Abs(m[piv][col]) < 1e-12 {
			return nil, false
		}
		m[col], m[piv] = m[piv], m[col]
		for r := 0; r < n; r++ {
			if r == col {
				continue
			}
			f := m[r][col] / m[col][col]
			if f == 0 {
				continue
			}
			for c := col; c <= n; c++ {
				m[r][c] -= f * m[col][c]
			}
		}
	}
	x := make([]float64, n)
	for i := range x {
		x[i] = m[i][n] / m[i][i]
	}
	return x, true
}
