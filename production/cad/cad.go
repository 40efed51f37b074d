// Package cad turns a design into a neutral 3D model of the house for the
// designers' tools (production/cad/gltf writes it as house.glb,
// production/cad/ifc as house.ifc). Every figure comes from the catalog's
// module geometry: one grid cell is 48 in, walls stand centred on cell
// edges with the module's height, cell modules cover their footprint with
// the module's height as thickness. Lengths stay integer sixteenths of an
// inch (designs.Length); the writers convert to metres once.
//
// Elevations stack by layer: the foundation stands on the ground (z 0),
// floors on the tallest foundation module, walls and cores on the tallest
// floor module, the roof on the tallest wall and lofts hang from the wall
// top (their joists flush with the top plates).
package cad

import (
	"fmt"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/buildseq"
)

// Length is designs.Length, a distance in sixteenths of an inch.
type Length = designs.Length

// Metres converts a length to metres (1 in = 0.0254 m exactly) with one
// correctly rounded division, so 48 in is exactly 1.2192.
func Metres(l Length) float64 { return float64(l*254) / 160000 }

// Length0 is a zero length.
const Length0 Length = 0

// Element kinds, one per IFC class the model maps to.
const (
	Foundation = "foundation" // IfcSlab BASESLAB
	Floor      = "floor"      // IfcSlab FLOOR
	Loft       = "loft"       // IfcSlab FLOOR
	Roof       = "roof"       // IfcRoof / IfcSlab ROOF
	Wall       = "wall"       // IfcWall
	Core       = "core"       // IfcBuildingElementProxy (a utility core)
)

// Box is an axis-aligned box: X runs east, Y south (the grid's directions),
// Z up; all in sixteenths of an inch.
type Box struct {
	X, Y, Z    designs.Length // min corner
	DX, DY, DZ designs.Length // size
}

// Opening is a door or window in a wall, in the wall's own frame: Along is
// the distance from the wall's start to the opening's near side, Sill the
// height of its bottom above the wall's base.
type Opening struct {
	Kind              string // "door" or "window"
	Along, Sill, W, H designs.Length
}

// Element is one placed module.
type Element struct {
	// Index is the placement's index in the design; PlacementID the
	// schedule's id of it ("W7"), or "P<index+1>" when the design has no
	// task graph; Module the module id and Category its category.
	Index       int
	PlacementID string
	Module      string
	Name        string
	Category    string
	Kind        string
	// Box is the element's extent. A wall's box runs along X (Horizontal)
	// or along Y from its start on the cell edge, centred on the edge line.
	Box        Box
	Horizontal bool
	// Openings are a wall's doors and windows (none for other kinds).
	Openings []Opening
}

// House is the model of a design.
type House struct {
	Name     string
	Elements []Element
}

// Build makes the model of d from the catalog's module geometry.
func Build(cat *designs.Catalog, d *designs.Design) (*House, error) {
	lv := levels(cat, d)
	ids := placementIDs(cat, d)
	h := &House{Name: d.Name, Elements: make([]Element, 0, len(d.Placements))}
	for i, p := range d.Placements {
		m, err := cat.Module(p.Module)
		if err != nil {
			return nil, fmt.Errorf("cad: placement %d: %w", i+1, err)
		}
		e := Element{Index: i, PlacementID: ids[i], Module: m.ID, Name: m.Name, Category: m.Category, Kind: kindOf(m)}
		if m.Placement == designs.OnEdge {
			if err := wall(cat, m, p, lv, &e); err != nil {
				return nil, fmt.Errorf("cad: placement %s (%s): %w", e.PlacementID, m.ID, err)
			}
		} else {
			w, dep := m.Footprint(p.Rotation)
			z := lv.base(e.Kind, m)
			e.Box = Box{designs.Length(p.X) * designs.CellSize, designs.Length(p.Y) * designs.CellSize, z,
				designs.Length(w) * designs.CellSize, designs.Length(dep) * designs.CellSize, m.Height}
		}
		h.Elements = append(h.Elements, e)
	}
	return h, nil
}

// kindOf maps a module to its element kind by its layer.
func kindOf(m *designs.Module) string {
	switch m.Layer {
	case "foundation":
		return Foundation
	case "floor":
		return Floor
	case "loft":
		return Loft
	case "roof", "energy":
		return Roof
	case "wall":
		return Wall
	default:
		return Core
	}
}

// placementIDs are the schedule's install-task ids of the placements
// (engine/buildseq), so the model, the plan and the schedule name a module
// alike; "P<n>" where the design has no task graph.
func placementIDs(cat *designs.Catalog, d *designs.Design) []string {
	ids := make([]string, len(d.Placements))
	if g, err := buildseq.FromDesign(d, cat); err == nil {
		for _, t := range g.Tasks {
			if t.Module >= 0 && t.Module < len(ids) {
				ids[t.Module] = t.ID
			}
		}
	}
	for i := range ids {
		if ids[i] == "" {
			ids[i] = fmt.Sprintf("P%d", i+1)
		}
	}
	return ids
}

// levelSet holds the layer elevations of a design.
type levelSet struct{ floor, wall, top designs.Length }

// levels stacks the layers: the tallest module of each layer in the design
// sets where the next one starts.
func levels(cat *designs.Catalog, d *designs.Design) levelSet {
	tall := map[string]designs.Length{}
	for _, p := range d.Placements {
		if m := cat.Modules[p.Module]; m != nil {
			k := kindOf(m)
			tall[k] = max(tall[k], m.Height)
		}
	}
	var l levelSet
	l.floor = tall[Foundation]
	l.wall = l.floor + tall[Floor]
	l.top = l.wall + tall[Wall]
	return l
}

// base is the elevation a cell module of kind k stands on.
func (l levelSet) base(k string, m *designs.Module) designs.Length {
	switch k {
	case Foundation:
		return 0
	case Floor:
		return l.floor
	case Loft:
		return l.top - m.Height
	case Roof:
		return l.top
	default:
		return l.wall
	}
}
