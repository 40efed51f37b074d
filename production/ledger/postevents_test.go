package ledger

import (
	"errors"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDeriveEvents(t *testing.T) {
	cat := catalog(t)
	d := loadExample(t, cat, "cabin-12x16")
	plan := &manufacturing.SourcingPlan{Policy: manufacturing.PolicyLocal, Total: dec("300"), Orders: []manufacturing.PurchaseOrder{
		{SupplierID: "midwest", Total: dec("100")}, {SupplierID: "valley", Total: dec("200")}}}
	req := func(typ EventType, f func(r *PostRequest)) PostRequest {
		r := PostRequest{Type: typ, House: "h1", File: "cabin.toml", Design: d, Catalog: cat, Kind: "labour",
			Plan: func(*designs.Design) (*manufacturing.SourcingPlan, error) { return plan, nil }}
		if f != nil {
			f(&r)
		}
		return r
	}
	keys := func(evs []Event) []string {
		var out []string
		for _, e := range evs {
			out = append(out, e.Key)
		}
		return out
	}
	tests := []struct {
		name string
		r    PostRequest
		want []string
	}{
		{"an order per supplier of the plan", req(EventPOIssued, nil), []string{"h1:po-issued:midwest", "h1:po-issued:valley"}},
		{"one supplier", req(EventGoodsReceived, func(r *PostRequest) { r.Supplier = "valley" }), []string{"h1:goods-received:valley"}},
		{"given key suffixed per supplier", req(EventSupplierPaid, func(r *PostRequest) { r.Key = "pay" }), []string{"pay:midwest", "pay:valley"}},
		{"given amount and supplier, no plan", req(EventPOIssued, func(r *PostRequest) { r.Supplier, r.Amount, r.Plan = "x", dec("5"), nil }), []string{"h1:po-issued:x"}},
		{"materials from the plan", req(EventMaterialsIssued, nil), []string{"h1:materials-issued"}},
		{"labour", req(EventLabour, func(r *PostRequest) { r.Person, r.Skill = "ann", "framing" }), []string{"h1:labour-contributed:ann:labour:framing"}},
		{"labour of all skills", req(EventLabour, func(r *PostRequest) { r.Person = "ann" }), []string{"h1:labour-contributed:ann:labour:all"}},
		{"one module", req(EventModuleBuilt, func(r *PostRequest) { r.Person, r.Module, r.Count = "ann", d.Placements[0].Module, 2 }),
			[]string{"h1:module-built:ann:" + d.Placements[0].Module}},
		{"completed", req(EventHouseCompleted, nil), []string{"h1:house-completed"}},
		{"sold", req(EventHouseSold, func(r *PostRequest) { r.Amount = dec("1000") }), []string{"h1:house-sold"}},
		{"reversal", req(EventReversal, func(r *PostRequest) { r.Reverses = "h1:house-sold" }), []string{"reversal:h1:house-sold"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			evs, err := DeriveEvents(tc.r)
			require.NoError(t, err)
			assert.Equal(t, tc.want, keys(evs))
			for _, e := range evs {
				assert.NoError(t, e.Validate(), e.Key)
				assert.Equal(t, d.Name, e.Design)
			}
		})
	}
	evs, err := DeriveEvents(req(EventModuleInstalled, func(r *PostRequest) { r.Person = "bo" }))
	require.NoError(t, err)
	total := 0
	for _, e := range evs {
		total += e.Count
	}
	assert.Equal(t, len(d.Placements), total, "a record per module, counted from the design")
	evs, err = DeriveEvents(req(EventLabour, func(r *PostRequest) { r.Person, r.Hours, r.Rate = "ann", dec("1.5"), dec("40") }))
	require.NoError(t, err)
	assert.Equal(t, int64(90), evs[0].Minutes)
	assert.True(t, dec("40").Equal(evs[0].Rate))
}

func TestDeriveEventsRefuses(t *testing.T) {
	cat := catalog(t)
	d := loadExample(t, cat, "cabin-12x16")
	planErr := errors.New("no plan")
	tests := []struct {
		name string
		r    PostRequest
		want string
	}{
		{"sale without price", PostRequest{Type: EventHouseSold}, "house-sold needs --amount (the sale price)"},
		{"hours of a design contribution", PostRequest{Type: EventLabour, Kind: "design"}, "--hours is required for a design contribution"},
		{"count without module", PostRequest{Type: EventModuleBuilt, Count: 3}, "--count needs --module"},
		{"module not in the design", PostRequest{Type: EventModuleBuilt, Module: "nope", File: "cabin.toml"}, `module "nope" is not in cabin.toml`},
		{"supplier without an order", PostRequest{Type: EventPOIssued, Supplier: "nope", File: "cabin.toml",
			Plan: func(*designs.Design) (*manufacturing.SourcingPlan, error) {
				return &manufacturing.SourcingPlan{Policy: manufacturing.PolicyLocal}, nil
			}}, `supplier "nope" has no purchase order for cabin.toml under policy local`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.r.Design, tc.r.Catalog, tc.r.House = d, cat, "h1"
			_, err := DeriveEvents(tc.r)
			assert.ErrorIs(t, err, ErrPostRequest)
			assert.EqualError(t, err, tc.want)
		})
	}
	_, err := DeriveEvents(PostRequest{Type: EventMaterialsIssued, Design: d, Catalog: cat,
		Plan: func(*designs.Design) (*manufacturing.SourcingPlan, error) { return nil, planErr }})
	assert.ErrorIs(t, err, planErr, "plan errors pass through")
}
