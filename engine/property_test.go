package engine

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// snapshot is everything observable about a session's state.
func snapshot(e *Engine) string {
	var b strings.Builder
	b.Write(e.Design().Marshal())
	c := e.Cost()
	fmt.Fprintf(&b, "cost %s %s %s\n", c.Materials, c.Labour, c.Machine)
	for _, v := range e.Violations() {
		fmt.Fprintf(&b, "%s %v %s\n", v.Severity, v.Modules, v)
	}
	m := e.Metrics()
	fmt.Fprintf(&b, "%d %d %s %d %d %d %v %s %v\n", m.FloorCells, m.FloorAreaSqFt, m.FloorAreaM2, m.Rooms, m.ReachableRooms, m.OpenEdges, m.Closed, m.WindowRatio, m.ByCategory)
	for p := range e.Modules() {
		fmt.Fprintf(&b, "%d ", p.ID)
	}
	return b.String()
}

// propertyStart is a 16 x 12 ft foundation and floor with room around it.
var propertyStart = []string{
	"+ + + + + + +",
	"             ",
	"+ + + + + + +",
	"   F F F F   ",
	"+ + + + + + +",
	"   F F F F   ",
	"+ + + + + + +",
	"   f f f f   ",
	"+ + + + + + +",
	"             ",
	"+ + + + + + +",
}

func randomCommand(rng *rand.Rand, e *Engine, tick int64, ids []string) Command {
	g := e.Grid()
	var existing []ID
	for p := range e.Modules() {
		existing = append(existing, p.ID)
	}
	pick := func() ID {
		if len(existing) == 0 {
			return ID(rng.IntN(5) + 1)
		}
		return existing[rng.IntN(len(existing))]
	}
	edges := []string{"n", "e", "s", "w"}
	randomPlacement := func(mod string) designs.Placement {
		return designs.Placement{Module: mod, X: rng.IntN(g.Width+1) - 1, Y: rng.IntN(g.Height+1) - 1,
			Rotation: 90 * rng.IntN(4), Edge: edges[rng.IntN(4)]}
	}
	switch r := rng.IntN(100); {
	case r < 30: // place through the pointer, the way the game does
		mod := ids[rng.IntN(len(ids))]
		x := designs.Length(rng.IntN(g.Width*48*16 + 1))
		y := designs.Length(rng.IntN(g.Height*48*16 + 1))
		p, _ := e.SnapRotated(mod, x, y, 90*rng.IntN(4))
		return Place(tick, p)
	case r < 50:
		return Place(tick, randomPlacement(ids[rng.IntN(len(ids))]))
	case r < 62:
		return Remove(tick, pick())
	case r < 72:
		return Move(tick, pick(), randomPlacement(""))
	case r < 80:
		return Rotate(tick, pick())
	case r < 90:
		return Undo(tick)
	default:
		return Redo(tick)
	}
}

func hardPlacement(e *Engine) []Violation {
	var out []Violation
	for _, v := range e.Violations() {
		if v.Severity == Hard && (IsPlacementCheck(v.Check) || v.Check == "palette") {
			out = append(out, v)
		}
	}
	return out
}

