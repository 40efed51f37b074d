package sqlitestore

import (
	"context"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The design file hash an event names is kept with its house (the first
// time the house is seen) and comes back in the value data.
func TestHouseKeepsItsDesignHash(t *testing.T) {
	_, svc := openTest(t, "")
	hash := strings.Repeat("c0", 32)
	evs := script()
	for i := range evs {
		evs[i].DesignHash = hash
	}
	evs[3].DesignHash = strings.Repeat("d1", 32) // a later event cannot change it
	postAll(t, svc, evs)
	vd, err := svc.ValueData(context.Background())
	require.NoError(t, err)
	require.Len(t, vd.Houses, 1)
	assert.Equal(t, ledger.House{ID: "cabin-1", Design: "Cabin", Author: "dana", DesignHash: hash}, vd.Houses[0])
	r, err := svc.Verify(context.Background())
	require.NoError(t, err)
	assert.Empty(t, r.Problems)
}
