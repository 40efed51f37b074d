//go:build !js

package sqlitestore

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// keyed returns the script's events by key.
func keyed() map[string]ledger.Event {
	m := map[string]ledger.Event{}
	for _, e := range script() {
		m[e.Key] = e
	}
	return m
}

func evKeys(keys ...string) []ledger.Event {
	m := keyed()
	out := make([]ledger.Event, len(keys))
	for i, k := range keys {
		e, ok := m[k]
		if !ok {
			panic("no script event " + k)
		}
		out[i] = e
	}
	return out
}

// Each case posts its history, then one event that is out of the house's
// order: it is refused with ErrOutOfOrder and writes nothing.
func TestLifecycleRefusesOutOfOrder(t *testing.T) {
	s := keyed()
	with := func(key string, f func(e *ledger.Event)) ledger.Event {
		e := s[key]
		e.Key = "late-" + key
		f(&e)
		return e
	}
	full := []string{"po-valley", "po-midwest", "gr-valley", "gr-midwest", "pay-valley", "issue", "ann-frame", "ann-built", "done", "sold"}
	tests := []struct {
		name    string
		history []string
		event   ledger.Event
		want    string
	}{
		{"goods received with no order", nil, s["gr-valley"], "po-issued"},
		{"goods received beyond the order", []string{"po-valley"},
			with("gr-valley", func(e *ledger.Event) { e.Amount = dec("1200.51") }), "open order"},
		{"paid before received", []string{"po-valley"}, s["pay-valley"], "goods-received"},
		{"materials issued before received", []string{"po-valley", "po-midwest"}, s["issue"], "goods-received"},
		{"order after sale", full, with("po-valley", func(e *ledger.Event) {}), "sold"},
		{"order after completion", full[:9], with("po-valley", func(e *ledger.Event) {}), "completed"},
		{"labour after completion", full[:9], with("ann-frame", func(e *ledger.Event) {}), "completed"},
		{"module built after completion", full[:9], with("ann-built", func(e *ledger.Event) {}), "completed"},
		{"materials issued after sale", full, with("issue", func(e *ledger.Event) { e.Amount = dec("1") }), "sold"},
		{"completed twice", full[:9], with("done", func(e *ledger.Event) {}), "already completed"},
		{"sold before completion", full[:8], s["sold"], "house-completed"},
		{"sold twice", full, with("sold", func(e *ledger.Event) {}), "already sold"},
		{"installed before built", full[:7],
			with("ann-built", func(e *ledger.Event) { e.Type = ledger.EventModuleInstalled }), "built"},
		{"completion reversed after sale", full,
			ledger.Event{Key: "undo-done", Type: ledger.EventReversal, Reverses: "done"}, "finished"},
		{"order reversed after its goods arrived", full[:4],
			ledger.Event{Key: "undo-po", Type: ledger.EventReversal, Reverses: "po-valley"}, "on-order"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, svc := openTest(t, "")
			postAll(t, svc, evKeys(tt.history...))
			count := func() (n int) {
				require.NoError(t, db.SQL().QueryRow(`SELECT (SELECT COUNT(*) FROM transactions) + (SELECT COUNT(*) FROM production_records)`).Scan(&n))
				return n
			}
			before := count()
			_, err := svc.Post(context.Background(), tt.event)
			require.Error(t, err)
			assert.ErrorIs(t, err, ledger.ErrOutOfOrder)
			assert.Contains(t, err.Error(), tt.want)
			assert.Equal(t, before, count(), "nothing written")
		})
	}
}

// The whole script, in order, is accepted; so are reversals that keep every
// house balance on its side (cancelling an open order, un-selling a house).
func TestLifecycleAcceptsItsOrder(t *testing.T) {
	_, svc := openTest(t, "")
	postAll(t, svc, script())
	postAll(t, svc, []ledger.Event{
		{Key: "undo-sold", Type: ledger.EventReversal, Reverses: "sold"},
		{Key: "resold", Type: ledger.EventHouseSold, House: "cabin-1", Amount: dec("31000")},
		{Key: "po-extra", Type: ledger.EventPOIssued, House: "cabin-2", Supplier: "valley", Amount: dec("5")},
		{Key: "undo-po-extra", Type: ledger.EventReversal, Reverses: "po-extra"},
	})
	r, err := svc.Verify(context.Background())
	require.NoError(t, err)
	assert.True(t, r.OK(), r.Problems)
}

