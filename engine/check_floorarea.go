package engine

import (
	"fmt"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

// CheckFloorArea names the design check: floor area >= min (sq ft).
const CheckFloorArea = "floor-area"

func init() { registerCheck(floorAreaCheck{}) }

type floorAreaCheck struct{ designCheck }

func (floorAreaCheck) Name() string { return CheckFloorArea }

func (floorAreaCheck) Validate(r *Rule, _ *designs.Catalog) (string, string) { return needMin(r) }

func (floorAreaCheck) Design(_ *Engine, _ *analysis, m *Metrics, r *Rule, rep *report) {
	if decimal.NewFromInt(int64(m.FloorAreaSqFt)).LessThan(*r.Min) {
		rep.add(fmt.Sprintf("the floor area is %d sq ft; at least %s sq ft is needed", m.FloorAreaSqFt, r.Min.String()))
	}
}
