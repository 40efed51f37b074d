package engine

import "fmt"

// CheckSupplierStock names the placement check: some supplier stocks every
// material of the module.
const CheckSupplierStock = "supplier-stock"

func init() { registerCheck(supplierStockCheck{}) }

type supplierStockCheck struct {
	placementCheck
	noFields
}

func (supplierStockCheck) Name() string { return CheckSupplierStock }

func (supplierStockCheck) Place(e *Engine, _ *view, g *placed, _ *Rule, rep *report) {
	if s := e.stockOK[g.mi]; s != "" {
		rep.add(fmt.Sprintf("%s needs %s, which none of the suppliers stocks", describe(g), s), g.id)
	}
}
