package engine

import (
	"errors"
	"os"
	"sort"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func standardRules(t testing.TB) *RuleSet {
	t.Helper()
	data, err := os.ReadFile("../levels/rules/standard.toml")
	require.NoError(t, err)
	rs, err := ParseRuleSet("standard.toml", data, testCatalog(t))
	require.NoError(t, err)
	return rs
}

func dec(s string) *decimal.Decimal { d := decimal.RequireFromString(s); return &d }

// cabin is a closed 12 x 8 ft cabin at cells (1,1)-(3,2) with a window and
// a door away from the corners.
var cabin = []string{
	"+ + + + + +",
	"           ",
	"+ +-+w+-+ +",
	"  |F F F|  ",
	"+ + + + + +",
	"  |F F F|  ",
	"+ +-+d+-+ +",
	"           ",
	"+ + + + + +",
}

func TestRules(t *testing.T) {
	cat := testCatalog(t)
	std := standardRules(t)
	shops, err := designs.DefaultShops()
	require.NoError(t, err)
	sups, err := designs.DefaultSuppliers(cat)
	require.NoError(t, err)
	tests := []struct {
		name   string
		layout []string
		extra  []designs.Placement
		opts   func(*Options)
		rules  []Rule // added to the standard set
		want   []string
		msg    string // one violation message that must appear
	}{
		{name: "closed cabin with a window and a door", layout: cabin, extra: roofs(1, 3, 1, 2, 0), want: []string{}},
		{name: "open envelope", layout: []string{
			"+ + + + + +",
			"           ",
			"+ +-+w+-+ +",
			"  |F F F|  ",
			"+ + + + + +",
			"  |F F F   ",
			"+ +-+d+-+ +",
			"           ",
			"+ + + + + +",
		}, want: []string{"envelope-closed"}, msg: "the envelope is open at 1 outside edge(s) of the floor with no wall: the east edge of (3,2)"},
		{name: "door at a corner", layout: []string{
			"+ + + + + +",
			"           ",
			"+ +-+w+-+ +",
			"  |F F F|  ",
			"+ + + + + +",
			"  |F F F|  ",
			"+ +d+-+-+ +",
			"           ",
			"+ + + + + +",
		}, want: []string{"opening-not-at-corner"}, msg: "door wall 4x8 on the north edge of (1,3) sits at a corner of the envelope, against exterior wall 4x8 on the west edge of (1,2); keep windows and doors at least one panel from a corner"},
		{name: "no door", layout: []string{
			"+ + + + + +",
			"           ",
			"+ +-+w+-+ +",
			"  |F F F|  ",
			"+ + + + + +",
			"  |F F F|  ",
			"+ +-+-+-+ +",
			"           ",
			"+ + + + + +",
		}, want: []string{"rooms-reachable"}, msg: "the room of 6 cells (96 sq ft) from (1,1) to (3,2) has no way in from outside through doors"},
		{name: "second room without a door", layout: []string{
			"+ + + + + +",
			"           ",
			"+ +-+w+-+ +",
			"  |F FiF|  ",
			"+ + + + + +",
			"  |F FiF|  ",
			"+ +-+d+-+ +",
			"           ",
			"+ + + + + +",
		}, want: []string{"rooms-reachable"}, msg: "the room of 2 cells (32 sq ft) from (3,1) to (3,2) has no way in from outside through doors"},
		{name: "second room through an interior door", layout: []string{
			"+ + + + + +",
			"           ",
			"+ +-+w+-+ +",
			"  |F FoF|  ",
			"+ + + + + +",
			"  |F FiF|  ",
			"+ +-+d+-+ +",
			"           ",
			"+ + + + + +",
		}, want: []string{}},
		{name: "interior wall on the envelope", layout: []string{
			"+ + + + + +",
			"           ",
			"+ +-+w+-+ +",
			"  |F F Fi  ",
			"+ + + + + +",
			"  |F F F|  ",
			"+ +-+d+-+ +",
			"           ",
			"+ + + + + +",
		}, want: []string{"envelope-closed"}, msg: "interior wall 4x8 on the west edge of (4,1) is an interior wall on the outside of the envelope; use an exterior wall module"},
		{name: "half-solid wall runs pass", layout: []string{
			"+ + + + + + +",
			"             ",
			"+ +-+w+w+-+ +",
			"  |F F F F|  ",
			"+ + + + + + +",
			"  |F F F F|  ",
			"+ +-+d+w+-+ +",
			"             ",
			"+ + + + + + +",
		}, want: []string{}},
		{name: "too many openings in a run", layout: []string{
			"+ + + + + + +",
			"             ",
			"+ +-+w+w+w+ +",
			"  |F F F F|  ",
			"+ + + + + + +",
			"  |F F F F|  ",
			"+ +-+d+-+-+ +",
			"             ",
			"+ + + + + + +",
		}, want: []string{"opening-not-at-corner", "shear-walls"}, msg: "the exterior wall run along grid line y=1 from x=1 to x=5 is 25% solid (1 of 4 panels); at least 50% must be solid panels for shear"},
		{name: "wall on nothing", layout: cabin, extra: []designs.Placement{{Module: "wall-ext-4x8", X: 0, Y: 0, Edge: "n"}},
			want: []string{"wall-on-floor"}, msg: "exterior wall 4x8 on the north edge of (0,0) stands on no floor or foundation"},
		{name: "floor without foundation", layout: []string{
			"+ + + + + +",
			"           ",
			"+ +-+w+-+ +",
			"  |F F G|  ",
			"+ + + + + +",
			"  |F F G|  ",
			"+ +-+d+-+ +",
			"           ",
			"+ + + + + +",
		}, want: []string{"floor-on-foundation"}, msg: "floor cassette 4x8 at (3,1) has no foundation under 2 of its 2 cells (first: (3,1))"},
		{name: "roof spans 20 ft", layout: []string{
			"+ + + + + + + +",
			"               ",
			"+ +-+w+-+w+-+ +",
			"  |F F F F F|  ",
			"+ + + + + + + +",
			"  |F F F F F|  ",
			"+ +-+-+d+-+-+ +",
			"               ",
			"+ + + + + + + +",
		}, extra: append(roofs(1, 4, 1, 2, 90), roofs(5, 5, 1, 2, 0)...),
			want: []string{"roof-span"}, msg: "roof panel 4x8 at (1,1) spans 20 ft between bearing walls; the roof panel 4x8's limit is 16 ft"},
		{name: "roof with a bearing wall at 12 ft", layout: []string{
			"+ + + + + + + +",
			"               ",
			"+ +-+w+-+w+-+ +",
			"  |F F FiF F|  ",
			"+ + + + + + + +",
			"  |F F FoF F|  ",
			"+ +-+-+d+-+-+ +",
			"               ",
			"+ + + + + + + +",
		}, extra: append(roofs(1, 4, 1, 2, 90), roofs(5, 5, 1, 2, 0)...), want: []string{}},
		{name: "roof with no wall to bear on", layout: []string{
			"+ + + + +",
			"         ",
			"+ + + + +",
			"   F F   ",
			"+ + + + +",
			"   F F   ",
			"+ + + + +",
		}, extra: roofs(1, 2, 1, 2, 0), want: []string{"daylight", "envelope-closed", "roof-span"}, msg: "roof panel 4x8 at (1,1) has no bearing wall to the north; the roof panel 4x8's limit is 16 ft"},
		{name: "two walls on one edge", layout: cabin, extra: []designs.Placement{{Module: "wall-ext-4x8", X: 1, Y: 0, Edge: "s"}},
			want: []string{"no-overlap"}, msg: "exterior wall 4x8 on the south edge of (1,0) overlaps exterior wall 4x8 on the north edge of (1,1)"},
		{name: "two cores on one cell", layout: cabin, extra: []designs.Placement{{Module: "core-bath", X: 1, Y: 1}, {Module: "core-kitchen", X: 2, Y: 1}},
			want: []string{"no-overlap"}, msg: "kitchen core 8x8 at (2,1) overlaps bathroom core 8x8 at (1,1)"},
		{name: "a wall through a core", layout: []string{
			"+ + + + + +",
			"           ",
			"+ +-+w+-+ +",
			"  |F FiF|  ",
			"+ + + + + +",
			"  |F FoF|  ",
			"+ +-+d+-+ +",
			"           ",
			"+ + + + + +",
		}, extra: []designs.Placement{{Module: "core-bath", X: 2, Y: 1}},
			want: []string{"nothing-through-cores"}, msg: "bathroom core 8x8 at (2,1) has interior wall 4x8 on the west edge of (3,1) standing inside it"},
		{name: "shop without a CNC router", layout: cabin, opts: func(o *Options) { o.Shop = shops["hand-tools"] },
			want: []string{"shop-can-make"}, msg: "floor cassette 4x8 at (1,1) needs the cnc-router process, which shop \"hand-tools\" cannot perform"},
		{name: "only the local yard", layout: cabin, opts: func(o *Options) { o.Suppliers = sups[:1] },
			want: []string{"supplier-stocks"}, msg: "window wall 4x8 on the north edge of (2,1) needs FIX-WIN-3648, which none of the suppliers stocks"},
		{name: "suppliers run short", layout: cabin, opts: func(o *Options) {
			short := *sups[1]
			short.Items = nil
			for _, it := range sups[1].Items {
				if it.SKU == "LUM-2X6-08" {
					it.Stock = 20
				}
				short.Items = append(short.Items, it)
			}
			o.Suppliers = []*designs.Supplier{&short}
		}, want: []string{"enough-stock"}, msg: "the design needs " + studsIn(t, cat, layout(t, cabin...)) + " each of LUM-2X6-08 (2x6 stud, 8 ft); the suppliers hold 20 in all"},
		{name: "too few windows", layout: []string{
			"+ + + + + + + +",
			"               ",
			"+ +-+-+-+-+-+ +",
			"  |F F F F F|  ",
			"+ + + + + + + +",
			"  |F F F F F|  ",
			"+ +-+-+d+-+-+ +",
			"               ",
			"+ + + + + + + +",
		}, want: []string{"daylight"}, msg: "windows are 0% of the floor area (0 sq ft of 160 sq ft); at least 8% is needed"},
		{name: "level limits", layout: cabin, rules: []Rule{
			{ID: "budget", Check: CheckBudget, Max: dec("1000")},
			{ID: "big-enough", Check: CheckFloorArea, Min: dec("200")},
			{ID: "two-rooms", Check: CheckRooms, Min: dec("2")},
			{ID: "kitchen", Check: CheckRequired, Modules: []string{"core-kitchen"}},
			{ID: "no-windows", Check: CheckForbidden, Modules: []string{"wall-window-4x8"}},
		}, want: []string{"big-enough", "budget", "kitchen", "no-windows", "two-rooms"}, msg: "the floor area is 96 sq ft; at least 200 sq ft is needed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := layout(t, tt.layout...)
			d.Placements = append(d.Placements, tt.extra...)
			opts := Options{Rules: std}
			if len(tt.rules) > 0 {
				opts.Rules = std.With("test", tt.rules)
			}
			if tt.opts != nil {
				tt.opts(&opts)
			}
			e, err := FromDesign(d, cat, opts)
			require.NoError(t, err)
			vs := e.Violations()
			got := ruleIDs(vs)
			sort.Strings(got)
			got = uniq(got)
			assert.Equal(t, tt.want, got, "violations:\n%s", dump(vs))
			if tt.msg != "" {
				var msgs []string
				for _, v := range vs {
					msgs = append(msgs, v.Message)
				}
				assert.Contains(t, msgs, tt.msg)
			}
		})
	}
}

