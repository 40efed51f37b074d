package engine

import (
	"fmt"
	"sort"

	"github.com/shopspring/decimal"
)

// CheckStockQuantity names the design check: the suppliers together hold
// enough of every material.
const CheckStockQuantity = "stock-quantity"

func init() { registerCheck(stockQuantityCheck{}) }

type stockQuantityCheck struct {
	designCheck
	noFields
}

func (stockQuantityCheck) Name() string { return CheckStockQuantity }

func (stockQuantityCheck) Design(e *Engine, a *analysis, _ *Metrics, _ *Rule, rep *report) {
	e.stockQuantity(a, rep)
}

// stockQuantity compares the design's material quantities (module counts
// times each module's exploded parts) with the suppliers' stock. Materials
// no supplier lists at all are the supplier-stock rule's business.
func (e *Engine) stockQuantity(a *analysis, rep *report) {
	need := map[string]decimal.Decimal{}
	var skus []string
	for _, id := range e.cat.ModuleIDs() {
		n := a.byMod[id]
		if n == 0 {
			continue
		}
		for _, mq := range e.explode[e.modIndex[id]] {
			if _, ok := need[mq.SKU]; !ok {
				skus = append(skus, mq.SKU)
			}
			need[mq.SKU] = need[mq.SKU].Add(mq.Qty.Mul(decimal.NewFromInt(int64(n))))
		}
	}
	sort.Strings(skus)
	for _, sku := range skus {
		have, listed := e.stock[sku]
		if !listed {
			continue
		}
		if q := need[sku]; q.GreaterThan(decimal.NewFromInt(have)) {
			mat := e.cat.Materials[sku]
			rep.add(fmt.Sprintf("the design needs %s %s of %s (%s); the suppliers hold %d in all", q.String(), mat.Unit, sku, mat.Description, have))
		}
	}
}
