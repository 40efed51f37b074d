package game

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/opensourceecology/prodos/levels"
	"github.com/shopspring/decimal"
)

// PlayPublished plays a level downloaded from the commons (a class
// assignment): the file's SHA-256 must be hash, and it must parse as any
// level does; a finished session is then submitted under the hash.
func (g *Game) PlayPublished(data []byte, hash string) error {
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != hash {
		return fmt.Errorf("the level downloaded as %.12s has SHA-256 %.12s: it was altered; not played", hash, got)
	}
	l, err := levels.Parse(hash+".toml", data)
	if err != nil {
		return fmt.Errorf("published level %.12s: %w", hash, err)
	}
	var budget decimal.Decimal
	for _, o := range l.Objectives {
		if o.Metric == "cost" && o.Max != nil && (budget.IsZero() || o.Max.LessThan(budget)) {
			budget = *o.Max
		}
	}
	g.Play(&Level{Level: l, Budget: budget, Hash: hash})
	return nil
}
