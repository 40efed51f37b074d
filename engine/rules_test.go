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

// ruleCase is one design checked against the standard rule set, with
// rules added or replaced: the rule ids it breaks and one message that
// must appear. Each check kind's test (check_<kind>_test.go) is a table of
// them.
type ruleCase struct {
	name   string
	layout []string
	extra  []designs.Placement
	opts   func(*Options)
	rules  []Rule // added to the standard set
	want   []string
	msg    string // one violation message that must appear
}

func runRuleCases(t *testing.T, tests []ruleCase) {
	t.Helper()
	cat := testCatalog(t)
	std := standardRules(t)
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

// TestRules checks designs that involve several check kinds; each kind has
// its own test next to it.
func TestRules(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "closed cabin with a window and a door", layout: cabin, extra: roofs(1, 3, 1, 2, 0), want: []string{}},
		{name: "level limits", layout: cabin, rules: []Rule{
			{ID: "budget", Check: CheckBudget, Max: dec("1000")},
			{ID: "big-enough", Check: CheckFloorArea, Min: dec("200")},
			{ID: "two-rooms", Check: CheckRooms, Min: dec("2")},
			{ID: "kitchen", Check: CheckRequired, Modules: []string{"core-kitchen"}},
			{ID: "no-windows", Check: CheckForbidden, Modules: []string{"wall-window-4x8"}},
		}, want: []string{"big-enough", "budget", "kitchen", "no-windows", "two-rooms"}, msg: "the floor area is 96 sq ft; at least 200 sq ft is needed"},
	})
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
		"   F F F   ",
		"+ + + + + +",
		"   F F F   ",
		"+ + + + + +",
		"   F F F   ",
		"+ + + + + +",
		"   F F F   ",
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
