package ledger

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/opensourceecology/prodos/production/canonjson"
	"github.com/shopspring/decimal"
)

// DigestVersion is the version of the canonical event encoding that Digest
// hashes. A stored digest starts with "v<version>:"; a digest without a
// prefix is version 1 (see legacyDigestV1).
const DigestVersion = 2

const digestPrefix = "v2:"

// Canonical is the event's canonical encoding, version 2: a JSON object in
// the JSON Canonicalization Scheme (RFC 8785) holding "v": 2 and each
// field of the event under its JSON name, leaving out every field at its
// zero value. Money is a decimal string: amount with two places, rate
// with at most four. A field added to Event later joins this encoding
// only when it is set, so an event posted before the field existed keeps
// its digest, and a retried post is still recognized as the same event.
func (e Event) Canonical() []byte {
	m := map[string]any{"v": json.Number(strconv.Itoa(DigestVersion))}
	str := func(name, v string) {
		if v != "" {
			m[name] = v
		}
	}
	num := func(name string, v int64) {
		if v != 0 {
			m[name] = json.Number(strconv.FormatInt(v, 10))
		}
	}
	str("key", e.Key)
	str("type", string(e.Type))
	str("house", e.House)
	str("design", e.Design)
	str("author", e.Author)
	str("design_hash", e.DesignHash)
	str("supplier", e.Supplier)
	if a := e.Amount.Round(2); !a.IsZero() {
		m["amount"] = a.StringFixed(2)
	}
	str("person", e.Person)
	str("kind", e.Kind)
	str("skill", e.Skill)
	num("minutes", e.Minutes)
	if r := e.Rate.Round(4); !r.IsZero() {
		m["rate"] = r.String()
	}
	str("module", e.Module)
	num("count", int64(e.Count))
	str("reverses", e.Reverses)
	str("memo", e.Memo)
	str("witness", e.Witness)
	out, err := canonjson.Canonicalize(m)
	if err != nil {
		panic("ledger: canonical event: " + err.Error()) // only strings and integers above
	}
	return out
}

// Digest is the idempotency digest of the event: "v2:" and the hex SHA-256
// of its canonical encoding (Canonical). It tells a repeated posting of a
// key from a different event reusing it.
func (e Event) Digest() string {
	sum := sha256.Sum256(e.Canonical())
	return digestPrefix + hex.EncodeToString(sum[:])
}

// SameEvent reports whether stored, the digest recorded with the event's
// key, is the digest of this event under the encoding it was recorded
// with: version 2 (Digest), or version 1 for events posted before
// version 2 existed (schema 2 and earlier).
func (e Event) SameEvent(stored string) bool {
	if strings.HasPrefix(stored, digestPrefix) {
		return stored == e.Digest()
	}
	return stored == legacyDigestV1(e)
}

// eventV1 is the Event struct as version 1 digests encoded it (JSON of the
// struct, as of schema version 2). It is frozen: never change it.
type eventV1 struct {
	Key      string          `json:"key"`
	Type     EventType       `json:"type"`
	House    string          `json:"house,omitempty"`
	Design   string          `json:"design,omitempty"`
	Author   string          `json:"author,omitempty"`
	Supplier string          `json:"supplier,omitempty"`
	Amount   decimal.Decimal `json:"amount"`
	Person   string          `json:"person,omitempty"`
	Kind     string          `json:"kind,omitempty"`
	Skill    string          `json:"skill,omitempty"`
	Minutes  int64           `json:"minutes,omitempty"`
	Rate     decimal.Decimal `json:"rate"`
	Module   string          `json:"module,omitempty"`
	Count    int             `json:"count,omitempty"`
	Reverses string          `json:"reverses,omitempty"`
	Memo     string          `json:"memo,omitempty"`
}

// legacyDigestV1 is the version 1 digest: the hex SHA-256 of json.Marshal
// of the frozen eventV1, amount rounded to cents and rate to four places.
func legacyDigestV1(e Event) string {
	v := eventV1{Key: e.Key, Type: e.Type, House: e.House, Design: e.Design, Author: e.Author,
		Supplier: e.Supplier, Amount: e.Amount.Round(2), Person: e.Person, Kind: e.Kind, Skill: e.Skill,
		Minutes: e.Minutes, Rate: e.Rate.Round(4), Module: e.Module, Count: e.Count, Reverses: e.Reverses, Memo: e.Memo}
	data, _ := json.Marshal(v)
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
