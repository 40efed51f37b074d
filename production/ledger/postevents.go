package ledger

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing"
	"github.com/shopspring/decimal"
)

// PostRequest is one business event about a design, as `prodos ledger
// post DESIGN --event EVENT` states it: the event's type and house and
// whichever figures were given. DeriveEvents fills in the rest from the
// design, its catalog and its sourcing plan.
type PostRequest struct {
	Type EventType
	// House is the id the design's events are posted under (the design
	// file's name without .toml); for a design grouped into houses, the
	// prefix of its houses' ids (HouseID).
	House string
	// Select is --house as given: for a design without houses it replaces
	// House; for a design grouped into houses it picks the one house to
	// post, by its name, slug or id ("" posts every house).
	Select  string
	File    string // the design file, for messages
	Design  *designs.Design
	Catalog *designs.Catalog
	// DesignHash is the SHA-256 of the canonical design file (the whole
	// file, for a design grouped into houses): "" computes it from Design.
	// Every event names it (Event.DesignHash).
	DesignHash string
	// Supplier limits supplier events to one supplier ("" is every
	// supplier of the sourcing plan).
	Supplier string
	// Amount, Hours and Rate are zero when not given.
	Amount decimal.Decimal
	Person string
	// Witness is the crew lead who witnessed module and labour work.
	Witness string
	Kind    string
	Skill   string
	Hours   decimal.Decimal
	Rate    decimal.Decimal
	// Module limits module events to one module ("" is every module of the
	// design); Count overrides its count (0: the design's).
	Module   string
	Count    int
	Key      string // "" derives the keys (DefaultKey)
	Reverses string
	Memo     string
	// Plan computes the sourcing plan of a design (the request's design,
	// or one house of it), for supplier events and materials-issued without
	// an amount; its errors pass through.
	Plan func(d *designs.Design) (*manufacturing.SourcingPlan, error)
}

// ErrPostRequest is a request that does not describe an event (a flag
// missing or contradicting the design). Its errors read as the message
// alone.
var ErrPostRequest = errors.New("bad post request")

// requestError is a bad request; absent marks a module or supplier the
// design (or one of its houses) does not have.
type requestError struct {
	msg    string
	absent bool
}

func (e *requestError) Error() string        { return e.msg }
func (e *requestError) Is(target error) bool { return target == ErrPostRequest }

func badRequest(format string, a ...any) error {
	return &requestError{msg: fmt.Sprintf(format, a...)}
}

func absent(format string, a ...any) error {
	return &requestError{msg: fmt.Sprintf(format, a...), absent: true}
}

// DefaultKey is the idempotency key scheme of `ledger post`: the house, the
// event type and the fields that tell its events apart, joined with ":"
// (h1:po-issued:valley, h1:labour-contributed:ann:labour:framing,
// h1:module-built:ann:wall-ext-4x8). Posting the same request twice gives
// the same keys, so it records once. A reversal's key is "reversal:" and
// the reversed key. A house of a design grouped into houses is keyed by
// its HouseID (row/house-1:po-issued:valley), so each house's keys differ.
func DefaultKey(house string, t EventType, parts ...string) string {
	return strings.Join(append([]string{house, string(t)}, parts...), ":")
}

// DeriveEvents turns a request into the events it posts, in one ledger
// transaction: a purchase order, receipt or payment per supplier of the
// sourcing plan; a production record per module of the design; one event
// otherwise. A given key names a single event and is suffixed with the
// supplier or module id when the request makes several.
//
// A design grouped into houses posts house by house (see houseEvents).
func DeriveEvents(r PostRequest) ([]Event, error) {
	if r.DesignHash == "" && r.Design != nil {
		sum := sha256.Sum256(r.Design.Marshal())
		r.DesignHash = hex.EncodeToString(sum[:])
	}
	parts, rest := r.Design.SplitHouses()
	if len(parts) == 0 {
		if r.Select != "" {
			r.House = r.Select
		}
		return r.derive()
	}
	return r.houseEvents(parts, rest)
}

