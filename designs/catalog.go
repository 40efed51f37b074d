// Package designs holds the module library (materials, sub-assemblies and
// modules), the labour and machine rates, and the design file format. Every
// figure the game and the production layer show is derived from this data.
package designs

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/shopspring/decimal"
)

//go:embed data
var dataFS embed.FS

// Material kinds.
const (
	KindLumber   = "lumber"   // dimensional lumber, cut to length from stock
	KindSheet    = "sheet"    // sheet goods, nested on the CNC router
	KindHardware = "hardware" // fasteners and connectors
	KindFixture  = "fixture"  // windows, doors, appliances, panels
	KindBulk     = "bulk"     // concrete, insulation and other bulk goods
)

var materialKinds = []string{KindLumber, KindSheet, KindHardware, KindFixture, KindBulk}

// Categories returns the module category ids of the built-in data
// (data/categories.toml), in palette order. Code holding a Catalog uses
// Catalog.CategoryIDs instead, which also has the categories of a data
// directory other than the built-in one. The file is read on the first call,
// not at init: every command pays for package inits (issue 14). The slice is
// shared; do not modify it.
var Categories = sync.OnceValue(builtinCategoryIDs)

// Placement kinds.
const (
	OnCell = "cell" // covers cells: foundation, floor, roof, loft, cores
	OnEdge = "edge" // stands on cell edges: walls
)

// Material is one purchasable item.
type Material struct {
	SKU         string          `toml:"sku"`
	Description string          `toml:"description"`
	Unit        string          `toml:"unit"`
	Kind        string          `toml:"kind"`
	Profile     string          `toml:"profile"` // lumber profile ("2x6") or sheet product ("osb-7/16")
	Thickness   Length          `toml:"thickness"`
	Width       Length          `toml:"width"`
	Length      Length          `toml:"length"`
	Price       decimal.Decimal `toml:"price"`
	Waste       decimal.Decimal `toml:"waste"` // share added in the BOM for offcuts and breakage
	Source      string          `toml:"source"`
	Estimate    bool            `toml:"estimate"` // true when the price is not from ose-facts.md

	hasPrice bool
}

// PartRef is one line of a parts list: a material or a sub-assembly.
type PartRef struct {
	SKU      string          `toml:"sku"`
	Assembly string          `toml:"assembly"`
	Qty      decimal.Decimal `toml:"qty"`
	Note     string          `toml:"note"`
}

// Assembly is a named sub-assembly (a header, a rough opening kit) used by
// several modules; it may contain other assemblies.
type Assembly struct {
	ID     string    `toml:"id"`
	Name   string    `toml:"name"`
	Parts  []PartRef `toml:"parts"`
	Source string    `toml:"source"`
}

// CutPart is one framing member or sheet part, cut from a material.
type CutPart struct {
	Name   string `toml:"name"`
	SKU    string `toml:"sku"`
	Qty    int    `toml:"qty"`
	Length Length `toml:"length"`
	Width  Length `toml:"width"` // sheet parts only
	Grain  bool   `toml:"grain"` // true: the part may not be rotated on the sheet
}

// LabourOp is a labour operation: a fixed number of minutes, or minutes per
// framing member (lumber cut part) of the module.
type LabourOp struct {
	Op               string          `toml:"op"` // "build" (in the shop) or "install" (on site)
	Skill            string          `toml:"skill"`
	Minutes          decimal.Decimal `toml:"minutes"`
	MinutesPerMember decimal.Decimal `toml:"minutes_per_member"`
}

// MachineOp is time on a machine process.
type MachineOp struct {
	Process string          `toml:"process"`
	Minutes decimal.Decimal `toml:"minutes"`
}

