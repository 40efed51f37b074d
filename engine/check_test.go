package engine

import (
	"errors"
	"fmt"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// noCoreCheck is a placement check that exists only in this test file: it
// refuses every module on the core layer.
type noCoreCheck struct{ placementCheck }

func (noCoreCheck) Name() string { return "test-no-core" }

func (noCoreCheck) Validate(r *Rule, _ *designs.Catalog) (string, string) {
	if r.Why == "" {
		return "why", fmt.Sprintf("rule %q: test-no-core needs why", r.ID)
	}
	return "", ""
}

func (noCoreCheck) Place(_ *Engine, _ *view, g *placed, _ *Rule, rep *report) {
	if !g.edge && designs.Layers[g.layer] == "core" {
		rep.add(describe(g)+" is a core", g.id)
	}
}

// moduleCountCheck is a design check that exists only in this test file:
// it reports how many modules the design has.
type moduleCountCheck struct {
	designCheck
	noFields
}

func (moduleCountCheck) Name() string { return "test-module-count" }

func (moduleCountCheck) Design(_ *Engine, _ *analysis, m *Metrics, _ *Rule, rep *report) {
	rep.add(fmt.Sprintf("%d modules", m.Modules))
}

// withChecks registers cs for the length of a test.
func withChecks(t *testing.T, cs ...Check) {
	t.Helper()
	for _, c := range cs {
		registerCheck(c)
		name := c.Name()
		t.Cleanup(func() { delete(checks, name) })
	}
}

const testRuleSet = `id = "test"
name = "test rules"

[[rule]]
id = "no-cores"
check = "test-no-core"
why = "cores are banned in this test"

[[rule]]
id = "count"
check = "test-module-count"
severity = "soft"
`

func TestRegisteredCheckRuns(t *testing.T) {
	withChecks(t, noCoreCheck{}, moduleCountCheck{})
	cat := testCatalog(t)
	rs, err := ParseRuleSet("test.toml", []byte(testRuleSet), cat)
	require.NoError(t, err)
	d := layout(t, cabin...)
	d.Placements = append(d.Placements, designs.Placement{Module: "core-bath", X: 1, Y: 1})
	e, err := FromDesign(d, cat, Options{Rules: rs})
	require.NoError(t, err)
	vs := e.Violations()
	require.Len(t, vs, 2, "violations:\n%s", dump(vs))
	assert.Equal(t, "no-cores: bathroom core 8x8 at (1,1) is a core", vs[0].String())
	assert.Equal(t, Hard, vs[0].Severity)
	assert.Equal(t, fmt.Sprintf("count: warning: %d modules", e.Len()), vs[1].String())

	// the placement part blocks a command like a built-in check does
	_, err = e.Apply(Place(1, designs.Placement{Module: "core-kitchen", X: 2, Y: 1}))
	var b *BlockedError
	require.True(t, errors.As(err, &b), "want a BlockedError, got %v", err)
	assert.Equal(t, "no-cores", b.Violations[0].Rule)
}

func TestCheckRegistry(t *testing.T) {
	withChecks(t, noCoreCheck{})
	tests := []struct {
		name string
		toml string
		want string // error, "" for none
	}{
		{"registered", "id = \"x\"\n[[rule]]\nid = \"a\"\ncheck = \"test-no-core\"\nwhy = \"w\"\n", ""},
		{"its own fields are validated", "id = \"x\"\n[[rule]]\nid = \"a\"\ncheck = \"test-no-core\"\n", `t.toml:2:1: rule[0].why: rule "a": test-no-core needs why`},
		{"unknown kind", "id = \"x\"\n\n[[rule]]\nid = \"a\"\ncheck = \"test-missing\"\n", `t.toml:5:9: rule[0].check: rule "a": unknown check "test-missing" (want one of`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRuleSet("t.toml", []byte(tt.toml), nil)
			if tt.want == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	assert.Contains(t, CheckNames(), "test-no-core")
	assert.True(t, IsPlacementCheck("test-no-core"))
	assert.False(t, IsPlacementCheck(CheckEnvelope))
	assert.Panics(t, func() { registerCheck(noCoreCheck{}) }, "a name registered twice")
}
