// Package export composes a build package: the folder a builder works
// from. It is the one place the package is made; `prodos export` and the
// game's Export both call Package, so the same design gives the same files
// from either. It holds the design file, bom.csv, purchase-orders.csv (one
// section per supplier), cost.csv (the cost breakdown), plan.svg (a plan
// drawing), README.txt (a cover sheet), the machine jobs under jobs/
// (nesting SVG and DXF, G-code, cut lists, job queues), the crew schedule
// under schedule/ (CSV, JSON, Gantt chart), a printable inspection sheet per
// module under inspection/, the house in 3D for designers' tools
// (house.glb, glTF 2.0; house.ifc, IFC4) and manifest.json listing every
// file with its SHA-256. Every file is derived from the design and the
// catalog only, so exporting the same design twice (with the same order
// date) gives byte-identical files.
//
// A package is build-ready only when a designer holding the Designer
// qualification releases a design that keeps every hard rule
// (Options.Release); any other package is a draft: every file says
// DRAFT, NOT FOR CONSTRUCTION and README.txt says why.
//
// The package is pure Go (no cgo, no database), so the browser build uses it
// too: it downloads the package as one zip (Zip). WriteDir writes it as a
// folder, replacing an earlier export whole, never mixing old and new files.
package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing"
	"github.com/opensourceecology/prodos/production/manufacturing/jobs"
	"github.com/opensourceecology/prodos/production/manufacturing/schedule"
	"github.com/shopspring/decimal"
)

// File names of the build package.
const (
	DesignFile         = "design.toml"
	BOMFile            = "bom.csv"
	PurchaseOrdersFile = "purchase-orders.csv"
	CostFile           = "cost.csv"
	PlanFile           = "plan.svg"
	ReadmeFile         = "README.txt"
	ManifestFile       = "manifest.json"
	// JobsDir and ScheduleDir hold the machine jobs and the crew schedule.
	JobsDir     = "jobs"
	ScheduleDir = "schedule"
	// PacksDir holds the module packs the design names, each as HASH.toml
	// with its bytes unchanged (never marked DRAFT: a pack is its hash), so
	// `prodos validate design.toml --packs packs` works from the package.
	PacksDir = "packs"
)

// File is one file of the package. Name is a slash-separated path relative
// to the package folder ("bom.csv", "jobs/gcode/SHT-OSB-716-01.nc").
type File struct {
	Name string
	Data []byte
}

// Extra adds files to a package; it must be deterministic.
type Extra func(d *designs.Design, cat *designs.Catalog) ([]File, error)

// Options are the inputs besides the design and catalog. The zero value of
// every field but Today is the default `prodos export` uses.
type Options struct {
	// Suppliers to source from; nil means designs.DefaultSuppliers.
	Suppliers []*designs.Supplier
	// Policy, Today and NeedBy are the sourcing request. Today, the order
	// date of the purchase orders, is required.
	Policy manufacturing.Policy
	Today  time.Time
	NeedBy time.Time
	// LabourRate prices labour in the cost breakdown; zero means the
	// catalog's rate.
	LabourRate decimal.Decimal
	// Shop makes the machine jobs; nil means the default shop.
	Shop *designs.Shop
	// Crew operates the machines and builds the house; nil means the
	// default crew.
	Crew *designs.Crew
	// Violations are the hard rules the design breaks (from the caller's
	// rule check). A package of such a design is refused unless Draft is
	// set; then every file says DraftMark and README.txt lists them.
	Violations []string
	Draft      bool
	// Release is who releases the package. Without a qualified designer
	// the package is a draft whatever Draft says: every file says
	// DraftMark and README.txt says why (Release.Reasons).
	Release Release
	// Extras add files after the standard ones.
	Extras []Extra
}

