package store

import (
	"testing"

	"github.com/opensourceecology/prodos/production/value"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// payoutOrder costs 160.00 in full (materials 100, labour 50, overhead 10)
// with a margin of 40.00.
func payoutOrder() Order {
	d := decimal.RequireFromString
	return Order{ID: "mo-mf-1", Level: LevelProduct, Kind: "built-to-order", Total: d("200.00"), Lines: []Line{
		{Name: "materials", Amount: d("100.00")}, {Name: "labour", Amount: d("50.00")},
		{Name: "overhead", Amount: d("10.00")}, {Name: MarginLine, Amount: d("40.00")}}}
}

// payoutReport credits ana 60 minutes (two lines), bo 30 and dana 10 on
// house mo-mf-1, and ana 500 minutes on another house.
func payoutReport() *value.Report {
	m := func(n int64) decimal.Decimal { return decimal.NewFromInt(n) }
	return &value.Report{People: []value.Person{
		{Name: "dana", Lines: []value.Line{{Key: "d1", House: "mo-mf-1", Credited: m(10)}}},
		{Name: "ana", Lines: []value.Line{{Key: "a1", House: "mo-mf-1", Credited: m(40)}, {Key: "a2", House: "mo-mf-1", Credited: m(20)},
			{Key: "a3", House: "other", Credited: m(500)}}},
		{Name: "bo", Lines: []value.Line{{Key: "b1", House: "mo-mf-1", Credited: m(30)}, {Key: "b2", House: "mo-mf-1", Credited: m(0)}}},
		{Name: "eve", Lines: []value.Line{{Key: "e1", House: "mo-mf-1", Credited: m(0)}}},
	}}
}

// Hand-computed: with R&D at 10 % the weights of 100 credited minutes are
// ana 54, bo 27, dana 9, R&D 10. A surplus of 40.00 splits exactly
// (21.60, 10.80, 3.60, 4.00). A surplus of 0.10 gives 5.4, 2.7, 0.9 and 1.0
// cents: floors 5, 2, 0, 1 leave 2 cents, to the largest remainders (dana
// .9, bo .7): 5, 3, 1, 1.
func TestSplitSurplusHandComputed(t *testing.T) {
	for _, c := range []struct {
		sale string
		want []string // ana, bo, dana, R&D
	}{
		{"200.00", []string{"21.60", "10.80", "3.60", "4.00"}},
		{"160.10", []string{"0.05", "0.03", "0.01", "0.01"}},
	} {
		p, err := SplitSurplus(payoutOrder(), "mo-mf-1", decimal.RequireFromString(c.sale), decimal.RequireFromString("0.10"), payoutReport())
		require.NoError(t, err, c.sale)
		require.Len(t, p.Payouts, 4)
		got, sum := []string{}, decimal.Zero
		for _, pay := range p.Payouts {
			got = append(got, pay.Amount.StringFixed(2))
			sum = sum.Add(pay.Amount)
		}
		assert.Equal(t, c.want, got, c.sale)
		assert.Equal(t, []string{"ana", "bo", "dana", ""}, []string{p.Payouts[0].Person, p.Payouts[1].Person, p.Payouts[2].Person, p.Payouts[3].Person})
		assert.True(t, sum.Equal(p.Surplus), "%s: payouts %s, surplus %s", c.sale, sum, p.Surplus)
		assert.Equal(t, "160", p.FullCost.String())
		assert.Equal(t, "100", p.HouseCredited.String())
		assert.Len(t, p.Payouts[0].Lines, 2, "ana's lines on this house only")
		assert.Equal(t, "60", p.Payouts[0].Credited.String())
	}
}

func TestSplitSurplusRefuses(t *testing.T) {
	d := decimal.RequireFromString
	_, err := SplitSurplus(payoutOrder(), "mo-mf-1", d("160.00"), d("0.1"), payoutReport())
	assert.ErrorIs(t, err, ErrRefused, "no surplus")
	_, err = SplitSurplus(payoutOrder(), "nobody-worked", d("200.00"), d("0.1"), payoutReport())
	assert.ErrorIs(t, err, ErrRefused, "no credited work")
	lic := payoutOrder()
	lic.Level = LevelLicence
	_, err = SplitSurplus(lic, "mo-mf-1", d("200.00"), d("0.1"), payoutReport())
	assert.ErrorIs(t, err, ErrRefused, "no house")
}
