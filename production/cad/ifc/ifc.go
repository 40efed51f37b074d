// Package ifc writes the house model (production/cad) as house.ifc, an IFC4
// STEP physical file (ISO 10303-21): a project in metres with one site,
// building and storey; each placed module an IfcWall, IfcSlab (foundation
// BASESLAB, floor and loft FLOOR), IfcRoof or IfcBuildingElementProxy (a
// utility core) contained in the storey, its geometry one extruded
// rectangle per solid piece; each door and window an IfcOpeningElement
// voiding its wall (IfcRelVoidsElement) filled by an IfcDoor or IfcWindow
// (IfcRelFillsElement). Every element has the property set ProdOS_Module
// (ModuleId, PlacementId, Category, ModuleName). IFC is Z up: the grid's
// east is +X, its north +Y. GlobalIds are hashes of the design name and
// placement ids, so the bytes depend only on the model and Options.
package ifc

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/opensourceecology/prodos/production/cad"
)

// FileName is the package file this package writes.
const FileName = "house.ifc"

// PsetName is the property set every element carries.
const PsetName = "ProdOS_Module"

// Options are the header fields besides the model.
type Options struct {
	// Author is the design's author; Timestamp the file's time stamp
	// (ISO 8601, "2026-11-21T00:00:00"), the export's date so the bytes
	// stay the same for the same export.
	Author    string
	Timestamp string
}

// viewDefinition is the FILE_DESCRIPTION entry MarkDraft adds to.
const viewDefinition = "'ViewDefinition [ReferenceView]'"

// Encode writes the house as an IFC4 STEP file.
func Encode(h *cad.House, opt Options) ([]byte, error) {
	s := &step{seed: h.Name}
	storey, storeyPlace, body := s.spatial(h)
	var contained []string
	for _, e := range h.Elements {
		refs, err := s.element(e, storeyPlace, body)
		if err != nil {
			return nil, fmt.Errorf("ifc: %s %s: %w", e.PlacementID, e.Module, err)
		}
		contained = append(contained, refs...)
	}
	if len(contained) > 0 {
		s.add("IFCRELCONTAINEDINSPATIALSTRUCTURE", s.guid("contained"), "$", "'Storey contents'", "$", list(contained...), storey)
	}
	var out bytes.Buffer
	out.WriteString("ISO-10303-21;\nHEADER;\n")
	fmt.Fprintf(&out, "FILE_DESCRIPTION((%s),'2;1');\n", viewDefinition)
	fmt.Fprintf(&out, "FILE_NAME(%s,%s,(%s),('Production OS'),'Production OS','prodos export','');\n",
		str(FileName), str(opt.Timestamp), str(opt.Author))
	out.WriteString("FILE_SCHEMA(('IFC4'));\nENDSEC;\nDATA;\n")
	out.Write(s.data.Bytes())
	out.WriteString("ENDSEC;\nEND-ISO-10303-21;\n")
	return out.Bytes(), nil
}

// spatial writes the units, the geometric context and the project, site,
// building and storey; it returns the storey, its placement and the body
// representation context.
func (s *step) spatial(h *cad.House) (storey, place, body string) {
	units := []string{
		s.add("IFCSIUNIT", "*", ".LENGTHUNIT.", "$", ".METRE."),
		s.add("IFCSIUNIT", "*", ".AREAUNIT.", "$", ".SQUARE_METRE."),
		s.add("IFCSIUNIT", "*", ".VOLUMEUNIT.", "$", ".CUBIC_METRE."),
		s.add("IFCSIUNIT", "*", ".PLANEANGLEUNIT.", "$", ".RADIAN."),
	}
	ua := s.add("IFCUNITASSIGNMENT", list(units...))
	origin := s.axis3(cad.Box{})
	north := s.add("IFCDIRECTION", list("0.", "1."))
	ctx := s.add("IFCGEOMETRICREPRESENTATIONCONTEXT", "$", "'Model'", "3", "1.E-05", origin, north)
	body = s.add("IFCGEOMETRICREPRESENTATIONSUBCONTEXT", "'Body'", "'Model'", "*", "*", "*", "*", ctx, "$", ".MODEL_VIEW.", "$")
	project := s.add("IFCPROJECT", s.guid("project"), "$", str(h.Name), "$", "$", "$", "$", list(ctx), ua)
	sitePlace := s.add("IFCLOCALPLACEMENT", "$", s.axis3(cad.Box{}))
	site := s.add("IFCSITE", s.guid("site"), "$", "'Site'", "$", "$", sitePlace, "$", "$", ".ELEMENT.", "$", "$", "$", "$", "$")
	bPlace := s.add("IFCLOCALPLACEMENT", sitePlace, s.axis3(cad.Box{}))
	building := s.add("IFCBUILDING", s.guid("building"), "$", str(h.Name), "$", "$", bPlace, "$", "$", ".ELEMENT.", "$", "$", "$")
	place = s.add("IFCLOCALPLACEMENT", bPlace, s.axis3(cad.Box{}))
	storey = s.add("IFCBUILDINGSTOREY", s.guid("storey"), "$", "'Ground floor'", "$", "$", place, "$", "$", ".ELEMENT.", "0.")
	s.add("IFCRELAGGREGATES", s.guid("project-site"), "$", "$", "$", project, list(site))
	s.add("IFCRELAGGREGATES", s.guid("site-building"), "$", "$", "$", site, list(building))
	s.add("IFCRELAGGREGATES", s.guid("building-storey"), "$", "$", "$", building, list(storey))
	return storey, place, body
}

