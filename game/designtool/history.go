package designtool

import "github.com/opensourceecology/prodos/engine"

// History groups engine commands into undo steps: the placements of one
// drag run join one group, so undo takes back a whole run of walls.
type History struct {
	undo, redo []int // engine commands per undo step
	runCounted bool  // the current drag has a group on the stack
}

// NewRun starts a drag: its placements undo together.
func (h *History) NewRun() { h.runCounted = false }

// Reset forgets every group (a new design on the board).
func (h *History) Reset() { h.undo, h.redo = nil, nil }

// Steps is the number of undo and redo steps.
func (h *History) Steps() (undo, redo int) { return len(h.undo), len(h.redo) }

// Push records one command on the undo stack; with inRun it joins the
// current drag's group.
func (h *History) Push(inRun bool) {
	h.redo = nil
	if inRun && h.runCounted && len(h.undo) > 0 {
		h.undo[len(h.undo)-1]++
		return
	}
	h.undo = append(h.undo, 1)
	h.runCounted = inRun
}

// Undo undoes the last group of commands in e at tick.
func (h *History) Undo(e *engine.Engine, tick int64) bool {
	return h.move(&h.undo, &h.redo, func() bool {
		if !e.CanUndo() {
			return false
		}
		_, err := e.Apply(engine.Undo(tick))
		return err == nil
	})
}

// Redo redoes the last undone group in e at tick.
func (h *History) Redo(e *engine.Engine, tick int64) bool {
	return h.move(&h.redo, &h.undo, func() bool {
		if !e.CanRedo() {
			return false
		}
		_, err := e.Apply(engine.Redo(tick))
		return err == nil
	})
}

// move takes the last group off from, runs its commands with step and
// puts what was done on to.
func (h *History) move(from, to *[]int, step func() bool) bool {
	if len(*from) == 0 {
		return false
	}
	n := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	done := 0
	for i := 0; i < n && step(); i++ {
		done++
	}
	if done > 0 {
		*to = append(*to, done)
	}
	h.runCounted = false
	return done > 0
}
