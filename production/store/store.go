// Package store is the Open Source Store: enterprises (local microfactories
// with members, a site profile and a store front), their listings of
// build-ready commons designs at three levels (the product, its production,
// a distribution licence), the admissible performance criteria a shop's
// machines must meet, embodied carbon beside money cost, and the OSE
// Certified check.
//
// Store is the storage interface; sqlitestore implements it on one machine
// and storetest is the conformance suite every implementation passes.
// Prices are never stored: a listing names a design version and its levels,
// and Price derives each level's breakdown from the design, the catalog
// and the enterprise's site profile, so no figure is typed twice.
package store

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"
)

// Errors the store returns (wrapped).
var (
	ErrNotFound = errors.New("not found")
	ErrExists   = errors.New("already exists")
	ErrInvalid  = errors.New("invalid")
	ErrRefused  = errors.New("refused")
)

// Levels of a listing, on an equal footing.
const (
	LevelProduct    = 1 // the house built to order, or its kit of cut parts
	LevelProduction = 2 // the training path and the microfactory that makes it
	LevelLicence    = 3 // a distribution licence: the right to mass-produce it
)

// Roles a member may hold besides a qualification id: the owner who
// created the enterprise and a plain member.
const (
	RoleOwner  = "owner"
	RoleMember = "member"
)

// Member is a profile in an enterprise, with its role.
type Member struct {
	Profile string    `json:"profile"`
	Role    string    `json:"role"`
	Joined  time.Time `json:"joined"`
}

// Listing is a design version an enterprise sells, at some of the three
// levels. An order references a listing by ID, a level and the price
// breakdown Price gives for that level.
type Listing struct {
	ID         string    `json:"id"` // ENTERPRISE/HASH12
	Enterprise string    `json:"enterprise"`
	Design     string    `json:"design"` // commons version hash
	Levels     []int     `json:"levels"`
	Listed     time.Time `json:"listed_at"`
}

// Enterprise is a local microfactory.
type Enterprise struct {
	ID       string    `json:"id"`
	Site     Site      `json:"site"`
	Members  []Member  `json:"members"`
	Listings []Listing `json:"listings"`
	Created  time.Time `json:"created_at"`
}

// HasMember reports whether profile is a member.
func (e *Enterprise) HasMember(profile string) bool {
	for _, m := range e.Members {
		if m.Profile == profile {
			return true
		}
	}
	return false
}

// Store keeps enterprises, members and listings. Every method is one
// transaction.
type Store interface {
	// Create stores a new enterprise with its first members; ErrExists.
	Create(ctx context.Context, e Enterprise) error
	// Get returns an enterprise with its members (oldest first) and
	// listings (oldest first); ErrNotFound.
	Get(ctx context.Context, id string) (Enterprise, error)
	// List returns every enterprise, by id.
	List(ctx context.Context) ([]Enterprise, error)
	// Join adds a member; ErrNotFound for no enterprise, ErrExists when the
	// profile is already a member.
	Join(ctx context.Context, id string, m Member) error
	// AddListing stores a listing; ErrNotFound, ErrExists for the same
	// design listed twice by one enterprise.
	AddListing(ctx context.Context, l Listing) error
	Close() error
}

var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// ValidID checks an enterprise or profile id: lower-case letters, digits
// and dashes, at most 63, starting with a letter or digit.
func ValidID(kind, s string) error {
	if !idRE.MatchString(s) {
		return fmt.Errorf("%w: %s %q: use lower-case letters, digits and dashes (at most 63)", ErrInvalid, kind, s)
	}
	return nil
}

// ListingID is the id of enterprise's listing of a design version.
func ListingID(enterprise, hash string) string {
	if len(hash) > 12 {
		hash = hash[:12]
	}
	return enterprise + "/" + hash
}

// Offers reports whether the listing offers level.
func (l Listing) Offers(level int) bool {
	for _, lv := range l.Levels {
		if lv == level {
			return true
		}
	}
	return false
}
