package engine

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/require"
)

func TestSupplierStockCheck(t *testing.T) {
	sups, err := designs.DefaultSuppliers(testCatalog(t))
	require.NoError(t, err)
	runRuleCases(t, []ruleCase{
		{name: "only the local yard", layout: cabin, opts: func(o *Options) { o.Suppliers = sups[:1] },
			want: []string{"supplier-stocks"}, msg: "window wall 4x8 on the north edge of (2,1) needs FIX-WIN-3648, which none of the suppliers stocks"},
	})
}
