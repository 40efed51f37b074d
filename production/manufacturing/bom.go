// Package manufacturing turns a finished design into production work: the bill
// of materials and sourcing (purchase orders per supplier). Every figure is
// derived from the module data in package designs; nothing is retyped.
//
// Its subpackages carry the rest of manufacturing: cut lists (cutlist),
// sheet nesting (nesting), machine jobs (jobs), the crew schedule
// (schedule) and the builder's package (bom.csv, purchase orders, plan
// drawing, manifest) in export. The double-entry ledger and value
// accounting live in production/ledger, its SQLite implementation in
// production/ledger/sqlitestore.
package manufacturing

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"sync"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing/cutlist"
	"github.com/shopspring/decimal"
)

// BOMLine is one SKU of a flattened bill of materials.
type BOMLine struct {
	SKU         string
	Description string
	Unit        string
	Kind        string
	// Net is the exact quantity the modules call for, before waste.
	Net decimal.Decimal
	// Gross is Net plus the material's waste share; for framing lumber, the
	// boards of this stock length the cut-list plan cuts.
	Gross decimal.Decimal
	// Quantity is Gross rounded up to whole purchasable units.
	Quantity decimal.Decimal
	// UnitCost is the catalog unit price.
	UnitCost decimal.Decimal
	// ExtendedCost is Quantity times UnitCost.
	ExtendedCost decimal.Decimal
	// Modules lists the ids of the modules that need this SKU (for framing
	// lumber, also those whose pieces are cut from it), sorted.
	Modules []string
}

// NetCost is the line's cost before waste and rounding (Net times UnitCost).
func (l BOMLine) NetCost() decimal.Decimal { return l.Net.Mul(l.UnitCost) }

// BOM is a flattened bill of materials: one line per SKU, sorted by SKU.
type BOM struct {
	// Designs names the designs the bill covers (one for a single house).
	Designs []string
	Lines   []BOMLine
	// Total is the sum of the extended costs.
	Total decimal.Decimal
	// NetTotal is the cost before waste and rounding; it equals the
	// materials part of cat.DesignCost summed over the designs.
	NetTotal decimal.Decimal
}

// Line returns the line for sku, or nil.
func (b *BOM) Line(sku string) *BOMLine {
	i := sort.Search(len(b.Lines), func(i int) bool { return b.Lines[i].SKU >= sku })
	if i < len(b.Lines) && b.Lines[i].SKU == sku {
		return &b.Lines[i]
	}
	return nil
}

// ModulesNeeding returns the module ids that need sku (nil if none).
func (b *BOM) ModulesNeeding(sku string) []string {
	if l := b.Line(sku); l != nil {
		return l.Modules
	}
	return nil
}

var one = decimal.NewFromInt(1)

// BuildBOM is BuildBOMKerf with the default shop's saw kerf, the kerf the
// shop's cut lists (prodos jobs, the export's jobs folder) are planned with.
func BuildBOM(cat *designs.Catalog, ds ...*designs.Design) (*BOM, error) {
	kerf, err := DefaultKerf()
	if err != nil {
		return nil, err
	}
	return BuildBOMKerf(cat, kerf, ds...)
}

// DefaultKerf is the saw kerf of the default shop profile.
var DefaultKerf = sync.OnceValues(func() (designs.Length, error) {
	shops, err := designs.DefaultShops()
	if err != nil {
		return 0, fmt.Errorf("bom: shop profiles: %w", err)
	}
	s := shops[designs.DefaultShopID]
	if s == nil {
		return 0, fmt.Errorf("bom: no default shop %q", designs.DefaultShopID)
	}
	return s.Kerf, nil
})

