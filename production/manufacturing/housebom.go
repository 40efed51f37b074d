package manufacturing

import (
	"sort"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

// HouseBOM is the bill of the whole-house items' materials of a design
// (designs.Catalog.HouseLines: drywall, siding, wiring, ...), bought
// locally rather than through the module suppliers' purchase orders: one
// line per SKU, the items' quantities summed (Net), the material's waste
// added (Gross) and rounded up to whole units; Modules names the items
// that need the SKU. NetTotal equals the materials of
// designs.Catalog.WholeHouseCost.
func HouseBOM(cat *designs.Catalog, d *designs.Design) *BOM {
	b := &BOM{Designs: []string{d.Name}}
	net := map[string]decimal.Decimal{}
	users := map[string]map[string]bool{}
	for _, l := range cat.HouseLines(d) {
		for _, mq := range cat.ExplodeParts(l.Item.Parts) {
			net[mq.SKU] = net[mq.SKU].Add(mq.Qty.Mul(l.Qty))
			if users[mq.SKU] == nil {
				users[mq.SKU] = map[string]bool{}
			}
			users[mq.SKU][l.Item.ID] = true
		}
	}
	skus := make([]string, 0, len(net))
	for sku := range net {
		skus = append(skus, sku)
	}
	sort.Strings(skus)
	for _, sku := range skus {
		mat := cat.Materials[sku]
		gross := net[sku].Mul(one.Add(mat.Waste))
		qty := gross.Ceil()
		items := make([]string, 0, len(users[sku]))
		for id := range users[sku] {
			items = append(items, id)
		}
		sort.Strings(items)
		l := BOMLine{SKU: sku, Description: mat.Description, Unit: mat.Unit, Kind: mat.Kind, Net: net[sku], Gross: gross, Quantity: qty,
			UnitCost: mat.Price, ExtendedCost: qty.Mul(mat.Price), Modules: items}
		b.Lines = append(b.Lines, l)
		b.Total = b.Total.Add(l.ExtendedCost)
		b.NetTotal = b.NetTotal.Add(net[sku].Mul(mat.Price))
	}
	return b
}
