package store

import (
	"bytes"
	"fmt"
	"io/fs"

	"github.com/BurntSushi/toml"
	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

// Criterion is an admissible performance criterion for one machine kind
// (process): the measured figure must be at most Max.
type Criterion struct {
	ID       string          `toml:"id"`
	Process  string          `toml:"process"`
	Name     string          `toml:"name"`
	Measure  string          `toml:"measure"`
	Unit     string          `toml:"unit"`
	Max      decimal.Decimal `toml:"max"`
	Source   string          `toml:"source"`
	Estimate bool            `toml:"estimate"`
}

// Factor is an embodied-carbon factor for the materials whose SKU starts
// with Match: kg CO2e per kg, and the mass per unit either given or from
// the material's dimensions and a density.
type Factor struct {
	Match       string          `toml:"match"`
	ICEMaterial string          `toml:"ice_material"`
	PerKg       decimal.Decimal `toml:"kg_co2e_per_kg"`
	Density     decimal.Decimal `toml:"density_kg_m3"`
	KgPerUnit   decimal.Decimal `toml:"kg_per_unit"`
	Source      string          `toml:"source"`
	Estimate    bool            `toml:"estimate"`
}

// Equipment is a machine kind's purchase price and floor space.
type Equipment struct {
	Process   string          `toml:"process"`
	Name      string          `toml:"name"`
	Price     decimal.Decimal `toml:"price"`
	FloorSqFt int             `toml:"floor_sq_ft"`
	Source    string          `toml:"source"`
	Estimate  bool            `toml:"estimate"`
}

// Tool is a hand-tool set bought per crew member.
type Tool struct {
	Name     string          `toml:"name"`
	Price    decimal.Decimal `toml:"price"`
	Per      string          `toml:"per"`
	Source   string          `toml:"source"`
	Estimate bool            `toml:"estimate"`
}

// Microfactory is what level 2 (production) is priced from.
type Microfactory struct {
	TrainingHours  decimal.Decimal `toml:"training_hours_per_qualification"`
	TrainingSource string          `toml:"training_source"`
	AssemblyFloor  int             `toml:"assembly_floor_sq_ft"`
	AssemblySource string          `toml:"assembly_source"`
	Equipment      []Equipment     `toml:"equipment"`
	Tools          []Tool          `toml:"tool"`
}

// Data is the store's reference data from designs/data/store.
type Data struct {
	Criteria     []Criterion `toml:"criterion"`
	Factors      []Factor    `toml:"factor"`
	Microfactory Microfactory
	// Raw keeps the files as read, for the replication kit.
	Raw map[string][]byte
}

// Files of the store's reference data, under designs/data.
const (
	CriteriaFile     = "store/criteria.toml"
	CarbonFile       = "store/carbon.toml"
	MicrofactoryFile = "store/microfactory.toml"
)

// DefaultData loads the embedded reference data.
func DefaultData() (*Data, error) { return LoadData(designs.DataFS()) }

// LoadData reads the three reference files from fsys (a designs/data tree).
func LoadData(fsys fs.FS) (*Data, error) {
	d := &Data{Raw: map[string][]byte{}}
	for _, f := range []struct {
		name string
		into any
	}{{CriteriaFile, d}, {CarbonFile, d}, {MicrofactoryFile, &d.Microfactory}} {
		b, err := fs.ReadFile(fsys, f.name)
		if err != nil {
			return nil, fmt.Errorf("store data: %w", err)
		}
		d.Raw[f.name] = b
		md, err := toml.NewDecoder(bytes.NewReader(b)).Decode(f.into)
		if err != nil {
			return nil, fmt.Errorf("%w: designs/data/%s: %v", ErrInvalid, f.name, err)
		}
		if und := md.Undecoded(); len(und) > 0 {
			return nil, fmt.Errorf("%w: designs/data/%s: unknown key %q", ErrInvalid, f.name, und[0].String())
		}
	}
	for _, c := range d.Criteria {
		if c.ID == "" || c.Process == "" || !c.Max.IsPositive() || c.Source == "" {
			return nil, fmt.Errorf("%w: designs/data/%s: criterion %q needs id, process, max > 0 and source", ErrInvalid, CriteriaFile, c.ID)
		}
	}
	for _, f := range d.Factors {
		if f.Match == "" || !f.PerKg.IsPositive() || f.Source == "" || (f.Density.IsZero() == f.KgPerUnit.IsZero()) {
			return nil, fmt.Errorf("%w: designs/data/%s: factor %q needs match, kg_co2e_per_kg, source and one of density_kg_m3 or kg_per_unit", ErrInvalid, CarbonFile, f.Match)
		}
	}
	return d, nil
}

// CriteriaFor returns the criteria of a machine kind.
func (d *Data) CriteriaFor(process string) []Criterion {
	var out []Criterion
	for _, c := range d.Criteria {
		if c.Process == process {
			out = append(out, c)
		}
	}
	return out
}

// EquipmentFor returns the equipment line of a machine kind.
func (d *Data) EquipmentFor(process string) (Equipment, bool) {
	for _, e := range d.Microfactory.Equipment {
		if e.Process == process {
			return e, true
		}
	}
	return Equipment{}, false
}

// Failure is a criterion a machine fails: not measured, or measured above
// the admissible figure.
type Failure struct {
	Machine   string
	Criterion Criterion
	Measured  decimal.Decimal
	Missing   bool
}

func (f Failure) String() string {
	c := f.Criterion
	if f.Missing {
		return fmt.Sprintf("machine %s (%s) fails %s (%s): not measured; admissible at most %s %s", f.Machine, c.Process, c.ID, c.Name, c.Max, c.Unit)
	}
	return fmt.Sprintf("machine %s (%s) fails %s (%s): measured %s %s, admissible at most %s %s (source: %s)",
		f.Machine, c.Process, c.ID, c.Name, f.Measured, c.Unit, c.Max, c.Unit, c.Source)
}

// CheckMachines checks the named machines of shop against every criterion
// of their kind, with the figures the site measured. Machines are checked in
// the order given.
func (d *Data) CheckMachines(site Site, shop *designs.Shop, machines []string) []Failure {
	var out []Failure
	for _, id := range machines {
		m := machineOf(shop, id)
		if m == nil {
			continue
		}
		for _, c := range d.CriteriaFor(m.Process) {
			v, ok := site.Measure(id, c.ID)
			if !ok {
				out = append(out, Failure{Machine: id, Criterion: c, Missing: true})
			} else if v.GreaterThan(c.Max) {
				out = append(out, Failure{Machine: id, Criterion: c, Measured: v})
			}
		}
	}
	return out
}

func designsFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(designs.DataFS(), name)
	if err != nil {
		return nil, fmt.Errorf("designs/data/%s: %w", name, err)
	}
	return b, nil
}
