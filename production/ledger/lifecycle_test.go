package ledger

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestReplayFindsEventsOutOfOrder(t *testing.T) {
	po := func(id int64, h string, c int64) ReplayTx {
		return ReplayTx{ID: id, Key: "po", Event: EventPOIssued, House: h,
			Postings: []Posting{{AccountOnOrder("s"), c}, {AccountCommitted("s"), -c}}}
	}
	gr := func(id int64, h string, c int64) ReplayTx {
		return ReplayTx{ID: id, Key: "gr", Event: EventGoodsReceived, House: h, Postings: []Posting{
			{AccountInventory, c}, {AccountPayable("s"), -c}, {AccountCommitted("s"), c}, {AccountOnOrder("s"), -c}}}
	}
	issue := func(id int64, h string, c int64) ReplayTx {
		return ReplayTx{ID: id, Key: "issue", Event: EventMaterialsIssued, House: h,
			Postings: []Posting{{AccountWIPMaterials(h), c}, {AccountInventory, -c}}}
	}
	done := func(id int64, h string, c int64) ReplayTx {
		return ReplayTx{ID: id, Key: "done", Event: EventHouseCompleted, House: h,
			Postings: []Posting{{AccountFinishedMaterials(h), c}, {AccountWIPMaterials(h), -c}}}
	}
	sold := func(id int64, h string, c int64) ReplayTx {
		return ReplayTx{ID: id, Key: "sold", Event: EventHouseSold, House: h, Postings: []Posting{
			{AccountCash, 9000}, {AccountSales, -9000}, {AccountCOGS, c}, {AccountFinishedMaterials(h), -c}}}
	}
	undo := func(id, of int64, ps []Posting) ReplayTx {
		neg := make([]Posting, len(ps))
		for i, p := range ps {
			neg[i] = Posting{p.Account, -p.Amount}
		}
		return ReplayTx{ID: id, Key: "undo", Event: EventReversal, House: "h", Reverses: of, Postings: neg}
	}
	life := []ReplayTx{po(1, "h", 500), gr(2, "h", 500), issue(3, "h", 500), done(4, "h", 500), sold(5, "h", 500)}
	tests := []struct {
		name string
		txs  []ReplayTx
		bad  []int64 // ids reported
	}{
		{"a whole life", life, nil},
		{"goods before their order", []ReplayTx{gr(1, "h", 500), po(2, "h", 500)}, []int64{1}},
		{"goods of another house's order", []ReplayTx{po(1, "h", 500), gr(2, "k", 500)}, []int64{2}},
		{"order after the sale", append(append([]ReplayTx{}, life...), po(6, "h", 1)), []int64{6}},
		{"sale reversed, then sold again", append(append([]ReplayTx{}, life...), undo(6, 5, sold(0, "h", 500).Postings), sold(7, "h", 500)), nil},
		{"completion reversed after the sale", append(append([]ReplayTx{}, life...), undo(6, 4, done(0, "h", 500).Postings)), []int64{6}},
		{"sold before completed", []ReplayTx{po(1, "h", 500), gr(2, "h", 500), issue(3, "h", 500), sold(4, "h", 500)}, []int64{4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReplay()
			var bad []int64
			for _, tx := range tt.txs {
				if err := r.Apply(tx); err != nil {
					assert.ErrorIs(t, err, ErrOutOfOrder)
					bad = append(bad, tx.ID)
				}
			}
			assert.Equal(t, tt.bad, bad)
		})
	}
}

func TestCheckSidesMessage(t *testing.T) {
	ps := []Posting{{AccountInventory, 150}, {AccountPayable("valley"), -150}, {AccountCommitted("valley"), 150}, {AccountOnOrder("valley"), -150}}
	assert.Equal(t, []string{AccountOnOrder("valley"), AccountCommitted("valley")}, Guarded(ps))
	err := CheckSides(EventGoodsReceived, "cabin", map[string]int64{AccountOnOrder("valley"): 100, AccountCommitted("valley"): -100}, ps)
	assert.ErrorIs(t, err, ErrOutOfOrder)
	assert.EqualError(t, err, `event out of order: goods-received for house "cabin" needs 1.50 from the open order with valley (assets:on-order:valley), which holds 1.00; post po-issued first`)
	assert.NoError(t, CheckSides(EventGoodsReceived, "cabin", map[string]int64{AccountOnOrder("valley"): 150, AccountCommitted("valley"): -150}, ps))
}
