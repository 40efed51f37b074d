package ledger

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"

	"github.com/opensourceecology/prodos/production/canonjson"
)

// ChainVersion is the version of the canonical entry encoding EntryHash
// hashes.
const ChainVersion = 1

// ChainPosting is one posting as the hash chain covers it.
type ChainPosting struct {
	Account string
	Flags   AccountFlags
	Amount  int64
}

// ChainEntry is one ledger entry, a transaction or a production record,
// as the hash chain covers it: every stored field of the entry, its
// postings with their accounts' names and flags, the contribution of a
// labour transaction, and, on the entry that first named a house, the
// house's design and author.
type ChainEntry struct {
	Seq int64
	// Kind is "transaction" or "record"; ID is the row id in its table.
	Kind string
	ID   int64
	Key  string
	// Event, Memo, Reverses and Postings are a transaction's; Person,
	// Module, Op and Count a production record's. Digest, House and At
	// (posted_at or recorded_at) are both's.
	Event    string
	House    string
	Memo     string
	Digest   string
	Reverses int64
	At       string
	Postings []ChainPosting
	// Contribution is the labour-contributed transaction's contribution.
	Contribution *Contribution
	Person       string
	Module       string
	Op           string
	Count        int64
	// Witness is a production record's witness; the hash covers it only
	// when set, so entries recorded before witnesses keep their hashes.
	Witness string
	// NewHouse is set on the entry that first named House: the house's
	// design and author as stored.
	NewHouse *House
}

// EntryHash is the entry's link in the hash chain: the hex SHA-256 of the
// JCS encoding (RFC 8785) of the entry with prev, the hash of the entry
// before it ("" for the first). Changing any covered field of any entry,
// or removing or reordering entries, changes the hashes from there on.
// Integers are written as decimal strings so no value loses precision.
func EntryHash(prev string, e ChainEntry) string {
	i := func(v int64) string { return strconv.FormatInt(v, 10) }
	m := map[string]any{
		"v": i(ChainVersion), "prev": prev, "seq": i(e.Seq), "kind": e.Kind, "id": i(e.ID),
		"key": e.Key, "digest": e.Digest, "house": e.House, "at": e.At,
	}
	if e.Kind == "record" {
		m["person"], m["module"], m["op"], m["count"] = e.Person, e.Module, e.Op, i(e.Count)
		if e.Witness != "" {
			m["witness"] = e.Witness
		}
	} else {
		m["event"], m["memo"], m["reverses"] = e.Event, e.Memo, i(e.Reverses)
		ps := make([]any, len(e.Postings))
		for n, p := range e.Postings {
			ps[n] = map[string]any{"account": p.Account, "flags": i(int64(p.Flags)), "amount": i(p.Amount)}
		}
		m["postings"] = ps
	}
	if c := e.Contribution; c != nil {
		cm := map[string]any{"person": c.Person, "kind": c.Kind, "skill": c.Skill,
			"minutes": i(c.Minutes), "amount": i(c.Amount)}
		if c.Witness != "" {
			cm["witness"] = c.Witness
		}
		m["contribution"] = cm
	}
	if h := e.NewHouse; h != nil {
		nh := map[string]any{"design": h.Design, "author": h.Author}
		if h.DesignHash != "" {
			nh["design_hash"] = h.DesignHash
		}
		m["new_house"] = nh
	}
	out, err := canonjson.Canonicalize(m)
	if err != nil {
		panic("ledger: canonical entry: " + err.Error()) // only strings, lists and objects above
	}
	sum := sha256.Sum256(out)
	return hex.EncodeToString(sum[:])
}