// Module is one standard module of the 4 ft system.
type Module struct {
	ID          string `toml:"id"`
	Name        string `toml:"name"`
	Category    string `toml:"category"`
	Description string `toml:"description"`
	// Placement is OnCell or OnEdge.
	Placement string `toml:"placement"`
	// Cells is the run length in cells for edge modules, the footprint width
	// in cells for cell modules. Depth is the footprint depth (cell modules).
	Cells    int    `toml:"cells"`
	Depth    int    `toml:"depth"`
	Height   Length `toml:"height"`
	Layer    string `toml:"layer"`
	Exterior bool   `toml:"exterior"`
	// Opening is "", "window" or "door"; its rough opening size follows.
	Opening       string      `toml:"opening"`
	OpeningWidth  Length      `toml:"opening_width"`
	OpeningHeight Length      `toml:"opening_height"`
	MaxSpan       Length      `toml:"max_span"` // roof and loft panels: longest unsupported span
	Parts         []PartRef   `toml:"parts"`
	Cuts          []CutPart   `toml:"cuts"`
	Labour        []LabourOp  `toml:"labour"`
	Machine       []MachineOp `toml:"machine"`
	BuildQual     string      `toml:"build_qualification"`
	InstallQual   string      `toml:"install_qualification"`
	Source        string      `toml:"source"`
	// Icon is the picture the game draws for the module (see
	// categories.toml); empty in the file means its category's icon.
	Icon string `toml:"icon"`
	// Room is the kind of room a module makes the room it stands in
	// ("Kitchen"), for the plan's room labels; empty for most modules.
	Room string `toml:"room"`
	// Lifetime: the build phase the module's on-site work belongs to (a
	// phase id of wholehouse.toml), its expected service life in years
	// and the source of that figure, and its maintenance schedule.
	Lifetime
	// Waste, set only by a site overlay (Catalog.WithOverlay), replaces the
	// waste share of each of this module's materials in the BOM.
	Waste *decimal.Decimal `toml:"-"`
	// Overlay names the site overlay file that changed this module ("":
	// the default data).
	Overlay string `toml:"-"`

	file string
}

// Layers a module can occupy; two modules clash only on the same layer.
var Layers = []string{"foundation", "floor", "wall", "roof", "loft", "core", "energy"}

// Rates are the money rates that turn minutes into cost.
type Rates struct {
	LabourPerHour  decimal.Decimal            `toml:"labour_per_hour"`
	MachinePerHour map[string]decimal.Decimal `toml:"machine_per_hour"`
	Source         string                     `toml:"source"`
}

// Catalog is the whole module library.
type Catalog struct {
	Materials  map[string]*Material
	Assemblies map[string]*Assembly
	Modules    map[string]*Module
	Rates      Rates
	// CategoryList is the module categories in palette order, with their
	// titles and icons (categories.toml).
	CategoryList []Category
	// Phases are the build phases A-G with OSE's person-hour targets, and
	// HouseItems what a finished house needs beyond its modules, derived
	// from the design (wholehouse.toml).
	Phases     []Phase
	HouseItems []*HouseItem

	materialOrder []string
	moduleOrder   []string
	packs         []*Pack // module packs added by WithPacks (pack.go)
	overlay       *Overlay
}

// MaterialSKUs lists SKUs in file order.
func (c *Catalog) MaterialSKUs() []string { return append([]string(nil), c.materialOrder...) }

// ModuleIDs lists module ids in palette order (category, then file name).
func (c *Catalog) ModuleIDs() []string { return append([]string(nil), c.moduleOrder...) }

// Module returns the module or an error naming the unknown id.
func (c *Catalog) Module(id string) (*Module, error) {
	m, ok := c.Modules[id]
	if !ok {
		return nil, fmt.Errorf("unknown module %q", id)
	}
	return m, nil
}

var (
	defaultOnce sync.Once
	defaultCat  *Catalog
	defaultErr  error
)

// DefaultCatalog loads the embedded catalog once (from its compiled
// snapshot while that is current).
func DefaultCatalog() (*Catalog, error) {
	defaultOnce.Do(func() {
		if snapshotCurrent() {
			defaultCat = snapshotCatalog()
			return
		}
		sub, _ := fs.Sub(dataFS, "data")
		defaultCat, defaultErr = LoadCatalog(sub)
	})
	return defaultCat, defaultErr
}

// DataFS is the embedded data folder (materials.toml, assemblies.toml,
// rates.toml, suppliers.toml, modules/*.toml).
func DataFS() fs.FS {
	sub, _ := fs.Sub(dataFS, "data")
	return sub
}