// BuildBOMKerf explodes the designs through their modules and
// sub-assemblies to material SKUs and aggregates by SKU. Framing lumber is
// bought as the cut-list plan buys it (cutlist.Boards, the plan of cutlist.Optimise, over every design's
// framing members with this kerf): its lines are the plan's boards, one
// line per stock length, board for board, so the purchase orders buy
// exactly the boards the cut lists cut; the offcuts are the waste. Other
// materials add their waste factor and round up to whole purchasable
// units. Net keeps what the modules' parts lists call for (the basis of the
// module costs), so NetTotal equals the material cost of the designs. An
// unknown module or SKU, or a negative quantity, is an error.
func BuildBOMKerf(cat *designs.Catalog, kerf designs.Length, ds ...*designs.Design) (*BOM, error) {
	b := &BOM{}
	net, grossOf, users, err := explode(cat, b, ds)
	if err != nil {
		return nil, err
	}
	var pieces []cutlist.Piece
	for _, d := range ds {
		ps, err := cutlist.PiecesFromDesign(d, cat)
		if err != nil {
			return nil, fmt.Errorf("design %q: %w", d.Name, err)
		}
		pieces = append(pieces, ps...)
	}
	cuts, err := cutlist.Boards(pieces, cat, kerf)
	if err != nil {
		return nil, fmt.Errorf("bom: %w", err)
	}
	buy := cuts.Buy()
	cutProfiles := map[string]bool{}
	for _, g := range cuts.Groups {
		cutProfiles[g.Profile] = true
	}
	for _, bar := range cuts.Bars() {
		if users[bar.Stock.SKU] == nil {
			users[bar.Stock.SKU] = map[string]bool{}
		}
		for _, p := range bar.Pieces {
			users[bar.Stock.SKU][p.Module] = true
		}
	}
	skus := make([]string, 0, len(net)+len(buy))
	for sku := range users {
		skus = append(skus, sku)
	}
	sort.Strings(skus)
	b.Lines = make([]BOMLine, 0, len(skus))
	for _, sku := range skus {
		mat := cat.Materials[sku]
		if mat.Waste.Sign() < 0 || mat.Price.Sign() < 0 {
			return nil, fmt.Errorf("sku %q: waste %s and price %s must not be negative", sku, mat.Waste, mat.Price)
		}
		b.NetTotal = b.NetTotal.Add(net[sku].Mul(mat.Price))
		gross := grossOf[sku]
		qty := gross.Ceil()
		if mat.Kind == designs.KindLumber && cutProfiles[mat.Profile] {
			qty = decimal.NewFromInt(int64(buy[sku]))
			gross = qty
		}
		if qty.IsZero() {
			continue // a module's lumber SKU the plan cuts from other lengths
		}
		mods := make([]string, 0, len(users[sku]))
		for id := range users[sku] {
			mods = append(mods, id)
		}
		sort.Strings(mods)
		l := BOMLine{
			SKU: sku, Description: mat.Description, Unit: mat.Unit, Kind: mat.Kind,
			Net: net[sku], Gross: gross, Quantity: qty,
			UnitCost: mat.Price, ExtendedCost: qty.Mul(mat.Price),
			Modules: mods,
		}
		b.Lines = append(b.Lines, l)
		b.Total = b.Total.Add(l.ExtendedCost)
	}
	return b, nil
}

// explode sums the designs' material quantities by SKU, net and with waste
// (each module's site-overlay waste share where it has one, else the
// material's), and records which modules need each SKU, naming the designs
// in b.
func explode(cat *designs.Catalog, b *BOM, ds []*designs.Design) (net, gross map[string]decimal.Decimal, users map[string]map[string]bool, err error) {
	// Count placements per module first: exploding each distinct module
	// once keeps a 100-house batch cheap.
	counts := map[string]int64{}
	var order []string
	for _, d := range ds {
		b.Designs = append(b.Designs, d.Name)
		for i, p := range d.Placements {
			if _, ok := cat.Modules[p.Module]; !ok {
				return nil, nil, nil, fmt.Errorf("design %q, placement %d: %w", d.Name, i+1, &UnknownModuleError{ID: p.Module})
			}
			if counts[p.Module] == 0 {
				order = append(order, p.Module)
			}
			counts[p.Module]++
		}
	}
	net, gross = map[string]decimal.Decimal{}, map[string]decimal.Decimal{}
	users = map[string]map[string]bool{}
	for _, id := range order {
		m := cat.Modules[id]
		n := decimal.NewFromInt(counts[id])
		for _, mq := range cat.ExplodeModule(m) {
			mat := cat.Materials[mq.SKU]
			if mat == nil {
				return nil, nil, nil, fmt.Errorf("module %q: %w", id, &UnknownSKUError{SKU: mq.SKU})
			}
			if mq.Qty.Sign() < 0 {
				return nil, nil, nil, fmt.Errorf("module %q, sku %q: negative quantity %s", id, mq.SKU, mq.Qty)
			}
			waste := mat.Waste
			if m.Waste != nil {
				waste = *m.Waste
			}
			net[mq.SKU] = net[mq.SKU].Add(mq.Qty.Mul(n))
			gross[mq.SKU] = gross[mq.SKU].Add(mq.Qty.Mul(n).Mul(one.Add(waste)))
			if users[mq.SKU] == nil {
				users[mq.SKU] = map[string]bool{}
			}
			users[mq.SKU][id] = true
		}
	}
	return net, gross, users, nil
}

