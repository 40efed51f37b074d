package engine

import "fmt"

// CheckShopProcess names the placement check: the shop can perform every
// machine process of the module.
const CheckShopProcess = "shop-process"

func init() { registerCheck(shopProcessCheck{}) }

type shopProcessCheck struct {
	placementCheck
	noFields
}

func (shopProcessCheck) Name() string { return CheckShopProcess }

func (shopProcessCheck) Place(e *Engine, _ *view, g *placed, _ *Rule, rep *report) {
	if p := e.shopOK[g.mi]; p != "" {
		rep.add(fmt.Sprintf("%s needs the %s process, which shop %q cannot perform", describe(g), p, e.shop.ID), g.id)
	}
}
