package manufacturing

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var today = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

func day(s string) time.Time {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

// testSuppliers: near is local, dear, little stock; mid is regional; far is
// national, cheapest, slowest.
const testSuppliers = `
[[supplier]]
id = "near"
name = "Near Yard"
region = "local"
location = "here"
lead_days = 1
[[supplier.item]]
sku = "LUM-2X6-08"
price = "6.00"
pack = 1
min_qty = 1
stock = 10
[[supplier.item]]
sku = "HW-NAIL-16D"
price = "0.09"
pack = 100
min_qty = 1
stock = 1000
[[supplier.item]]
sku = "HW-SCREW-3"
price = "0.05"
pack = 50
min_qty = 1
stock = 1000

[[supplier]]
id = "mid"
name = "Mid Supply"
region = "regional"
location = "city"
lead_days = 4
[[supplier.item]]
sku = "LUM-2X6-08"
price = "5.50"
pack = 10
min_qty = 20
stock = 500

[[supplier]]
id = "far"
name = "Far Direct"
region = "national"
location = "far away"
lead_days = 10
[[supplier.item]]
sku = "LUM-2X6-08"
price = "5.00"
pack = 1
min_qty = 1
stock = 1000
[[supplier.item]]
sku = "HW-NAIL-16D"
price = "0.07"
pack = 1000
min_qty = 1
stock = 100000
[[supplier.item]]
sku = "HW-SCREW-3"
price = "0.02"
pack = 500
min_qty = 1
stock = 100000
`

func parseTestSuppliers(t *testing.T, cat *designs.Catalog) []*designs.Supplier {
	t.Helper()
	sups, err := designs.ParseSuppliers("test-suppliers.toml", []byte(testSuppliers), cat)
	require.NoError(t, err)
	return sups
}

func bomOf(cat *designs.Catalog, lines map[string]int64) *BOM {
	b := &BOM{}
	for _, sku := range []string{"HW-NAIL-16D", "HW-SCREW-3", "LUM-2X6-08", "SHT-OSB-716"} {
		if n, ok := lines[sku]; ok {
			m := cat.Materials[sku]
			q := decimal.NewFromInt(n)
			b.Lines = append(b.Lines, BOMLine{SKU: sku, Description: m.Description, Unit: m.Unit, Net: q, Gross: q, Quantity: q,
				UnitCost: m.Price, ExtendedCost: q.Mul(m.Price), Modules: []string{"wall-ext-4x8"}})
		}
	}
	return b
}

type alloc struct {
	supplier        string
	needed, ordered int64
}

func TestSourcePolicies(t *testing.T) {
	cat := catalog(t)
	sups := parseTestSuppliers(t, cat)
	tests := []struct {
		name   string
		need   map[string]int64
		policy Policy
		needBy string
		want   map[string][]alloc // sku -> allocations in supplier id order
	}{
		{"local fills from near then splits to mid with pack and minimum", map[string]int64{"LUM-2X6-08": 25}, PolicyLocal, "",
			map[string][]alloc{"LUM-2X6-08": {{"mid", 15, 20}, {"near", 10, 10}}}},
		{"local within stock stays local", map[string]int64{"LUM-2X6-08": 7}, PolicyLocal, "",
			map[string][]alloc{"LUM-2X6-08": {{"near", 7, 7}}}},
		// Nails: two 100-packs at $0.09 ($18) beat a 1000-pack at $0.07 ($70).
		{"cheapest goes national for lumber, local for a few nails", map[string]int64{"LUM-2X6-08": 25, "HW-NAIL-16D": 150}, PolicyCheapest, "",
			map[string][]alloc{"LUM-2X6-08": {{"far", 25, 25}}, "HW-NAIL-16D": {{"near", 150, 200}}}},
		// 60 screws: two 50-packs at $0.05 cost $5.00, one 500-pack at
		// $0.02 costs $10.00; the lower unit price is the dearer order.
		{"cheapest counts pack rounding", map[string]int64{"HW-SCREW-3": 60}, PolicyCheapest, "",
			map[string][]alloc{"HW-SCREW-3": {{"near", 60, 100}}}},
		// 600 screws: the 500-pack is cheaper per screw even with 400 spare
		// ($0.02 x 1000 = $20 against $0.05 x 600 = $30).
		{"cheapest still takes the big pack when it pays", map[string]int64{"HW-SCREW-3": 600}, PolicyCheapest, "",
			map[string][]alloc{"HW-SCREW-3": {{"far", 600, 1000}}}},
		{"cheapest meeting need-by skips the slow national", map[string]int64{"LUM-2X6-08": 25}, PolicyCheapest, "2026-11-26",
			map[string][]alloc{"LUM-2X6-08": {{"mid", 25, 30}}}},
		{"fastest is local then regional", map[string]int64{"LUM-2X6-08": 12}, PolicyFastest, "",
			map[string][]alloc{"LUM-2X6-08": {{"mid", 2, 20}, {"near", 10, 10}}}},
		{"nails round to packs", map[string]int64{"HW-NAIL-16D": 150}, PolicyLocal, "",
			map[string][]alloc{"HW-NAIL-16D": {{"near", 150, 200}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := SourceRequest{Policy: tt.policy, Today: today}
			if tt.needBy != "" {
				req.NeedBy = day(tt.needBy)
			}
			plan, err := Source(bomOf(cat, tt.need), sups, req)
			require.NoError(t, err)
			got := map[string][]alloc{}
			var total decimal.Decimal
			for _, po := range plan.Orders {
				var poTotal decimal.Decimal
				for _, l := range po.Lines {
					got[l.SKU] = append(got[l.SKU], alloc{po.SupplierID, l.Needed, l.Quantity})
					assert.Zero(t, l.Quantity%int64(l.Pack), "order is whole packs")
					assert.True(t, l.Extended.Equal(l.UnitPrice.Mul(decimal.NewFromInt(l.Quantity))))
					poTotal = poTotal.Add(l.Extended)
				}
				assert.True(t, po.Total.Equal(poTotal))
				assert.Equal(t, today.AddDate(0, 0, po.LeadDays), po.Delivery)
				if !req.NeedBy.IsZero() {
					assert.False(t, po.Delivery.After(req.NeedBy))
				}
				total = total.Add(po.Total)
			}
			assert.True(t, plan.Total.Equal(total))
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestSourceUnsuppliable(t *testing.T) {
	cat := catalog(t)
	sups := parseTestSuppliers(t, cat)
	tests := []struct {
		name   string
		need   map[string]int64
		needBy string
		reason string
	}{
		{"nobody lists it", map[string]int64{"SHT-OSB-716": 3}, "", "no supplier lists it"},
		{"nobody in time", map[string]int64{"LUM-2X6-08": 5}, "2026-11-21", "no supplier delivers by 2026-11-21"},
		{"not enough stock in time", map[string]int64{"LUM-2X6-08": 600}, "2026-11-25", "not enough stock at suppliers delivering by 2026-11-25"},
		{"not enough stock at all", map[string]int64{"LUM-2X6-08": 5000}, "", "not enough stock"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := SourceRequest{Policy: PolicyLocal, Today: today}
			if tt.needBy != "" {
				req.NeedBy = day(tt.needBy)
			}
			_, err := Source(bomOf(cat, tt.need), sups, req)
			var ue *UnsuppliableError
			require.ErrorAs(t, err, &ue)
			assert.Equal(t, tt.reason, ue.Reason)
			assert.Equal(t, []string{"wall-ext-4x8"}, ue.Modules)
			assert.Contains(t, err.Error(), "wall-ext-4x8")
		})
	}
}

func TestSourceBadPolicy(t *testing.T) {
	_, err := Source(&BOM{}, nil, SourceRequest{Policy: "random"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"random"`)
}

func TestPurchaseOrdersGolden(t *testing.T) {
	cat := catalog(t)
	sups, err := designs.DefaultSuppliers(cat)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(sups), 3)
	for _, p := range Policies {
		t.Run(string(p), func(t *testing.T) {
			b, err := BuildBOM(cat, loadExample(t, cat, "seed-home-32x40"))
			require.NoError(t, err)
			plan, err := Source(b, sups, SourceRequest{Policy: p, Today: today})
			require.NoError(t, err)
			var buf bytes.Buffer
			require.NoError(t, plan.WriteCSV(&buf))
			golden(t, "purchase-orders-seed-home-"+string(p)+".csv", buf.Bytes())
			assert.Equal(t, len(plan.Orders), strings.Count(buf.String(), "\nsupplier,")+btoi(strings.HasPrefix(buf.String(), "supplier,")))
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Every example design can be sourced from the default suppliers under
// every policy.
func TestDefaultSuppliersCoverExamples(t *testing.T) {
	cat := catalog(t)
	sups, err := designs.DefaultSuppliers(cat)
	require.NoError(t, err)
	regions := map[string]bool{}
	for _, s := range sups {
		regions[s.Region] = true
	}
	assert.Len(t, regions, 3, "suppliers span local, regional and national")
	for _, name := range examples {
		b, err := BuildBOM(cat, loadExample(t, cat, name))
		require.NoError(t, err)
		for _, p := range Policies {
			plan, err := Source(b, sups, SourceRequest{Policy: p, Today: today})
			require.NoError(t, err, "%s %s", name, p)
			assert.True(t, plan.Total.GreaterThanOrEqual(b.NetTotal.Mul(decimal.RequireFromString("0.9"))))
		}
	}
}

// With more candidates than are permuted, cheapest orders them by the cost
// per unit covered of the pack-rounded order.
func TestFillOrderManyOffers(t *testing.T) {
	var cands []offer
	for i, x := range []struct {
		price       string
		pack, stock int
	}{{"0.02", 500, 10000}, {"0.03", 500, 10000}, {"0.05", 50, 1000}, {"0.04", 1000, 10000},
		{"0.06", 10, 1000}, {"0.07", 1, 40}, {"0.02", 1000, 10000}} {
		sup := &designs.Supplier{ID: fmt.Sprint("s", i)}
		cands = append(cands, offer{sup, designs.SupplierItem{SKU: "HW-SCREW-3", Price: decimal.RequireFromString(x.price), Pack: x.pack, MinQty: 1, Stock: x.stock}})
	}
	require.Greater(t, len(cands), maxPermute)
	var got []string
	for _, o := range fillOrder(cands, 60, PolicyCheapest) {
		got = append(got, o.sup.ID)
	}
	// per screw covered: s5 0.07, s4 0.06*60/60, s2 0.05*100/60, s0 0.02*500/60,
	// s1 0.03*500/60, s6 0.02*1000/60, s3 0.04*1000/60
	assert.Equal(t, []string{"s4", "s5", "s2", "s0", "s1", "s6", "s3"}, got)
}
