package value

import (
	"math/big"
	"sort"

	"github.com/shopspring/decimal"
)

// Allocate splits total (whole units: cents, basis points) among weights
// by the largest remainder method: each gets the whole part of
// total*w/W, and the units left over go one each to the largest
// remainders, equal remainders to the earlier index. The result sums to
// exactly total when the weights sum to more than zero; otherwise every
// part is zero. The arithmetic is exact (integers, no rounding).
func Allocate(total int64, weights []decimal.Decimal) []int64 {
	out := make([]int64, len(weights))
	ints, sum := scaled(weights)
	if sum.Sign() <= 0 || total <= 0 {
		return out
	}
	rems := make([]*big.Int, len(weights))
	left := total
	t := big.NewInt(total)
	for i, w := range ints {
		q, r := new(big.Int).QuoRem(new(big.Int).Mul(t, w), sum, new(big.Int))
		out[i] = q.Int64()
		rems[i] = r
		left -= out[i]
	}
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rems[order[a]].Cmp(rems[order[b]]) > 0 })
	for _, i := range order[:left] {
		out[i]++
	}
	return out
}

// scaled turns non-negative decimals into integers on one scale (the
// finest exponent among them) and returns their sum. Negative weights
// count as zero.
func scaled(ws []decimal.Decimal) ([]*big.Int, *big.Int) {
	exp := int32(0)
	for _, w := range ws {
		exp = min(exp, w.Exponent())
	}
	out := make([]*big.Int, len(ws))
	sum := new(big.Int)
	for i, w := range ws {
		if w.Sign() <= 0 {
			out[i] = new(big.Int)
			continue
		}
		c := w.Coefficient()
		c.Mul(c, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(w.Exponent()-exp)), nil))
		out[i] = c
		sum.Add(sum, c)
	}
	return out, sum
}
