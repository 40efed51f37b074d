package levels

import (
	"bytes"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func roofs(x0, x1, y0, y1, rot int) []designs.Placement {
	var out []designs.Placement
	if rot == 90 {
		for y := y0; y <= y1; y++ {
			for x := x0; x+1 <= x1; x += 2 {
				out = append(out, designs.Placement{Module: "roof-4x8", X: x, Y: y, Rotation: 90})
			}
		}
		return out
	}
	for x := x0; x <= x1; x++ {
		for y := y0; y+1 <= y1; y += 2 {
			out = append(out, designs.Placement{Module: "roof-4x8", X: x, Y: y})
		}
	}
	return out
}

func plan(t *testing.T, rows ...string) []designs.Placement {
	t.Helper()
	d, err := engine.Layout("solution", rows...)
	require.NoError(t, err)
	return d.Placements
}

// bearingLine is an interior wall on the west edges of column x, rows
// y0..y1, with an interior door in row door.
func bearingLine(x, y0, y1, door int) []designs.Placement {
	var out []designs.Placement
	for y := y0; y <= y1; y++ {
		mod := "wall-int-4x8"
		if y == door {
			mod = "wall-int-door-4x8"
		}
		out = append(out, designs.Placement{Module: mod, X: x, Y: y, Edge: "w"})
	}
	return out
}

var house24 = []string{
	"+ + + + + + + + +",
	"",
	"+ +-+-+w+w+-+-+ +",
	"  |F F F F F F|",
	"+ + + + + + + + +",
	"  wF F F F F Fw",
	"+ + + + + + + + +",
	"  |F F F F F F|",
	"+ + + + + + + + +",
	"  |F F F F F F|",
	"+ + + + + + + + +",
	"  wF F F F F Fw",
	"+ + + + + + + + +",
	"  |F F F F F F|",
	"+ +-+-+d+-+w+-+ +",
	"",
	"+ + + + + + + + +",
}

// solutions are reference designs for every level: each must be buildable
// from the level's start, one placement at a time, and earn three stars.
func solutions(t *testing.T, cat *designs.Catalog) map[string][]designs.Placement {
	ex, err := designs.LoadDesign("../designs/examples/two-bedroom-24x32.toml", cat)
	require.NoError(t, err)
	cat3 := func(parts ...[]designs.Placement) []designs.Placement {
		var out []designs.Placement
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	return map[string][]designs.Placement{
		"shed": cat3(plan(t,
			"+ + + + + + +",
			"",
			"+ + + + + + +",
			"",
			"+ + +-+-+ + +",
			"    |F F|",
			"+ + + + + + +",
			"    |F F|",
			"+ + +d+-+ + +",
			"",
			"+ + + + + + +",
			"",
			"+ + + + + + +",
		), roofs(2, 3, 2, 3, 0)),
		"cabin": cat3(plan(t,
			"+ + + + + + + +",
			"",
			"+ + + + + + + +",
			"",
			"+ + +-+w+-+ + +",
			"    |F F F|",
			"+ + + + + + + +",
			"    wF F Fw",
			"+ + + + + + + +",
			"    |F F F|",
			"+ + + + + + + +",
			"    |F F F|",
			"+ + +-+d+-+ + +",
			"",
			"+ + + + + + + +",
			"",
			"+ + + + + + + +",
		), roofs(2, 4, 2, 5, 0)),
		"studio": cat3(plan(t,
			"+ + + + + + +",
			"",
			"+ +-+w+-+-+ +",
			"  |F F F F|",
			"+ + + + + + +",
			"  wF F F Fw",
			"+ + + + + + +",
			"  |F F F F|",
			"+ + + + + + +",
			"  |F F F F|",
			"+ +-+-+d+-+ +",
			"",
			"+ + + + + + +",
		), roofs(1, 4, 1, 4, 0)),
		"workshop": cat3(plan(t, house24...), bearingLine(4, 1, 6, 3), roofs(1, 6, 1, 6, 90)),
		"bath": cat3(plan(t, house24...), bearingLine(4, 1, 6, 3), roofs(1, 6, 1, 6, 90),
			[]designs.Placement{{Module: "core-bath", X: 5, Y: 1}}),
		"two-bedroom": ex.Placements,
	}
}

var layerOrder = map[string]int{"foundation": 0, "floor": 1, "core": 2, "wall": 3, "roof": 4, "loft": 5, "energy": 6}

func TestDesignLevels(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	ls, err := DesignLevels()
	require.NoError(t, err)
	var play []*engine.Level
	sandbox := 0
	for _, l := range ls {
		if l.Sandbox {
			sandbox++
			continue
		}
		play = append(play, l)
	}
	assert.Equal(t, 1, sandbox, "one sandbox")
	require.GreaterOrEqual(t, len(play), 6, "at least six design levels")
	assert.Equal(t, "shed", play[0].ID)
	assert.Equal(t, "two-bedroom", play[len(play)-1].ID)
	sols := solutions(t, cat)
	for i, l := range play {
		t.Run(l.ID, func(t *testing.T) {
			if i > 0 {
				assert.Greater(t, l.Order, play[i-1].Order)
			}
			e, err := engine.FromLevel(l, cat)
			require.NoError(t, err)
			require.Zero(t, countPlacement(e), "the start of %s breaks placement rules:\n%v", l.ID, e.Violations())
			start := e.Evaluate(l)
			assert.Equal(t, 0, start.Stars, "the start must not already win")
			assert.False(t, start.Complete)

			sol, ok := sols[l.ID]
			require.True(t, ok, "no reference solution for %s", l.ID)
			have := map[designs.Placement]int{}
			for p := range e.Modules() {
				have[p.Placement]++
			}
			var todo []designs.Placement
			for _, p := range sol {
				if have[p] > 0 {
					have[p]--
					continue
				}
				todo = append(todo, p)
			}
			sort.SliceStable(todo, func(i, j int) bool {
				return layerOrder[cat.Modules[todo[i].Module].Layer] < layerOrder[cat.Modules[todo[j].Module].Layer]
			})
			for k, p := range todo {
				_, err := e.Apply(engine.Place(int64(k), p))
				require.NoError(t, err, "placing %+v", p)
			}
			sc := e.Evaluate(l)
			for _, g := range append(append(sc.Objectives, sc.TwoStars...), sc.ThreeStars...) {
				t.Logf("%-60s %s met=%v", g.Goal.Text, g.Value, g.Met)
			}
			t.Logf("%s: cost %s, %d modules, violations: %v", l.ID, sc.Cost.StringFixed(2), e.Len(), e.Violations())
			assert.True(t, sc.Complete)
			assert.Equal(t, 3, sc.Stars)
			own, ok := e.Score()
			require.True(t, ok)
			assert.Equal(t, sc, own)
			// the classroom server re-simulates the session from its log
			level, cmds, err := engine.ParseSession("s.log", bytes.NewReader(engine.MarshalSession(l.ID, e.Log())))
			require.NoError(t, err)
			lv, err := DesignLevel(level)
			require.NoError(t, err)
			replay, err := engine.FromLevel(lv, cat)
			require.NoError(t, err)
			require.NoError(t, replay.Replay(cmds))
			again, _ := replay.Score()
			assert.Equal(t, sc, again)
			assert.Equal(t, e.Design().Marshal(), replay.Design().Marshal())
		})
	}
}

func countPlacement(e *engine.Engine) int {
	n := 0
	for _, v := range e.Violations() {
		if v.Severity == engine.Hard && v.Modules != nil && v.Check != engine.CheckEnvelope && v.Check != engine.CheckShear {
			n++
		}
	}
	return n
}

func TestStarsNeedEveryThreshold(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	l, err := DesignLevel("shed")
	require.NoError(t, err)
	build := func(swap bool) *engine.Engine {
		e, err := engine.FromLevel(l, cat)
		require.NoError(t, err)
		tick := int64(0)
		for _, p := range solutions(t, cat)["shed"] {
			layer := cat.Modules[p.Module].Layer
			if layer != "wall" && layer != "roof" {
				continue
			}
			if swap && p == (designs.Placement{Module: "wall-ext-4x8", X: 3, Y: 4, Edge: "n"}) {
				p.Module = "wall-door-4x8"
			}
			_, err := e.Apply(engine.Place(tick, p))
			require.NoError(t, err)
			tick++
		}
		return e
	}
	e := build(false)
	assert.Equal(t, 3, e.Evaluate(l).Stars)
	// a second door: complete, but no second star
	sc := build(true).Evaluate(l)
	assert.True(t, sc.Complete)
	assert.Equal(t, 1, sc.Stars)
	assert.False(t, sc.TwoStars[0].Met)
	// the roof cannot lose its bearing wall
	var wall engine.ID
	for p := range e.Modules() {
		if p.Module.ID == "wall-ext-4x8" {
			wall = p.ID
		}
	}
	_, err = e.Apply(engine.Remove(100, wall))
	var b *engine.BlockedError
	require.ErrorAs(t, err, &b)
	assert.Equal(t, "roof-span", b.Violations[0].Rule)
	// nor can the player add a module the level does not offer
	_, err = e.Apply(engine.Place(100, designs.Placement{Module: "core-bath", X: 0, Y: 0}))
	require.ErrorAs(t, err, &b)
	assert.Equal(t, "palette", b.Violations[0].Rule)
}

func TestRuleSets(t *testing.T) {
	sets, err := RuleSets()
	require.NoError(t, err)
	assert.Contains(t, sets, "standard")
	assert.Contains(t, sets, "beginner")
	std, err := Standard()
	require.NoError(t, err)
	r, ok := std.Rule("roof-span")
	require.True(t, ok)
	assert.Equal(t, engine.CheckSpan, r.Check)
}

func TestMalformedLevels(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	good := "id = \"x\"\ntitle = \"X\"\nbriefing = \"b\"\nrules = \"standard\"\n[grid]\nwidth = 4\nheight = 4\n[[objective]]\nmetric = \"closed\"\nmin = 1\n"
	std, err := fsRead("rules/standard.toml")
	require.NoError(t, err)
	tests := []struct{ name, level, want string }{
		{"syntax", "id = \"x\"\ntitle = \n", `design/bad.toml:2:9: key "title": expected value but found '\n' instead`},
		{"unknown key", strings.Replace(good, "briefing", "brief", 1), `design/bad.toml:3:9: unknown key "brief"`},
		{"unknown rule set", strings.Replace(good, `rules = "standard"`, `rules = "strict"`, 1), `design/bad.toml:4:9: rules: unknown rule set "strict" (want one of standard)`},
		{"bad metric", strings.Replace(good, `metric = "closed"`, `metric = "beauty"`, 1), `design/bad.toml:9:10: objective[0].metric: unknown metric "beauty"`},
		{"goal without bounds", strings.Replace(good, "min = 1\n", "", 1), `design/bad.toml:9:10: objective[0].metric: goal on "closed" needs min or max`},
		{"unknown module in palette", "palette = [\"wall-gold\"]\n" + good, `design/bad.toml:1:11: palette: palette names unknown module "wall-gold"`},
		{"placement outside the grid", good + "[[placement]]\nmodule = \"core-bath\"\nx = 3\ny = 3\n", `design/bad.toml:13:5: placement[0].x: module "core-bath" at (3,3) covers 2x2 cells, outside the 4x4 grid`},
		{"unknown module placed", good + "[[placement]]\nmodule = \"core-sauna\"\nx = 1\ny = 1\n", `design/bad.toml:12:10: placement[0].module: unknown module "core-sauna"`},
		{"bad rule", good + "[[rule]]\nid = \"b\"\ncheck = \"budget\"\n", `design/bad.toml:11:1: rule[0].max: rule "b": budget needs a non-negative max`},
		{"bad severity", good + "[[rule]]\nid = \"b\"\ncheck = \"envelope\"\nseverity = \"fatal\"\n", `design/bad.toml:14:12: rule[0].severity: rule "b": severity must be "hard" or "soft", got "fatal"`},
		{"bad plan", strings.Replace(good, "[grid]\nwidth = 4\nheight = 4\n", "plan = \"\"\"\n+ + +\n   X\n+ + +\n\"\"\"\n", 1), `design/bad.toml:5:8: plan: row 2, column 4: unknown cell 'X' (want one of f F . G r s l K B M or space)`},
		{"no objectives", strings.Replace(good, "[[objective]]\nmetric = \"closed\"\nmin = 1\n", "", 1), `design/bad.toml:1:6: id: level "x" has no objectives (only a sandbox may have none)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"design/bad.toml": {Data: []byte(tt.level)}, "rules/standard.toml": {Data: std}}
			_, err := LoadDesignLevels(fsys, cat)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func fsRead(name string) ([]byte, error) { return designFS.ReadFile(name) }

func TestMalformedRuleSets(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	tests := []struct{ name, data, want string }{
		{"unknown check", "id = \"x\"\n[[rule]]\nid = \"a\"\ncheck = \"beauty\"\n", `rules/bad.toml:4:9: rule[0].check: rule "a": unknown check "beauty" (want one of clear-inside, forbidden, opening-corner, overlap, shop-process, span, supplier-stock, support, wall-support, budget, envelope, floor-area, reachable, required, rooms, shear, stock-quantity, window-ratio)`},
		{"unknown layer", "id = \"x\"\n[[rule]]\nid = \"a\"\ncheck = \"support\"\nlayers = [\"attic\"]\non = [\"floor\"]\n", `rules/bad.toml:5:10: rule[0].layers: rule "a": unknown layer "attic" (want one of foundation, floor, wall, roof, loft, core, energy)`},
		{"duplicate id", "id = \"x\"\n[[rule]]\nid = \"a\"\ncheck = \"overlap\"\n[[rule]]\nid = \"a\"\ncheck = \"envelope\"\n", `rules/bad.toml:6:6: rule[1].id: duplicate rule id "a"`},
		{"share above one", "id = \"x\"\n[[rule]]\nid = \"a\"\ncheck = \"shear\"\nmin_share = \"1.5\"\n", `rules/bad.toml:5:13: rule[0].min_share: rule "a": min_share 1.5 must be between 0 and 1`},
		{"no id", "[[rule]]\nid = \"a\"\ncheck = \"overlap\"\n", `rules/bad.toml: id: rule set has no id`},
		{"unknown module", "id = \"x\"\n[[rule]]\nid = \"a\"\ncheck = \"forbidden\"\nmodules = [\"wall-gold\"]\n", `rules/bad.toml:5:11: rule[0].modules: rule "a": unknown module "wall-gold"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadRuleSets(fstest.MapFS{"rules/bad.toml": {Data: []byte(tt.data)}}, cat)
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

// The example houses are real, buildable designs: each goes up from an
// empty site one module at a time, in build order, without a refused step,
// and ends with no violation at all.
func TestExamplesBuildStepByStep(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	std, err := Standard()
	require.NoError(t, err)
	for _, name := range []string{"cabin-12x16", "two-bedroom-24x32", "seed-home-32x40"} {
		t.Run(name, func(t *testing.T) {
			d, err := designs.LoadDesign("../designs/examples/"+name+".toml", cat)
			require.NoError(t, err)
			e, err := engine.New(cat, engine.Options{Grid: d.Grid, Rules: std})
			require.NoError(t, err)
			steps := append([]designs.Placement(nil), d.Placements...)
			sort.SliceStable(steps, func(i, j int) bool {
				return layerOrder[cat.Modules[steps[i].Module].Layer] < layerOrder[cat.Modules[steps[j].Module].Layer]
			})
			for i, p := range steps {
				_, err := e.Apply(engine.Place(int64(i), p))
				require.NoError(t, err, "step %d: %+v", i, p)
			}
			assert.Empty(t, e.Violations())
			m := e.Metrics()
			assert.True(t, m.Closed)
			assert.Equal(t, m.Rooms, m.ReachableRooms)
			want := cat.DesignCost(d, cat.Rates.LabourPerHour)
			assert.True(t, want.Total().Equal(e.Cost().Total()))
			t.Logf("%s: %d modules, %d sq ft, %d rooms, windows %s of floor, $%s", name, m.Modules, m.FloorAreaSqFt, m.Rooms, m.WindowRatio, e.Cost().Total().StringFixed(2))
		})
	}
}

// Standard parses its file alone (issue 14) and gives the rule set
// RuleSets finds under its id.
func TestStandardIsTheStandardRuleSet(t *testing.T) {
	std, err := Standard()
	require.NoError(t, err)
	sets, err := RuleSets()
	require.NoError(t, err)
	assert.Equal(t, sets[StandardRules], std)
	assert.NotEmpty(t, std.Rules)
}

// Levels 1-5 price a shell, so their budgets (set before the whole house
// was priced) stay winnable; the last level asks for a finished house
// within a life-cycle budget (issue 17).
func TestLevelHouses(t *testing.T) {
	ls, err := DesignLevels()
	require.NoError(t, err)
	want := map[string]string{"shed": "shell", "cabin": "shell", "studio": "shell", "workshop": "shell", "bath": "shell", "two-bedroom": "finished", "sandbox": "shell"}
	for _, l := range ls {
		assert.Equal(t, want[l.ID], l.House, l.ID)
		if l.ID == "two-bedroom" {
			require.NotNil(t, l.LifeCycleBudget)
			assert.Equal(t, "90000", l.LifeCycleBudget.String())
		}
	}
}

func TestPolicyLoads(t *testing.T) {
	p, err := Policy()
	require.NoError(t, err)
	k := p.Keep("lead-build-crew")
	require.NotNil(t, k)
	assert.Equal(t, 180, k.LapseDays)
}
