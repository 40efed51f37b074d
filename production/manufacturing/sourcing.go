package manufacturing

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

// Policy chooses which supplier fills a BOM line first.
type Policy string

// Sourcing policies. Every policy only considers suppliers that deliver by
// the need-by date.
const (
	// PolicyLocal prefers the nearest region (local, regional, national),
	// then the lower price.
	PolicyLocal Policy = "local"
	// PolicyCheapest prefers the lower price, then the shorter lead time.
	PolicyCheapest Policy = "cheapest"
	// PolicyFastest prefers the shorter lead time, then the lower price.
	PolicyFastest Policy = "fastest"
)

// Policies lists the policies in the order the CLI shows them.
var Policies = []Policy{PolicyLocal, PolicyCheapest, PolicyFastest}

// ParsePolicy checks a policy name.
func ParsePolicy(s string) (Policy, error) {
	for _, p := range Policies {
		if string(p) == s {
			return p, nil
		}
	}
	return "", fmt.Errorf("unknown sourcing policy %q (want local, cheapest or fastest)", s)
}

// DateLayout is the date format of need-by and delivery dates.
const DateLayout = "2006-01-02"

// SourceRequest is what Source needs besides the BOM and suppliers.
type SourceRequest struct {
	Policy Policy
	// Today is the order date; deliveries are Today plus the lead time.
	Today time.Time
	// NeedBy is the latest acceptable delivery date; zero means no limit.
	NeedBy time.Time
}

// POLine is one SKU on a purchase order.
type POLine struct {
	SKU         string
	Description string
	Unit        string
	// Needed is the part of the BOM quantity this order covers.
	Needed int64
	// Quantity is what is ordered: Needed rounded up to the pack size and
	// the minimum order quantity.
	Quantity  int64
	Pack      int
	UnitPrice decimal.Decimal
	Extended  decimal.Decimal
}

// PurchaseOrder is every line bought from one supplier.
type PurchaseOrder struct {
	SupplierID string
	Supplier   string
	Region     string
	Location   string
	LeadDays   int
	OrderDate  time.Time
	Delivery   time.Time
	Lines      []POLine
	Total      decimal.Decimal
}

// SourcingPlan is the purchase orders for a BOM.
type SourcingPlan struct {
	Policy Policy
	Orders []PurchaseOrder // sorted by supplier id
	Total  decimal.Decimal
	// Delivery is the latest delivery date of all orders.
	Delivery time.Time
}

// Order returns the purchase order for a supplier id, or nil.
func (p *SourcingPlan) Order(supplierID string) *PurchaseOrder {
	for i := range p.Orders {
		if p.Orders[i].SupplierID == supplierID {
			return &p.Orders[i]
		}
	}
	return nil
}

// UnsuppliableError is a SKU that no supplier can deliver in time or in
// sufficient quantity. Modules names the modules that need it.
type UnsuppliableError struct {
	SKU     string
	Modules []string
	Need    int64
	Short   int64
	NeedBy  time.Time
	Reason  string
}

func (e *UnsuppliableError) Error() string {
	return fmt.Sprintf("sku %s cannot be supplied (%s): %d of %d short; needed by modules %s",
		e.SKU, e.Reason, e.Short, e.Need, strings.Join(e.Modules, ", "))
}

var regionRank = map[string]int{"local": 0, "regional": 1, "national": 2}

type offer struct {
	sup  *designs.Supplier
	item designs.SupplierItem
}

