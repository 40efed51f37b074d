package designtool

import "github.com/opensourceecology/prodos/designs"

// Run is a drag of the pointer with the left button held: each slot it
// passes over gets a placement, and the whole run undoes as one step.
type Run struct {
	Active bool              // the button is held after a press on the plan
	Orient string            // "h" or "v" while dragging a run of walls
	Start  designs.Placement // the slot the run began on
	Last   designs.Placement // the slot the run is over now
	Placed []designs.Placement
}

// Begin starts a run on slot p; a wall run keeps the direction of the edge
// it starts on.
func (r *Run) Begin(p designs.Placement, onEdge bool) {
	*r = Run{Active: true, Start: p, Last: p}
	if onEdge {
		r.Orient = "v"
		if p.Edge == designs.North || p.Edge == designs.South {
			r.Orient = "h"
		}
	}
}

// Wants reports whether slot p, reached with the button held, is a new
// slot of the run that should be placed.
func (r *Run) Wants(p designs.Placement) bool {
	return r.Active && p != r.Last
}

// Over records that the run is over slot p.
func (r *Run) Over(p designs.Placement) {
	r.Active = true
	r.Last = p
}

// Add records a placement the run made.
func (r *Run) Add(p designs.Placement) {
	r.Placed = append(r.Placed, p)
}

// End finishes the run (the button is up).
func (r *Run) End() {
	*r = Run{}
}
