package engine

// WallOn is the wall standing on the given side (designs.North, East,
// South or West) of cell (x, y), read from either cell beside the edge;
// false when there is none, the cell is outside the grid or side is not a
// side. The game uses it to keep room labels off door swings.
func (e *Engine) WallOn(x, y int, side string) (Placed, bool) {
	e.refresh()
	a := e.cache.analysis
	if x < 0 || y < 0 || x >= a.w || y >= a.h {
		return Placed{}, false
	}
	for _, s := range sides {
		if s.name != side {
			continue
		}
		if g := s.wall(a, x, y); g != nil {
			return Placed{ID: g.id, Module: g.m, Placement: g.p}, true
		}
	}
	return Placed{}, false
}
