package ledger

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readFixtureEvents reads the events the schema-2 fixture ledger was
// written from, and the digests that version stored for their keys.
func readFixtureEvents(t *testing.T) ([]Event, map[string]string) {
	t.Helper()
	f, err := os.Open("sqlitestore/testdata/v2-events.jsonl")
	require.NoError(t, err)
	defer f.Close()
	var evs []Event
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e Event
		require.NoError(t, json.Unmarshal(sc.Bytes(), &e))
		evs = append(evs, e)
	}
	require.NoError(t, sc.Err())
	raw, err := os.ReadFile("sqlitestore/testdata/v2-digests.txt")
	require.NoError(t, err)
	digests := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		k, d, ok := strings.Cut(line, " ")
		require.True(t, ok, line)
		digests[k] = d
	}
	require.Len(t, digests, len(evs))
	return evs, digests
}

func TestSameEventRecognizesVersion1Digests(t *testing.T) {
	evs, digests := readFixtureEvents(t)
	for _, e := range evs {
		stored := digests[e.Key]
		assert.Equal(t, stored, legacyDigestV1(e), "%s: the frozen version 1 encoding", e.Key)
		assert.True(t, e.SameEvent(stored), "%s: retried event is the same event", e.Key)
		assert.NotEqual(t, stored, e.Digest(), "%s: new postings use version 2", e.Key)
		other := e
		other.Memo += " (edited)"
		assert.False(t, other.SameEvent(stored), "%s: other content under the key", e.Key)
		assert.False(t, other.SameEvent(e.Digest()))
		assert.True(t, e.SameEvent(e.Digest()))
	}
}

func TestCanonicalEncoding(t *testing.T) {
	tests := []struct {
		name string
		e    Event
		want string
	}{
		{"zero fields left out", Event{Key: "k", Type: EventHouseCompleted, House: "h"},
			`{"house":"h","key":"k","type":"house-completed","v":2}`},
		{"money as fixed decimals", Event{Key: "k", Type: EventHouseSold, House: "h", Amount: dec("10.5"), Memo: `"at" cost`},
			`{"amount":"10.50","house":"h","key":"k","memo":"\"at\" cost","type":"house-sold","v":2}`},
		{"labour", Event{Key: "k", Type: EventLabour, House: "h", Person: "ann", Kind: "labour", Skill: "framing", Minutes: 90, Rate: dec("35.50")},
			`{"house":"h","key":"k","kind":"labour","minutes":90,"person":"ann","rate":"35.5","skill":"framing","type":"labour-contributed","v":2}`},
		{"record", Event{Key: "k", Type: EventModuleBuilt, House: "h", Person: "ann", Module: "wall", Count: 3, Design: "Cabin", Author: "dana"},
			`{"author":"dana","count":3,"design":"Cabin","house":"h","key":"k","module":"wall","person":"ann","type":"module-built","v":2}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, string(tc.e.Canonical()))
		})
	}
}

// TestWitnessKeepsOldDigests: the witness field joins the encoding only
// when set, so the digests of events posted before it existed (both the
// frozen version 1 and version 2) are unchanged, and a witnessed event
// is a different event from the same one without a witness.
func TestWitnessKeepsOldDigests(t *testing.T) {
	evs, digests := readFixtureEvents(t)
	for _, e := range evs {
		require.Empty(t, e.Witness, e.Key)
		assert.True(t, e.SameEvent(digests[e.Key]), "%s: version 1 key unchanged", e.Key)
	}
	e := Event{Key: "k", Type: EventModuleBuilt, House: "h", Person: "ann", Module: "wall", Count: 3}
	// the digest the code before witnesses existed gave this event
	const before = "v2:3bfb8e5e49ae2565bad10903321570054ff3bfea283b3b0559aecefdba4ffd98"
	assert.Equal(t, `{"count":3,"house":"h","key":"k","module":"wall","person":"ann","type":"module-built","v":2}`, string(e.Canonical()))
	assert.Equal(t, before, e.Digest())
	assert.True(t, e.SameEvent(before))
	w := e
	w.Witness = "lee"
	assert.Equal(t, `{"count":3,"house":"h","key":"k","module":"wall","person":"ann","type":"module-built","v":2,"witness":"lee"}`, string(w.Canonical()))
	assert.NotEqual(t, e.Digest(), w.Digest())
	assert.False(t, w.SameEvent(e.Digest()), "a witnessed event is not the unwitnessed one")
	raw, err := json.Marshal(e)
	require.NoError(t, err)
	assert.NotContains(t, string(raw), "witness", "omitted when empty")
	raw, err = json.Marshal(w)
	require.NoError(t, err)
	assert.Contains(t, string(raw), `"witness":"lee"`)
}
