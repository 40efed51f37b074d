// Package engine holds the rules of the House Design Game: a design state on
// the 4 ft grid, snapping, commands applied at ticks with unlimited undo and
// redo, the data-driven manufacturability rule set, live cost, metrics and
// level scoring. It never imports ebiten, so every rule runs headless: in the
// desktop game, the browser build, the CLI and the classroom server.
//
// Spatial queries (overlap, support, neighbours, bearing walls) go through
// solarlune/resolv Spaces whose cells are the grid's 48 in cells, one Space
// per chunk of the design area, so that an update costs the same in a
// design of ten modules or ten thousand; modules stacked on an occupied
// cell or edge slot (overlaps) are kept in id-ordered lists beside the
// Spaces, so loading them stays linear (index.go). An Engine is not safe
// for concurrent use; separate Engines may run in parallel (resolv's shape
// counter is guarded).
package engine

import (
	"fmt"
	"iter"
	"sort"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
	"github.com/solarlune/resolv"
)

// ID names one placed module for the life of an engine. IDs are handed out
// in order (1, 2, ...) so that a replayed command log names the same modules.
type ID uint32

// Placed is a module on the grid, for drawing and inspection.
type Placed struct {
	ID        ID
	Module    *designs.Module
	Placement designs.Placement
}

// Cells is the cell rectangle a cell module covers (x0, y0 inclusive, x1, y1
// exclusive). For an edge module it is the run of cells whose Edge side it
// stands on.
func (p Placed) Cells() (x0, y0, x1, y1 int) {
	g := geometry(p.Module, p.Placement)
	if !g.edge {
		return g.x0, g.y0, g.x1, g.y1
	}
	x0, y0 = p.Placement.X, p.Placement.Y
	if g.horiz {
		return x0, y0, x0 + g.a1 - g.a0, y0 + 1
	}
	return x0, y0, x0 + 1, y0 + g.a1 - g.a0
}

// placed is the engine's record of one module.
type placed struct {
	id    ID
	m     *designs.Module
	mi    int // index into Engine.costs
	p     designs.Placement
	layer int // index into designs.Layers
	cat   int // index into the catalog's CategoryIDs
	// cell modules: covered cells [x0,x1) x [y0,y1)
	x0, y0, x1, y1 int
	// edge modules: a horizontal (n/s) or vertical (e/w) grid line and the
	// cells [a0,a1) along it
	edge      bool
	horiz     bool
	line      int
	a0, a1    int
	exterior  bool
	opening   string
	windowSqI int64 // window rough-opening area in square inches
	// in the index: the module's resolv shapes (one per chunk, kept for a
	// redo), whether it is held in stack lists instead, and a one-module
	// list of itself for queries
	shapes  []*resolv.ConvexPolygon
	stacked bool
	self    [1]*placed
}

// geometry derives a module's cells or edge slots from its placement.
func geometry(m *designs.Module, p designs.Placement) placed {
	g := placed{m: m, p: p, exterior: m.Exterior, opening: m.Opening}
	if m.Placement == designs.OnEdge {
		g.edge = true
		switch p.Edge {
		case designs.North:
			g.horiz, g.line, g.a0 = true, p.Y, p.X
		case designs.South:
			g.horiz, g.line, g.a0 = true, p.Y+1, p.X
		case designs.West:
			g.line, g.a0 = p.X, p.Y
		default: // east
			g.line, g.a0 = p.X+1, p.Y
		}
		g.a1 = g.a0 + m.Cells
		if m.Opening == "window" {
			g.windowSqI = int64(m.OpeningWidth/designs.Inch) * int64(m.OpeningHeight/designs.Inch)
		}
		return g
	}
	w, h := m.Footprint(p.Rotation)
	g.x0, g.y0, g.x1, g.y1 = p.X, p.Y, p.X+w, p.Y+h
	return g
}

// touches reports whether the module is registered at grid cell (cx, cy):
// the cells it covers, or for a wall the cells on both sides of its edge.
func (g *placed) touches(cx, cy int) bool {
	if !g.edge {
		return cx >= g.x0 && cx < g.x1 && cy >= g.y0 && cy < g.y1
	}
	if g.horiz {
		return cx >= g.a0 && cx < g.a1 && (cy == g.line || cy == g.line-1)
	}
	return cy >= g.a0 && cy < g.a1 && (cx == g.line || cx == g.line-1)
}

// onEdge reports whether an edge module occupies the edge slot at line along
// position a.
func (g *placed) onEdge(horiz bool, line, a int) bool {
	return g.edge && g.horiz == horiz && g.line == line && a >= g.a0 && a < g.a1
}

