package ifc

import (
	"fmt"

	"github.com/opensourceecology/prodos/production/cad"
)

// classes maps element kinds to their IFC entity and predefined type.
var classes = map[string][2]string{
	cad.Foundation: {"IFCSLAB", ".BASESLAB."},
	cad.Floor:      {"IFCSLAB", ".FLOOR."},
	cad.Loft:       {"IFCSLAB", ".FLOOR."},
	cad.Roof:       {"IFCROOF", ".FLAT_ROOF."},
	cad.Wall:       {"IFCWALL", ".STANDARD."},
	cad.Core:       {"IFCBUILDINGELEMENTPROXY", ".NOTDEFINED."},
}

// element writes one placed module (and its openings and their doors and
// windows) and returns what the storey contains of it.
func (s *step) element(e cad.Element, storeyPlace, body string) ([]string, error) {
	cls, ok := classes[e.Kind]
	if !ok {
		return nil, fmt.Errorf("no IFC class for kind %q", e.Kind)
	}
	key := e.PlacementID
	at := e.Box
	at.Y = -(e.Box.Y + e.Box.DY) // IFC's Y runs north
	place := s.add("IFCLOCALPLACEMENT", storeyPlace, s.axis3(at))
	whole := cad.Box{DX: e.Box.DX, DY: e.Box.DY, DZ: e.Box.DZ}
	shape := s.shape([]cad.Box{whole}, body)
	name := str(e.PlacementID + " " + e.Module)
	ref := s.add(cls[0], s.guid(key), "$", name, str(e.Name), str(e.Module), place, shape, str(e.PlacementID), cls[1])
	s.pset(key, ref, e)
	refs := []string{ref}
	for i, o := range e.Openings {
		k := fmt.Sprintf("%s/opening%d", key, i+1)
		fill := ifcBox(e.Fill(o), e.Box.DY)
		local := cad.Box{DX: fill.DX, DY: fill.DY, DZ: fill.DZ}
		oPlace := s.add("IFCLOCALPLACEMENT", place, s.axis3(fill))
		opening := s.add("IFCOPENINGELEMENT", s.guid(k), "$", str(e.PlacementID+" "+o.Kind+" opening"), "$", "$",
			oPlace, s.shape([]cad.Box{local}, body), "$", ".OPENING.")
		s.add("IFCRELVOIDSELEMENT", s.guid(k+"/voids"), "$", "$", "$", ref, opening)
		fPlace := s.add("IFCLOCALPLACEMENT", oPlace, s.axis3(cad.Box{}))
		fName := str(fmt.Sprintf("%s %s %d", e.PlacementID, o.Kind, i+1))
		var filler string
		if o.Kind == "door" {
			filler = s.add("IFCDOOR", s.guid(k+"/fill"), "$", fName, "$", str(e.Module), fPlace, s.shape([]cad.Box{local}, body),
				str(e.PlacementID), m(o.H), m(o.W), ".DOOR.", ".NOTDEFINED.", "$")
		} else {
			filler = s.add("IFCWINDOW", s.guid(k+"/fill"), "$", fName, "$", str(e.Module), fPlace, s.shape([]cad.Box{local}, body),
				str(e.PlacementID), m(o.H), m(o.W), ".WINDOW.", ".NOTDEFINED.", "$")
		}
		s.add("IFCRELFILLSELEMENT", s.guid(k+"/fills"), "$", "$", "$", opening, filler)
		s.pset(k+"/fill", filler, e)
		refs = append(refs, filler)
	}
	return refs, nil
}