// derive is DeriveEvents for one house: the request's design is the house.
func (r PostRequest) derive() ([]Event, error) {
	base := Event{Type: r.Type, House: r.House, Design: r.Design.Name, Author: r.Design.Author, DesignHash: r.DesignHash, Memo: r.Memo}
	switch r.Type {
	case EventPOIssued, EventGoodsReceived, EventSupplierPaid, EventMaterialsIssued:
		return r.supplierEvents(base)
	case EventLabour:
		ev, err := r.labourEvent(base)
		return []Event{ev}, err
	case EventModuleBuilt, EventModuleInstalled:
		return r.moduleEvents(base)
	case EventHouseSold:
		if r.Amount.IsZero() {
			return nil, badRequest("house-sold needs --amount (the sale price)")
		}
		base.Amount = r.Amount
		fallthrough
	case EventHouseCompleted:
		base.Key = r.key()
		return []Event{base}, nil
	case EventReversal:
		base.Reverses, base.Key = r.Reverses, r.Key
		if base.Key == "" {
			base.Key = "reversal:" + r.Reverses
		}
		return []Event{base}, nil
	}
	return nil, badRequest("unknown event type %q", r.Type)
}

// HouseID is the ledger id of one house of a design grouped into houses:
// the design's id (its file name without .toml), "/" and the house's slug
// (designs.HouseSlug): "row-of-20-24x32/house-1" for "House 1".
func HouseID(design, slug string) string { return design + "/" + slug }

// houseEvents derives the events of a design grouped into houses: the
// request once per house (or for the one house Select picks), each with
// the house's id, its own placements, labour, modules and sourcing plan,
// all in one transaction. A given key is suffixed with the house id when
// several houses post. A module or supplier only some houses have posts
// for those houses. A reversal is one event: the reversed transaction
// names its house.
func (r PostRequest) houseEvents(parts []designs.HousePart, rest []designs.Placement) ([]Event, error) {
	parts, err := r.chooseHouses(parts, rest)
	if err != nil {
		return nil, err
	}
	if r.Type == EventReversal {
		if r.Select != "" {
			r.House = HouseID(r.House, parts[0].Slug)
		}
		return r.derive()
	}
	var out []Event
	var missing error
	for _, p := range parts {
		hr := r
		hr.House, hr.Design = HouseID(r.House, p.Slug), p.Design
		if r.Key != "" && len(parts) > 1 {
			hr.Key = r.Key + ":" + hr.House
		}
		evs, err := hr.derive()
		var re *requestError
		if errors.As(err, &re) && re.absent && len(parts) > 1 {
			missing = err
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, evs...)
	}
	if len(out) == 0 {
		return nil, missing
	}
	return out, nil
}

// chooseHouses is the house Select picks, else every house. Two houses
// whose names have one slug, placements outside every house, and a figure
// of one house (--amount, --hours, --count) for several houses are refused.
func (r PostRequest) chooseHouses(parts []designs.HousePart, rest []designs.Placement) ([]designs.HousePart, error) {
	names := make([]string, len(parts))
	bySlug := map[string]string{}
	for i, p := range parts {
		names[i] = p.Name
		if prev, dup := bySlug[p.Slug]; dup {
			return nil, badRequest("houses %q and %q of %s would both be house %s in the ledger: rename one", prev, p.Name, r.File, HouseID(r.House, p.Slug))
		}
		bySlug[p.Slug] = p.Name
	}
	if r.Select != "" {
		for _, p := range parts {
			if r.Select == p.Name || r.Select == p.Slug || r.Select == HouseID(r.House, p.Slug) {
				return []designs.HousePart{p}, nil
			}
		}
		return nil, badRequest("house %q is not in %s; its houses: %s", r.Select, r.File, strings.Join(names, ", "))
	}
	if r.Type == EventReversal {
		return parts, nil
	}
	if len(rest) > 0 {
		return nil, badRequest("%s groups its modules into houses, but %d placements (the first a %s at %d,%d) belong to no house: put them in a [[house]], or post one house with --house",
			r.File, len(rest), rest[0].Module, rest[0].X, rest[0].Y)
	}
	if len(parts) > 1 && (!r.Amount.IsZero() || !r.Hours.IsZero() || r.Count != 0) {
		return nil, badRequest("%s has %d houses (%s): a given --amount, --hours or --count is the figure of one house; choose it with --house",
			r.File, len(parts), strings.Join(names, ", "))
	}
	return parts, nil
}

// key is the request's key, or the default key with parts.
func (r PostRequest) key(parts ...string) string {
	if r.Key != "" {
		return r.Key
	}
	return DefaultKey(r.House, r.Type, parts...)
}

