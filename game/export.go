package game

import (
	"strings"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing/export"
)

// exportToday is the order date of an exported package's purchase orders;
// tests replace it.
var exportToday = time.Now

// export hands the current design to the production layer. The build
// package is composed by production/manufacturing/export, the same composer `prodos
// export` uses; on the desktop it is written as a folder, in the browser it
// is downloaded. A design that breaks a hard rule is exported as a draft:
// every file says DRAFT, NOT FOR CONSTRUCTION and README.txt lists the
// broken rules.
func (s *DesignScene) export(g *Game) {
	d := *s.board.Design()
	if d.Name == "" {
		d.Name = s.level.Title
	}
	d.Packs = g.Cat.PacksUsedBy(&d)
	name := strings.TrimSuffix(s.saveName, ".toml")
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	var hard []string
	for _, v := range s.board.Violations() {
		if v.Hard {
			hard = append(hard, v.Rule+": "+v.Msg)
		}
	}
	files, err := buildPackage(g.Cat, &d, hard)
	if err != nil {
		g.Notify("Not exported: "+err.Error(), true)
		return
	}
	where, err := exportDesign(g, name, files)
	if err != nil {
		g.Notify("Not exported: "+err.Error(), true)
		return
	}
	if len(hard) > 0 {
		g.Notify("Exported as a DRAFT, NOT FOR CONSTRUCTION (the design breaks a rule) to "+where, true)
		return
	}
	g.Notify("Exported to "+where, false)
}

// buildPackage is the design's build package, dated today, as `prodos
// export` makes it with its default options.
func buildPackage(cat *designs.Catalog, d *designs.Design, hard []string) ([]export.File, error) {
	return export.Package(cat, d, export.Options{Today: exportToday(), Violations: hard, Draft: len(hard) > 0})
}
