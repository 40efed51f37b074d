package game

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production"
)

// export hands the current design to the production layer: on the desktop
// it writes a build package folder, in the browser it downloads the design
// file and its bill of materials.
func (s *DesignScene) export(g *Game) {
	d := *s.board.Design()
	if d.Name == "" {
		d.Name = s.level.Title
	}
	name := strings.TrimSuffix(s.saveName, ".toml")
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	where, err := exportDesign(g, name, &d)
	if err != nil {
		g.Notify("Not exported: "+err.Error(), true)
		return
	}
	g.Notify("Exported to "+where, false)
}

// bomCSV is the design's bill of materials as the build package's bom.csv.
func bomCSV(cat *designs.Catalog, d *designs.Design) ([]byte, error) {
	b, err := production.BuildBOM(cat, d)
	if err != nil {
		return nil, fmt.Errorf("bill of materials: %w", err)
	}
	var buf bytes.Buffer
	if err := b.WriteCSV(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