func TestRandomCommandSequences(t *testing.T) {
	cat := testCatalog(t)
	rs := standardRules(t)
	ids := cat.ModuleIDs()
	seeds := 24
	steps := 250
	if testing.Short() {
		seeds, steps = 4, 100
	}
	for seed := 1; seed <= seeds; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(seed), 7))
			start := layout(t, propertyStart...)
			opts := Options{Rules: rs}
			if seed%2 == 0 {
				opts.LabourRate = decimal.RequireFromString("52.75") // costs follow any labour rate
			}
			e, err := FromDesign(start, cat, opts)
			require.NoError(t, err)
			require.Empty(t, hardPlacement(e))
			var tick int64
			accepted := 0
			for i := 0; i < steps; i++ {
				tick += int64(rng.IntN(30))
				cmd := randomCommand(rng, e, tick, ids)
				before := snapshot(e)
				logLen := len(e.Log())
				_, err := e.Apply(cmd)
				if err != nil {
					require.Equal(t, before, snapshot(e), "a refused command changed the state: %s: %v", cmd, err)
					require.Len(t, e.Log(), logLen)
					continue
				}
				accepted++
				require.Empty(t, hardPlacement(e), "accepted %s left hard violations:\n%s", cmd, dump(hardPlacement(e)))
				want := cat.DesignCost(e.Design(), e.LabourRate())
				got := e.Cost()
				require.True(t, want.Materials.Equal(got.Materials) && want.Labour.Equal(got.Labour) && want.Machine.Equal(got.Machine),
					"live cost %v, DesignCost %v after %s", got, want, cmd)
				var byCat designs.Cost
				for _, c := range e.CostByCategory() {
					byCat = byCat.Add(c)
				}
				require.True(t, byCat.Total().Equal(got.Total()), "categories add to %s, total %s", byCat.Total(), got.Total())
				if cmd.Op != OpUndo && cmd.Op != OpRedo && rng.IntN(3) == 0 {
					after := snapshot(e)
					_, err := e.Apply(Undo(tick))
					require.NoError(t, err)
					require.Equal(t, before, snapshot(e), "undo of %s", cmd)
					_, err = e.Apply(Redo(tick))
					require.NoError(t, err)
					require.Equal(t, after, snapshot(e), "redo of %s", cmd)
				}
			}
			assert.Greater(t, accepted, steps/10, "too few commands were accepted to test much")
			// The log, written and read back, replays to the same state.
			text := MarshalLog(e.Log())
			cmds, err := ParseLog("session.log", bytes.NewReader(text))
			require.NoError(t, err)
			assert.Equal(t, e.Log(), cmds)
			fresh, err := FromDesign(start, cat, opts)
			require.NoError(t, err)
			require.NoError(t, fresh.Replay(cmds))
			assert.Equal(t, snapshot(e), snapshot(fresh))
			assert.Equal(t, e.CanUndo(), fresh.CanUndo())
			assert.Equal(t, e.CanRedo(), fresh.CanRedo())
			lvl := &Level{ID: "t", Objectives: []Goal{{Metric: "closed", Min: dec("1")}}, TwoStars: []Goal{{Metric: "cost", Max: dec("20000")}}}
			assert.Equal(t, e.Evaluate(lvl), fresh.Evaluate(lvl))
		})
	}
}

func TestUndoRedoToEmpty(t *testing.T) {
	cat := testCatalog(t)
	e, err := New(cat, Options{Grid: designs.Grid{Width: 4, Height: 4}, Rules: standardRules(t)})
	require.NoError(t, err)
	empty := snapshot(e)
	var states []string
	for i, p := range []designs.Placement{
		{Module: "foundation-cell", X: 1, Y: 1}, {Module: "foundation-cell", X: 1, Y: 2},
		{Module: "floor-4x8", X: 1, Y: 1}, {Module: "wall-ext-4x8", X: 1, Y: 1, Edge: "w"},
	} {
		_, err := e.Apply(Place(int64(i), p))
		require.NoError(t, err)
		states = append(states, snapshot(e))
	}
	for i := len(states) - 2; i >= -1; i-- {
		_, err := e.Apply(Undo(10))
		require.NoError(t, err)
		if i >= 0 {
			assert.Equal(t, states[i], snapshot(e))
		}
	}
	assert.Equal(t, empty, snapshot(e))
	assert.True(t, e.Cost().Total().IsZero())
	_, err = e.Apply(Undo(10))
	assert.Error(t, err, "nothing left to undo")
	for i := range states {
		_, err := e.Apply(Redo(11))
		require.NoError(t, err)
		assert.Equal(t, states[i], snapshot(e))
	}
	_, err = e.Apply(Redo(11))
	assert.Error(t, err)
	_, err = e.Apply(Place(5, designs.Placement{Module: "foundation-cell", X: 0, Y: 0}))
	assert.Error(t, err, "tick 5 is before tick 11")
}

// Engines share resolv's package state (its shape ids); they must still run
// side by side, as sessions on the classroom server do.
func TestParallelEngines(t *testing.T) {
	cat := testCatalog(t)
	rs := standardRules(t)
	start := layout(t, propertyStart...)
	done := make(chan string, 4)
	for w := 0; w < 4; w++ {
		go func() {
			rng := rand.New(rand.NewPCG(99, 1))
			e, err := FromDesign(start, cat, Options{Rules: rs})
			if err != nil {
				done <- err.Error()
				return
			}
			for i := 0; i < 200; i++ {
				_, _ = e.Apply(randomCommand(rng, e, int64(i), cat.ModuleIDs()))
			}
			done <- snapshot(e)
		}()
	}
	first := <-done
	for w := 1; w < 4; w++ {
		assert.Equal(t, first, <-done, "the same commands give the same state in every goroutine")
	}
}
