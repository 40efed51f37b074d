package engine

import (
	"errors"
	"fmt"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/plan"
)

// Layout builds a design from a plan drawn in text, the way tests and level
// files write floor plans, in the plan language of engine/plan (shared with
// training.ParseLayout): 2*H+1 rows of up to 2*W+1 characters; cell (x, y)
// is at row 2y+1, column 2x+1; the north edge of (x, y) at row 2y, column
// 2x+1; its west edge at row 2y+1, column 2x; the even/even positions are
// corners ("+" by habit, ignored).
//
// Cells: ' ' empty, 'f' foundation, 'F' or '.' foundation and floor, 'G'
// floor with no foundation, 'r' 's' 'l' also a roof (solar, over a loft),
// 'K' 'B' 'M' a 2x2 core. Floor cassettes are 4x8 (one cell by two), so
// floor cells pair up north to south in each column. Edges: '-' or '|'
// exterior wall, 'w'/'W' window wall, 'd'/'D' door wall, 's'/'S' exterior
// wall at 16 in o.c., 'i'/':' interior wall, 'o'/'O' interior door wall.
//
// For example a closed 12 x 8 ft cabin with a window and a door (the
// drawing is written as Go strings: a comment block whose first line starts
// with "+ " would be a bullet list to gofmt):
//
//	d, err := engine.Layout("cabin",
//		"+ + + + + +",
//		"           ",
//		"+ +-+w+-+ +",
//		"  |F F F|  ",
//		"+ + + + + +",
//		"  |F F F|  ",
//		"+ +-+d+-+ +",
//		"           ",
//		"+ + + + + +",
//	)
//
// Errors name the row and column (1-based) of the drawing.
func Layout(name string, rows ...string) (*designs.Design, error) {
	d, err := plan.Parse(name, rows)
	var pe *plan.Error
	if errors.As(err, &pe) && pe.Line > 0 {
		return nil, fmt.Errorf("row %d, column %d: %s", pe.Line, pe.Col, pe.Msg)
	}
	return d, err
}
