package ledger

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestEventValidate(t *testing.T) {
	tests := []struct {
		name string
		e    Event
		ok   bool
	}{
		{"po ok", Event{Key: "k", Type: EventPOIssued, Supplier: "s", Amount: dec("10.50")}, true},
		{"po no supplier", Event{Key: "k", Type: EventPOIssued, Amount: dec("10")}, false},
		{"po negative", Event{Key: "k", Type: EventPOIssued, Supplier: "s", Amount: dec("-1")}, false},
		{"po sub-cent", Event{Key: "k", Type: EventPOIssued, Supplier: "s", Amount: dec("1.005")}, false},
		{"po absurd", Event{Key: "k", Type: EventPOIssued, Supplier: "s", Amount: dec("1e20")}, false},
		{"no key", Event{Type: EventHouseCompleted, House: "h"}, false},
		{"materials ok", Event{Key: "k", Type: EventMaterialsIssued, House: "h", Amount: dec("1")}, true},
		{"materials no house", Event{Key: "k", Type: EventMaterialsIssued, Amount: dec("1")}, false},
		{"house with colon", Event{Key: "k", Type: EventHouseCompleted, House: "a:b"}, false},
		{"labour ok", Event{Key: "k", Type: EventLabour, House: "h", Person: "p", Kind: "labour", Minutes: 60, Rate: dec("35")}, true},
		{"labour bad kind", Event{Key: "k", Type: EventLabour, House: "h", Person: "p", Kind: "lunch", Minutes: 60, Rate: dec("35")}, false},
		{"labour negative minutes", Event{Key: "k", Type: EventLabour, House: "h", Person: "p", Kind: "labour", Minutes: -5, Rate: dec("35")}, false},
		{"built ok", Event{Key: "k", Type: EventModuleBuilt, House: "h", Person: "p", Module: "m", Count: 2}, true},
		{"built zero", Event{Key: "k", Type: EventModuleBuilt, House: "h", Person: "p", Module: "m"}, false},
		{"sold ok", Event{Key: "k", Type: EventHouseSold, House: "h", Amount: dec("1000")}, true},
		{"reversal needs target", Event{Key: "k", Type: EventReversal}, false},
		{"unknown type", Event{Key: "k", Type: "party", House: "h"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.e.Validate()
			if tt.ok {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, ErrInvalidEvent)
			}
		})
	}
}

func TestEventPostingsBalance(t *testing.T) {
	bal := map[string]int64{
		AccountWIPMaterials("h"): 1000, AccountWIPLabour("h"): 250,
		AccountFinishedMaterials("g"): 700, AccountFinishedLabour("g"): 300,
	}
	lookup := func(a string) (int64, error) { return bal[a], nil }
	events := []Event{
		{Key: "1", Type: EventPOIssued, Supplier: "s", Amount: dec("12.34")},
		{Key: "2", Type: EventGoodsReceived, Supplier: "s", Amount: dec("12.34")},
		{Key: "3", Type: EventSupplierPaid, Supplier: "s", Amount: dec("12.34")},
		{Key: "4", Type: EventMaterialsIssued, House: "h", Amount: dec("12.34")},
		{Key: "5", Type: EventLabour, House: "h", Person: "p", Kind: "labour", Minutes: 90, Rate: dec("35")},
		{Key: "6", Type: EventHouseCompleted, House: "h"},
		{Key: "7", Type: EventHouseSold, House: "g", Amount: dec("2000")},
	}
	for _, e := range events {
		require.NoError(t, e.Validate())
		ps, err := e.Postings(lookup)
		require.NoError(t, err, e.Type)
		assert.NoError(t, CheckBalanced(ps), e.Type)
	}
	ps, err := events[4].Postings(lookup)
	require.NoError(t, err)
	assert.Equal(t, int64(5250), ps[0].Amount, "90 min at 35/h is 52.50")
	_, err = Event{Key: "x", Type: EventHouseCompleted, House: "empty"}.Postings(lookup)
	assert.ErrorIs(t, err, ErrInvalidEvent, "completing a house with nothing in progress")
	_, err = Event{Key: "x", Type: EventHouseSold, House: "h", Amount: dec("5")}.Postings(lookup)
	assert.ErrorIs(t, err, ErrInvalidEvent, "selling a house not completed")
}

func TestCheckBalanced(t *testing.T) {
	assert.Error(t, CheckBalanced([]Posting{{AccountCash, 5}}))
	assert.Error(t, CheckBalanced([]Posting{{AccountCash, 5}, {AccountSales, -4}}))
	assert.Error(t, CheckBalanced([]Posting{{AccountCash, 0}, {AccountSales, 0}}))
	assert.Error(t, CheckBalanced([]Posting{{"cash", 5}, {AccountSales, -5}}))
	assert.NoError(t, CheckBalanced([]Posting{{AccountCash, 5}, {AccountSales, -5}}))
}

func TestAccountTypeOf(t *testing.T) {
	for name, want := range map[string]AccountType{
		AccountCash: Asset, AccountPayable("s"): Liability, AccountContributed("p"): Equity,
		AccountSales: Income, AccountCOGS: Expense, AccountLabour: Expense, AccountWIPLabour("h"): Asset,
	} {
		got, err := AccountTypeOf(name)
		require.NoError(t, err, name)
		assert.Equal(t, want, got, name)
	}
	for _, bad := range []string{"", "assets:", "cash", "assets::x"} {
		_, err := AccountTypeOf(bad)
		assert.Error(t, err, bad)
	}
}

func TestDigestStable(t *testing.T) {
	a := Event{Key: "k", Type: EventHouseSold, House: "h", Amount: dec("10.0")}
	b := Event{Key: "k", Type: EventHouseSold, House: "h", Amount: dec("10.00")}
	c := Event{Key: "k", Type: EventHouseSold, House: "h", Amount: dec("10.01")}
	assert.Equal(t, a.Digest(), b.Digest())
	assert.NotEqual(t, a.Digest(), c.Digest())
}
