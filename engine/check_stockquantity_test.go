package engine

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/require"
)

func TestStockQuantityCheck(t *testing.T) {
	sups, err := designs.DefaultSuppliers(testCatalog(t))
	require.NoError(t, err)
	cat := testCatalog(t)
	runRuleCases(t, []ruleCase{
		{name: "suppliers run short", layout: cabin, opts: func(o *Options) {
			short := *sups[1]
			short.Items = nil
			for _, it := range sups[1].Items {
				if it.SKU == "LUM-2X6-08" {
					it.Stock = 20
				}
				short.Items = append(short.Items, it)
			}
			o.Suppliers = []*designs.Supplier{&short}
		}, want: []string{"enough-stock"}, msg: "the design needs " + studsIn(t, cat, layout(t, cabin...)) + " each of LUM-2X6-08 (2x6 stud, 8 ft); the suppliers hold 20 in all"},
	})
}
