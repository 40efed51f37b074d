package cutlist

import (
	"math"
	"sort"

	"github.com/opensourceecology/prodos/designs"
)

// LPBound is a lower bound on the stock length any plan must buy for the
// pieces (all of one profile) from the stocks with kerf: the linear
// relaxation of the cutting-stock problem (Gilmore and Gomory, 1961), solved
// by column generation with a knapsack for the best new pattern of each
// stock length. The bound is read from the dual prices, scaled until no
// pattern of any stock length is worth more than its length, so it is valid
// however far the iterations got; it is never below the total piece length,
// and is rounded up to the step between stock lengths.
func LPBound(pieces []Piece, stocks []Stock, kerf designs.Length) designs.Length {
	var total designs.Length
	byLen := map[designs.Length]int{}
	for _, p := range pieces {
		total += p.Length
		byLen[p.Length]++
	}
	if len(pieces) == 0 || len(stocks) == 0 {
		return total
	}
	lens := make([]designs.Length, 0, len(byLen))
	for l := range byLen {
		lens = append(lens, l)
	}
	sort.Slice(lens, func(i, j int) bool { return lens[i] > lens[j] })
	m := len(lens)
	if m > 60 {
		return total // too many distinct lengths for the dense basis
	}
	demand := make([]float64, m)
	for i, l := range lens {
		demand[i] = float64(byLen[l])
	}
	maxStock := stocks[len(stocks)-1]
	// Start from one homogeneous pattern per length on the longest stock.
	basis := make([][]float64, m) // columns
	cost := make([]float64, m)
	for i, l := range lens {
		col := make([]float64, m)
		col[i] = float64((maxStock.Length + kerf) / (l + kerf))
		basis[i], cost[i] = col, float64(maxStock.Length)
	}
	y := make([]float64, m)
	for iter := 0; iter < 200; iter++ {
		// duals: B^T y = c_B
		bt := make([][]float64, m)
		for r := 0; r < m; r++ {
			bt[r] = append([]float64(nil), basis[r]...) // row r of B^T is column r of B
		}
		sol, ok := solve(bt, cost)
		if !ok {
			break
		}
		y = sol
		// pricing: the most valuable pattern of each stock length
		var enter []float64
		var enterCost float64
		best := 0.0
		for _, s := range stocks {
			counts, v := floatKnapsack(lens, demand, clip(y), kerf, s.Length)
			if red := float64(s.Length) - v; red < -1e-7*float64(s.Length) && red < best {
				best, enterCost = red, float64(s.Length)
				enter = make([]float64, m)
				for i, c := range counts {
					enter[i] = float64(c)
				}
			}
		}
		if enter == nil {
			break
		}
		// ratio test: x_B = B^-1 d, u = B^-1 a
		b := make([][]float64, m)
		for r := 0; r < m; r++ {
			b[r] = make([]float64, m)
			for c := 0; c < m; c++ {
				b[r][c] = basis[c][r]
			}
		}
		x, ok1 := solve(b, demand)
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
		basis[leave], cost[leave] = enter, enterCost
	}
	// A valid bound from any prices: scale them so no pattern beats its
	// stock length.
	yp := clip(y)
	theta := 1.0
	for _, s := range stocks {
		_, v := floatKnapsack(lens, demand, yp, kerf, s.Length)
		if v > 0 {
			theta = min(theta, float64(s.Length)/(v*(1+1e-9)))
		}
	}
	lb := 0.0
	for i := range lens {
		lb += theta * yp[i] * demand[i]
	}
	step := stocks[0].Length
	for _, s := range stocks[1:] {
		step = gcd(step, s.Length)
	}
	out := designs.Length(math.Ceil((lb-1e-6)/float64(step))) * step
	return max(out, total)
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

// floatKnapsack is knapsack with real values: the most valuable pattern of
// pieces (at most demand of each) cut from stock l with kerf between.
func floatKnapsack(lens []designs.Length, demand, value []float64, kerf, l designs.Length) ([]int, float64) {
	d := make([]int, len(demand))
	for i, x := range demand {
		d[i] = int(x)
	}
	return boundedKnapsack(lens, d, value, kerf, l)
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