// Options configure a new engine.
type Options struct {
	// Grid is the design area of an empty design (New only).
	Grid designs.Grid
	// Name names an empty design (New only).
	Name string
	// Rules is the manufacturability rule set. Nil means no rules at all.
	Rules *RuleSet
	// Shop is the shop profile for the shop-process rule; nil means the
	// embedded designs.DefaultShopID profile.
	Shop *designs.Shop
	// Suppliers are the suppliers for the supplier-stock rule; nil means the
	// embedded suppliers.toml.
	Suppliers []*designs.Supplier
	// LabourRate in USD per hour; zero means the catalog's rate.
	LabourRate decimal.Decimal
	// Scope is designs.ScopeShell (empty: the modules alone) or
	// designs.ScopeFinished (the whole house: the cost metrics add the
	// whole-house items).
	Scope string
	// LifeCycleBudget is the level's life-cycle budget (USD; zero: none),
	// for what the player is shown.
	LifeCycleBudget decimal.Decimal
	// Palette lists the modules offered; nil offers every module.
	Palette []string
}

// Engine is one design session.
type Engine struct {
	cat       *designs.Catalog
	opts      Options
	rules     *RuleSet
	shop      *designs.Shop
	suppliers []*designs.Supplier
	rate      decimal.Decimal
	meta      designs.Design // name, grid, ...; Placements unused
	w, h      int
	ix        *index

	modIndex  map[string]int
	costs     []designs.Cost // per catalog module, in ModuleIDs order
	shopOK    []string       // per module: "" or the process the shop lacks
	stockOK   []string       // per module: "" or the SKU no supplier stocks
	explode   [][]designs.MaterialQty
	stock     map[string]int64 // units on hand over all suppliers, per SKU
	inPalette []bool
	palette   []string

	mods   []*placed // sorted by id
	nextID ID
	tick   int64
	log    []Command
	undo   []change
	redo   []change

	cost  designs.Cost
	cats  []string       // the catalog's category ids, in palette order
	byCat []designs.Cost // per entry of cats
	count []int          // modules per category

	level *Level

	version uint64
	cache   struct {
		version    uint64
		ok         bool
		violations []Violation
		metrics    Metrics
		analysis   *analysis
	}
	scratch []*placed
	rep     report // reused by every check run
	noView  view   // the design as it is, for checks
	after   view   // the design as a command would leave it (newHard)
}

// New starts an empty design of opts.Grid.
func New(cat *designs.Catalog, opts Options) (*Engine, error) {
	d := &designs.Design{Format: designs.FormatVersion, Name: opts.Name, License: designs.DefaultLicense, Grid: opts.Grid}
	if d.Name == "" {
		d.Name = "untitled"
	}
	return FromDesign(d, cat, opts)
}

// FromDesign starts a session from a design. The design's placements are
// loaded as they are, even when they break rules (Violations lists them);
// later commands may not add new hard violations.
func FromDesign(d *designs.Design, cat *designs.Catalog, opts Options) (*Engine, error) {
	if cat == nil {
		return nil, fmt.Errorf("engine: no catalog")
	}
	if err := d.Validate(cat); err != nil {
		return nil, fmt.Errorf("engine: design %q: %w", d.Name, err)
	}
	e := &Engine{cat: cat, opts: opts, meta: *d, w: d.Grid.Width, h: d.Grid.Height, nextID: 1}
	e.meta.Placements = nil
	if err := e.useRules(opts.Rules); err != nil {
		return nil, err
	}
	e.rate = opts.LabourRate
	if e.rate.IsZero() {
		e.rate = cat.Rates.LabourPerHour
	}
	e.shop = opts.Shop
	if e.shop == nil {
		shops, err := designs.DefaultShops()
		if err != nil {
			return nil, fmt.Errorf("engine: %w", err)
		}
		e.shop = shops[designs.DefaultShopID]
	}
	e.suppliers = opts.Suppliers
	if e.suppliers == nil {
		sups, err := designs.DefaultSuppliers(cat)
		if err != nil {
			return nil, fmt.Errorf("engine: %w", err)
		}
		e.suppliers = sups
	}
	ids := cat.ModuleIDs()
	e.modIndex = make(map[string]int, len(ids))
	e.costs = make([]designs.Cost, len(ids))
	e.shopOK = make([]string, len(ids))
	e.stockOK = make([]string, len(ids))
	e.inPalette = make([]bool, len(ids))
	stocked := map[string]bool{}
	e.stock = map[string]int64{}
	for _, s := range e.suppliers {
		for _, it := range s.Items {
			stocked[it.SKU] = true
			e.stock[it.SKU] += int64(it.Stock)
		}
	}
	e.explode = make([][]designs.MaterialQty, len(ids))
	for i, id := range ids {
		m := cat.Modules[id]
		e.modIndex[id] = i
		e.costs[i] = cat.ModuleCost(m, e.rate)
		for _, mo := range m.Machine {
			if !e.shop.CanPerform(mo.Process) {
				e.shopOK[i] = mo.Process
				break
			}
		}
		e.explode[i] = cat.ExplodeModule(m)
		for _, mq := range e.explode[i] {
			if !stocked[mq.SKU] {
				e.stockOK[i] = mq.SKU
				break
			}
		}
		e.inPalette[i] = opts.Palette == nil
	}
	if opts.Palette != nil {
		for _, id := range opts.Palette {
			i, ok := e.modIndex[id]
			if !ok {
				return nil, fmt.Errorf("engine: palette names unknown module %q", id)
			}
			e.inPalette[i] = true
		}
		e.palette = append([]string(nil), opts.Palette...)
	} else {
		e.palette = ids
	}
	e.cats = cat.CategoryIDs()
	e.byCat = make([]designs.Cost, len(e.cats))
	e.count = make([]int, len(e.cats))
	e.ix = newIndex(e.w, e.h, len(designs.Layers))
	for _, p := range d.Placements {
		g, err := e.prepare(p)
		if err != nil {
			return nil, err
		}
		g.id = e.nextID
		e.nextID++
		e.insert(g)
	}
	return e, nil
}

