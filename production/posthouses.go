package production

import (
	"errors"
	"strings"

	"github.com/opensourceecology/prodos/designs"
)

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
