package store

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/inspection"
	"github.com/opensourceecology/prodos/production/ledger"
)

// Service ties the store to the commons, the catalog and the ledger: it
// quotes, lists, certifies and writes replication kits.
type Service struct {
	Store   Store
	Commons commons.Store
	Catalog *designs.Catalog
	Shops   map[string]*designs.Shop
	Quals   *training.Quals
	Data    *Data
	// Suppliers are the known suppliers (designs/data/suppliers.toml).
	Suppliers []*designs.Supplier
	// Ledger reads the ledger's verified records; nil reads as an empty
	// ledger (no houses, no records).
	Ledger func(ctx context.Context) (*ledger.ValueData, error)
	// Inspections are the inspection records (production/inspection);
	// nil, when a site keeps none, makes LedgerInspections stand in.
	Inspections inspection.Store
	Now         func() time.Time
}

// Product is a listed design at an enterprise: the version, its quote and,
// computed on every call, its certification.
type Product struct {
	Listing       Listing
	Version       commons.Version
	Quote         *Quote
	Certification Certification
}

// Resolve finds the design a product argument names for an enterprise: a
// full hash, a listing id, or a unique hash prefix of one of its listings.
func Resolve(e Enterprise, arg string) (string, error) {
	arg = strings.TrimPrefix(arg, e.ID+"/")
	if commons.IsHash(arg) {
		return arg, nil
	}
	var found []string
	for _, l := range e.Listings {
		if len(arg) >= 6 && strings.HasPrefix(l.Design, arg) {
			found = append(found, l.Design)
		}
	}
	if len(found) != 1 {
		return "", fmt.Errorf("%w: %q names no single listing of %s (give the design hash, at least 6 digits of it, or the listing id)", ErrNotFound, arg, e.ID)
	}
	return found[0], nil
}

// Quote prices a commons version at an enterprise.
func (s *Service) Quote(ctx context.Context, e Enterprise, hash string) (*Quote, commons.Version, []byte, error) {
	v, data, err := s.Commons.Get(ctx, hash)
	if err != nil {
		return nil, v, nil, fmt.Errorf("design %s: %w", hash, err)
	}
	d, err := designs.ParseDesign(hash+".toml", data, s.Catalog)
	if err != nil {
		return nil, v, nil, fmt.Errorf("design %s: %w", hash, err)
	}
	shop := s.Shops[e.Site.Shop]
	if shop == nil {
		return nil, v, nil, fmt.Errorf("%w: enterprise %s: no shop profile %q", ErrInvalid, e.ID, e.Site.Shop)
	}
	q, err := Price(Inputs{Hash: hash, Design: d, Catalog: s.Catalog, Site: e.Site, Shop: shop, Quals: s.Quals, Data: s.Data, Suppliers: s.Suppliers})
	return q, v, data, err
}

// List lists a build-ready commons version at an enterprise at the given
// levels. Level 1 is refused while a machine the product needs fails an
// admissible performance criterion; the error names each failure.
func (s *Service) List(ctx context.Context, id, hash string, levels []int) (Listing, error) {
	e, err := s.Store.Get(ctx, id)
	if err != nil {
		return Listing{}, err
	}
	l, err := s.prepare(ctx, e, hash, levels)
	if err != nil {
		return Listing{}, err
	}
	return l, s.Store.AddListing(ctx, l)
}

// prepare checks a listing of hash at levels by e and returns it, unstored.
func (s *Service) prepare(ctx context.Context, e Enterprise, hash string, levels []int) (Listing, error) {
	id := e.ID
	q, v, _, err := s.Quote(ctx, e, hash)
	if err != nil {
		return Listing{}, err
	}
	if v.Status != commons.StatusBuildReady {
		return Listing{}, fmt.Errorf("%w: %s (%s) is a %s, not build-ready: %s", ErrRefused, v.Name, hash[:12], v.Status, strings.Join(v.Problems, "; "))
	}
	levels = append([]int{}, levels...)
	sort.Ints(levels)
	for _, lv := range levels {
		if lv == LevelProduct && len(q.Failures) > 0 {
			return Listing{}, fmt.Errorf("%w: level 1 (the product) of %s: the shop of %s fails the machine criteria: %s",
				ErrRefused, v.Name, id, strings.Join(q.Failures, "; "))
		}
	}
	return Listing{ID: ListingID(id, hash), Enterprise: id, Design: hash, Levels: levels, Listed: s.Now().UTC().Truncate(time.Second)}, nil
}

func (s *Service) ledgerData(ctx context.Context) (*ledger.ValueData, error) {
	if s.Ledger == nil {
		return &ledger.ValueData{Completed: map[string]bool{}}, nil
	}
	return s.Ledger(ctx)
}

// Certify runs the OSE Certified check for an enterprise and a design.
func (s *Service) Certify(ctx context.Context, e Enterprise, hash string) (Certification, *Quote, error) {
	ld, err := s.ledgerData(ctx)
	if err != nil {
		return Certification{}, nil, fmt.Errorf("ledger: %w", err)
	}
	return s.certify(ctx, e, hash, ld)
}

