package engine

import (
	"bytes"
	"errors"
	"strconv"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// studio is a 12 x 16 ft floor at cells (1,1)-(3,4) with no walls yet.
var studio = []string{
	"+ + + + + +",
	"           ",
	"+ + + + + +",
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
}

// TestCornerBlamesTheOpening: an opening at a corner of the floor outline
// is refused when it is placed (its own ghost goes red), not later when the
// correct wall that meets it goes up (issue 11.4).
func TestCornerBlamesTheOpening(t *testing.T) {
	cat := testCatalog(t)
	for _, tc := range []struct {
		name string
		p    designs.Placement
		bad  bool
	}{
		{"window at the north-west corner, north side", designs.Placement{Module: "wall-window-4x8", X: 1, Y: 1, Edge: "n"}, true},
		{"window at the north-west corner, west side", designs.Placement{Module: "wall-window-4x8", X: 1, Y: 1, Edge: "w"}, true},
		{"door at the north-east corner", designs.Placement{Module: "wall-door-4x8", X: 3, Y: 1, Edge: "e"}, true},
		{"window in the middle of the north side", designs.Placement{Module: "wall-window-4x8", X: 2, Y: 1, Edge: "n"}, false},
		{"door in the middle of the west side", designs.Placement{Module: "wall-door-4x8", X: 1, Y: 2, Edge: "w"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := layout(t, studio...)
			e, err := FromDesign(d, cat, Options{Rules: standardRules(t)})
			require.NoError(t, err)
			pv := e.Preview(tc.p)
			if !tc.bad {
				assert.True(t, pv.Allowed, "got %+v", pv.Violations)
				return
			}
			require.False(t, pv.Allowed, "the opening's own ghost must be red")
			require.NotEmpty(t, pv.Violations)
			assert.Equal(t, "opening-not-at-corner", pv.Violations[0].Rule)
			assert.Contains(t, pv.Violations[0].Message, "corner")
			_, err = e.Apply(Place(1, tc.p))
			var b *BlockedError
			require.True(t, errors.As(err, &b), "got %v", err)
		})
	}
	// the walls that make the corner are never blamed
	d := layout(t, studio...)
	e, err := FromDesign(d, cat, Options{Rules: standardRules(t)})
	require.NoError(t, err)
	for i, p := range []designs.Placement{
		{Module: "wall-window-4x8", X: 2, Y: 1, Edge: "n"},
		{Module: "wall-ext-4x8", X: 1, Y: 1, Edge: "n"},
		{Module: "wall-ext-4x8", X: 1, Y: 1, Edge: "w"},
		{Module: "wall-ext-4x8", X: 3, Y: 1, Edge: "n"},
		{Module: "wall-ext-4x8", X: 3, Y: 1, Edge: "e"},
	} {
		_, err := e.Apply(Place(int64(i+1), p))
		require.NoError(t, err, "%+v", p)
	}
}

// TestSwapCommand: a placed module is exchanged for another module in the
// same slot by one command, which undoes, redoes and replays (issue 11.4).
func TestSwapCommand(t *testing.T) {
	cat := testCatalog(t)
	d := layout(t, cabin...)
	e, err := FromDesign(d, cat, Options{Rules: standardRules(t)})
	require.NoError(t, err)
	start := e.Log()
	win := findID(t, e, "wall-window-4x8")
	before, _ := e.Module(win)
	res, err := e.Apply(Swap(10, win, "wall-ext-4x8"))
	require.NoError(t, err)
	assert.Equal(t, win, res.ID, "the module keeps its id")
	got, ok := e.Module(win)
	require.True(t, ok)
	assert.Equal(t, "wall-ext-4x8", got.Placement.Module)
	assert.Equal(t, before.Placement.X, got.Placement.X)
	assert.Equal(t, before.Placement.Edge, got.Placement.Edge)
	assert.Equal(t, e.Cost().Total().String(), cat.DesignCost(e.Design(), e.LabourRate()).Total().String())
	assert.False(t, res.Delta.Total().IsZero(), "a solid wall and a window wall cost differently")

	// swapping the solid wall at the corner for a door is refused, with the reason
	corner := ID(0)
	for p := range e.Modules() {
		if p.Placement.Module == "wall-ext-4x8" && p.Placement.X == 1 && p.Placement.Y == 1 && p.Placement.Edge == "n" {
			corner = p.ID
		}
	}
	require.NotZero(t, corner)
	pv := e.PreviewSwap(corner, "wall-door-4x8")
	require.False(t, pv.Allowed)
	assert.Equal(t, "opening-not-at-corner", pv.Violations[0].Rule)
	assert.True(t, e.PreviewSwap(win, "wall-window-4x8").Allowed, "back to a window is fine")
	_, err = e.Apply(Swap(11, corner, "wall-door-4x8"))
	var b *BlockedError
	require.True(t, errors.As(err, &b), "got %v", err)
	assert.Equal(t, "opening-not-at-corner", b.Violations[0].Rule)
	// a swap to a module of another kind of placement is malformed
	_, err = e.Apply(Swap(12, win, "roof-4x8"))
	require.Error(t, err)

	_, err = e.Apply(Undo(13))
	require.NoError(t, err)
	got, _ = e.Module(win)
	assert.Equal(t, "wall-window-4x8", got.Placement.Module)
	_, err = e.Apply(Redo(14))
	require.NoError(t, err)

	log := MarshalLog(e.Log())
	assert.Contains(t, string(log), "10 swap "+itoa(win)+" wall-ext-4x8\n")
	cmds, err := ParseLog("swap.log", bytes.NewReader(log))
	require.NoError(t, err)
	e2, err := FromDesign(layout(t, cabin...), cat, Options{Rules: standardRules(t)})
	require.NoError(t, err)
	require.Len(t, start, 0)
	require.NoError(t, e2.Replay(cmds))
	assert.Equal(t, e.Design().Marshal(), e2.Design().Marshal())

	_, err = ParseLog("bad.log", bytes.NewReader([]byte(LogHeader+"\n5 swap 3\n")))
	assert.ErrorContains(t, err, "bad.log:2:")
}

func itoa(id ID) string { return strconv.FormatUint(uint64(id), 10) }

// TestMessagesNameModulesNotIDs: what the player reads names modules by
// their names, never their catalog ids (issue 11.12).
func TestMessagesNameModulesNotIDs(t *testing.T) {
	cat := testCatalog(t)
	rs := standardRules(t).With("test", []Rule{{ID: "kitchen", Check: CheckRequired, Modules: []string{"core-kitchen"}}})
	e, err := FromDesign(layout(t, cabin...), cat, Options{Rules: rs})
	require.NoError(t, err)
	found := false
	for _, v := range e.Violations() {
		for _, id := range cat.ModuleIDs() {
			assert.NotContains(t, v.Message, id, "%s: %s", v.Rule, v.Message)
		}
		if v.Rule == "kitchen" {
			found = true
			assert.Equal(t, "the design needs at least one kitchen core 8x8", v.Message)
		}
	}
	assert.True(t, found)
}

func TestOpeningCornerCheck(t *testing.T) {
	runRuleCases(t, []ruleCase{
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
	})
}