// studsIn counts the 8 ft 2x6 studs a design's parts lists buy.
func studsIn(t *testing.T, cat *designs.Catalog, d *designs.Design) string {
	var n decimal.Decimal
	for _, p := range d.Placements {
		for _, mq := range cat.ExplodeModule(cat.Modules[p.Module]) {
			if mq.SKU == "LUM-2X6-08" {
				n = n.Add(mq.Qty)
			}
		}
	}
	return n.String()
}

func uniq(s []string) []string {
	out := []string{}
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

func TestMetrics(t *testing.T) {
	cat := testCatalog(t)
	d := layout(t,
		"+ + + + + + + +",
		"               ",
		"+ +-+-+w+-+-+ +",
		"  |F F FiF F|  ",
		"+ + + + + + + +",
		"  |F F FoF F|  ",
		"+ +-+w+d+w+-+ +",
		"               ",
		"+ + + + + + + +",
	)
	e, err := FromDesign(d, cat, Options{Rules: standardRules(t)})
	require.NoError(t, err)
	m := e.Metrics()
	assert.Equal(t, 10, m.FloorCells)
	assert.Equal(t, 160, m.FloorAreaSqFt)
	assert.Equal(t, "14.8644864", m.FloorAreaM2.String())
	assert.Equal(t, 2, m.Rooms)
	assert.Equal(t, 2, m.ReachableRooms)
	assert.True(t, m.Closed)
	assert.Equal(t, "36", m.WindowAreaSqFt.String()) // three 36 x 48 in windows
	assert.Equal(t, "0.225", m.WindowRatio.String())
	assert.Equal(t, 10, m.ByCategory["foundation"])
	assert.Equal(t, 5, m.ByCategory["floor"])
	assert.Equal(t, 4, m.ByCategory["opening"])
	assert.Equal(t, 2, m.ByCategory["interior"])
	assert.Equal(t, 10, m.ByCategory["wall"])
	assert.Equal(t, 0, m.ByCategory["roof"])
	assert.Equal(t, []Room{
		{Cells: 6, X0: 1, Y0: 1, X1: 3, Y1: 2, Enclosed: true, Reachable: true},
		{Cells: 4, X0: 4, Y0: 1, X1: 5, Y1: 2, Enclosed: true, Reachable: true},
	}, e.Rooms())
	assert.Equal(t, 1, e.RoomAt(5, 2))
	assert.Equal(t, -1, e.RoomAt(0, 0))
	assert.Equal(t, -1, e.RoomAt(9, 9))
	assert.Empty(t, e.OpenEdges())
	id := findID(t, e, "wall-door-4x8")
	_, err = e.Apply(Remove(1, id))
	require.NoError(t, err)
	assert.Equal(t, []Edge{{X: 3, Y: 2, Side: "s"}}, e.OpenEdges())
	assert.False(t, e.Rooms()[0].Enclosed)
}

func TestPlacementBlocked(t *testing.T) {
	cat := testCatalog(t)
	d := layout(t, cabin...)
	d.Placements = append(d.Placements, designs.Placement{Module: "core-bath", X: 2, Y: 1})
	e, err := FromDesign(d, cat, Options{Rules: standardRules(t)})
	require.NoError(t, err)
	require.Empty(t, e.Violations())
	n := e.Len()
	tests := []struct {
		name string
		cmd  Command
		rule string
	}{
		{"wall on an occupied edge", Place(1, designs.Placement{Module: "wall-ext-4x8", X: 1, Y: 0, Edge: "s"}), "no-overlap"},
		{"roof with no wall to the north", Place(1, designs.Placement{Module: "roof-4x8", X: 0, Y: 0}), "roof-span"},
		{"floor on bare ground", Place(1, designs.Placement{Module: "floor-4x8", X: 0, Y: 0}), "floor-on-foundation"},
		{"wall standing on nothing", Place(1, designs.Placement{Module: "wall-ext-4x8", X: 0, Y: 0, Edge: "w"}), "wall-on-floor"},
		{"foundation out from under a floor", Remove(1, 1), "floor-on-foundation"},
		{"wall through the bath core", Place(1, designs.Placement{Module: "wall-int-4x8", X: 2, Y: 2, Edge: "n"}), "nothing-through-cores"},
		{"window to the corner", Move(1, findID(t, e, "wall-window-4x8"), designs.Placement{X: 1, Y: 1, Edge: "n"}), "no-overlap"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := e.Design().Marshal()
			_, err := e.Apply(tt.cmd)
			var b *BlockedError
			require.True(t, errors.As(err, &b), "want a BlockedError, got %v", err)
			assert.Equal(t, tt.rule, b.Violations[0].Rule, "violations:\n%s", dump(b.Violations))
			assert.Equal(t, string(before), string(e.Design().Marshal()))
			assert.Equal(t, n, e.Len())
			assert.Empty(t, e.Log())
		})
	}
}

