package export

import (
	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/inspection"
)

// InspectionSheets are the printable inspection sheets of the design's
// modules, one per module id: inspection/<module>.html, with each
// checkpoint, how to measure it, its tolerance and source, and blanks.
func InspectionSheets(cat *designs.Catalog, d *designs.Design) ([]File, error) {
	cs, err := inspection.DefaultCheckpoints(cat)
	if err != nil {
		return nil, err
	}
	var out []File
	seen := map[string]bool{}
	for _, p := range d.Placements {
		if seen[p.Module] {
			continue
		}
		seen[p.Module] = true
		m, err := cat.Module(p.Module)
		if err != nil {
			return nil, err
		}
		out = append(out, File{Name: inspection.SheetDir + "/" + m.ID + ".html", Data: inspection.Sheet(cs, m)})
	}
	return out, nil
}
