// Package storetest is the conformance suite every store.Store passes.
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

// Site is a valid site profile for tests.
func Site(name string) store.Site {
	return store.Site{Name: name, Location: "Maysville, Missouri, US", Shop: "ose-microfactory", Crew: "default-4",
		Suppliers: []string{}, LabourRate: decimal.RequireFromString("32.50"), Overhead: decimal.RequireFromString("0.15"),
		Margin: decimal.RequireFromString("0.2"), LicenceFee: decimal.RequireFromString("2500.00"), LicenceTerms: "five years",
		Measured: []store.Measurement{{Machine: "cnc-1", Criterion: "cnc-tolerance", Value: decimal.RequireFromString("0.03")}}}
}

// Run runs the suite; open returns a fresh, empty store.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	ctx := context.Background()
	at := time.Date(2026, 4, 1, 10, 0, 0, 0, time.UTC)
	hash := "ab" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"
	t.Run("create get join list", func(t *testing.T) {
		st := open(t)
		defer st.Close()
		e := store.Enterprise{ID: "mo-mf", Site: Site("Missouri Microfactory"), Created: at,
			Members: []store.Member{{Profile: "ana", Role: store.RoleOwner, Joined: at}}}
		require.NoError(t, st.Create(ctx, e))
		assert.ErrorIs(t, st.Create(ctx, e), store.ErrExists)
		require.NoError(t, st.Join(ctx, "mo-mf", store.Member{Profile: "bo", Role: "cnc-operator", Joined: at.Add(time.Hour)}))
		assert.ErrorIs(t, st.Join(ctx, "mo-mf", store.Member{Profile: "bo", Role: "member", Joined: at}), store.ErrExists)
		assert.ErrorIs(t, st.Join(ctx, "nope", store.Member{Profile: "bo", Role: "member", Joined: at}), store.ErrNotFound)
		got, err := st.Get(ctx, "mo-mf")
		require.NoError(t, err)
		assert.Equal(t, "Missouri Microfactory", got.Site.Name)
		assert.Equal(t, "32.5", got.Site.LabourRate.String())
		assert.Equal(t, "0.2", got.Site.Margin.String())
		assert.Equal(t, "2500", got.Site.LicenceFee.String())
		assert.Equal(t, e.Site.Measured[0].Value.String(), got.Site.Measured[0].Value.String())
		assert.Equal(t, []store.Member{{Profile: "ana", Role: store.RoleOwner, Joined: at}, {Profile: "bo", Role: "cnc-operator", Joined: at.Add(time.Hour)}}, got.Members)
		_, err = st.Get(ctx, "nope")
		assert.ErrorIs(t, err, store.ErrNotFound)
		require.NoError(t, st.Create(ctx, store.Enterprise{ID: "a-first", Site: Site("A"), Created: at}))
		all, err := st.List(ctx)
		require.NoError(t, err)
		require.Len(t, all, 2)
		assert.Equal(t, "a-first", all[0].ID)
	})
	t.Run("listings", func(t *testing.T) {
		st := open(t)
		defer st.Close()
		require.NoError(t, st.Create(ctx, store.Enterprise{ID: "mo-mf", Site: Site("M"), Created: at}))
		l := store.Listing{ID: store.ListingID("mo-mf", hash), Enterprise: "mo-mf", Design: hash, Levels: []int{1, 2, 3}, Listed: at}
		require.NoError(t, st.AddListing(ctx, l))
		assert.ErrorIs(t, st.AddListing(ctx, l), store.ErrExists)
		bad := l
		bad.ID, bad.Design, bad.Levels = "mo-mf/x", "x", []int{4}
		assert.ErrorIs(t, st.AddListing(ctx, bad), store.ErrInvalid)
		other := l
		other.Enterprise = "nope"
		assert.ErrorIs(t, st.AddListing(ctx, other), store.ErrNotFound)
		got, err := st.Get(ctx, "mo-mf")
		require.NoError(t, err)
		assert.Equal(t, []store.Listing{l}, got.Listings)
	})
	t.Run("refuses money it would round", func(t *testing.T) {
		st := open(t)
		defer st.Close()
		s := Site("M")
		s.LabourRate = decimal.RequireFromString("32.505")
		assert.ErrorIs(t, st.Create(ctx, store.Enterprise{ID: "mo-mf", Site: s, Created: at}), store.ErrInvalid)
		_, err := st.Get(ctx, "mo-mf")
		assert.ErrorIs(t, err, store.ErrNotFound, "nothing half-written")
	})
	t.Run("a failed create stores nothing", func(t *testing.T) {
		st := open(t)
		defer st.Close()
		e := store.Enterprise{ID: "mo-mf", Site: Site("M"), Created: at,
			Members: []store.Member{{Profile: "ana", Role: "owner", Joined: at}, {Profile: "ana", Role: "owner", Joined: at}}}
		assert.ErrorIs(t, st.Create(ctx, e), store.ErrExists)
		_, err := st.Get(ctx, "mo-mf")
		assert.ErrorIs(t, err, store.ErrNotFound)
	})
}
