package cutlist

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

var examples = []string{
	"../../../designs/examples/cabin-12x16.toml",
	"../../../designs/examples/two-bedroom-24x32.toml",
	"../../../designs/examples/seed-home-32x40.toml",
}

func load(t testing.TB, path string) (*designs.Design, *designs.Catalog) {
	t.Helper()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	d, err := designs.LoadDesign(path, cat)
	require.NoError(t, err)
	return d, cat
}

func defaultShop(t testing.TB) *designs.Shop {
	shops, err := designs.DefaultShops()
	require.NoError(t, err)
	return shops[designs.DefaultShopID]
}

// checkPlan asserts every piece is cut exactly once, every bar's pieces and
// kerfs fit its stock, and stock comes from the piece's profile.
func checkPlan(t *testing.T, pieces []Piece, p *Plan) {
	t.Helper()
	want := map[string]int{}
	for _, pc := range pieces {
		want[fmt.Sprint(pc)]++
	}
	got := map[string]int{}
	for _, g := range p.Groups {
		for _, b := range g.Bars {
			assert.LessOrEqual(t, b.Used(p.Kerf), b.Stock.Length, "%s over-full: %+v", b.Stock.SKU, b)
			assert.NotEmpty(t, b.Pieces)
			for _, pc := range b.Pieces {
				assert.Equal(t, g.Profile, pc.Profile)
				got[fmt.Sprint(pc)]++
			}
			assert.True(t, b.Stock.Length >= MinStock && b.Stock.Length <= MaxStock)
		}
	}
	assert.Equal(t, want, got)
}

// The plan buys the examples' framing lumber within 1 % of the cost lower
// bound (the cutting-stock LP relaxation priced in money), and no plan
// beats the bounds.
func TestExamplesCostWithinOnePercent(t *testing.T) {
	for _, f := range examples {
		t.Run(filepath.Base(f), func(t *testing.T) {
			d, cat := load(t, f)
			pieces, err := PiecesFromDesign(d, cat)
			require.NoError(t, err)
			p, err := Optimise(pieces, cat, designs.Inch/8)
			require.NoError(t, err)
			checkPlan(t, pieces, p)
			for _, g := range p.Groups {
				assert.GreaterOrEqual(t, g.LPBound, g.LowerBound)
				assert.LessOrEqual(t, g.LPBound, g.StockLength(), "%s: the LP bound is above a real plan", g.Profile)
				assert.True(t, g.CostBound.IsPositive(), g.Profile)
				assert.True(t, g.CostBound.LessThanOrEqual(g.Cost()), "%s: cost bound %s above the plan's cost %s", g.Profile, g.CostBound, g.Cost())
				t.Logf("%s: %d pieces, %d stock, cost %s, %.4f of the cost bound %s", g.Profile, g.Pieces, len(g.Bars), g.Cost(), g.Cost().Div(g.CostBound).InexactFloat64(), g.CostBound)
			}
			assert.LessOrEqual(t, p.CostRatio(), 1.01, "cost %s over cost bound %s", p.Cost(), p.CostBound())
		})
	}
}

func TestPlanSmallCases(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	in := func(n float64) designs.Length { return designs.Length(n * 16) }
	pc := func(prof string, l ...float64) []Piece {
		var out []Piece
		for i, x := range l {
			out = append(out, Piece{Name: fmt.Sprint("p", i), Module: "m", Profile: prof, Length: in(x)})
		}
		return out
	}
	tests := []struct {
		name   string
		pieces []Piece
		kerf   designs.Length
		stock  []string // SKUs bought, sorted
	}{
		{"stud fills an 8 ft", pc("2x6", 96), 2, []string{"LUM-2X6-08"}},
		{"two 48s do not fit 96 with a kerf", pc("2x6", 48, 48), 2, []string{"LUM-2X6-10"}},
		{"two 48s fit 96 without kerf", pc("2x6", 48, 48), 0, []string{"LUM-2X6-08"}},
		{"stud and plate share a 12 ft", pc("2x6", 92.625, 48), 2, []string{"LUM-2X6-12"}},
		{"two 8 ft cost less than one 16 ft", pc("2x8", 45, 45, 45, 45), 2, []string{"LUM-2X8-08", "LUM-2X8-08"}},
		{"two plates: a 10 ft costs less than two 8 ft", pc("2x6", 48, 48), 2, []string{"LUM-2X6-10"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Optimise(tt.pieces, cat, tt.kerf)
			require.NoError(t, err)
			checkPlan(t, tt.pieces, p)
			var got []string
			for sku, n := range p.Buy() {
				for i := 0; i < n; i++ {
					got = append(got, sku)
				}
			}
			sort.Strings(got)
			assert.Equal(t, tt.stock, got)
		})
	}
}

func TestPlanErrors(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	_, err = Optimise([]Piece{{Name: "beam", Module: "m", Profile: "2x6", Length: 17 * designs.Foot}}, cat, 2)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "longest 2x6 stock is 192")
	_, err = Optimise([]Piece{{Name: "post", Module: "m", Profile: "6x6", Length: designs.Foot}}, cat, 2)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no 6x6 lumber")
}

