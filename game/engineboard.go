package game

import (
	"errors"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
	"github.com/opensourceecology/prodos/game/designtool"
)

// EngineBoard is the Board the game plays on: every rule, cost and metric
// comes from the engine; commands go to it at the game's tick.
type EngineBoard struct {
	E    *engine.Engine
	cat  *designs.Catalog
	tick func() int64

	ver      uint64
	design   *designs.Design
	open     []Violation // open envelope edges, for drawing only
	rooms    []Room      // enclosed rooms and their labels, for drawing only
	viol     []Violation
	analysed bool
	life     designtool.LifetimeCache
}

// NewEngineBoard wraps an engine; tick gives the game's current tick.
func NewEngineBoard(e *engine.Engine, cat *designs.Catalog, tick func() int64) *EngineBoard {
	return &EngineBoard{E: e, cat: cat, tick: tick}
}

// refresh re-reads the engine after a change (the engine's Version moves).
func (b *EngineBoard) refresh() {
	if b.analysed && b.ver == b.E.Version() {
		return
	}
	b.analysed, b.ver = true, b.E.Version()
	b.design = b.E.Design()
	b.open = openEdgeMarks(b.E)
	b.rooms = labelledRooms(b.E)
	b.viol = b.viol[:0]
	open := b.open
	for _, v := range b.E.Violations() {
		out := Violation{Rule: v.Rule, Msg: v.Message, Hard: v.Severity == engine.Hard, X: -1, Y: -1}
		if len(v.Modules) > 0 {
			if p, ok := b.E.Module(v.Modules[0]); ok {
				out.X, out.Y = p.Placement.X, p.Placement.Y
			}
		} else if v.Check == engine.CheckEnvelope && len(open) > 0 {
			out.X, out.Y = open[0].X, open[0].Y
		}
		b.viol = append(b.viol, out)
	}
}

// Design implements Board.
func (b *EngineBoard) Design() *designs.Design { b.refresh(); return b.design }

// Check implements Board.
func (b *EngineBoard) Check(p designs.Placement) Check {
	pv := b.E.Preview(p)
	reason := pv.Reason
	if !pv.Allowed && reason == "" {
		for _, v := range pv.Violations {
			if v.Severity == engine.Hard {
				reason = v.Message
				break
			}
		}
	}
	return Check{OK: pv.Allowed, Reason: reason, Delta: pv.CostDelta}
}

// Place implements Board.
func (b *EngineBoard) Place(p designs.Placement) error {
	_, err := b.E.Apply(engine.Place(b.tick(), p))
	return err
}

// RemoveAt implements Board.
func (b *EngineBoard) RemoveAt(x, y int, edge string) bool {
	var best engine.Placed
	found := false
	rank := map[string]int{"energy": 6, "roof": 6, "loft": 5, "core": 4, "floor": 2, "foundation": 1}
	for _, p := range b.E.At(x, y) {
		if edge != "" {
			if p.Module.Placement != designs.OnEdge {
				continue
			}
			want := edgeOf(x, y, edge)
			for _, k := range edgeSlots(p.Module, p.Placement) {
				if k == want {
					best, found = p, true
				}
			}
			continue
		}
		if p.Module.Placement == designs.OnEdge {
			continue
		}
		if !found || rank[p.Module.Layer] > rank[best.Module.Layer] {
			best, found = p, true
		}
	}
	if !found {
		return false
	}
	_, err := b.E.Apply(engine.Remove(b.tick(), best.ID))
	return err == nil
}

// Undo implements Board.
func (b *EngineBoard) Undo() bool {
	if !b.E.CanUndo() {
		return false
	}
	_, err := b.E.Apply(engine.Undo(b.tick()))
	return err == nil
}

// Redo implements Board.
func (b *EngineBoard) Redo() bool {
	if !b.E.CanRedo() {
		return false
	}
	_, err := b.E.Apply(engine.Redo(b.tick()))
	return err == nil
}

// Cost implements Board: the cost of the level's house, the modules for a
// shell, with the whole-house items for a finished house.
func (b *EngineBoard) Cost() designs.Cost { return b.E.ScopeCost() }

// Lifetime implements Board.
func (b *EngineBoard) Lifetime() designtool.Lifetime { return b.life.Get(b.E) }

// Violations implements Board.
func (b *EngineBoard) Violations() []Violation { b.refresh(); return b.viol }

// OpenEdges are the outside floor edges without a wall, for drawing.
func (b *EngineBoard) OpenEdges() []Violation { b.refresh(); return b.open }

// Metrics implements Board.
func (b *EngineBoard) Metrics() Metrics {
	b.refresh()
	m := b.E.Metrics()
	out := Metrics{FloorCells: m.FloorCells, Rooms: m.Rooms, Modules: m.Modules, Counts: m.ByModule,
		RoomList: b.rooms}
	for id, n := range m.ByModule {
		if mod := b.cat.Modules[id]; mod != nil {
			switch mod.Opening {
			case "door":
				out.Doors += n
			case "window":
				out.Windows += n
			}
		}
	}
	return out
}

// Blocked is the reason a command was refused, if err says so.
func Blocked(err error) string {
	var be *engine.BlockedError
	if errors.As(err, &be) && len(be.Violations) > 0 {
		return be.Violations[0].Message
	}
	if err != nil {
		return err.Error()
	}
	return ""
}