// supplierEvents are the events of an order, receipt, payment or issue of
// materials: the given amount, else the sourcing plan's figures.
func (r PostRequest) supplierEvents(base Event) ([]Event, error) {
	if !r.Amount.IsZero() && (r.Type == EventMaterialsIssued || r.Supplier != "") {
		ev := base
		ev.Supplier, ev.Amount, ev.Key = r.Supplier, r.Amount, r.key(r.Supplier)
		if r.Type == EventMaterialsIssued {
			ev.Key = r.key()
		}
		return []Event{ev}, nil
	}
	plan, err := r.Plan(r.Design)
	if err != nil {
		return nil, err
	}
	if r.Type == EventMaterialsIssued {
		ev := base
		ev.Amount, ev.Key = plan.Total, r.key()
		return []Event{ev}, nil
	}
	var events []Event
	for _, po := range plan.Orders {
		if r.Supplier != "" && po.SupplierID != r.Supplier {
			continue
		}
		ev := base
		ev.Supplier, ev.Amount, ev.Key = po.SupplierID, po.Total, r.key(po.SupplierID)
		if r.Key != "" && r.Supplier == "" {
			ev.Key = r.Key + ":" + po.SupplierID
		}
		events = append(events, ev)
	}
	if len(events) == 0 {
		return nil, absent("supplier %q has no purchase order for %s under policy %s", r.Supplier, r.File, plan.Policy)
	}
	return events, nil
}

// labourEvent is a contribution: the given hours, else (for labour) the
// design's labour of the skill; the given rate, else the catalog's.
func (r PostRequest) labourEvent(base Event) (Event, error) {
	ev := base
	ev.Person, ev.Kind, ev.Skill, ev.Witness = r.Person, r.Kind, r.Skill, r.Witness
	ev.Rate = r.Catalog.Rates.LabourPerHour
	if !r.Rate.IsZero() {
		ev.Rate = r.Rate
	}
	var minutes decimal.Decimal
	switch {
	case !r.Hours.IsZero():
		minutes = r.Hours.Mul(decimal.NewFromInt(60))
	case r.Kind == "labour":
		minutes = DesignLabourMinutes(r.Catalog, r.Design, r.Skill)
	default:
		return Event{}, badRequest("--hours is required for a %s contribution", r.Kind)
	}
	ev.Minutes = minutes.Round(0).IntPart()
	if ev.Skill == "" {
		ev.Skill = "all"
	}
	ev.Key = r.key(ev.Person, ev.Kind, ev.Skill)
	return ev, nil
}

// moduleEvents are a production record per module of the design (or of
// the one module asked for), counted from the design unless a count is
// given.
func (r PostRequest) moduleEvents(base Event) ([]Event, error) {
	counts := map[string]int{}
	var order []string
	for _, p := range r.Design.Placements {
		if counts[p.Module] == 0 {
			order = append(order, p.Module)
		}
		counts[p.Module]++
	}
	if r.Module == "" && r.Count != 0 {
		return nil, badRequest("--count needs --module")
	}
	if r.Module != "" {
		if counts[r.Module] == 0 {
			return nil, absent("module %q is not in %s", r.Module, r.File)
		}
		order = []string{r.Module}
		if r.Count != 0 {
			counts[r.Module] = r.Count
		}
	}
	var events []Event
	for _, id := range order {
		ev := base
		ev.Person, ev.Module, ev.Count, ev.Witness = r.Person, id, counts[id], r.Witness
		ev.Key = r.key(r.Person, id)
		if r.Key != "" && r.Module == "" {
			ev.Key = r.Key + ":" + id
		}
		events = append(events, ev)
	}
	return events, nil
}

// DesignLabourMinutes is the design's labour minutes of one skill (all
// skills when skill is empty), from the catalog's labour operations.
func DesignLabourMinutes(cat *designs.Catalog, d *designs.Design, skill string) decimal.Decimal {
	var t decimal.Decimal
	for _, p := range d.Placements {
		m := cat.Modules[p.Module]
		if m == nil {
			continue
		}
		for _, l := range m.Labour {
			if skill == "" || l.Skill == skill {
				t = t.Add(cat.OpMinutes(m, l))
			}
		}
	}
	return t
}