// useRules compiles the engine's own copy of rule set rs (nil: no rules),
// so engines sharing a rule set can run in parallel.
func (e *Engine) useRules(rs *RuleSet) error {
	e.rules = &RuleSet{ID: "none", Name: "no rules"}
	if rs != nil {
		e.rules = &RuleSet{ID: rs.ID, Name: rs.Name, Rules: append([]Rule(nil), rs.Rules...)}
	}
	if err := e.rules.compile(); err != nil {
		return err
	}
	return nil
}

// prepare checks a placement against the catalog and grid and derives its
// geometry.
func (e *Engine) prepare(p designs.Placement) (*placed, error) {
	m, ok := e.cat.Modules[p.Module]
	if !ok {
		return nil, fmt.Errorf("unknown module %q", p.Module)
	}
	if m.Placement == designs.OnEdge {
		p.Rotation = 0
		switch p.Edge {
		case designs.North, designs.East, designs.South, designs.West:
		default:
			return nil, fmt.Errorf("module %q stands on an edge: edge must be n, e, s or w, got %q", p.Module, p.Edge)
		}
	} else {
		p.Edge = ""
		if p.Rotation < 0 || p.Rotation > 270 || p.Rotation%90 != 0 {
			return nil, fmt.Errorf("rotation must be 0, 90, 180 or 270, got %d", p.Rotation)
		}
	}
	g := geometry(m, p)
	if !e.inGrid(&g) {
		return nil, fmt.Errorf("%s at (%d,%d) lies outside the %dx%d grid", p.Module, p.X, p.Y, e.w, e.h)
	}
	g.mi = e.modIndex[p.Module]
	g.layer = indexOf(designs.Layers, m.Layer)
	g.cat = indexOf(e.cats, m.Category)
	return &g, nil
}

