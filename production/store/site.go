package store

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/BurntSushi/toml"
	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

// Site is an enterprise's site profile: where it is, its shop (a shop
// profile of designs/data/shops) with the figures measured on its
// machines, its suppliers, labour rate, crew and the terms of its
// listings. Money is decimal; fractions are shares of 1.
type Site struct {
	Name     string `toml:"name" json:"name"`
	Location string `toml:"location" json:"location"`
	Shop     string `toml:"shop" json:"shop"`
	Crew     string `toml:"crew" json:"crew"`
	// Suppliers are supplier ids of designs/data/suppliers.toml.
	Suppliers  []string        `toml:"suppliers" json:"suppliers"`
	LabourRate decimal.Decimal `toml:"labour_rate" json:"labour_rate"` // per hour
	// Overhead is added to the direct cost (materials, labour, machine),
	// Margin to the full cost (direct cost plus overhead).
	Overhead decimal.Decimal `toml:"overhead" json:"overhead"`
	Margin   decimal.Decimal `toml:"margin" json:"margin"`
	// LicenceFee and LicenceTerms are the level-3 offer.
	LicenceFee   decimal.Decimal `toml:"licence_fee" json:"licence_fee"`
	LicenceTerms string          `toml:"licence_terms" json:"licence_terms"`
	Measured     []Measurement   `toml:"measured" json:"measured"`
	// RDShare is the enterprise's research-and-development share of the
	// surplus of every sale (the Store's "allocate revenue to an
	// experimental facility"), a fraction below 1; absent: DefaultRDShare.
	RDShare *decimal.Decimal `toml:"rd_share,omitempty" json:"rd_share,omitempty"`
}

// DefaultRDShare is the R&D share of a site profile that names none: 10 %
// of the surplus (a policy choice, not a measured figure; estimate).
var DefaultRDShare = decimal.New(10, -2)

// RD is the site's R&D share of a sale's surplus (DefaultRDShare when the
// profile names none).
func (s Site) RD() decimal.Decimal {
	if s.RDShare == nil {
		return DefaultRDShare
	}
	return *s.RDShare
}

// Measurement is a figure measured on one machine of the shop for one
// admissible performance criterion.
type Measurement struct {
	Machine   string          `toml:"machine" json:"machine"`
	Criterion string          `toml:"criterion" json:"criterion"`
	Value     decimal.Decimal `toml:"value" json:"value"`
	Note      string          `toml:"note" json:"note,omitempty"`
}

// ParseSite reads a site profile (TOML) and checks it against the shops,
// crews and suppliers known. Errors name the file and, where the decoder
// knows it, the line.
func ParseSite(file string, data []byte, shops map[string]*designs.Shop, crews map[string]*designs.Crew, suppliers []*designs.Supplier) (Site, error) {
	var s Site
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&s)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return s, fmt.Errorf("%w: %s:%d: %s", ErrInvalid, file, pe.Position.Line, pe.Message)
		}
		return s, fmt.Errorf("%w: %s: %v", ErrInvalid, file, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return s, fmt.Errorf("%w: %s: unknown key %q", ErrInvalid, file, und[0].String())
	}
	bad := func(key, f string, a ...any) error {
		return fmt.Errorf("%w: %s: %s: %s", ErrInvalid, file, key, fmt.Sprintf(f, a...))
	}
	if s.Name == "" {
		return s, bad("name", "missing")
	}
	if s.Location == "" {
		return s, bad("location", "missing")
	}
	shop := shops[s.Shop]
	if shop == nil {
		return s, bad("shop", "no shop profile %q in designs/data/shops", s.Shop)
	}
	if crews[s.Crew] == nil {
		return s, bad("crew", "no crew %q in designs/data/crews", s.Crew)
	}
	known := map[string]bool{}
	for _, sp := range suppliers {
		known[sp.ID] = true
	}
	for _, id := range s.Suppliers {
		if !known[id] {
			return s, bad("suppliers", "no supplier %q in designs/data/suppliers.toml", id)
		}
	}
	if !s.LabourRate.IsPositive() {
		return s, bad("labour_rate", "must be more than 0, got %q", s.LabourRate)
	}
	for key, v := range map[string]decimal.Decimal{"overhead": s.Overhead, "margin": s.Margin} {
		if v.IsNegative() || v.GreaterThan(decimal.NewFromInt(5)) {
			return s, bad(key, "must be a share from 0 to 5, got %q", v)
		}
	}
	for key, v := range map[string]decimal.Decimal{"overhead": s.Overhead, "margin": s.Margin} {
		if !v.Shift(4).IsInteger() {
			return s, bad(key, "at most 4 decimal places, got %q", v)
		}
	}
	for key, v := range map[string]decimal.Decimal{"labour_rate": s.LabourRate, "licence_fee": s.LicenceFee} {
		if !v.Shift(2).IsInteger() || v.IsNegative() {
			return s, bad(key, "must be dollars with at most cents, got %q", v)
		}
	}
	if rd := s.RD(); rd.IsNegative() || !rd.LessThan(decimal.NewFromInt(1)) || !rd.Shift(4).IsInteger() {
		return s, bad("rd_share", "must be a share from 0 up to (not including) 1 with at most 4 decimal places, got %q", rd)
	}
	for i, m := range s.Measured {
		if machineOf(shop, m.Machine) == nil {
			return s, bad(fmt.Sprintf("measured[%d].machine", i), "shop %s has no machine %q", s.Shop, m.Machine)
		}
		if m.Criterion == "" {
			return s, bad(fmt.Sprintf("measured[%d].criterion", i), "missing")
		}
	}
	return s, nil
}

// Marshal writes the site profile as TOML.
func (s Site) Marshal() ([]byte, error) {
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(s); err != nil {
		return nil, fmt.Errorf("site profile: %w", err)
	}
	return b.Bytes(), nil
}

// Measure returns the figure measured on machine for criterion.
func (s Site) Measure(machine, criterion string) (decimal.Decimal, bool) {
	for _, m := range s.Measured {
		if m.Machine == machine && m.Criterion == criterion {
			return m.Value, true
		}
	}
	return decimal.Decimal{}, false
}

func machineOf(shop *designs.Shop, id string) *designs.Machine {
	for i := range shop.Machines {
		if shop.Machines[i].ID == id {
			return &shop.Machines[i]
		}
	}
	return nil
}
