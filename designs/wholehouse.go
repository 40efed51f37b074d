package designs

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// WholeHouseFile is the data file of the build phases and of the whole
// house's items beyond its modules.
const WholeHouseFile = "wholehouse.toml"

// Phase is one of OSE's seven build phases, with its published target of
// on-site person-hours per 1,000 sq ft.
type Phase struct {
	ID        string `toml:"id"` // "A" .. "G"
	Name      string `toml:"name"`
	Scope     string `toml:"scope"`
	HoursLow  int    `toml:"hours_low"`
	HoursHigh int    `toml:"hours_high"`
	// After lists the phases whose whole-house work must be done before
	// this phase's starts (siding and wiring both follow dry-in, drywall
	// follows the wiring's rough-in).
	After  []string `toml:"after"`
	Source string   `toml:"source"`
}

// Label is "A site prep and foundation".
func (p Phase) Label() string { return p.ID + " " + p.Name }

// Maintenance is one recurring task of a module's or item's maintenance
// schedule: every Every years, Minutes of work and the parts it uses (a
// part replaced, paint, sealant).
type Maintenance struct {
	Task    string          `toml:"task"`
	Every   int             `toml:"every"`
	Minutes decimal.Decimal `toml:"minutes"`
	Parts   []PartRef       `toml:"parts"`
	Source  string          `toml:"source"`
}

// Lifetime is what modules and whole-house items carry for the build
// phases and the life-cycle cost.
type Lifetime struct {
	// Phase is the id of the build phase ("A" .. "G") of the on-site work.
	Phase string `toml:"phase"`
	// ServiceLife is the expected years before the whole thing is
	// replaced; LifeSource names where the figure comes from.
	ServiceLife int           `toml:"service_life"`
	LifeSource  string        `toml:"life_source"`
	Maintenance []Maintenance `toml:"maintenance"`
}

// Bases of a whole-house item: what its quantity is counted in, derived
// from the design's geometry (see Measure).
const (
	BasisFloor   = "floor_sqft"  // sq ft of floor (floor modules, else foundation)
	BasisRoof    = "roof_sqft"   // sq ft covered by roof panels
	BasisExtWall = "ext_wall_ft" // linear ft of exterior wall modules
	BasisIntWall = "int_wall_ft" // linear ft of interior wall modules
	BasisWindow  = "window"      // window openings
	BasisDoor    = "door"        // exterior door openings (a slider counts once)
	BasisIntDoor = "int_door"    // interior door openings
	BasisCore    = "core"        // utility cores (kitchen, bath, mechanical)
	BasisHouse   = "house"       // one per house
)

// Bases lists every basis, in the order reports show them.
var Bases = []string{BasisFloor, BasisRoof, BasisExtWall, BasisIntWall, BasisWindow, BasisDoor, BasisIntDoor, BasisCore, BasisHouse}

// HouseItem is work and material a finished house needs beyond its
// modules (site work, roofing trim, siding, wiring, drywall, ...), per
// unit of its basis: Minutes of on-site work and Parts per sq ft, per ft,
// per opening, per core or per house.
type HouseItem struct {
	ID      string          `toml:"id"`
	Name    string          `toml:"name"`
	Basis   string          `toml:"basis"`
	Minutes decimal.Decimal `toml:"minutes"`
	Qual    string          `toml:"qualification"`
	Parts   []PartRef       `toml:"parts"`
	Source  string          `toml:"source"`
	Lifetime
}

type wholeHouseFile struct {
	Phase []Phase      `toml:"phase"`
	Item  []*HouseItem `toml:"item"`
}

// PhaseByID returns the phase with the id, or nil.
func (c *Catalog) PhaseByID(id string) *Phase {
	for i := range c.Phases {
		if c.Phases[i].ID == id {
			return &c.Phases[i]
		}
	}
	return nil
}

