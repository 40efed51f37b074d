// Package asbuilttest is the conformance test every asbuilt.Store
// implementation runs (SQLite now; a PostgreSQL adapter later).
package asbuilttest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/production/asbuilt"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Run runs the suite; open returns a new, empty store.
func Run(t *testing.T, open func(t *testing.T) asbuilt.Store) {
	t.Run("add and read back in order", func(t *testing.T) { addAndRead(t, open(t)) })
	t.Run("a key is recorded once", func(t *testing.T) { keyOnce(t, open(t)) })
	t.Run("invalid records are refused", func(t *testing.T) { refused(t, open(t)) })
}

// Sample is a valid record of task id in house.
func Sample(house, task, key string, minutes int64) asbuilt.Record {
	return asbuilt.Record{Key: key, House: house, Task: task, TaskName: "install " + task, Phase: "C walls", Op: "install",
		Module: "wall-ext-4x8", PlanMinutes: decimal.NewFromInt(15), ActualMinutes: decimal.NewFromInt(minutes),
		People: []string{"al", "bo"}, Used: []asbuilt.MaterialQty{{SKU: "HW-NAIL-16D", Qty: decimal.NewFromInt(40)}},
		Wasted: []asbuilt.MaterialQty{{SKU: "HW-NAIL-16D", Qty: decimal.RequireFromString("2.5")}}, Problems: "plate bowed",
		At: time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC)}
}

func addAndRead(t *testing.T, st asbuilt.Store) {
	defer st.Close()
	ctx := context.Background()
	_, err := st.House(ctx, "h1")
	assert.True(t, errors.Is(err, asbuilt.ErrNotFound), "got %v", err)
	var want []asbuilt.Record
	for i, task := range []string{"W2", "W1", "W1.build"} {
		r, dup, err := st.Add(ctx, Sample("h1", task, "h1/"+task, int64(10+i)))
		require.NoError(t, err)
		assert.False(t, dup)
		assert.NotZero(t, r.ID)
		want = append(want, r)
	}
	_, _, err = st.Add(ctx, Sample("h0", "W1", "h0/W1", 20))
	require.NoError(t, err)
	got, err := st.House(ctx, "h1")
	require.NoError(t, err)
	require.Len(t, got, 3)
	for i := range got {
		assert.Equal(t, want[i].Task, got[i].Task)
		assert.Equal(t, want[i].ID, got[i].ID)
		assert.True(t, want[i].ActualMinutes.Equal(got[i].ActualMinutes))
		assert.Equal(t, want[i].People, got[i].People)
		assert.Equal(t, asbuilt.FormatMaterials(want[i].Wasted), asbuilt.FormatMaterials(got[i].Wasted))
		assert.Equal(t, want[i].Problems, got[i].Problems)
		assert.True(t, want[i].At.Equal(got[i].At))
	}
	houses, err := st.Houses(ctx)
	require.NoError(t, err)
	assert.Equal(t, []string{"h0", "h1"}, houses)
}

func keyOnce(t *testing.T, st asbuilt.Store) {
	defer st.Close()
	ctx := context.Background()
	first, _, err := st.Add(ctx, Sample("h1", "W1", "k", 10))
	require.NoError(t, err)
	again, dup, err := st.Add(ctx, Sample("h1", "W1", "k", 99))
	require.NoError(t, err)
	assert.True(t, dup)
	assert.Equal(t, first.ID, again.ID)
	assert.Equal(t, "10", again.ActualMinutes.String())
	got, err := st.House(ctx, "h1")
	require.NoError(t, err)
	assert.Len(t, got, 1)
}

func refused(t *testing.T, st asbuilt.Store) {
	defer st.Close()
	ctx := context.Background()
	for name, edit := range map[string]func(r *asbuilt.Record){
		"no minutes":   func(r *asbuilt.Record) { r.ActualMinutes = decimal.Zero },
		"no people":    func(r *asbuilt.Record) { r.People = nil },
		"bad op":       func(r *asbuilt.Record) { r.Op = "paint" },
		"bad house":    func(r *asbuilt.Record) { r.House = "a house" },
		"negative qty": func(r *asbuilt.Record) { r.Used[0].Qty = decimal.NewFromInt(-1) },
	} {
		r := Sample("h1", "W1", "k-"+name[:2], 10)
		edit(&r)
		_, _, err := st.Add(ctx, r)
		assert.True(t, errors.Is(err, asbuilt.ErrInvalid), "%s: got %v", name, err)
	}
	_, err := st.House(ctx, "h1")
	assert.True(t, errors.Is(err, asbuilt.ErrNotFound), "nothing was stored: got %v", err)
}
