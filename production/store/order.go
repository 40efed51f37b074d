package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Order statuses.
const (
	OrderPlaced       = "placed"        // taken, deposit recorded, not yet fulfilled
	OrderInProduction = "in-production" // fulfilled: purchase orders, machine jobs and schedule issued
)

// Order is a customer's order of one listing at one level. The price
// breakdown is copied from the listing's offer at the time of the order
// (listings store no prices), so a later change of the site profile or
// the catalog does not change what the customer agreed to pay.
type Order struct {
	ID       string          `json:"id"` // ENTERPRISE-N, N counting that enterprise's orders from 1
	Listing  string          `json:"listing"`
	Design   string          `json:"design"`
	Level    int             `json:"level"`
	Kind     string          `json:"kind"` // built-to-order, kit, production, licence
	Title    string          `json:"title"`
	Lines    []Line          `json:"lines"`
	Total    decimal.Decimal `json:"total"`
	Deposit  decimal.Decimal `json:"deposit"`
	Site     string          `json:"delivery_site"`
	Customer string          `json:"customer"`
	Contact  string          `json:"contact,omitempty"`
	Status   string          `json:"status"`
	Placed   time.Time       `json:"placed_at"`
}

// Enterprise is the id of the enterprise the order was placed with.
func (o Order) Enterprise() string {
	e, _, _ := strings.Cut(o.Listing, "/")
	return e
}

// Balance is what remains to be paid after the deposit.
func (o Order) Balance() decimal.Decimal { return o.Total.Sub(o.Deposit) }

// Orders keeps orders. Every method is one transaction.
type Orders interface {
	// PlaceOrder stores o (its ID is ignored) under the next id of its
	// enterprise and returns it; ErrNotFound for an unknown listing,
	// ErrInvalid for a malformed order.
	PlaceOrder(ctx context.Context, o Order) (Order, error)
	// Order returns an order by id; ErrNotFound.
	Order(ctx context.Context, id string) (Order, error)
	// SetOrderStatus changes an order's status; ErrNotFound.
	SetOrderStatus(ctx context.Context, id, status string) error
}

// Check validates an order before it is stored: a customer and a delivery
// site, lines that add up to the total, a deposit between zero and the
// total, amounts in whole cents.
func (o Order) Check() error {
	bad := func(f string, a ...any) error { return fmt.Errorf("%w: order: "+f, append([]any{ErrInvalid}, a...)...) }
	if strings.TrimSpace(o.Customer) == "" {
		return bad("no customer name")
	}
	if strings.TrimSpace(o.Site) == "" {
		return bad("no delivery site")
	}
	if len(o.Lines) == 0 {
		return bad("no price lines")
	}
	sum := decimal.Zero
	for _, l := range o.Lines {
		if !l.Amount.Equal(l.Amount.Round(2)) {
			return bad("line %q: %s is not whole cents", l.Name, l.Amount)
		}
		sum = sum.Add(l.Amount)
	}
	if !sum.Equal(o.Total) {
		return bad("lines sum to %s, total is %s", sum, o.Total)
	}
	if !o.Deposit.Equal(o.Deposit.Round(2)) {
		return bad("deposit %s is not whole cents", o.Deposit)
	}
	if o.Deposit.IsNegative() || o.Deposit.GreaterThan(o.Total) {
		return bad("deposit %s is not between 0 and the total %s", o.Deposit, o.Total)
	}
	return nil
}

// NewOrder prices an order of listingID's offer of kind now (OfferFor)
// and copies the breakdown into it.
func (s *Service) NewOrder(ctx context.Context, listingID, kind string, deposit decimal.Decimal, customer, contact, site string) (Order, error) {
	l, off, err := s.OfferFor(ctx, listingID, kind)
	if err != nil {
		return Order{}, err
	}
	o := Order{Listing: l.ID, Design: l.Design, Level: off.Level, Kind: off.Kind, Title: off.Title,
		Lines: off.Lines, Total: off.Total, Deposit: deposit, Customer: strings.TrimSpace(customer),
		Contact: strings.TrimSpace(contact), Site: strings.TrimSpace(site), Status: OrderPlaced,
		Placed: s.Now().UTC().Truncate(time.Second)}
	if err := o.Check(); err != nil {
		return Order{}, err
	}
	os, ok := s.Store.(Orders)
	if !ok {
		return Order{}, fmt.Errorf("%w: this store keeps no orders", ErrRefused)
	}
	return os.PlaceOrder(ctx, o)
}
