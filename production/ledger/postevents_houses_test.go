package ledger

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rowOf3 is the compact row example with three houses instead of twenty.
func rowOf3(t *testing.T, cat *designs.Catalog) *designs.Design {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "designs", "examples", "compact", "row-of-20-24x32.toml"))
	require.NoError(t, err)
	d, err := designs.ParseDesign("row.toml", []byte(strings.Replace(string(data), "repeat = 20", "repeat = 3", 1)), cat)
	require.NoError(t, err)
	return d
}

// Issue 12.13: a design grouped into houses derives its events house by
// house, each from the house's own placements and sourcing plan.
func TestDeriveEventsPerHouse(t *testing.T) {
	cat := catalog(t)
	row, single := rowOf3(t, cat), loadExample(t, cat, "two-bedroom-24x32")
	var planned []int
	req := func(typ EventType, f func(r *PostRequest)) PostRequest {
		r := PostRequest{Type: typ, House: "row", File: "row.toml", Design: row, Catalog: cat, Kind: "labour",
			Plan: func(d *designs.Design) (*manufacturing.SourcingPlan, error) {
				planned = append(planned, len(d.Placements))
				return &manufacturing.SourcingPlan{Policy: manufacturing.PolicyLocal, Total: dec("300"), Orders: []manufacturing.PurchaseOrder{{SupplierID: "valley", Total: dec("300")}}}, nil
			}}
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
		{"an order per house", req(EventPOIssued, nil), []string{"row/house-1:po-issued:valley", "row/house-2:po-issued:valley", "row/house-3:po-issued:valley"}},
		{"completed per house", req(EventHouseCompleted, nil), []string{"row/house-1:house-completed", "row/house-2:house-completed", "row/house-3:house-completed"}},
		{"given key suffixed per house", req(EventMaterialsIssued, func(r *PostRequest) { r.Key = "mat" }), []string{"mat:row/house-1", "mat:row/house-2", "mat:row/house-3"}},
		{"select by name", req(EventHouseSold, func(r *PostRequest) { r.Select, r.Amount = "House 2", dec("1000") }), []string{"row/house-2:house-sold"}},
		{"select by slug", req(EventHouseCompleted, func(r *PostRequest) { r.Select = "house-3" }), []string{"row/house-3:house-completed"}},
		{"select by id", req(EventHouseCompleted, func(r *PostRequest) { r.Select = "row/house-1" }), []string{"row/house-1:house-completed"}},
		{"a reversal is one event", req(EventReversal, func(r *PostRequest) { r.Reverses = "row/house-1:house-sold" }), []string{"reversal:row/house-1:house-sold"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			evs, err := DeriveEvents(tc.r)
			require.NoError(t, err)
			assert.Equal(t, tc.want, keys(evs))
			for _, e := range evs {
				assert.NoError(t, e.Validate(), e.Key)
			}
		})
	}
	planned = nil
	_, err := DeriveEvents(req(EventMaterialsIssued, nil))
	require.NoError(t, err)
	assert.Equal(t, []int{len(single.Placements), len(single.Placements), len(single.Placements)}, planned, "a plan per house, of its own placements")

	evs, err := DeriveEvents(req(EventModuleBuilt, func(r *PostRequest) { r.Person = "ann" }))
	require.NoError(t, err)
	counts := map[string]int{}
	for _, e := range evs {
		counts[e.House] += e.Count
	}
	assert.Equal(t, map[string]int{"row/house-1": len(single.Placements), "row/house-2": len(single.Placements), "row/house-3": len(single.Placements)}, counts)
	evs, err = DeriveEvents(req(EventLabour, func(r *PostRequest) { r.Person, r.Skill = "ann", "framing" }))
	require.NoError(t, err)
	require.Len(t, evs, 3)
	want := DesignLabourMinutes(cat, single, "framing").Round(0).IntPart()
	for _, e := range evs {
		assert.Equal(t, want, e.Minutes, e.House)
	}
}

func TestDeriveEventsPerHouseRefuses(t *testing.T) {
	cat := catalog(t)
	row := rowOf3(t, cat)
	mixed := *row
	mixed.Placements = append([]designs.Placement{{Module: "foundation-cell", X: 0, Y: 9}}, row.Placements...)
	twins := *row
	twins.Placements = append([]designs.Placement{}, row.Placements...)
	for i := range twins.Placements {
		if twins.Placements[i].House == "House 2" {
			twins.Placements[i].House = "house-1"
		}
	}
	tests := []struct {
		name string
		r    PostRequest
		want string
	}{
		{"unknown house", PostRequest{Type: EventHouseCompleted, Select: "House 9"}, `house "House 9" is not in row.toml; its houses: House 1, House 2, House 3`},
		{"a sale price for every house", PostRequest{Type: EventHouseSold, Amount: dec("1")},
			"row.toml has 3 houses (House 1, House 2, House 3): a given --amount, --hours or --count is the figure of one house; choose it with --house"},
		{"placements outside the houses", PostRequest{Type: EventHouseCompleted, Design: &mixed},
			"row.toml groups its modules into houses, but 1 placements (the first a foundation-cell at 0,9) belong to no house: put them in a [[house]], or post one house with --house"},
		{"two houses with one id", PostRequest{Type: EventHouseCompleted, Design: &twins},
			`houses "House 1" and "house-1" of row.toml would both be house row/house-1 in the ledger: rename one`},
		{"module in no house", PostRequest{Type: EventModuleBuilt, Person: "ann", Module: "nope"}, `module "nope" is not in row.toml`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.r.Catalog, tc.r.House, tc.r.File = cat, "row", "row.toml"
			if tc.r.Design == nil {
				tc.r.Design = row
			}
			_, err := DeriveEvents(tc.r)
			assert.ErrorIs(t, err, ErrPostRequest)
			assert.EqualError(t, err, tc.want)
		})
	}
}
