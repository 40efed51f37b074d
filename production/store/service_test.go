//go:build !js

package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/commons"
	commonsdb "github.com/opensourceecology/prodos/production/commons/sqlitestore"
	"github.com/opensourceecology/prodos/production/store"
	"github.com/opensourceecology/prodos/production/store/sqlitestore"
	"github.com/opensourceecology/prodos/production/store/storetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// service is a Service on real SQLite files with the cabin published.
func service(t *testing.T) (*store.Service, string) {
	t.Helper()
	ctx, dir := context.Background(), t.TempDir()
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	cm, err := commonsdb.Open(filepath.Join(dir, "commons.db"))
	require.NoError(t, err)
	t.Cleanup(func() { cm.Close() })
	pub := &commons.Publisher{Store: cm, Catalog: cat, Designer: func(context.Context, string) (bool, error) { return true, nil }}
	b, err := os.ReadFile(filepath.Join("..", "..", "designs", "examples", "cabin-12x16.toml"))
	require.NoError(t, err)
	v, _, err := pub.Publish(ctx, "cabin.toml", b, "dana")
	require.NoError(t, err)
	st, err := sqlitestore.Open(filepath.Join(dir, "store.db"))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	shops, err := designs.DefaultShops()
	require.NoError(t, err)
	set, err := levels.Challenges(cat)
	require.NoError(t, err)
	quals, err := levels.Qualifications(set)
	require.NoError(t, err)
	data, err := store.DefaultData()
	require.NoError(t, err)
	sups, err := designs.DefaultSuppliers(cat)
	require.NoError(t, err)
	return &store.Service{Store: st, Commons: cm, Catalog: cat, Shops: shops, Quals: quals, Data: data, Suppliers: sups,
		Now: func() time.Time { return time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC) }}, v.Hash
}

// What an order will reference: a listing id and an offer kind give the
// priced breakdown at a level the listing offers, and nothing else.
func TestOfferFor(t *testing.T) {
	ctx := context.Background()
	svc, hash := service(t)
	site := storetest.Site("M")
	require.NoError(t, svc.Store.Create(ctx, store.Enterprise{ID: "mo-mf", Site: site, Created: svc.Now()}))
	_, err := svc.List(ctx, "mo-mf", hash, []int{1, 3})
	require.ErrorIs(t, err, store.ErrRefused, "the test site measured only the CNC tolerance")
	l, err := svc.List(ctx, "mo-mf", hash, []int{2, 3})
	require.NoError(t, err)
	_, o, err := svc.OfferFor(ctx, l.ID, "licence")
	require.NoError(t, err)
	assert.Equal(t, store.LevelLicence, o.Level)
	assert.Equal(t, "2500", o.Total.String())
	_, _, err = svc.OfferFor(ctx, l.ID, "kit")
	assert.ErrorIs(t, err, store.ErrRefused, "level 1 is not listed")
	_, _, err = svc.OfferFor(ctx, l.ID, "sofa")
	assert.ErrorIs(t, err, store.ErrInvalid)
	_, _, err = svc.OfferFor(ctx, "mo-mf/000000000000", "licence")
	assert.ErrorIs(t, err, store.ErrNotFound)
}