// Source picks suppliers for every BOM line under the request's policy,
// splits a line across suppliers when one lacks stock, rounds each order
// line up to the pack size and minimum order quantity, and groups the lines
// into one purchase order per supplier. A SKU that cannot be supplied in time
// is an *UnsuppliableError naming the SKU and the modules that need it.
func Source(b *BOM, suppliers []*designs.Supplier, req SourceRequest) (*SourcingPlan, error) {
	if req.Policy == "" {
		req.Policy = PolicyLocal
	}
	if _, err := ParsePolicy(string(req.Policy)); err != nil {
		return nil, err
	}
	today := dateOnly(req.Today)
	needBy := dateOnly(req.NeedBy)
	offers := map[string][]offer{}
	for _, s := range suppliers {
		for _, it := range s.Items {
			offers[it.SKU] = append(offers[it.SKU], offer{s, it})
		}
	}
	orders := map[string]*PurchaseOrder{}
	for _, l := range b.Lines {
		if !l.Quantity.IsInteger() || l.Quantity.Sign() < 0 {
			return nil, fmt.Errorf("sku %s: quantity %s is not a whole non-negative number", l.SKU, l.Quantity)
		}
		need := l.Quantity.IntPart()
		if need == 0 {
			continue
		}
		cands := make([]offer, 0, len(offers[l.SKU]))
		late := 0
		for _, o := range offers[l.SKU] {
			if !needBy.IsZero() && today.AddDate(0, 0, o.sup.LeadDays).After(needBy) {
				late++
				continue
			}
			cands = append(cands, o)
		}
		sortOffers(cands, req.Policy)
		remaining := need
		for _, o := range fillOrder(cands, need, req.Policy) {
			if remaining == 0 {
				break
			}
			take, qty, ok := o.fill(remaining)
			if !ok {
				continue
			}
			remaining -= take
			po := orders[o.sup.ID]
			if po == nil {
				po = &PurchaseOrder{SupplierID: o.sup.ID, Supplier: o.sup.Name, Region: o.sup.Region,
					Location: o.sup.Location, LeadDays: o.sup.LeadDays, OrderDate: today,
					Delivery: today.AddDate(0, 0, o.sup.LeadDays)}
				orders[o.sup.ID] = po
			}
			ext := o.item.Price.Mul(decimal.NewFromInt(qty))
			po.Lines = append(po.Lines, POLine{SKU: l.SKU, Description: l.Description, Unit: l.Unit,
				Needed: take, Quantity: qty, Pack: max(o.item.Pack, 1), UnitPrice: o.item.Price, Extended: ext})
			po.Total = po.Total.Add(ext)
		}
		if remaining > 0 {
			e := &UnsuppliableError{SKU: l.SKU, Modules: l.Modules, Need: need, Short: remaining, NeedBy: needBy}
			switch {
			case len(offers[l.SKU]) == 0:
				e.Reason = "no supplier lists it"
			case len(cands) == 0:
				e.Reason = "no supplier delivers by " + needBy.Format(DateLayout)
			case late > 0:
				e.Reason = "not enough stock at suppliers delivering by " + needBy.Format(DateLayout)
			default:
				e.Reason = "not enough stock"
			}
			return nil, e
		}
	}
	plan := &SourcingPlan{Policy: req.Policy}
	ids := make([]string, 0, len(orders))
	for id := range orders {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		po := orders[id]
		plan.Orders = append(plan.Orders, *po)
		plan.Total = plan.Total.Add(po.Total)
		if po.Delivery.After(plan.Delivery) {
			plan.Delivery = po.Delivery
		}
	}
	return plan, nil
}

// fill is what an offer covers of a remaining need and what is ordered
// for it: the need rounded up to whole packs and the minimum order, within
// the offer's stock. ok is false when the offer can sell nothing.
func (o offer) fill(remaining int64) (take, qty int64, ok bool) {
	pack := int64(max(o.item.Pack, 1))
	available := int64(o.item.Stock) / pack * pack
	minOrder := roundUp(int64(o.item.MinQty), pack)
	if available == 0 || minOrder > available {
		return 0, 0, false
	}
	take = min(remaining, available)
	return take, max(roundUp(take, pack), minOrder), true
}

// maxPermute is the most candidates whose every filling order is tried.
const maxPermute = 6

// fillOrder is the order in which the sorted candidates fill a need. Under
// PolicyCheapest it is the order whose orders, each rounded up to whole
// packs and the minimum order, cost least in total for the whole need (so
// two 50-packs beat a 500-pack at a lower unit price when 60 are needed);
// among equal totals the sort order wins. With more than maxPermute
// candidates the lowest cost per unit covered goes first instead. Other
// policies keep the sorted order.
func fillOrder(cands []offer, need int64, p Policy) []offer {
	if p != PolicyCheapest || len(cands) < 2 {
		return cands
	}
	if len(cands) > maxPermute {
		return byUnitCost(cands, need)
	}
	best := append([]offer(nil), cands...)
	bestCovered, bestCost := fillCost(best, need)
	perm := append([]offer(nil), cands...)
	permute(perm, 0, func(order []offer) {
		covered, cost := fillCost(order, need)
		if covered > bestCovered || (covered == bestCovered && cost.LessThan(bestCost)) {
			copy(best, order)
			bestCovered, bestCost = covered, cost
		}
	})
	return best
}