// Files builds every file of the package except the manifest, sorted by name.
func Files(cat *designs.Catalog, d *designs.Design, opt Options) ([]File, error) {
	if opt.Today.IsZero() {
		return nil, fmt.Errorf("export: no order date for the purchase orders (Options.Today)")
	}
	if len(opt.Violations) > 0 && !opt.Draft {
		return nil, fmt.Errorf("export: %s breaks %d hard rule(s), export it as a draft or fix it: %s",
			d.Name, len(opt.Violations), strings.Join(opt.Violations, "; "))
	}
	sups := opt.Suppliers
	if sups == nil {
		var err error
		if sups, err = designs.DefaultSuppliers(cat); err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
	}
	bom, err := manufacturing.BuildBOM(cat, d)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	plan, err := manufacturing.Source(bom, sups, manufacturing.SourceRequest{Policy: opt.Policy, Today: opt.Today, NeedBy: opt.NeedBy})
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	var bomCSV, poCSV bytes.Buffer
	if err := bom.WriteCSV(&bomCSV); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	if err := plan.WriteCSV(&poCSV); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	cost, err := CostCSV(cat, d, opt.LabourRate, bom, plan)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	lifetime, err := LifetimeCSV(cat, d, opt.LabourRate)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	reasons := opt.Release.Reasons(opt.Violations)
	opt.Draft = len(reasons) > 0
	readme := append([]byte(statusNote(opt.Release, reasons)), Readme(cat, d, opt.LabourRate, bom, plan)...)
	files := []File{
		{DesignFile, d.Marshal()},
		{BOMFile, bomCSV.Bytes()},
		{PurchaseOrdersFile, poCSV.Bytes()},
		{CostFile, cost},
		{PlanFile, PlanSVG(cat, d)},
		{ReadmeFile, readme},
		{LifetimeFile, lifetime},
	}
	work, err := workFiles(cat, d, opt)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	files = append(files, work...)
	for _, h := range d.Packs {
		for _, pk := range cat.Packs() {
			if pk.Hash == h {
				files = append(files, File{PacksDir + "/" + h + ".toml", pk.Data})
			}
		}
	}
	sheets, err := InspectionSheets(cat, d)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	files = append(files, sheets...)
	models, err := HouseModels(cat, d, opt)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	files = append(files, models...)
	for _, x := range opt.Extras {
		more, err := x(d, cat)
		if err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		files = append(files, more...)
	}
	seen := map[string]bool{}
	for _, f := range files {
		if !filepath.IsLocal(filepath.FromSlash(f.Name)) || f.Name == ManifestFile || seen[f.Name] {
			return nil, fmt.Errorf("export: file name %q is not a unique relative path", f.Name)
		}
		seen[f.Name] = true
	}
	if opt.Draft {
		for i := range files {
			if strings.HasPrefix(files[i].Name, PacksDir+"/") {
				continue
			}
			if files[i].Data, err = MarkDraft(files[i].Name, files[i].Data); err != nil {
				return nil, fmt.Errorf("export: %w", err)
			}
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	return files, nil
}

// workFiles are the machine jobs (jobs/) and the crew schedule (schedule/)
// of the design in the shop, with the crew.
func workFiles(cat *designs.Catalog, d *designs.Design, opt Options) ([]File, error) {
	shop := opt.Shop
	if shop == nil {
		shops, err := designs.DefaultShops()
		if err != nil {
			return nil, err
		}
		if shop = shops[designs.DefaultShopID]; shop == nil {
			return nil, fmt.Errorf("no default shop %q", designs.DefaultShopID)
		}
	}
	crew := opt.Crew
	if crew == nil {
		crews, err := designs.DefaultCrews(cat)
		if err != nil {
			return nil, err
		}
		if crew = crews[designs.DefaultCrewID]; crew == nil {
			return nil, fmt.Errorf("no default crew %q", designs.DefaultCrewID)
		}
	}
	p, err := jobs.Build(d, cat, shop)
	if err != nil {
		return nil, fmt.Errorf("machine jobs: %w", err)
	}
	if err := p.AssignCrew(crew); err != nil {
		return nil, fmt.Errorf("machine jobs: %w", err)
	}
	jf, err := p.Files(cat)
	if err != nil {
		return nil, fmt.Errorf("machine jobs: %w", err)
	}
	s, err := schedule.PlanDesign(d, cat, crew)
	if err != nil {
		return nil, fmt.Errorf("schedule: %w", err)
	}
	sf, err := s.Files(d, cat, shop.HoursPerDay)
	if err != nil {
		return nil, fmt.Errorf("schedule: %w", err)
	}
	var out []File
	for _, part := range []struct {
		dir   string
		files map[string][]byte
	}{{JobsDir, jf}, {ScheduleDir, sf}} {
		for n, data := range part.files {
			out = append(out, File{part.dir + "/" + n, data})
		}
	}
	return out, nil
}

// Package is Files plus manifest.json. The manifest of a build-ready
// package (opt.Release a qualified designer, no violations) has status
// "build-ready" and "released_by"; any other is marked a draft.
func Package(cat *designs.Catalog, d *designs.Design, opt Options) ([]File, error) {
	files, err := Files(cat, d, opt)
	if err != nil {
		return nil, err
	}
	if len(opt.Release.Reasons(opt.Violations)) == 0 {
		m, err := manifestReleased(d, files, opt.Release.Designer)
		if err != nil {
			return nil, err
		}
		return append(files, m), nil
	}
	m, err := Manifest(d, files)
	if err == nil {
		m.Data, err = MarkDraft(m.Name, m.Data)
	}
	if err != nil {
		return nil, err
	}
	return append(files, m), nil
}

// ManifestEntry is one file in manifest.json.
type ManifestEntry struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Bytes  int    `json:"bytes"`
}

// ManifestDoc is manifest.json.
type ManifestDoc struct {
	// Draft is DraftMark in a draft package, else absent.
	Draft string `json:"draft,omitempty"`
	// Status is StatusBuildReady, with ReleasedBy the designer who
	// released it, or StatusDraft.
	Status     string `json:"status"`
	ReleasedBy string `json:"released_by,omitempty"`
	Design     string `json:"design"`
	// DesignSHA256 is the design's hash (Design.SHA256), the one the
	// G-code and DXF headers name.
	DesignSHA256 string          `json:"design_sha256"`
	Author       string          `json:"author"`
	Files        []ManifestEntry `json:"files"`
}

// Manifest lists files (sorted by name) with their SHA-256 and size, as
// a draft's manifest (Package marks it).
func Manifest(d *designs.Design, files []File) (File, error) {
	return manifest(d, files, ManifestDoc{Status: StatusDraft})
}

// manifestReleased is the manifest of a build-ready package.
func manifestReleased(d *designs.Design, files []File, designer string) (File, error) {
	return manifest(d, files, ManifestDoc{Status: StatusBuildReady, ReleasedBy: designer})
}

func manifest(d *designs.Design, files []File, doc ManifestDoc) (File, error) {
	doc.Design, doc.DesignSHA256, doc.Author, doc.Files = d.Name, d.SHA256(), d.Author, []ManifestEntry{}
	for _, f := range files {
		sum := sha256.Sum256(f.Data)
		doc.Files = append(doc.Files, ManifestEntry{Name: f.Name, SHA256: hex.EncodeToString(sum[:]), Bytes: len(f.Data)})
	}
	sort.Slice(doc.Files, func(i, j int) bool { return doc.Files[i].Name < doc.Files[j].Name })
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return File{}, fmt.Errorf("manifest: %w", err)
	}
	return File{ManifestFile, append(data, '\n')}, nil
}

