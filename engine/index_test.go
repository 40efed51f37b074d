package engine

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cellMod and wall make index entries without a catalog.
func cellMod(id ID, layer, x0, y0, x1, y1 int) *placed {
	return &placed{id: id, layer: layer, x0: x0, y0: y0, x1: x1, y1: y1}
}

func wall(id ID, horiz bool, line, a0, a1 int) *placed {
	return &placed{id: id, layer: 2, edge: true, horiz: horiz, line: line, a0: a0, a1: a1}
}

// spaceModules is what the resolv Space of grid cell (x, y) holds there.
func spaceModules(ix *index, x, y int) []ID {
	var out []ID
	for _, s := range ix.cellShapes(x, y) {
		out = append(out, s.Data().(*placed).id)
	}
	slices.Sort(out)
	return out
}

// TestIndexInResolv: modules live in resolv Spaces, one per chunk; a module
// across a chunk border is a shape in each chunk, and removing it empties
// both; a chunk's Space holds only that chunk's shapes.
func TestIndexInResolv(t *testing.T) {
	const w, h = 3*chunkCells + 2, 2*chunkCells + 1
	ix := newIndex(w, h, 7)
	far := cellMod(1, 0, 0, 0, 1, 1)
	across := cellMod(2, 1, chunkCells-1, chunkCells-1, chunkCells+1, chunkCells+1) // four chunks
	border := wall(3, true, chunkCells, 2, 4)                                       // on a chunk border line
	south := wall(4, true, h, w-2, w)                                               // grid's south edge
	for _, g := range []*placed{far, across, border, south} {
		ix.add(g)
	}
	assert.Len(t, across.shapes, 4, "one shape per chunk")
	assert.Len(t, border.shapes, 2)
	assert.Equal(t, []ID{2}, spaceModules(ix, chunkCells-1, chunkCells-1))
	assert.Equal(t, []ID{2}, spaceModules(ix, chunkCells, chunkCells))
	assert.Nil(t, spaceModules(ix, chunkCells+1, chunkCells), "the inset keeps a module out of its neighbours")
	assert.Equal(t, []ID{3}, spaceModules(ix, 2, chunkCells-1), "a wall registers on both sides")
	assert.Equal(t, []ID{3}, spaceModules(ix, 3, chunkCells))
	assert.Nil(t, spaceModules(ix, 4, chunkCells))
	assert.Equal(t, []ID{4}, spaceModules(ix, w-1, h-1))
	assert.Len(t, ix.spaces[0].Shapes(), 3, "chunk (0,0): far, across, border")
	assert.Equal(t, []*placed{border}, ix.slotAt(true, chunkCells, 3))
	assert.Equal(t, []*placed{south}, ix.slotAt(true, h, w-1))
	assert.Equal(t, []*placed{across}, ix.cellAt(1, chunkCells, chunkCells-1))

	ix.remove(across)
	for _, sp := range ix.spaces {
		if sp != nil {
			for _, s := range sp.Shapes() {
				assert.NotEqual(t, ID(2), s.Data().(*placed).id)
			}
		}
	}
	assert.Nil(t, ix.cellAt(1, chunkCells, chunkCells))
	ix.add(across) // a redo puts the same shapes back
	assert.Len(t, across.shapes, 4)
	assert.Equal(t, []ID{2}, spaceModules(ix, chunkCells, chunkCells))
}

// TestIndexStacks: a resolv cell holds one module per layer and slot;
// modules stacked on it are listed beside it, in id order, whatever is
// removed.
func TestIndexStacks(t *testing.T) {
	ix := newIndex(4, 4, 7)
	a := cellMod(1, 3, 1, 1, 2, 3)
	b := cellMod(2, 3, 1, 2, 2, 4) // on a's second cell
	c := cellMod(3, 3, 1, 3, 2, 4) // on b only
	d := cellMod(4, 0, 1, 1, 2, 2) // another layer: no overlap
	for _, g := range []*placed{a, b, c, d} {
		ix.add(g)
	}
	assert.Equal(t, []ID{1, 4}, spaceModules(ix, 1, 1))
	assert.Equal(t, []ID{1}, spaceModules(ix, 1, 2), "b is stacked, not in the Space")
	assert.Equal(t, []*placed{a, b}, ix.cellAt(3, 1, 2))
	assert.Equal(t, []*placed{b, c}, ix.cellAt(3, 1, 3))
	ix.remove(a)
	assert.Equal(t, []*placed{b}, ix.cellAt(3, 1, 2))
	e := cellMod(5, 3, 1, 1, 2, 2)
	ix.add(e)
	assert.Equal(t, []*placed{e}, ix.cellAt(3, 1, 1))
	ix.add(a) // undo of the removal: a comes back first
	assert.Equal(t, []*placed{a, e}, ix.cellAt(3, 1, 1))
	assert.Equal(t, []*placed{a, b}, ix.cellAt(3, 1, 2))
	var got []ID
	ix.each(1, 1, func(g *placed) bool { got = append(got, g.id); return true })
	assert.Equal(t, []ID{4, 1, 5}, got, "layer by layer, each in id order")
}

