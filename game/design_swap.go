package game

import (
	"errors"

	"github.com/opensourceecology/prodos/designs"
	"github.com/shopspring/decimal"
)

// slotCheck is what the ghost shows for placement p: the board's Check, or
// when the slot holds a module p's module could replace, the check of that
// swap (a window over a solid wall swaps it in place).
func (s *DesignScene) slotCheck(p designs.Placement) Check {
	c := s.board.Check(p)
	if c.OK {
		return c
	}
	if sc, ok := s.board.SwapCheck(p); ok {
		return sc
	}
	return c
}

// put places p, or swaps it in when the ghost shows a swap. A swap happens
// only on a click, never while dragging a run.
func (s *DesignScene) put(p designs.Placement, click bool) error {
	if s.check.Swap == "" {
		return s.board.Place(p)
	}
	if !click {
		return errors.New("a swap needs a click")
	}
	return s.board.Swap(p)
}

// engineDelta prints a cost change: "+$99.93", "-$38.10".
func engineDelta(d decimal.Decimal) string {
	if d.Sign() < 0 {
		return "-$" + money(d.Neg())
	}
	return "+$" + money(d)
}