func TestLPBound(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	var headers []Piece
	for i := 0; i < 22; i++ {
		headers = append(headers, Piece{Name: "header", Module: "m", Profile: "2x12", Length: 39 * designs.Inch})
	}
	// At most 3 per 10 ft: 40 in of stock per header, 880 in rounded up to
	// the 24 in step between stock lengths.
	assert.Equal(t, 888*designs.Inch, LPBound(headers, StocksFor(cat, "2x12"), 2))
	p, err := Optimise(headers, cat, 2)
	require.NoError(t, err)
	// Money: 3 per 10 ft ($25.29) is the cheapest per header, so the LP
	// bound is 22/3 x 25.29 = 185.46; the best whole plan is six 10 ft and
	// one 14 ft (4 headers, $36.29): $188.03.
	assert.Equal(t, "185.46", p.CostBound().String())
	assert.Equal(t, "188.03", p.Cost().String())
	assert.Equal(t, map[string]int{"LUM-2X12-10": 6, "LUM-2X12-14": 1}, p.Buy())

	// Random pieces: the bound never exceeds a real plan.
	seed := uint32(3)
	rnd := func(n int) int { seed = seed*1664525 + 1013904223; return int(seed>>8) % n }
	for trial := 0; trial < 20; trial++ {
		var ps []Piece
		for i := 0; i < 5+rnd(60); i++ {
			ps = append(ps, Piece{Name: "x", Module: "m", Profile: "2x6", Length: designs.Length(12*16 + rnd(180*16))})
		}
		p, err := Optimise(ps, cat, 2)
		require.NoError(t, err)
		checkPlan(t, ps, p)
		g := p.Groups[0]
		assert.LessOrEqual(t, g.LPBound, g.StockLength())
		assert.GreaterOrEqual(t, g.LPBound, g.LowerBound)
		assert.True(t, g.CostBound.IsPositive())
		assert.True(t, g.CostBound.LessThanOrEqual(g.Cost()), "cost bound %s above the plan's cost %s", g.CostBound, g.Cost())
	}
}

func TestKnapsack(t *testing.T) {
	lens := []designs.Length{93 * 16, 48 * 16, 45 * 16}
	counts, used := knapsack(lens, []int{5, 5, 5}, 2, 192*16)
	// 93 + 48 + 48 = 189 beats 93 + 93 = 186 and 4 x 45 = 180
	assert.Equal(t, []int{1, 2, 0}, counts)
	assert.Equal(t, designs.Length(189*16), used)
	counts, _ = knapsack(lens, []int{1, 0, 5}, 2, 96*16)
	assert.Equal(t, []int{1, 0, 0}, counts)
}

func TestStationsGolden(t *testing.T) {
	d, cat := load(t, "testdata/small.toml")
	shop := defaultShop(t)
	p, err := PlanDesign(d, cat, shop.Kerf)
	require.NoError(t, err)
	st, err := Stations(p, shop)
	require.NoError(t, err)
	require.Len(t, st, 2)
	total := 0
	for _, s := range st {
		total += len(s.Bars)
		golden(t, s.Machine.ID+".csv", s.CSV())
		golden(t, s.Machine.ID+".txt", s.Table())
	}
	assert.Equal(t, len(p.Bars()), total)
	golden(t, "purchase.csv", PurchaseCSV(p, cat))
	// the two stations are within one stock piece's cuts of each other
	diff := st[0].Seconds().Sub(st[1].Seconds()).Abs()
	assert.True(t, diff.LessThanOrEqual(st[0].Machine.SecondsPerCut.Mul(decimalInt(6))), "stations unbalanced by %s s", diff)

	shops, err := designs.DefaultShops()
	require.NoError(t, err)
	noSaw := *shops["hand-tools"]
	noSaw.Machines = nil
	_, err = Stations(p, &noSaw)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no saw station")
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), string(got), "%s differs (got, then want); go test -update refreshes it", path)
}

// BenchmarkCutList plans each example and reports the price of the boards
// bought over the cost lower bound from the LP relaxation priced in money,
// computed in the same run (target at most 1.01), and stock length over the
// total piece length.
func BenchmarkCutList(b *testing.B) {
	for _, f := range examples {
		b.Run(strings.TrimSuffix(filepath.Base(f), ".toml"), func(b *testing.B) {
			d, cat := load(b, f)
			pieces, err := PiecesFromDesign(d, cat)
			require.NoError(b, err)
			var p *Plan
			for i := 0; i < b.N; i++ {
				p, err = Optimise(pieces, cat, designs.Inch/8)
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(p.CostRatio(), "cost/costbound")
			b.ReportMetric(p.Cost().InexactFloat64(), "$")
			b.ReportMetric(p.Ratio(), "stock/lowerbound")
			b.ReportMetric(float64(len(pieces)), "pieces")
		})
	}
}

func decimalInt(n int64) decimal.Decimal { return decimal.NewFromInt(n) }
