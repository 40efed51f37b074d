package cad

import (
	"fmt"

	"github.com/opensourceecology/prodos/designs"
)

// sillCut names the cut part whose width is a window's sill height (the
// sheathing below the rough opening, from the floor to the sill).
const sillCut = "sheathing below sill"

// wall places an edge module: its box centred on the cell edge, its
// thickness from its framing and its openings centred along it.
func wall(cat *designs.Catalog, m *designs.Module, p designs.Placement, lv levelSet, e *Element) error {
	t := Thickness(cat, m)
	if t <= 0 {
		return fmt.Errorf("no framing members to take the wall thickness from")
	}
	run := designs.Length(m.Cells) * designs.CellSize
	x, y := designs.Length(p.X)*designs.CellSize, designs.Length(p.Y)*designs.CellSize
	switch p.Edge {
	case designs.South:
		y += designs.CellSize
	case designs.East:
		x += designs.CellSize
	}
	e.Horizontal = p.Edge == designs.North || p.Edge == designs.South
	if e.Horizontal {
		e.Box = Box{x, y - t/2, lv.wall, run, t, m.Height}
	} else {
		e.Box = Box{x - t/2, y, lv.wall, t, run, m.Height}
	}
	if m.Opening == "" {
		return nil
	}
	if m.OpeningWidth <= 0 || m.OpeningWidth >= run || m.OpeningHeight <= 0 || m.OpeningHeight >= m.Height {
		return fmt.Errorf("opening %s x %s does not fit the wall %s x %s", m.OpeningWidth, m.OpeningHeight, run, m.Height)
	}
	o := Opening{Kind: m.Opening, Along: (run - m.OpeningWidth) / 2, W: m.OpeningWidth, H: m.OpeningHeight}
	if m.Opening == "window" {
		o.Sill = (m.Height - m.OpeningHeight) / 2
		for _, c := range m.Cuts {
			if c.Name == sillCut && c.Width > 0 && c.Width+m.OpeningHeight < m.Height {
				o.Sill = c.Width
			}
		}
	}
	e.Openings = []Opening{o}
	return nil
}

// plateCut names the framing member whose width is the wall's framing
// depth: the plates run the wall's length and span its full depth.
const plateCut = "plate"

// Thickness is a wall module's thickness: its plates' width (the framing
// depth, 5 1/2 in for 2x6; without plates, the width of the lumber it uses
// most of) plus the thickness of each sheet product it is sheathed with.
func Thickness(cat *designs.Catalog, m *designs.Module) designs.Length {
	var plate, sheets designs.Length
	count := map[designs.Length]int{}
	seen := map[string]bool{}
	for _, c := range m.Cuts {
		mat := cat.Materials[c.SKU]
		if mat == nil {
			continue
		}
		switch mat.Kind {
		case designs.KindLumber:
			count[mat.Width] += c.Qty
			if c.Name == plateCut {
				plate = mat.Width
			}
		case designs.KindSheet:
			if !seen[mat.SKU] {
				seen[mat.SKU] = true
				sheets += mat.Thickness
			}
		}
	}
	if plate == 0 {
		best := 0
		for w, n := range count {
			if n > best || (n == best && w > plate) {
				plate, best = w, n
			}
		}
	}
	if plate == 0 {
		return 0
	}
	return plate + sheets
}