// Readme is the package's cover sheet: what the house is, what it costs,
// what to order from whom and when it arrives, and what each file holds.
func Readme(cat *designs.Catalog, d *designs.Design, rate decimal.Decimal, bom *manufacturing.BOM, plan *manufacturing.SourcingPlan) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "Build package: %s\n", d.Name)
	fmt.Fprintf(&b, "Author: %s   Licence: %s\n", d.Author, d.License)
	if d.Description != "" {
		fmt.Fprintf(&b, "\n%s\n", d.Description)
	}
	if o := cat.Overlay(); o != nil {
		fmt.Fprintf(&b, "\nSite overlay in use: %s (%s): %d modules' labour or waste replaced by measured figures.\n", filepath.Base(o.File), o.Source, len(o.Modules))
	}
	counts := map[string]int{}
	var ids []string
	for _, p := range d.Placements {
		if counts[p.Module] == 0 {
			ids = append(ids, p.Module)
		}
		counts[p.Module]++
	}
	sort.Strings(ids)
	fmt.Fprintf(&b, "\nGrid %d x %d ft; %d modules:\n", d.Grid.Width*4, d.Grid.Height*4, len(d.Placements))
	for _, id := range ids {
		name := id
		if m := cat.Modules[id]; m != nil {
			name = m.Name
		}
		fmt.Fprintf(&b, "  %4d  %-20s %s\n", counts[id], id, name)
	}
	c := cat.DesignCost(d, rate)
	fmt.Fprintf(&b, "\nCost (cost.csv): materials %s, labor %s, machine %s, total %s\n",
		c.Materials.StringFixed(2), c.Labour.StringFixed(2), c.Machine.StringFixed(2), c.Total().StringFixed(2))
	fmt.Fprintf(&b, "Materials to buy with waste and whole units (bom.csv): %d lines, %s\n", len(bom.Lines), bom.Total.StringFixed(2))
	b.WriteString(lifetimeSummary(cat, d, rate))
	fmt.Fprintf(&b, "\nPurchase orders (purchase-orders.csv), policy %s:\n", plan.Policy)
	for _, po := range plan.Orders {
		fmt.Fprintf(&b, "  %-28s %-9s %3d lines  %10s  delivery %s\n", po.Supplier, po.Region, len(po.Lines),
			po.Total.StringFixed(2), po.Delivery.Format(manufacturing.DateLayout))
	}
	fmt.Fprintf(&b, "  %-28s %-9s %3s        %10s  all delivered by %s\n", "total", "", "", plan.Total.StringFixed(2),
		plan.Delivery.Format(manufacturing.DateLayout))
	fmt.Fprintf(&b, "\nFiles:\n")
	for _, f := range [][2]string{
		{DesignFile, "the design; open it in the game or check it with prodos validate"},
		{BOMFile, "bill of materials, one line per SKU"},
		{PurchaseOrdersFile, "one section per supplier"},
		{CostFile, "cost per module and for the house"},
		{LifetimeFile, "finished house by phase, 50-year life-cycle cost, repairability"},
		{PlanFile, "plan drawing, one square is 4 ft"},
		{JobsDir + "/", "machine jobs: nesting (SVG, DXF), G-code, cut lists, job queues"},
		{ScheduleDir + "/", "crew schedule: schedule.csv, schedule.json, gantt.svg"},
		{GLBFile, "the house in 3D (glTF 2.0): Blender, any glTF viewer"},
		{IFCFile, "the house as IFC4 walls, slabs, roof, doors, windows: FreeCAD, BIM viewers"},
		{ManifestFile, "SHA-256 of every file; check with sha256sum"},
	} {
		fmt.Fprintf(&b, "  %-20s %s\n", f[0], f[1])
	}
	if len(d.Packs) > 0 {
		fmt.Fprintf(&b, "  %-20s %s\n", PacksDir+"/", "the module packs the design uses (HASH.toml): prodos validate design.toml --packs packs")
	}
	return b.Bytes()
}

