package engine

import (
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/require"
)

func TestShopProcessCheck(t *testing.T) {
	shops, err := designs.DefaultShops()
	require.NoError(t, err)
	runRuleCases(t, []ruleCase{
		{name: "shop without a CNC router", layout: cabin, opts: func(o *Options) { o.Shop = shops["hand-tools"] },
			want: []string{"shop-can-make"}, msg: "floor cassette 4x8 at (1,1) needs the cnc-router process, which shop \"hand-tools\" cannot perform"},
	})
}
