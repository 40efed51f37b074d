package engine

import "testing"

func TestRoomsCheck(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "one room of two", layout: cabin, rules: []Rule{{ID: "two-rooms", Check: CheckRooms, Min: dec("2")}},
			want: []string{"two-rooms"}, msg: "the design has 1 enclosed room(s); at least 2 are needed"},
		{name: "one room of one", layout: cabin, rules: []Rule{{ID: "one-room", Check: CheckRooms, Min: dec("1")}}, want: []string{}},
	})
}