// addWholeHouse checks wholehouse.toml: seven phases in order, items with
// a known basis, phase, parts, source and lifetime.
func (c *Catalog) addWholeHouse(pos positions, f *wholeHouseFile) ErrorList {
	var errs ErrorList
	for i, p := range f.Phase {
		e := func(key, msg string, a ...any) {
			errs = append(errs, &Error{File: WholeHouseFile, Pos: pos.of(fmt.Sprintf("phase[%d].%s", i, key)), Msg: fmt.Sprintf(msg, a...)})
		}
		if want := string(rune('A' + i)); p.ID != want {
			e("id", "phase %d must have id %q, got %q", i+1, want, p.ID)
		}
		if p.Name == "" || p.Source == "" {
			e("id", "phase %q needs a name and a source", p.ID)
		}
		for _, a := range p.After {
			if len(a) != 1 || a >= p.ID {
				e("after", "phase %q may only follow an earlier phase, not %q", p.ID, a)
			}
		}
		if p.HoursLow <= 0 || p.HoursHigh < p.HoursLow {
			e("hours_low", "phase %q: hours_low %d and hours_high %d must be positive and in order", p.ID, p.HoursLow, p.HoursHigh)
		}
	}
	if len(f.Phase) > 0 {
		c.Phases = f.Phase
	}
	ids := map[string]bool{}
	for i, it := range f.Item {
		prefix := fmt.Sprintf("item[%d].", i)
		e := func(key, msg string, a ...any) {
			errs = append(errs, &Error{File: WholeHouseFile, Pos: pos.of(prefix + key), Msg: fmt.Sprintf(msg, a...)})
		}
		if it.ID == "" || ids[it.ID] {
			e("id", "item id %q is empty or duplicate", it.ID)
		}
		ids[it.ID] = true
		if it.Name == "" || it.Source == "" {
			e("id", "item %q needs a name and a source", it.ID)
		}
		if !contains(Bases, it.Basis) {
			e("basis", "item %q: unknown basis %q (want one of %s)", it.ID, it.Basis, strings.Join(Bases, ", "))
		}
		if it.Minutes.Sign() < 0 || (it.Minutes.IsZero() && len(it.Parts) == 0) {
			e("minutes", "item %q needs positive minutes or parts", it.ID)
		}
		if it.Minutes.Sign() > 0 && it.Qual == "" {
			e("qualification", "item %q has work but no qualification", it.ID)
		}
		errs = append(errs, c.checkParts(WholeHouseFile, pos, prefix, it.Parts)...)
		c.checkLifetime(prefix, &it.Lifetime, WholeHouseFile, pos, func(key, f string, a ...any) { e(key, f, a...) })
	}
	c.HouseItems = f.Item
	return errs
}

// checkLifetime checks a module's or item's phase, service life and
// maintenance schedule; prefix is the key path of the item in its file.
func (c *Catalog) checkLifetime(prefix string, l *Lifetime, file string, pos positions, e errorAt) {
	if c.PhaseByID(l.Phase) == nil {
		e(prefix+"phase", "unknown build phase %q (want one of the phase ids of %s)", l.Phase, WholeHouseFile)
	}
	if l.ServiceLife <= 0 || l.LifeSource == "" {
		e(prefix+"service_life", "service_life must be positive years, with a life_source")
	}
	for j, m := range l.Maintenance {
		at := fmt.Sprintf("%smaintenance[%d].", prefix, j)
		if m.Task == "" || m.Source == "" || m.Every <= 0 {
			e(at+"every", "maintenance %d needs a task, a source and every > 0 years", j+1)
		}
		if m.Minutes.Sign() < 0 || (m.Minutes.IsZero() && len(m.Parts) == 0) {
			e(at+"minutes", "maintenance %q needs positive minutes or parts", m.Task)
		}
		for k, p := range m.Parts {
			if (p.SKU == "") == (p.Assembly == "") || (p.SKU != "" && c.Materials[p.SKU] == nil) || (p.Assembly != "" && c.Assemblies[p.Assembly] == nil) || p.Qty.Sign() <= 0 {
				e(fmt.Sprintf("%sparts[%d].sku", at, k), "maintenance %q: part %d needs one known sku or assembly and a positive qty", m.Task, k+1)
			}
		}
	}
}
