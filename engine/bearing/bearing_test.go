package bearing

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// walls parses a plan drawn on the grid's vertices: rows alternate between
// horizontal lines ("+-+ +") and cell rows ("| . |"); '-' is a wall on a
// horizontal slot, '|' on a vertical one.
func walls(plan string) (w, h int, stands func(Slot) bool) {
	rows := strings.Split(strings.Trim(plan, "\n"), "\n")
	h = len(rows) / 2
	w = len(rows[0]) / 2
	set := map[Slot]bool{}
	for r, row := range rows {
		for c, ch := range row {
			switch {
			case ch == '-' && r%2 == 0:
				set[Slot{true, r / 2, c / 2}] = true
			case ch == '|' && r%2 == 1:
				set[Slot{false, c / 2, r / 2}] = true
			}
		}
	}
	return w, h, func(s Slot) bool { return set[s] }
}

func TestWalls(t *testing.T) {
	// a 4x3 building; an interior bearing line on x=2 from y=0 to y=2
	const plan = `
+-+-+-+-+
| . | . |
+ + + + +
| . | . |
+ + + + +
| . . . |
+-+-+-+-+`
	w, h, stands := walls(plan)
	for _, tc := range []struct {
		name           string
		x0, y0, x1, y1 int
		span           int
		missing        string
		slots          []Slot
	}{
		{"1x2 panel, rafters north-south onto the north and south walls", 0, 0, 1, 2, 3, "",
			[]Slot{{true, 0, 0}, {true, 3, 0}}},
		{"2x1 panel, rafters east-west onto the west wall and the bearing line", 0, 0, 2, 1, 2, "",
			[]Slot{{false, 0, 0}, {false, 2, 0}}},
		{"2x1 panel on the last row: no bearing line, spans the whole width", 0, 2, 2, 3, 4, "",
			[]Slot{{false, 0, 2}, {false, 4, 2}}},
		{"square 1x1 bears north-south", 3, 1, 4, 2, 3, "",
			[]Slot{{true, 0, 3}, {true, 3, 3}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []Slot
			seen := map[Slot]bool{}
			span, missing := Walls(tc.x0, tc.y0, tc.x1, tc.y1, w, h, stands, func(s Slot) {
				if !seen[s] {
					seen[s] = true
					got = append(got, s)
				}
			})
			assert.Equal(t, tc.span, span)
			assert.Equal(t, tc.missing, missing)
			assert.ElementsMatch(t, tc.slots, got)
		})
	}
}

func TestWallsMissingSide(t *testing.T) {
	const plan = `
+-+-+
| . .
+ + +
| . .
+-+-+`
	w, h, stands := walls(plan)
	span, missing := Walls(0, 0, 2, 1, w, h, stands, nil)
	assert.Equal(t, "east", missing)
	assert.Zero(t, span)
	_, missing = Walls(0, 0, 1, 2, w, h, stands, nil)
	assert.Equal(t, "", missing)
}