// CostCSV is the cost breakdown: one row per module (count, unit and
// extended materials, labour, machine), the design total (equal to
// cat.DesignCost), then the purchase figures after waste, whole units and
// pack sizes.
func CostCSV(cat *designs.Catalog, d *designs.Design, rate decimal.Decimal, bom *manufacturing.BOM, plan *manufacturing.SourcingPlan) ([]byte, error) {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	_ = cw.Write([]string{"module", "name", "count", "materials", "labor", "machine", "total"})
	counts := map[string]int64{}
	var order []string
	for _, p := range d.Placements {
		if counts[p.Module] == 0 {
			order = append(order, p.Module)
		}
		counts[p.Module]++
	}
	sort.Strings(order)
	for _, id := range order {
		m, err := cat.Module(id)
		if err != nil {
			return nil, err
		}
		n := decimal.NewFromInt(counts[id])
		c := cat.ModuleCost(m, rate)
		_ = cw.Write([]string{id, m.Name, n.String(), c.Materials.Mul(n).StringFixed(2), c.Labour.Mul(n).StringFixed(2),
			c.Machine.Mul(n).StringFixed(2), c.Total().Mul(n).StringFixed(2)})
	}
	t := cat.DesignCost(d, rate)
	_ = cw.Write([]string{"design total", "", fmt.Sprint(len(d.Placements)), t.Materials.StringFixed(2), t.Labour.StringFixed(2),
		t.Machine.StringFixed(2), t.Total().StringFixed(2)})
	_ = cw.Write([]string{"materials with waste and whole units (bom.csv)", "", "", bom.Total.StringFixed(2), "", "", ""})
	_ = cw.Write([]string{"materials as ordered (purchase-orders.csv)", "", "", plan.Total.StringFixed(2), "", "", ""})
	cw.Flush()
	if err := cw.Error(); err != nil {
		return nil, fmt.Errorf("cost csv: %w", err)
	}
	return buf.Bytes(), nil
}