// fillCost is how much of the need the offers cover when they fill it in
// order, and what the rounded orders cost.
func fillCost(order []offer, need int64) (int64, decimal.Decimal) {
	var cost decimal.Decimal
	remaining := need
	for _, o := range order {
		if remaining == 0 {
			break
		}
		take, qty, ok := o.fill(remaining)
		if !ok {
			continue
		}
		remaining -= take
		cost = cost.Add(o.item.Price.Mul(decimal.NewFromInt(qty)))
	}
	return need - remaining, cost
}

// permute calls f with every ordering of a[k:] (a[:k] fixed), the given
// order first.
func permute(a []offer, k int, f func([]offer)) {
	if k == len(a) {
		f(a)
		return
	}
	for i := k; i < len(a); i++ {
		a[k], a[i] = a[i], a[k]
		permute(a, k+1, f)
		a[k], a[i] = a[i], a[k]
	}
}

// byUnitCost orders offers by the cost per unit covered of the rounded
// order each would place for the whole need (stable: ties keep the sort).
func byUnitCost(cands []offer, need int64) []offer {
	type scored struct {
		o          offer
		cost, take decimal.Decimal
		ok         bool
	}
	sc := make([]scored, len(cands))
	for i, o := range cands {
		take, qty, ok := o.fill(need)
		sc[i] = scored{o, o.item.Price.Mul(decimal.NewFromInt(qty)), decimal.NewFromInt(take), ok}
	}
	sort.SliceStable(sc, func(i, j int) bool {
		a, b := sc[i], sc[j]
		if a.ok != b.ok {
			return a.ok
		}
		return a.ok && a.cost.Mul(b.take).LessThan(b.cost.Mul(a.take))
	})
	out := make([]offer, len(sc))
	for i, x := range sc {
		out[i] = x.o
	}
	return out
}

func sortOffers(os []offer, p Policy) {
	sort.SliceStable(os, func(i, j int) bool {
		a, b := os[i], os[j]
		if p == PolicyLocal && regionRank[a.sup.Region] != regionRank[b.sup.Region] {
			return regionRank[a.sup.Region] < regionRank[b.sup.Region]
		}
		if p == PolicyFastest && a.sup.LeadDays != b.sup.LeadDays {
			return a.sup.LeadDays < b.sup.LeadDays
		}
		if c := a.item.Price.Cmp(b.item.Price); c != 0 {
			return c < 0
		}
		if a.sup.LeadDays != b.sup.LeadDays {
			return a.sup.LeadDays < b.sup.LeadDays
		}
		return a.sup.ID < b.sup.ID
	})
}

func roundUp(n, pack int64) int64 {
	if pack <= 1 {
		return n
	}
	return (n + pack - 1) / pack * pack
}

func dateOnly(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// POHeader is the column row of each purchase-order section.
var POHeader = []string{"sku", "description", "needed", "quantity", "pack", "unit", "unit_price", "extended"}

// WriteCSV writes the plan as CSV with one section per supplier: a supplier
// row (id, name, region, location, order date, delivery date), the column
// header, the lines and a total row, then a blank line. The file ends with a
// grand-total row.
func (p *SourcingPlan) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	write := func(rec ...string) {
		if cw.Error() == nil {
			_ = cw.Write(rec)
		}
	}
	for i, po := range p.Orders {
		if i > 0 {
			cw.Flush()
			if _, err := io.WriteString(w, "\n"); err != nil {
				return fmt.Errorf("purchase orders csv: %w", err)
			}
		}
		write("supplier", po.SupplierID, po.Supplier, po.Region, po.Location,
			"ordered "+po.OrderDate.Format(DateLayout), "delivery "+po.Delivery.Format(DateLayout),
			"lead days "+strconv.Itoa(po.LeadDays))
		write(POHeader...)
		for _, l := range po.Lines {
			write(l.SKU, l.Description, strconv.FormatInt(l.Needed, 10), strconv.FormatInt(l.Quantity, 10),
				strconv.Itoa(l.Pack), l.Unit, l.UnitPrice.StringFixed(2), l.Extended.StringFixed(2))
		}
		write("total", "", "", "", "", "", "", po.Total.StringFixed(2))
	}
	cw.Flush()
	if len(p.Orders) > 0 {
		if _, err := io.WriteString(w, "\n"); err != nil {
			return fmt.Errorf("purchase orders csv: %w", err)
		}
	}
	write("grand total", "", "", "", "", "", "", p.Total.StringFixed(2))
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("purchase orders csv: %w", err)
	}
	return nil
}
