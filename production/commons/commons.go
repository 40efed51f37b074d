// Package commons is the open design commons: published design versions,
// the open licences they may carry, their lineage (which version a remix
// came from) and search. A version is content-addressed: its id is the
// SHA-256 of the canonical design file (designs.Design.Marshal), so it never
// changes once published and any download can be checked against it.
//
// Store is the storage interface; sqlitestore implements it on one machine
// and commonstest is the conformance suite every implementation must pass.
// Publisher parses, checks and stores an upload in one call; nothing that
// fails a check is stored.
package commons

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"time"

	"github.com/shopspring/decimal"
)

// Statuses a version has: build-ready only when the design passes every
// hard rule and its author holds the Designer qualification.
const (
	StatusBuildReady = "build-ready"
	StatusDraft      = "draft"
)

// DesignerQualification is the qualification an author needs for a
// build-ready version (levels/qualifications.toml).
const DesignerQualification = "designer"

// MaxUpload bounds a published design file. The largest example, the seed
// home, is under 20 KB in canonical form; a row of twenty houses a few
// hundred KB. Larger uploads are refused before they are parsed.
const MaxUpload = 2 << 20

// Errors the commons returns (wrapped).
var (
	ErrNotFound = errors.New("no such version in the commons")
	ErrLicence  = errors.New("licence refused")
	ErrParent   = errors.New("parent refused")
	ErrInvalid  = errors.New("design refused")
	ErrTooLarge = errors.New("design file too large")
	ErrHash     = errors.New("content does not match its hash")
	ErrAuthor   = errors.New("author refused")
)

// Version is one published, immutable design version: what the gallery,
// search and the JSON API show. Money is rounded to cents.
type Version struct {
	Hash        string    `json:"hash"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Author      string    `json:"author"` // the publishing profile
	Licence     string    `json:"license"`
	Parent      string    `json:"parent"` // parent version's hash; "" for an original
	Published   time.Time `json:"published_at"`
	Status      string    `json:"status"`
	// Problems says why a version is a draft (hard rules broken, the
	// author's missing qualification); empty when build-ready.
	Problems    []string        `json:"problems"`
	FloorArea   int             `json:"floor_area_sq_ft"`
	Bedrooms    int             `json:"bedrooms"` // estimated, see Bedrooms
	Modules     int             `json:"modules"`
	Cost        decimal.Decimal `json:"cost"`
	CostPerSqFt decimal.Decimal `json:"cost_per_sq_ft"`
	Size        int             `json:"size_bytes"`
}

// Store keeps published versions. Every method is one transaction.
type Store interface {
	// Put stores a version with its canonical design file. The design's
	// SHA-256 must equal v.Hash (ErrHash), it must be at most MaxUpload
	// bytes (ErrTooLarge) and a parent must already be stored (ErrParent).
	// A version already stored is kept as first published: Put returns
	// the stored version and false.
	Put(ctx context.Context, v Version, design []byte) (Version, bool, error)
	// Get returns a version and its design file; ErrNotFound.
	Get(ctx context.Context, hash string) (Version, []byte, error)
	// Search returns the versions matching f, newest first.
	Search(ctx context.Context, f Filter) ([]Version, error)
	// Children returns the versions whose parent is hash, oldest first.
	Children(ctx context.Context, hash string) ([]Version, error)
	// PackStore keeps published module packs (pack.go).
	PackStore
	// LevelStore keeps published design levels (level.go).
	LevelStore
	Close() error
}

// Hash is the hex SHA-256 of a design file's bytes: a version's id.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// IsHash reports whether s is a version id (64 lower-case hex digits). A
// loop, not a regular expression compiled at init: every prodos command
// pays for package inits (issue 14).
func IsHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// MarshalJSON writes the money fields as dollars with cents ("6478.10").
func (v Version) MarshalJSON() ([]byte, error) {
	type plain Version
	return json.Marshal(struct {
		plain
		Cost        string `json:"cost"`
		CostPerSqFt string `json:"cost_per_sq_ft"`
	}{plain(v), v.Cost.StringFixed(2), v.CostPerSqFt.StringFixed(2)})
}
