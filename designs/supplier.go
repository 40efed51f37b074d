package designs

import (
	"fmt"
	"io/fs"

	"github.com/shopspring/decimal"
)

// SupplierItem is what one supplier offers of one SKU.
type SupplierItem struct {
	SKU    string          `toml:"sku"`
	Price  decimal.Decimal `toml:"price"`
	Pack   int             `toml:"pack"`    // sold in multiples of this many units
	MinQty int             `toml:"min_qty"` // minimum order quantity in units
	Stock  int             `toml:"stock"`   // units on hand
}

// Supplier is one vendor.
type Supplier struct {
	ID       string         `toml:"id"`
	Name     string         `toml:"name"`
	Region   string         `toml:"region"` // "local", "regional" or "national"
	Location string         `toml:"location"`
	LeadDays int            `toml:"lead_days"`
	Items    []SupplierItem `toml:"item"`
}

// Regions in order of nearness.
var Regions = []string{"local", "regional", "national"}

// ParseSuppliers reads a suppliers file and checks every SKU against cat.
func ParseSuppliers(file string, data []byte, cat *Catalog) ([]*Supplier, error) {
	var doc struct {
		Supplier []*Supplier `toml:"supplier"`
	}
	pos, errs := decodeTOML(file, data, &doc)
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	if err := checkSuppliers(file, pos, doc.Supplier, cat).Err(); err != nil {
		return nil, err
	}
	return doc.Supplier, nil
}

// checkSuppliers checks suppliers read from file: ids, regions, lead
// times, and every item's sku (against cat when not nil), price and pack.
func checkSuppliers(file string, pos positions, list []*Supplier, cat *Catalog) ErrorList {
	var errs ErrorList
	e := func(key, f string, a ...any) {
		errs = append(errs, &Error{File: file, Pos: pos.of(key), Msg: fmt.Sprintf(f, a...)})
	}
	ids := map[string]bool{}
	for i, s := range list {
		at := fmt.Sprintf("supplier[%d].", i)
		if s.ID == "" || ids[s.ID] {
			e(at+"id", "supplier id %q is empty or duplicate", s.ID)
		}
		ids[s.ID] = true
		if !contains(Regions, s.Region) {
			e(at+"region", "supplier %q: region must be local, regional or national, got %q", s.ID, s.Region)
		}
		if s.LeadDays < 0 {
			e(at+"lead_days", "supplier %q: lead_days must not be negative, got %d", s.ID, s.LeadDays)
		}
		for j, it := range s.Items {
			ia := fmt.Sprintf("%sitem[%d].", at, j)
			if cat != nil && cat.Materials[it.SKU] == nil {
				e(ia+"sku", "supplier %q: unknown sku %q", s.ID, it.SKU)
			}
			if it.Price.Sign() <= 0 {
				e(ia+"price", "supplier %q, sku %q: price must be positive, got %s", s.ID, it.SKU, it.Price)
			}
			if it.Pack < 1 || it.MinQty < 0 || it.Stock < 0 {
				e(ia+"pack", "supplier %q, sku %q: pack must be at least 1 and min_qty and stock not negative", s.ID, it.SKU)
			}
		}
	}
	return errs
}

// DefaultSuppliers loads the embedded suppliers.toml (a fresh copy each
// call, from the compiled snapshot when cat is the embedded catalog and the
// snapshot is current).
func DefaultSuppliers(cat *Catalog) ([]*Supplier, error) {
	if defaultSnapshot(cat) {
		return snapshotSuppliers(), nil
	}
	data, err := fs.ReadFile(DataFS(), "suppliers.toml")
	if err != nil {
		return nil, fmt.Errorf("suppliers: %w", err)
	}
	sups, err := ParseSuppliers("suppliers.toml", data, cat)
	if err != nil {
		return nil, err
	}
	return append(sups, cat.packSuppliers()...), nil
}

// Stocks reports whether any supplier lists sku.
func Stocks(suppliers []*Supplier, sku string) bool {
	for _, s := range suppliers {
		for _, it := range s.Items {
			if it.SKU == sku {
				return true
			}
		}
	}
	return false
}
