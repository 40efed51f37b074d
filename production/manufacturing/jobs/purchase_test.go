package jobs

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every cut in the shop's cut lists comes from a board on a purchase order:
// for every example and every sourcing policy, the purchase orders buy each
// lumber stock length exactly as many times as the cut lists cut one (issue
// 12, item 3), and buy no lumber the cut lists do not cut.
func TestCutListsMatchPurchaseOrders(t *testing.T) {
	today := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	for _, f := range examples {
		d, cat, shop := setup(t, f, designs.DefaultShopID)
		p, err := Build(d, cat, shop)
		require.NoError(t, err)
		boards := map[string]int64{}
		for _, st := range p.Stations {
			for _, b := range st.Bars {
				boards[b.Stock.SKU]++
			}
		}
		require.NotEmpty(t, boards)
		bom, err := manufacturing.BuildBOMKerf(cat, shop.Kerf, d)
		require.NoError(t, err)
		sups, err := designs.DefaultSuppliers(cat)
		require.NoError(t, err)
		for _, pol := range manufacturing.Policies {
			t.Run(filepath.Base(f)+"/"+string(pol), func(t *testing.T) {
				plan, err := manufacturing.Source(bom, sups, manufacturing.SourceRequest{Policy: pol, Today: today})
				require.NoError(t, err)
				needed, ordered := map[string]int64{}, map[string]int64{}
				for _, po := range plan.Orders {
					for _, l := range po.Lines {
						if cat.Materials[l.SKU].Kind == designs.KindLumber {
							needed[l.SKU] += l.Needed
							ordered[l.SKU] += l.Quantity
						}
					}
				}
				assert.Equal(t, boards, needed, "boards the cut lists cut (got) against boards the purchase orders cover")
				for sku, n := range boards {
					assert.GreaterOrEqual(t, ordered[sku], n, "%s: %d ordered for %d boards cut", sku, ordered[sku], n)
				}
			})
		}
	}
}