// LoadCatalog reads materials.toml, assemblies.toml, rates.toml and
// modules/*.toml from fsys and validates them together. Every problem is
// reported as file:line:column.
func LoadCatalog(fsys fs.FS) (*Catalog, error) {
	c := &Catalog{
		Materials:  map[string]*Material{},
		Assemblies: map[string]*Assembly{},
		Modules:    map[string]*Module{},
	}
	var errs ErrorList
	var mats struct {
		Material []*Material `toml:"material"`
	}
	var rates struct {
		Rates Rates `toml:"rates"`
	}
	var asms struct {
		Assembly []*Assembly `toml:"assembly"`
	}
	var cats struct {
		Category []Category `toml:"category"`
	}
	var house wholeHouseFile
	files, err := fs.Glob(fsys, "modules/*.toml")
	if err != nil || len(files) == 0 {
		errs = append(errs, &Error{File: "modules/", Msg: "no module files"})
	}
	sort.Strings(files)
	mods := make([]Module, len(files))
	jobs := []decodeJob{{name: "materials.toml", v: &mats}, {name: "rates.toml", v: &rates}, {name: "assemblies.toml", v: &asms}, {name: CategoryFile, v: &cats}, {name: WholeHouseFile, v: &house}}
	for i, f := range files {
		jobs = append(jobs, decodeJob{name: f, v: &mods[i]})
	}
	decodeConcurrently(fsys, jobs)
	var md toml.MetaData
	next := 0
	// read returns the next decoded file's positions, in the order of jobs.
	read := func(name string) (positions, bool) {
		j := &jobs[next]
		next++
		errs = append(errs, j.errs...)
		md = j.md
		return j.pos, len(j.errs) == 0
	}

	if matPos, ok := read("materials.toml"); ok {
		errs = append(errs, c.addMaterials(matPos, pricedIndexes(md, "material", "price"), mats.Material)...)
	}

	if ratePos, ok := read("rates.toml"); ok {
		c.Rates = rates.Rates
		errs = append(errs, checkRates(ratePos, c.Rates)...)
	}

	if asmPos, ok := read("assemblies.toml"); ok {
		errs = append(errs, c.addAssemblies(asmPos, asms.Assembly)...)
	}

	if catPos, ok := read(CategoryFile); ok {
		errs = append(errs, c.addCategories(catPos, cats.Category)...)
	}

	if housePos, ok := read(WholeHouseFile); ok {
		errs = append(errs, c.addWholeHouse(housePos, &house)...)
	}

	for i, f := range files {
		m := &mods[i]
		pos, ok := read(f)
		if !ok {
			continue
		}
		m.file = f
		if prev, dup := c.Modules[m.ID]; dup {
			errs = append(errs, &Error{File: f, Pos: pos.of("id"), Msg: fmt.Sprintf("duplicate module id %q (also in %s)", m.ID, prev.file)})
			continue
		}
		errs = append(errs, c.checkModule(f, pos, m)...)
		if m.ID != "" {
			c.Modules[m.ID] = m
		}
	}
	for _, cat := range c.CategoryIDs() {
		var ids []string
		for id, m := range c.Modules {
			if m.Category == cat {
				ids = append(ids, id)
			}
		}
		sort.Strings(ids)
		c.moduleOrder = append(c.moduleOrder, ids...)
	}
	c.presentModules()
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// addAssemblies adds assemblies.toml's assemblies and checks their parts
// and that they form no cycle.
func (c *Catalog) addAssemblies(asmPos positions, list []*Assembly) ErrorList {
	var errs ErrorList
	for i, a := range list {
		if a.ID == "" || c.Assemblies[a.ID] != nil {
			errs = append(errs, &Error{File: "assemblies.toml", Pos: asmPos.of(fmt.Sprintf("assembly[%d].id", i)), Msg: fmt.Sprintf("assembly id %q is empty or duplicate", a.ID)})
			continue
		}
		c.Assemblies[a.ID] = a
	}
	for i, a := range list {
		errs = append(errs, c.checkParts("assemblies.toml", asmPos, fmt.Sprintf("assembly[%d].", i), a.Parts)...)
	}
	for _, a := range list {
		if cyc := c.assemblyCycle(a.ID, nil); cyc != "" {
			errs = append(errs, &Error{File: "assemblies.toml", Msg: "assemblies form a cycle: " + cyc})
			break
		}
	}
	return errs
}

// addMaterials checks materials.toml's materials (priced tells which set a
// price) and adds the good ones in file order.
func (c *Catalog) addMaterials(matPos positions, priced map[int]bool, mats []*Material) ErrorList {
	var errs ErrorList
	for i, m := range mats {
		m.hasPrice = priced[i]
		at := func(key string) Pos { return matPos.of(fmt.Sprintf("material[%d].%s", i, key)) }
		e := func(key, f string, a ...any) {
			errs = append(errs, &Error{File: "materials.toml", Pos: at(key), Msg: fmt.Sprintf(f, a...)})
		}
		switch {
		case m.SKU == "":
			e("sku", "material %d has no sku", i+1)
			continue
		case c.Materials[m.SKU] != nil:
			e("sku", "duplicate sku %q", m.SKU)
			continue
		}
		if !m.hasPrice {
			e("sku", "material %q has no price", m.SKU)
		} else if m.Price.Sign() < 0 {
			e("price", "material %q has a negative price %s", m.SKU, m.Price)
		}
		if m.Waste.Sign() < 0 || m.Waste.GreaterThan(decimal.NewFromInt(1)) {
			e("waste", "material %q: waste %s must be between 0 and 1", m.SKU, m.Waste)
		}
		if !contains(materialKinds, m.Kind) {
			e("kind", "material %q: unknown kind %q (want one of %s)", m.SKU, m.Kind, strings.Join(materialKinds, ", "))
		}
		if m.Unit == "" {
			e("sku", "material %q has no unit", m.SKU)
		}
		if m.Source == "" {
			e("sku", "material %q has no source for its price", m.SKU)
		}
		if (m.Kind == KindLumber || m.Kind == KindSheet) && (m.Length <= 0 || m.Width <= 0 || m.Thickness <= 0) {
			e("sku", "material %q: %s needs thickness, width and length", m.SKU, m.Kind)
		}
		c.Materials[m.SKU] = m
		c.materialOrder = append(c.materialOrder, m.SKU)
	}
	return errs
}

// checkRates checks rates.toml: a positive labour rate, no negative
// machine rate.
func checkRates(pos positions, r Rates) ErrorList {
	var errs ErrorList
	if r.LabourPerHour.Sign() <= 0 {
		errs = append(errs, &Error{File: "rates.toml", Pos: pos.of("rates.labour_per_hour"), Msg: "labour_per_hour must be positive"})
	}
	for p, v := range r.MachinePerHour {
		if v.Sign() < 0 {
			errs = append(errs, &Error{File: "rates.toml", Pos: pos.of("rates.machine_per_hour." + p), Msg: fmt.Sprintf("machine rate for %q is negative", p)})
		}
	}
	return errs
}

// decodeJob is one catalog file to decode into v, and what decoding found.
type decodeJob struct {
	name string
	v    any
	pos  positions
	md   toml.MetaData
	errs ErrorList
}

// decodeConcurrently reads and decodes every job's file, each in its own
// goroutine: decoding is most of a catalog load, and the files are
// independent. The checks that relate files run afterwards, in order.
func decodeConcurrently(fsys fs.FS, jobs []decodeJob) {
	var wg sync.WaitGroup
	for i := range jobs {
		wg.Add(1)
		go func(j *decodeJob) {
			defer wg.Done()
			data, err := fs.ReadFile(fsys, j.name)
			if err != nil {
				j.errs = ErrorList{{File: j.name, Msg: err.Error()}}
				return
			}
			j.pos, j.md, j.errs = decodeTOMLMeta(j.name, data, j.v)
		}(&jobs[i])
	}
	wg.Wait()
}

// pricedIndexes reports which [[table]] elements set key, so a missing price
// is told apart from a price of zero. md lists a file's keys in order: each
// [[table]] header, then the keys set under it.
func pricedIndexes(md toml.MetaData, table, key string) map[int]bool {
	out := map[int]bool{}
	i := -1
	for _, k := range md.Keys() {
		switch {
		case len(k) == 1 && k[0] == table:
			i++
		case len(k) == 2 && k[0] == table && k[1] == key && i >= 0:
			out[i] = true
		}
	}
	return out
}

func (c *Catalog) assemblyCycle(id string, stack []string) string {
	for _, s := range stack {
		if s == id {
			return strings.Join(append(stack, id), " -> ")
		}
	}
	a := c.Assemblies[id]
	if a == nil {
		return ""
	}
	for _, p := range a.Parts {
		if p.Assembly != "" {
			if cyc := c.assemblyCycle(p.Assembly, append(stack, id)); cyc != "" {
				return cyc
			}
		}
	}
	return ""
}

func (c *Catalog) checkParts(file string, pos positions, prefix string, parts []PartRef) ErrorList {
	var errs ErrorList
	for j, p := range parts {
		at := func(key string) Pos { return pos.of(fmt.Sprintf("%sparts[%d].%s", prefix, j, key)) }
		switch {
		case p.SKU != "" && p.Assembly != "":
			errs = append(errs, &Error{File: file, Pos: at("sku"), Msg: "a part names either a sku or an assembly, not both"})
		case p.SKU == "" && p.Assembly == "":
			errs = append(errs, &Error{File: file, Pos: at("qty"), Msg: "a part needs a sku or an assembly"})
		case p.SKU != "" && c.Materials[p.SKU] == nil:
			errs = append(errs, &Error{File: file, Pos: at("sku"), Msg: fmt.Sprintf("unknown sku %q", p.SKU)})
		case p.Assembly != "" && c.Assemblies[p.Assembly] == nil:
			errs = append(errs, &Error{File: file, Pos: at("assembly"), Msg: fmt.Sprintf("unknown assembly %q", p.Assembly)})
		}
		if p.Qty.Sign() <= 0 {
			errs = append(errs, &Error{File: file, Pos: at("qty"), Msg: fmt.Sprintf("quantity must be positive, got %s", p.Qty)})
		}
	}
	return errs
}

// errorAt records an error at a key of the file being checked.
type errorAt func(key, f string, a ...any)

// checkModule checks one module file: its fields, parts, cut parts,
// operations and that the cut parts fit the stock bought.
func (c *Catalog) checkModule(file string, pos positions, m *Module) ErrorList {
	var errs ErrorList
	e := func(key, f string, a ...any) {
		errs = append(errs, &Error{File: file, Pos: pos.of(key), Msg: fmt.Sprintf(f, a...)})
	}
	checkModuleFields(m, c.CategoryIDs(), e)
	errs = append(errs, c.checkParts(file, pos, "", m.Parts)...)
	c.checkModuleCuts(m, e)
	c.checkModuleOps(m, e)
	c.checkLifetime("", &m.Lifetime, file, pos, e)
	// The cut parts must fit in the stock the parts list buys.
	if len(errs) == 0 {
		c.checkCutStock(m, e)
	}
	return errs
}

// checkModuleFields checks a module's own fields: id, name, category,
// layer, placement and size, opening, parts and source.
func checkModuleFields(m *Module, categories []string, e errorAt) {
	if m.ID == "" {
		e("id", "module has no id")
	}
	if m.Name == "" {
		e("name", "module %q has no name", m.ID)
	}
	if !contains(categories, m.Category) {
		e("category", "unknown category %q (want one of %s)", m.Category, strings.Join(categories, ", "))
	}
	if !contains(Layers, m.Layer) {
		e("layer", "unknown layer %q (want one of %s)", m.Layer, strings.Join(Layers, ", "))
	}
	switch m.Placement {
	case OnEdge:
		if m.Cells < 1 {
			e("cells", "an edge module needs cells >= 1, got %d", m.Cells)
		}
	case OnCell:
		if m.Cells < 1 || m.Depth < 1 {
			e("cells", "a cell module needs cells and depth >= 1, got %dx%d", m.Cells, m.Depth)
		}
	default:
		e("placement", "placement must be %q or %q, got %q", OnCell, OnEdge, m.Placement)
	}
	if m.Height < 0 {
		e("height", "height must not be negative")
	}
	if m.Opening != "" && m.Opening != "window" && m.Opening != "door" {
		e("opening", "opening must be \"window\", \"door\" or empty, got %q", m.Opening)
	}
	if len(m.Parts) == 0 {
		e("id", "module %q has no parts", m.ID)
	}
	if m.Source == "" {
		e("id", "module %q has no source for its figures", m.ID)
	}
}

// checkModuleCuts checks each cut part against the stock it is cut from.
func (c *Catalog) checkModuleCuts(m *Module, e errorAt) {
	for j, cp := range m.Cuts {
		at := fmt.Sprintf("cuts[%d].", j)
		mat := c.Materials[cp.SKU]
		switch {
		case mat == nil:
			e(at+"sku", "cut part %q: unknown sku %q", cp.Name, cp.SKU)
			continue
		case mat.Kind != KindLumber && mat.Kind != KindSheet:
			e(at+"sku", "cut part %q: sku %q is %s, not lumber or sheet", cp.Name, cp.SKU, mat.Kind)
			continue
		}
		if cp.Qty < 1 {
			e(at+"qty", "cut part %q: quantity must be positive, got %d", cp.Name, cp.Qty)
		}
		if cp.Length <= 0 || cp.Length > mat.Length {
			e(at+"length", "cut part %q: length %s\" must be within the %s\" stock of %s", cp.Name, cp.Length, mat.Length, cp.SKU)
		}
		if mat.Kind == KindSheet && (cp.Width <= 0 || cp.Width > mat.Width) {
			e(at+"width", "cut part %q: width %s\" must be within the %s\" sheet of %s", cp.Name, cp.Width, mat.Width, cp.SKU)
		}
	}
}

// checkModuleOps checks a module's labour and machine operations.
func (c *Catalog) checkModuleOps(m *Module, e errorAt) {
	for j, l := range m.Labour {
		at := fmt.Sprintf("labour[%d].", j)
		if l.Op != "build" && l.Op != "install" {
			e(at+"op", "labour op must be \"build\" or \"install\", got %q", l.Op)
		}
		if l.Skill == "" {
			e(at+"op", "labour op %q has no skill", l.Op)
		}
		if l.Minutes.Sign() < 0 || l.MinutesPerMember.Sign() < 0 || (l.Minutes.IsZero() && l.MinutesPerMember.IsZero()) {
			e(at+"op", "labour op %q needs positive minutes or minutes_per_member", l.Op)
		}
	}
	for j, mo := range m.Machine {
		if mo.Process == "" || mo.Minutes.Sign() < 0 {
			e(fmt.Sprintf("machine[%d].process", j), "machine op needs a process and non-negative minutes")
		}
		if _, ok := c.Rates.MachinePerHour[mo.Process]; !ok && len(c.Rates.MachinePerHour) > 0 {
			e(fmt.Sprintf("machine[%d].process", j), "machine process %q has no rate in rates.toml", mo.Process)
		}
	}
}

// checkCutStock checks that the cut parts fit in the stock the parts list
// buys.
func (c *Catalog) checkCutStock(m *Module, e errorAt) {
	need := map[string]Length{}
	for _, cp := range m.Cuts {
		mat := c.Materials[cp.SKU]
		if mat.Kind == KindLumber {
			need[cp.SKU] += Length(cp.Qty) * cp.Length
		} else {
			need[cp.SKU] += Length(cp.Qty) * cp.Length * cp.Width / mat.Width
		}
	}
	bought := map[string]decimal.Decimal{}
	for _, mq := range c.ExplodeModule(m) {
		bought[mq.SKU] = bought[mq.SKU].Add(mq.Qty)
	}
	for sku, n := range need {
		have := bought[sku].Mul(decimal.NewFromInt(int64(c.Materials[sku].Length)))
		if have.LessThan(decimal.NewFromInt(int64(n))) {
			e("id", "module %q: its cut parts need %s\" of %s but its parts list buys only %s\"", m.ID, n, sku, Length(have.IntPart()))
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// FileName is the data file the module came from.
func (m *Module) FileName() string { return path.Join(m.file) }