// UnknownModuleError names a module id the catalog does not have.
type UnknownModuleError struct{ ID string }

func (e *UnknownModuleError) Error() string { return fmt.Sprintf("unknown module %q", e.ID) }

// UnknownSKUError names a SKU the catalog does not have.
type UnknownSKUError struct{ SKU string }

func (e *UnknownSKUError) Error() string { return fmt.Sprintf("unknown sku %q", e.SKU) }

// BOMHeader is the column row of the BOM CSV.
var BOMHeader = []string{"sku", "description", "quantity", "unit", "unit_cost", "extended_cost"}

// WriteCSV writes the flattened BOM as CSV with a header and a final total row.
func (b *BOM) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(BOMHeader); err != nil {
		return fmt.Errorf("bom csv: %w", err)
	}
	for _, l := range b.Lines {
		if err := cw.Write([]string{l.SKU, l.Description, l.Quantity.String(), l.Unit,
			l.UnitCost.StringFixed(2), l.ExtendedCost.StringFixed(2)}); err != nil {
			return fmt.Errorf("bom csv: %w", err)
		}
	}
	if err := cw.Write([]string{"total", "", "", "", "", b.Total.StringFixed(2)}); err != nil {
		return fmt.Errorf("bom csv: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("bom csv: %w", err)
	}
	return nil
}

// TreeNode is one line of the indented bill of materials:
// design > module > sub-assembly > material.
type TreeNode struct {
	Level int    // 0 design, 1 module, 2+ sub-assemblies and materials
	Kind  string // "design", "module", "assembly" or "material"
	ID    string // design name, module id, assembly id or SKU
	Name  string
	// Qty is per parent: placements of a module in the design, parts of an
	// assembly or material per module or assembly.
	Qty  decimal.Decimal
	Unit string // materials only
	// Total is the quantity for the whole design (Qty times the parents').
	Total decimal.Decimal
}

// IndentedBOM is the multi-level bill of materials of one design. Modules
// appear once each, in first-placement order, with their placement count.
func IndentedBOM(cat *designs.Catalog, d *designs.Design) ([]TreeNode, error) {
	counts := map[string]int64{}
	var order []string
	for i, p := range d.Placements {
		if _, ok := cat.Modules[p.Module]; !ok {
			return nil, fmt.Errorf("design %q, placement %d: %w", d.Name, i+1, &UnknownModuleError{ID: p.Module})
		}
		if counts[p.Module] == 0 {
			order = append(order, p.Module)
		}
		counts[p.Module]++
	}
	out := []TreeNode{{Level: 0, Kind: "design", ID: d.Name, Name: d.Name, Qty: one, Total: one}}
	var walk func(nodes []designs.PartNode, level int, mult decimal.Decimal) error
	walk = func(nodes []designs.PartNode, level int, mult decimal.Decimal) error {
		for _, n := range nodes {
			tot := n.Qty.Mul(mult)
			if n.SKU != "" {
				mat := cat.Materials[n.SKU]
				if mat == nil {
					return &UnknownSKUError{SKU: n.SKU}
				}
				out = append(out, TreeNode{Level: level, Kind: "material", ID: n.SKU, Name: n.Name, Qty: n.Qty, Unit: mat.Unit, Total: tot})
				continue
			}
			out = append(out, TreeNode{Level: level, Kind: "assembly", ID: n.Assembly, Name: n.Name, Qty: n.Qty, Total: tot})
			if err := walk(n.Children, level+1, tot); err != nil {
				return err
			}
		}
		return nil
	}
	for _, id := range order {
		m := cat.Modules[id]
		n := decimal.NewFromInt(counts[id])
		out = append(out, TreeNode{Level: 1, Kind: "module", ID: id, Name: m.Name, Qty: n, Total: n})
		if err := walk(cat.PartTree(m), 2, n); err != nil {
			return nil, fmt.Errorf("module %q: %w", id, err)
		}
	}
	return out, nil
}
