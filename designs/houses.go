package designs

import "strings"

// HouseSlug is the file- and id-safe form of a house name: lower-cased,
// ASCII letters and digits kept, every run of other characters turned to
// one "-", none at either end ("House 1" is "house-1"); "house" when
// nothing is left. The schedule names its per-house Gantt charts with it
// and the ledger its house ids.
func HouseSlug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	slug := strings.TrimSuffix(b.String(), "-")
	if slug == "" {
		return "house"
	}
	return slug
}

// HousePart is one house of a design grouped into houses: its name, the
// slug of its name and a design of the house's placements alone (the
// design's other fields copied, coordinates kept on the design's grid).
type HousePart struct {
	Name   string
	Slug   string
	Design *Design
}

// SplitHouses splits a design grouped into houses into one design per
// house, in the order of Houses(), and returns the placements that belong
// to no house as the rest (nil when there are none). A design without
// houses has no parts and is all rest. Anything that needs a per-house view
// of a design (the ledger's events, a house's bill of materials) splits it
// here.
func (d *Design) SplitHouses() (parts []HousePart, rest []Placement) {
	index := map[string]int{}
	for _, name := range d.Houses() {
		index[name] = len(parts)
		hd := *d
		hd.Placements = nil
		parts = append(parts, HousePart{Name: name, Slug: HouseSlug(name), Design: &hd})
	}
	for _, p := range d.Placements {
		if p.House == "" {
			rest = append(rest, p)
			continue
		}
		part := parts[index[p.House]].Design
		part.Placements = append(part.Placements, p)
	}
	return parts, rest
}