// brute is the reference answer for every cell: the modules present, in
// the order each promises ([y*w+x] lists).
func brute(present map[ID]*placed, w, h, layers int) [][]ID {
	var ids []ID
	for id := range present {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	at := make([][][]ID, w*h) // [cell][layer, then n, s, w, e]
	for i := range at {
		at[i] = make([][]ID, layers+4)
	}
	for _, id := range ids {
		g := present[id]
		for y := range h {
			for x := range w {
				if g.touches(x, y) {
					k := g.layer
					if g.edge {
						k = (&index{layers: layers}).slotOf(g, x, y)
					}
					at[y*w+x][k] = append(at[y*w+x][k], id)
				}
			}
		}
	}
	out := make([][]ID, w*h)
	for i := range at {
		out[i] = slices.Concat(at[i]...)
	}
	return out
}

func randomModule(rng *rand.Rand, id ID, w, h int) *placed {
	if rng.IntN(3) == 0 {
		horiz := rng.IntN(2) == 0
		n, m := h, w
		if !horiz {
			n, m = w, h
		}
		a0 := rng.IntN(m)
		return wall(id, horiz, rng.IntN(n+1), a0, min(a0+1+rng.IntN(3), m))
	}
	x0, y0 := rng.IntN(w), rng.IntN(h)
	return cellMod(id, rng.IntN(3), x0, y0, min(x0+1+rng.IntN(3), w), min(y0+1+rng.IntN(3), h))
}

// TestIndexMatchesBruteForce: after every random add and remove (many
// overlapping, across chunk borders), every query answers as a scan of
// all present modules would, in the same order.
func TestIndexMatchesBruteForce(t *testing.T) {
	const w, h, layers = chunkCells + 3, chunkCells + 2, 7
	rng := rand.New(rand.NewPCG(7, 14))
	ix := newIndex(w, h, layers)
	present := map[ID]*placed{}
	var removed []*placed
	for step := range 1000 {
		switch r := rng.IntN(10); {
		case r < 6 || len(present) == 0:
			g := randomModule(rng, ID(step+1), w, h)
			ix.add(g)
			present[g.id] = g
		case r < 8 && len(removed) > 0: // put back a removed module (redo)
			g := removed[len(removed)-1]
			removed = removed[:len(removed)-1]
			ix.add(g)
			present[g.id] = g
		default:
			var ids []ID
			for id := range present {
				ids = append(ids, id)
			}
			slices.Sort(ids)
			g := present[ids[rng.IntN(len(ids))]]
			ix.remove(g)
			delete(present, g.id)
			removed = append(removed, g)
		}
		ref := brute(present, w, h, layers)
		for y := range h {
			for x := range w {
				var got []ID
				ix.each(x, y, func(g *placed) bool { got = append(got, g.id); return true })
				if !slices.Equal(ref[y*w+x], got) {
					require.Equal(t, ref[y*w+x], got, "step %d cell (%d,%d)", step, x, y)
				}
				for l := range layers {
					var want, have []ID
					for _, id := range got {
						if g := present[id]; !g.edge && g.layer == l {
							want = append(want, id)
						}
					}
					for _, g := range ix.cellAt(l, x, y) {
						have = append(have, g.id)
					}
					if !slices.Equal(want, have) {
						require.Equal(t, want, have, "step %d cell (%d,%d) layer %d", step, x, y, l)
					}
				}
			}
		}
		for line := range h + 1 {
			for a := range w {
				var want, have []ID
				for _, g := range present {
					if g.onEdge(true, line, a) {
						want = append(want, g.id)
					}
				}
				slices.Sort(want)
				for _, g := range ix.slotAt(true, line, a) {
					have = append(have, g.id)
				}
				if !slices.Equal(want, have) {
					require.Equal(t, want, have, "step %d slot (%d,%d)", step, line, a)
				}
			}
		}
	}
}
