package cad

// Pieces are an element's solid boxes relative to its box's min corner: the
// whole box, or for a wall with openings the parts around each opening
// (beside it, below its sill, above its head).
func (e Element) Pieces() []Box {
	if len(e.Openings) == 0 {
		return []Box{{DX: e.Box.DX, DY: e.Box.DY, DZ: e.Box.DZ}}
	}
	run, t, h := e.run()
	var out []Box
	at := Length0
	for _, o := range e.Openings {
		if o.Along > at {
			out = append(out, e.along(at, o.Along-at, 0, h, t))
		}
		if o.Sill > 0 {
			out = append(out, e.along(o.Along, o.W, 0, o.Sill, t))
		}
		if top := o.Sill + o.H; top < h {
			out = append(out, e.along(o.Along, o.W, top, h-top, t))
		}
		at = o.Along + o.W
	}
	if at < run {
		out = append(out, e.along(at, run-at, 0, h, t))
	}
	return out
}

// Fill is the box of a wall's opening relative to the wall's min corner:
// the door or window fills its rough opening through the wall's depth.
func (e Element) Fill(o Opening) Box {
	_, t, _ := e.run()
	return e.along(o.Along, o.W, o.Sill, o.H, t)
}

// run is a wall's length, thickness and height.
func (e Element) run() (run, t, h Length) {
	if e.Horizontal {
		return e.Box.DX, e.Box.DY, e.Box.DZ
	}
	return e.Box.DY, e.Box.DX, e.Box.DZ
}

// along is a box from a along the wall for length n, from height z up dz,
// through the thickness t.
func (e Element) along(a, n, z, dz, t Length) Box {
	if e.Horizontal {
		return Box{X: a, Z: z, DX: n, DY: t, DZ: dz}
	}
	return Box{Y: a, Z: z, DX: t, DY: n, DZ: dz}
}