func (e *Engine) inGrid(g *placed) bool {
	if g.edge {
		x, y := g.p.X, g.p.Y
		if g.horiz {
			return x >= 0 && y >= 0 && y < e.h && x+g.a1-g.a0 <= e.w
		}
		return x >= 0 && y >= 0 && x < e.w && y+g.a1-g.a0 <= e.h
	}
	return g.x0 >= 0 && g.y0 >= 0 && g.x1 <= e.w && g.y1 <= e.h
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// insert adds a module to the state: the spatial index, the id-ordered list,
// the running cost.
func (e *Engine) insert(g *placed) {
	e.ix.add(g)
	i := sort.Search(len(e.mods), func(i int) bool { return e.mods[i].id >= g.id })
	e.mods = append(e.mods, nil)
	copy(e.mods[i+1:], e.mods[i:])
	e.mods[i] = g
	c := e.costs[g.mi]
	e.cost = e.cost.Add(c)
	e.byCat[g.cat] = e.byCat[g.cat].Add(c)
	e.count[g.cat]++
	e.version++
}

// delete removes a module from the state.
func (e *Engine) delete(g *placed) {
	e.ix.remove(g)
	i := sort.Search(len(e.mods), func(i int) bool { return e.mods[i].id >= g.id })
	if i < len(e.mods) && e.mods[i] == g {
		copy(e.mods[i:], e.mods[i+1:])
		e.mods[len(e.mods)-1] = nil
		e.mods = e.mods[:len(e.mods)-1]
	}
	c := e.costs[g.mi]
	e.cost = e.cost.Sub(c)
	e.byCat[g.cat] = e.byCat[g.cat].Sub(c)
	e.count[g.cat]--
	e.version++
}

func (e *Engine) find(id ID) *placed {
	i := sort.Search(len(e.mods), func(i int) bool { return e.mods[i].id >= id })
	if i < len(e.mods) && e.mods[i].id == id {
		return e.mods[i]
	}
	return nil
}

// Catalog is the module library the engine prices and checks against.
func (e *Engine) Catalog() *designs.Catalog { return e.cat }

// Rules is the engine's rule set.
func (e *Engine) Rules() *RuleSet { return e.rules }

// Shop is the shop profile the shop-process rule checks against.
func (e *Engine) Shop() *designs.Shop { return e.shop }

// LabourRate is the labour rate costs are computed at.
func (e *Engine) LabourRate() decimal.Decimal { return e.rate }

// Grid is the design area in cells.
func (e *Engine) Grid() designs.Grid { return designs.Grid{Width: e.w, Height: e.h} }

// Palette lists the module ids offered, in palette order.
func (e *Engine) Palette() []string { return append([]string(nil), e.palette...) }

// Tick is the tick of the last applied command.
func (e *Engine) Tick() int64 { return e.tick }

// Version changes whenever the design changes (for redraw caching).
func (e *Engine) Version() uint64 { return e.version }

// Len is the number of placed modules.
func (e *Engine) Len() int { return len(e.mods) }

// Modules iterates the placed modules in id order.
func (e *Engine) Modules() iter.Seq[Placed] {
	return func(yield func(Placed) bool) {
		for _, g := range e.mods {
			if !yield(Placed{ID: g.id, Module: g.m, Placement: g.p}) {
				return
			}
		}
	}
}

// Module returns the placed module with id.
func (e *Engine) Module(id ID) (Placed, bool) {
	g := e.find(id)
	if g == nil {
		return Placed{}, false
	}
	return Placed{ID: g.id, Module: g.m, Placement: g.p}, true
}

// At returns the modules registered in grid cell (x, y): the cell modules
// covering it and the walls on its four edges, in id order.
func (e *Engine) At(x, y int) []Placed {
	var out []Placed
	e.ix.each(x, y, func(g *placed) bool {
		out = append(out, Placed{ID: g.id, Module: g.m, Placement: g.p})
		return true
	})
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Design is the current design: its placements in id order (the order of
// the file it came from, then the order modules were placed).
func (e *Engine) Design() *designs.Design {
	d := e.meta
	d.Placements = make([]designs.Placement, len(e.mods))
	for i, g := range e.mods {
		d.Placements[i] = g.p
	}
	return &d
}

// Cost is the live cost of the design, kept up to date on every command.
// It always equals Catalog().DesignCost(Design(), LabourRate()).
func (e *Engine) Cost() designs.Cost { return e.cost }

// Categories returns the catalog's module category ids in palette order:
// the keys of CostByCategory and Metrics().ByCategory, in order.
func (e *Engine) Categories() []string { return append([]string(nil), e.cats...) }

// CostByCategory is the live cost per module category (Categories).
func (e *Engine) CostByCategory() map[string]designs.Cost {
	out := make(map[string]designs.Cost, len(e.cats))
	for i, c := range e.cats {
		if e.count[i] > 0 {
			out[c] = e.byCat[i]
		}
	}
	return out
}

// ModuleCost is the cost of one module at the engine's labour rate.
func (e *Engine) ModuleCost(moduleID string) (designs.Cost, bool) {
	i, ok := e.modIndex[moduleID]
	if !ok {
		return designs.Cost{}, false
	}
	return e.costs[i], true
}

// describe names a module and where it stands, for violation messages:
// "window wall 4x8 on the north edge of (2,1)", "roof panel 4x8 at (5,3)".
func describe(g *placed) string {
	name := strings.ToLower(g.m.Name)
	if g.edge {
		return fmt.Sprintf("%s on the %s edge of (%d,%d)", name, sideName(g.p.Edge), g.p.X, g.p.Y)
	}
	return fmt.Sprintf("%s at (%d,%d)", name, g.p.X, g.p.Y)
}

func sideName(s string) string {
	switch s {
	case designs.North:
		return "north"
	case designs.East:
		return "east"
	case designs.South:
		return "south"
	}
	return "west"
}

// feet prints a length in feet when whole, else in inches.
func feet(l designs.Length) string {
	if l%designs.Foot == 0 {
		return fmt.Sprintf("%d ft", l/designs.Foot)
	}
	return l.String() + " in"
}
