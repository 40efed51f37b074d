package engine

import (
	"fmt"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

// CheckRooms names the design check: enclosed rooms >= min.
const CheckRooms = "rooms"

func init() { registerCheck(roomsCheck{}) }

type roomsCheck struct{ designCheck }

func (roomsCheck) Name() string { return CheckRooms }

func (roomsCheck) Validate(r *Rule, _ *designs.Catalog) (string, string) { return needMin(r) }

func (roomsCheck) Design(_ *Engine, _ *analysis, m *Metrics, r *Rule, rep *report) {
	if decimal.NewFromInt(int64(m.Rooms)).LessThan(*r.Min) {
		rep.add(fmt.Sprintf("the design has %d enclosed room(s); at least %s are needed", m.Rooms, r.Min.String()))
	}
}
