package commons

import (
	"fmt"
	"sort"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/manufacturing"
	"github.com/shopspring/decimal"
)

// Analysis is every figure the commons shows for a design, derived from the
// design and the catalog (nothing typed twice): the same engine cost and
// rules as `prodos cost` and `prodos validate`, the same bill of materials
// as `prodos bom`.
type Analysis struct {
	// Problems are the hard rules broken ("rule: message") and a licence
	// outside the allow-list: what `prodos validate` reports as problems.
	Problems    []string
	FloorArea   int
	Bedrooms    int
	Modules     int
	Cost        designs.Cost
	CostPerSqFt decimal.Decimal // zero without floor
	LabourRate  decimal.Decimal
	ByCategory  []CategoryCost
	// BuildHours and InstallHours are shop and on-site labour hours.
	BuildHours, InstallHours decimal.Decimal
	BOM                      *manufacturing.BOM
}

// CategoryCost is the cost of one module category.
type CategoryCost struct {
	Category string       `json:"category"`
	Modules  int          `json:"modules"`
	Cost     designs.Cost `json:"-"`
}

// minRoomSqFt is the smallest habitable room the International Residential
// Code allows (IRC R304.1: 70 sq ft); a smaller room is not a bedroom.
const minRoomSqFt = 70

// Analyse derives a design's figures and hard-rule problems.
func Analyse(d *designs.Design, cat *designs.Catalog) (*Analysis, error) {
	rs, err := levels.Standard()
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	eng, err := engine.FromDesign(d, cat, engine.Options{Rules: rs})
	if err != nil {
		return nil, err
	}
	a := &Analysis{Cost: eng.Cost(), LabourRate: eng.LabourRate()}
	for _, v := range eng.Violations() {
		if v.Severity == engine.Hard {
			a.Problems = append(a.Problems, v.String())
		}
	}
	if err := CheckLicence(d.License); err != nil {
		a.Problems = append(a.Problems, "license: "+err.Error())
	}
	m := eng.Metrics()
	a.FloorArea, a.Modules = m.FloorAreaSqFt, m.Modules
	if a.FloorArea > 0 {
		a.CostPerSqFt = a.Cost.Total().Div(decimal.NewFromInt(int64(a.FloorArea))).Round(2)
	}
	byCat := eng.CostByCategory()
	for _, name := range eng.Categories() {
		if c, ok := byCat[name]; ok {
			a.ByCategory = append(a.ByCategory, CategoryCost{Category: name, Modules: m.ByCategory[name], Cost: c})
		}
	}
	for _, p := range d.Placements {
		b, i := cat.LabourMinutes(cat.Modules[p.Module])
		a.BuildHours, a.InstallHours = a.BuildHours.Add(b), a.InstallHours.Add(i)
	}
	sixty := decimal.NewFromInt(60)
	a.BuildHours, a.InstallHours = a.BuildHours.Div(sixty).Round(1), a.InstallHours.Div(sixty).Round(1)
	a.Bedrooms = bedrooms(eng)
	if a.BOM, err = manufacturing.BuildBOM(cat, d); err != nil {
		return nil, fmt.Errorf("bill of materials: %w", err)
	}
	return a, nil
}

// bedrooms estimates the bedrooms: enclosed rooms a person can reach, of at
// least 70 sq ft, with no utility core in them (kitchen, bathroom, utility
// room). When no room has a kitchen, the largest such room is the living
// room and is not counted. It is an estimate: the design format has no room
// names.
func bedrooms(eng *engine.Engine) int {
	rooms := eng.Rooms()
	cored := map[int]bool{}
	kitchen := false
	for p := range eng.Modules() {
		if p.Module.Room == "" {
			continue
		}
		x0, y0, _, _ := p.Cells()
		if r := eng.RoomAt(x0, y0); r >= 0 {
			cored[r] = true
			kitchen = kitchen || p.Module.Room == "Kitchen"
		}
	}
	var sizes []int
	for i, r := range rooms {
		if r.Enclosed && r.Reachable && !cored[i] && r.Cells*16 >= minRoomSqFt {
			sizes = append(sizes, r.Cells)
		}
	}
	if !kitchen && len(sizes) > 0 {
		sort.Ints(sizes)
		sizes = sizes[:len(sizes)-1]
	}
	return len(sizes)
}
