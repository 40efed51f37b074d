package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/production/store"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// OrderStore is a store that keeps orders.
type OrderStore interface {
	store.Store
	store.Orders
}

// RunOrders is the orders part of the suite; open returns a fresh store.
func RunOrders(t *testing.T, open func(t *testing.T) OrderStore) {
	ctx := context.Background()
	at := time.Date(2026, 4, 1, 10, 0, 0, 0, time.UTC)
	hash := "ab" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"
	d := decimal.RequireFromString
	order := store.Order{Listing: store.ListingID("mo-mf", hash), Design: hash, Level: 1, Kind: "kit", Title: "Kit",
		Lines: []store.Line{{Name: "materials", Amount: d("1234.56"), Basis: "purchase orders"}, {Name: "margin", Amount: d("246.91"), Basis: "20%", Estimate: true}},
		Total: d("1481.47"), Deposit: d("500.00"), Site: "12 Oak Lane, Maysville", Customer: "Ana Ruiz", Contact: "ana@example.org",
		Status: store.OrderPlaced, Placed: at}
	setup := func(t *testing.T) OrderStore {
		st := open(t)
		t.Cleanup(func() { st.Close() })
		require.NoError(t, st.Create(ctx, store.Enterprise{ID: "mo-mf", Site: Site("M"), Created: at,
			Listings: []store.Listing{{ID: order.Listing, Enterprise: "mo-mf", Design: hash, Levels: []int{1, 2, 3}, Listed: at}}}))
		return st
	}
	t.Run("place and read back, numbered per enterprise", func(t *testing.T) {
		st := setup(t)
		got, err := st.PlaceOrder(ctx, order)
		require.NoError(t, err)
		assert.Equal(t, "mo-mf-1", got.ID)
		back, err := st.Order(ctx, "mo-mf-1")
		require.NoError(t, err)
		assert.True(t, back.Total.Equal(order.Total) && back.Deposit.Equal(order.Deposit), "%s %s", back.Total, back.Deposit)
		assert.Equal(t, "1234.56", back.Lines[0].Amount.StringFixed(2))
		assert.True(t, back.Lines[1].Estimate)
		assert.Equal(t, order.Customer, back.Customer)
		assert.Equal(t, at, back.Placed)
		second, err := st.PlaceOrder(ctx, order)
		require.NoError(t, err)
		assert.Equal(t, "mo-mf-2", second.ID)
		_, err = st.Order(ctx, "mo-mf-3")
		assert.ErrorIs(t, err, store.ErrNotFound)
		require.NoError(t, st.SetOrderStatus(ctx, "mo-mf-2", store.OrderInProduction))
		back, err = st.Order(ctx, "mo-mf-2")
		require.NoError(t, err)
		assert.Equal(t, store.OrderInProduction, back.Status)
		assert.ErrorIs(t, st.SetOrderStatus(ctx, "mo-mf-3", store.OrderInProduction), store.ErrNotFound)
	})
	t.Run("refuses a malformed order and stores nothing", func(t *testing.T) {
		st := setup(t)
		for name, mod := range map[string]func(o *store.Order){
			"deposit above total": func(o *store.Order) { o.Deposit = d("1481.48") },
			"lines do not add up": func(o *store.Order) { o.Total = d("1481.48") },
			"no customer":         func(o *store.Order) { o.Customer = " " },
			"no site":             func(o *store.Order) { o.Site = "" },
			"fraction of a cent":  func(o *store.Order) { o.Deposit = d("0.005") },
		} {
			bad := order
			bad.Lines = append([]store.Line(nil), order.Lines...)
			mod(&bad)
			_, err := st.PlaceOrder(ctx, bad)
			assert.ErrorIs(t, err, store.ErrInvalid, name)
		}
		other := order
		other.Listing = "mo-mf/ffffffffffff"
		_, err := st.PlaceOrder(ctx, other)
		assert.ErrorIs(t, err, store.ErrNotFound)
		_, err = st.Order(ctx, "mo-mf-1")
		assert.ErrorIs(t, err, store.ErrNotFound, "nothing stored")
	})
}