// Issue 12.5 at the service: PostAll records every event in one
// transaction or, when one is refused, none of them.
func TestPostAllIsAllOrNothing(t *testing.T) {
	db, svc := openTest(t, "")
	ctx := context.Background()
	s := keyed()
	_, err := svc.Post(ctx, s["po-valley"])
	require.NoError(t, err)
	conflict := s["po-valley"]
	conflict.Amount = dec("1")
	_, err = svc.PostAll(ctx, []ledger.Event{s["po-midwest"], conflict})
	assert.ErrorIs(t, err, ledger.ErrKeyConflict)
	var n int
	require.NoError(t, db.SQL().QueryRow(`SELECT COUNT(*) FROM transactions`).Scan(&n))
	assert.Equal(t, 1, n, "po-midwest is not written when its event is refused")

	res, err := svc.PostAll(ctx, evKeys("po-valley", "po-midwest", "gr-valley"))
	require.NoError(t, err)
	require.Len(t, res, 3)
	assert.True(t, res[0].Duplicate)
	assert.False(t, res[1].Duplicate)
	assert.Positive(t, res[2].TxID)
}

// Verify replays each house's life and reports events out of order that
// reached the database behind the service's back.
func TestVerifyFindsEventsOutOfOrder(t *testing.T) {
	db, svc := openTest(t, "")
	postAll(t, svc, evKeys("po-valley"))
	// Goods received from midwest, which was never ordered, written raw.
	_, err := db.SQL().Exec(`INSERT INTO accounts (name, type, created_at) VALUES
		('assets:materials-inventory', 'asset', ''), ('liabilities:payable:midwest', 'liability', ''),
		('liabilities:committed:midwest', 'liability', ''), ('assets:on-order:midwest', 'asset', '');
		INSERT INTO transactions (idem_key, event, house, memo, digest, posted_at) VALUES ('forged-gr', 'goods-received', 'cabin-1', '', '', '');
		INSERT INTO postings (tx_id, seq, account_id, amount)
		SELECT (SELECT id FROM transactions WHERE idem_key = 'forged-gr'), v.seq, a.id, v.amount
		FROM (SELECT 1 AS seq, 'assets:materials-inventory' AS name, 500 AS amount
			UNION ALL SELECT 2, 'liabilities:payable:midwest', -500
			UNION ALL SELECT 3, 'liabilities:committed:midwest', 500
			UNION ALL SELECT 4, 'assets:on-order:midwest', -500) v JOIN accounts a ON a.name = v.name`)
	require.NoError(t, err)
	r, err := svc.Verify(context.Background())
	require.NoError(t, err)
	joined := fmt.Sprint(r.Problems)
	assert.False(t, r.OK())
	assert.Contains(t, joined, "forged-gr")
	assert.Contains(t, joined, "out of order")
}

// Whatever Post accepts, Verify's replay accepts too: random events over
// houses that keep appearing and two suppliers (many refused as out of order), then verify.
func TestLifecycleReplayAgreesWithPost(t *testing.T) {
	_, svc := openTest(t, "")
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(12, 6))
	// Weighted so that houses get far along: orders and receipts often,
	// completion and sale now and then.
	types := []ledger.EventType{ledger.EventPOIssued, ledger.EventPOIssued, ledger.EventGoodsReceived,
		ledger.EventGoodsReceived, ledger.EventGoodsReceived, ledger.EventSupplierPaid, ledger.EventSupplierPaid,
		ledger.EventMaterialsIssued, ledger.EventMaterialsIssued, ledger.EventLabour, ledger.EventModuleBuilt,
		ledger.EventModuleBuilt, ledger.EventModuleInstalled, ledger.EventHouseCompleted, ledger.EventHouseSold,
		ledger.EventReversal}
	var keys []string
	accepted, refused := 0, 0
	byType := map[ledger.EventType]int{}
	for i := 0; i < 600; i++ {
		e := ledger.Event{Key: fmt.Sprint("e", i), Type: types[rng.IntN(len(types))],
			House: fmt.Sprint("h", rng.IntN(1+i/50)), Supplier: []string{"s1", "s2"}[rng.IntN(2)],
			Amount: dec(fmt.Sprint(1+rng.IntN(5), ".00")), Person: "p", Kind: "labour", Skill: "x",
			Minutes: 60, Rate: dec("30"), Module: "m", Count: 1 + rng.IntN(3)}
		if e.Type == ledger.EventReversal {
			if len(keys) == 0 {
				continue
			}
			e = ledger.Event{Key: e.Key, Type: e.Type, Reverses: keys[rng.IntN(len(keys))]}
		}
		_, err := svc.Post(ctx, e)
		if err != nil {
			refused++
			continue
		}
		accepted++
		byType[e.Type]++
		if !e.Type.IsRecord() {
			keys = append(keys, e.Key)
		}
	}
	t.Logf("%d accepted, %d refused: %v", accepted, refused, byType)
	require.Greater(t, accepted, 100)
	require.Positive(t, byType[ledger.EventHouseSold], "some houses are sold")
	r, err := svc.Verify(ctx)
	require.NoError(t, err)
	assert.True(t, r.OK(), r.Problems)
}