func (s *Service) certify(ctx context.Context, e Enterprise, hash string, ld *ledger.ValueData) (Certification, *Quote, error) {
	q, v, _, err := s.Quote(ctx, e, hash)
	if err != nil {
		return Certification{}, nil, err
	}
	lin, err := commons.LineageOf(ctx, s.Commons, v)
	if err != nil {
		return Certification{}, nil, err
	}
	var insp InspectionsPassed = LedgerInspections{Data: ld}
	if s.Inspections != nil {
		insp = InspectionRecords{Ledger: ld, Store: s.Inspections}
	}
	c, err := Certify(ctx, e, q, Evidence{Version: v, Ancestors: lin.Ancestors, Ledger: ld}, insp)
	return c, q, err
}

// Products returns an enterprise's listed products with their quotes and
// certifications, in listing order.
func (s *Service) Products(ctx context.Context, e Enterprise) ([]Product, error) {
	ld, err := s.ledgerData(ctx)
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	var out []Product
	for _, l := range e.Listings {
		c, q, err := s.certify(ctx, e, l.Design, ld)
		if err != nil {
			return nil, err
		}
		v, _, err := s.Commons.Get(ctx, l.Design)
		if err != nil {
			return nil, err
		}
		out = append(out, Product{Listing: l, Version: v, Quote: q, Certification: c})
	}
	return out, nil
}

// Kit assembles an enterprise's replication kit.
func (s *Service) Kit(ctx context.Context, id string) (*Kit, error) {
	e, err := s.Store.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	quotes, files := map[string]*Quote{}, map[string][]byte{}
	for _, l := range e.Listings {
		q, _, data, err := s.Quote(ctx, e, l.Design)
		if err != nil {
			return nil, err
		}
		quotes[l.Design], files[l.Design] = q, data
	}
	sup, err := designsFile("suppliers.toml")
	if err != nil {
		return nil, err
	}
	return NewKit(e, s.Shops[e.Site.Shop], s.Data, sup, quotes, files), nil
}

// CreateFromKit starts a new enterprise from a replication kit: the kit's
// site profile with a new name and location, owner as its first member,
// and the kit's products listed at the same levels. Every design must be in
// the commons with the kit's hash (publish it first).
func (s *Service) CreateFromKit(ctx context.Context, id, dir, name, location, owner string, parse func(file string, data []byte) (Site, error)) (Enterprise, error) {
	m, siteData, _, err := ReadKit(dir)
	if err != nil {
		return Enterprise{}, err
	}
	site, err := parse(dir+"/"+KitSite, siteData)
	if err != nil {
		return Enterprise{}, err
	}
	site.Name, site.Location = name, location
	now := s.Now().UTC().Truncate(time.Second)
	e := Enterprise{ID: id, Site: site, Created: now, Members: []Member{{Profile: owner, Role: RoleOwner, Joined: now}}}
	for _, p := range m.Products {
		if _, _, err := s.Commons.Get(ctx, p.Hash); errors.Is(err, commons.ErrNotFound) {
			return Enterprise{}, fmt.Errorf("%w: %s (%s) is not in the commons: publish %s/%s/%s first", ErrRefused, p.Name, p.Hash[:12], dir, KitDesigns, p.File)
		} else if err != nil {
			return Enterprise{}, err
		}
		l, err := s.prepare(ctx, e, p.Hash, p.Levels)
		if err != nil {
			return Enterprise{}, err
		}
		e.Listings = append(e.Listings, l)
	}
	if err := s.Store.Create(ctx, e); err != nil {
		return Enterprise{}, err
	}
	return s.Store.Get(ctx, id)
}

// OfferFor is what an order references: the listing by id, the offer of
// kind (built-to-order, kit, production or licence) at a level the listing
// offers, priced now. Level 1 is refused while the shop fails a machine
// criterion. The caller keeps the returned breakdown with the order.
func (s *Service) OfferFor(ctx context.Context, listingID, kind string) (Listing, Offer, error) {
	id, _, _ := strings.Cut(listingID, "/")
	e, err := s.Store.Get(ctx, id)
	if err != nil {
		return Listing{}, Offer{}, err
	}
	for _, l := range e.Listings {
		if l.ID != listingID {
			continue
		}
		q, _, _, err := s.Quote(ctx, e, l.Design)
		if err != nil {
			return l, Offer{}, err
		}
		o := q.Offer(kind)
		if o == nil {
			return l, Offer{}, fmt.Errorf("%w: offer %q (want built-to-order, kit, production or licence)", ErrInvalid, kind)
		}
		if !l.Offers(o.Level) {
			return l, Offer{}, fmt.Errorf("%w: %s does not offer level %d", ErrRefused, listingID, o.Level)
		}
		if o.Level == LevelProduct && len(q.Failures) > 0 {
			return l, Offer{}, fmt.Errorf("%w: level 1 of %s: %s", ErrRefused, listingID, strings.Join(q.Failures, "; "))
		}
		return l, *o, nil
	}
	return Listing{}, Offer{}, fmt.Errorf("%w: no listing %q", ErrNotFound, listingID)
}
