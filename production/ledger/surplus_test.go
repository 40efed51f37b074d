package ledger

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A surplus share is a balanced transaction from the distributed surplus
// to what is owed to the person (or to the enterprise's R&D fund), only
// after the house is sold.
func TestSurplusPaid(t *testing.T) {
	ev := Event{Key: "payout:mo-mf-1:alice", Type: EventSurplusPaid, House: "mo-mf-1", Person: "alice", Amount: decimal.RequireFromString("83906.28")}
	require.NoError(t, ev.Validate())
	ps, err := ev.Postings(nil)
	require.NoError(t, err)
	assert.Equal(t, []Posting{{AccountSurplusDistributed, 8390628}, {"liabilities:surplus-owed:alice", -8390628}}, ps)
	require.NoError(t, CheckBalanced(ps))
	rd := ev
	rd.Person, rd.Kind = "mo-mf", KindRD
	ps, err = rd.Postings(nil)
	require.NoError(t, err)
	assert.Equal(t, "equity:research-and-development:mo-mf", ps[1].Account)
	for name, bad := range map[string]Event{
		"no person":  {Key: "k", Type: EventSurplusPaid, House: "h", Amount: decimal.NewFromInt(1)},
		"no amount":  {Key: "k", Type: EventSurplusPaid, House: "h", Person: "p"},
		"other kind": {Key: "k", Type: EventSurplusPaid, House: "h", Person: "p", Kind: "labour", Amount: decimal.NewFromInt(1)},
		"no house":   {Key: "k", Type: EventSurplusPaid, Person: "p", Amount: decimal.NewFromInt(1)},
		"sub-cent":   {Key: "k", Type: EventSurplusPaid, House: "h", Person: "p", Amount: decimal.RequireFromString("0.001")},
	} {
		assert.ErrorIs(t, bad.Validate(), ErrInvalidEvent, name)
	}
	assert.ErrorIs(t, CheckStage(EventSurplusPaid, "h", StageCompleted), ErrOutOfOrder)
	assert.ErrorIs(t, CheckStage(EventSurplusPaid, "h", StageOpen), ErrOutOfOrder)
	assert.NoError(t, CheckStage(EventSurplusPaid, "h", StageSold))
}
