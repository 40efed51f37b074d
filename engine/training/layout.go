package training

import (
	"errors"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/plan"
)

// LayoutError is a problem at a line and column of a layout (1-based,
// counted from the layout's first line).
type LayoutError struct {
	Line, Col int
	Msg       string
}

func (e *LayoutError) Error() string { return e.Msg }

// ParseLayout reads a house drawn as text, the way challenge levels (and
// tests) write designs, in the plan language of engine/plan (shared with
// engine.Layout). A layout of W x H cells is 2H+1 lines of up to 2W+1
// characters. Even lines are grid lines: the character after each '+' is
// the wall on that horizontal edge. Odd lines are cell rows: even columns
// hold the wall on a vertical edge, odd columns the cell.
//
//	horizontal edge: '-' exterior wall, 'w' window, 'd' door, 's' exterior
//	                 wall at 16 in o.c., 'i' interior wall, 'o' interior
//	                 door, ' ' none
//	vertical edge:   '|' exterior wall, 'W' window, 'D' door, 'S', ':'
//	                 interior wall, 'O' interior door, ' ' none (either
//	                 spelling works on either edge)
//	cell:            ' ' empty, 'f' foundation, '.' (or 'F') foundation
//	                 and floor, 'G' floor alone, 'r' foundation, floor and
//	                 roof, 's' the same with a solar roof panel, 'l' also a
//	                 loft under the roof, 'K', 'B', 'M' the top-left cell of
//	                 a 2x2 kitchen, bath or mechanical core (under a roof)
//
// Floor, loft and roof panels are 1x2 cassettes pairing cells north to
// south. Placements are written foundation, floor, walls (reading order),
// loft, roof, cores, so task ids follow reading order.
func ParseLayout(text string) (*designs.Design, error) {
	d, err := plan.ParseText("layout", text)
	var pe *plan.Error
	if errors.As(err, &pe) {
		le := &LayoutError{Line: pe.Line, Col: pe.Col, Msg: pe.Msg}
		if le.Line == 0 {
			le.Line, le.Col = 1, 1
		}
		return nil, le
	}
	return d, err
}