// axis3 is an IfcAxis2Placement3D at the box's min corner, axes default.
func (s *step) axis3(at cad.Box) string {
	p := s.add("IFCCARTESIANPOINT", list(m(at.X), m(at.Y), m(at.Z)))
	return s.add("IFCAXIS2PLACEMENT3D", p, "$", "$")
}

// ifcBox turns a model box (Y south) into IFC axes (Y north) relative to
// the min corner of the element box it lies in (outer; a zero outer for a
// box in storey coordinates).
func ifcBox(b cad.Box, outerDY cad.Length) cad.Box {
	return cad.Box{X: b.X, Y: outerDY - b.Y - b.DY, Z: b.Z, DX: b.DX, DY: b.DY, DZ: b.DZ}
}

// shape is the body representation of boxes (in the element's frame): one
// extruded rectangle each.
func (s *step) shape(boxes []cad.Box, body string) string {
	up := s.add("IFCDIRECTION", list("0.", "0.", "1."))
	var solids []string
	for _, b := range boxes {
		c := s.add("IFCCARTESIANPOINT", list(m(b.DX/2), m(b.DY/2)))
		c = s.add("IFCAXIS2PLACEMENT2D", c, "$")
		prof := s.add("IFCRECTANGLEPROFILEDEF", ".AREA.", "$", c, m(b.DX), m(b.DY))
		solids = append(solids, s.add("IFCEXTRUDEDAREASOLID", prof, s.axis3(cad.Box{X: b.X, Y: b.Y, Z: b.Z}), up, m(b.DZ)))
	}
	rep := s.add("IFCSHAPEREPRESENTATION", body, "'Body'", "'SweptSolid'", list(solids...))
	return s.add("IFCPRODUCTDEFINITIONSHAPE", "$", "$", list(rep))
}

// pset gives obj the ProdOS_Module property set.
func (s *step) pset(key, obj string, e cad.Element) {
	props := []string{
		s.add("IFCPROPERTYSINGLEVALUE", "'ModuleId'", "$", "IFCIDENTIFIER("+str(e.Module)+")", "$"),
		s.add("IFCPROPERTYSINGLEVALUE", "'PlacementId'", "$", "IFCIDENTIFIER("+str(e.PlacementID)+")", "$"),
		s.add("IFCPROPERTYSINGLEVALUE", "'Category'", "$", "IFCLABEL("+str(e.Category)+")", "$"),
		s.add("IFCPROPERTYSINGLEVALUE", "'ModuleName'", "$", "IFCLABEL("+str(e.Name)+")", "$"),
	}
	ps := s.add("IFCPROPERTYSET", s.guid(key+"/pset"), "$", str(PsetName), "$", list(props...))
	s.add("IFCRELDEFINESBYPROPERTIES", s.guid(key+"/pset-rel"), "$", "$", "$", list(obj), ps)
}

// MarkDraft returns the file with mark added to its FILE_DESCRIPTION, the
// header's place for notes about the file.
func MarkDraft(data []byte, mark string) ([]byte, error) {
	old := []byte("FILE_DESCRIPTION((" + viewDefinition)
	if !bytes.Contains(data, old) {
		return nil, fmt.Errorf("ifc: no FILE_DESCRIPTION to mark")
	}
	return bytes.Replace(data, old, append(append([]byte(nil), old...), ","+str(strings.TrimSpace(mark))...), 1), nil
}
