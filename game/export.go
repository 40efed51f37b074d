package game

import (
	"context"
	"strings"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing/export"
	"github.com/opensourceecology/prodos/production/permits"
)

// exportToday is the order date of an exported package's purchase orders;
// tests replace it.
var exportToday = time.Now

// export hands the current design to the production layer. The build
// package is composed by production/manufacturing/export, the same composer `prodos
// export` uses; on the desktop it is written as a folder, in the browser it
// is downloaded. It is build-ready only when the learner playing holds the
// Designer qualification (checked in the profile store by
// production/permits, as `prodos export --as` checks it) and the design
// keeps every hard rule; any other export is a draft: every file says
// DRAFT, NOT FOR CONSTRUCTION and README.txt says why.
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
	rel := g.designerRelease()
	files, err := buildPackage(g.Cat, &d, hard, rel)
	if err != nil {
		g.Notify("Not exported: "+err.Error(), true)
		return
	}
	where, err := exportDesign(g, name, files)
	if err != nil {
		g.Notify("Not exported: "+err.Error(), true)
		return
	}
	if why := draftWhy(hard, rel); why != "" {
		g.Notify("Exported as a DRAFT, NOT FOR CONSTRUCTION ("+why+") to "+where, true)
		return
	}
	g.Notify("Exported build-ready, released by "+rel.Designer+", to "+where, false)
}

// designerRelease is the release of an export by the learner playing
// now: qualified when the profile store shows them holding the Designer
// qualification; a guest releases nothing.
func (g *Game) designerRelease() export.Release {
	t := g.trainer()
	if t.prof == nil || t.store == nil || t.quals == nil {
		return export.Release{}
	}
	c := permits.Checker{Store: t.store, Quals: t.quals, Where: t.where}
	return c.Release(context.Background(), t.name)
}

// draftWhy says in short why an export is a draft ("" when build-ready).
func draftWhy(hard []string, rel export.Release) string {
	switch {
	case len(hard) > 0:
		return "the design breaks a rule"
	case rel.Designer == "":
		return "exported by a guest: play as a learner who holds the Designer qualification"
	case !rel.Qualified:
		return rel.Designer + " does not hold the Designer qualification"
	}
	return ""
}

// buildPackage is the design's build package, dated today, as `prodos
// export` makes it with its default options, released by rel.
func buildPackage(cat *designs.Catalog, d *designs.Design, hard []string, rel export.Release) ([]export.File, error) {
	return export.Package(cat, d, export.Options{Today: exportToday(), Violations: hard, Draft: len(hard) > 0, Release: rel})
}