func findID(t testing.TB, e *Engine, module string) ID {
	t.Helper()
	for p := range e.Modules() {
		if p.Module.ID == module {
			return p.ID
		}
	}
	t.Fatalf("no %s placed", module)
	return 0
}

func TestCornerBlockedBothWays(t *testing.T) {
	cat := testCatalog(t)
	d := layout(t,
		"+ + + + + +",
		"           ",
		"+ + +-+-+ +",
		"  .F F F.  ",
		"+ + + + + +",
		"  .F F F.  ",
		"+ + + + + +",
		"  .F F F.  ",
		"+ + + + + +",
		"  .F F F.  ",
		"+ + + + + +",
		"           ",
		"+ + + + + +",
	)
	e, err := FromDesign(d, cat, Options{Rules: standardRules(t)})
	require.NoError(t, err)
	// a window where the north run will meet the west wall: the window is
	// refused (not, later, the wall; see TestCornerBlamesTheOpening)
	_, err = e.Apply(Place(1, designs.Placement{Module: "wall-window-4x8", X: 1, Y: 1, Edge: "n"}))
	var b *BlockedError
	require.True(t, errors.As(err, &b), "got %v", err)
	assert.Equal(t, "opening-not-at-corner", b.Violations[0].Rule)
	_, err = e.Apply(Place(2, designs.Placement{Module: "wall-ext-4x8", X: 1, Y: 1, Edge: "w"}))
	require.NoError(t, err)
	// a wall at the other end is fine, a window there is not
	_, err = e.Apply(Place(3, designs.Placement{Module: "wall-ext-4x8", X: 3, Y: 1, Edge: "e"}))
	require.NoError(t, err)
	_, err = e.Apply(Place(4, designs.Placement{Module: "wall-door-4x8", X: 3, Y: 2, Edge: "e"}))
	require.NoError(t, err, "a door one panel down the east wall is away from the corner")
	_, err = e.Apply(Place(5, designs.Placement{Module: "wall-window-4x8", X: 1, Y: 1, Edge: "w"}))
	require.True(t, errors.As(err, &b), "got %v", err)
}
