// Package export writes a build package: the folder a builder works from.
// It holds the design file, bom.csv, purchase-orders.csv (one section per
// supplier), cost.csv (the cost breakdown), plan.svg (a plan drawing),
// README.txt (a cover sheet) and manifest.json listing every file with its
// SHA-256. Every file is derived
// from the design and the catalog only, so exporting the same design twice
// (with the same order date) gives byte-identical files.
//
// Other parts add files through Options.Extras (in memory), or write them
// into the folder themselves and pass them back through ReadFiles so that
// Manifest covers them.
package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production"
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
)

// File is one file of the package. Name is a slash-separated path relative
// to the package folder ("bom.csv", "cuts/sheet-1.svg").
type File struct {
	Name string
	Data []byte
}

// Extra adds files to a package; it must be deterministic.
type Extra func(d *designs.Design, cat *designs.Catalog) ([]File, error)

// Options are the inputs besides the design and catalog.
type Options struct {
	// Suppliers to source from; nil means designs.DefaultSuppliers.
	Suppliers []*designs.Supplier
	// Policy, Today and NeedBy are the sourcing request.
	Policy production.Policy
	Today  time.Time
	NeedBy time.Time
	// LabourRate prices labour in the cost breakdown; zero means the
	// catalog's rate.
	LabourRate decimal.Decimal
	// Extras add files after the standard ones.
	Extras []Extra
}

// Files builds every file of the package except the manifest, sorted by name.
func Files(cat *designs.Catalog, d *designs.Design, opt Options) ([]File, error) {
	sups := opt.Suppliers
	if sups == nil {
		var err error
		if sups, err = designs.DefaultSuppliers(cat); err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
	}
	bom, err := production.BuildBOM(cat, d)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	plan, err := production.Source(bom, sups, production.SourceRequest{Policy: opt.Policy, Today: opt.Today, NeedBy: opt.NeedBy})
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
	files := []File{
		{DesignFile, d.Marshal()},
		{BOMFile, bomCSV.Bytes()},
		{PurchaseOrdersFile, poCSV.Bytes()},
		{CostFile, cost},
		{PlanFile, PlanSVG(cat, d)},
		{ReadmeFile, Readme(cat, d, opt.LabourRate, bom, plan)},
	}
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
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	return files, nil
}

// Package is Files plus manifest.json.
func Package(cat *designs.Catalog, d *designs.Design, opt Options) ([]File, error) {
	files, err := Files(cat, d, opt)
	if err != nil {
		return nil, err
	}
	m, err := Manifest(d, files)
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
	Design string          `json:"design"`
	Author string          `json:"author"`
	Files  []ManifestEntry `json:"files"`
}

// Manifest lists files (sorted by name) with their SHA-256 and size.
func Manifest(d *designs.Design, files []File) (File, error) {
	doc := ManifestDoc{Design: d.Name, Author: d.Author, Files: []ManifestEntry{}}
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

// ReadFiles reads named files back from a package folder (for files other
// code wrote there), so the manifest can cover them.
func ReadFiles(dir string, names []string) ([]File, error) {
	out := make([]File, 0, len(names))
	for _, n := range names {
		if !filepath.IsLocal(filepath.FromSlash(n)) {
			return nil, fmt.Errorf("export: file name %q is not a relative path", n)
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(n)))
		if err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		out = append(out, File{path.Clean(n), data})
	}
	return out, nil
}

// Write writes files into dir (created if needed), each atomically through
// a temporary file and a rename.
func Write(dir string, files []File) error {
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := designs.WriteFileAtomic(p, f.Data); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	return nil
}

// Readme is the package's cover sheet: what the house is, what it costs,
// what to order from whom and when it arrives, and what each file holds.
func Readme(cat *designs.Catalog, d *designs.Design, rate decimal.Decimal, bom *production.BOM, plan *production.SourcingPlan) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "Build package: %s\n", d.Name)
	fmt.Fprintf(&b, "Author: %s   Licence: %s\n", d.Author, d.License)
	if d.Description != "" {
		fmt.Fprintf(&b, "\n%s\n", d.Description)
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
	fmt.Fprintf(&b, "\nPurchase orders (purchase-orders.csv), policy %s:\n", plan.Policy)
	for _, po := range plan.Orders {
		fmt.Fprintf(&b, "  %-28s %-9s %3d lines  %10s  delivery %s\n", po.Supplier, po.Region, len(po.Lines),
			po.Total.StringFixed(2), po.Delivery.Format(production.DateLayout))
	}
	fmt.Fprintf(&b, "  %-28s %-9s %3s        %10s  all delivered by %s\n", "total", "", "", plan.Total.StringFixed(2),
		plan.Delivery.Format(production.DateLayout))
	fmt.Fprintf(&b, "\nFiles:\n")
	for _, f := range [][2]string{
		{DesignFile, "the design; open it in the game or check it with prodos validate"},
		{BOMFile, "bill of materials, one line per SKU"},
		{PurchaseOrdersFile, "one section per supplier"},
		{CostFile, "cost per module and for the house"},
		{PlanFile, "plan drawing, one square is 4 ft"},
		{ManifestFile, "SHA-256 of every file; check with sha256sum"},
	} {
		fmt.Fprintf(&b, "  %-20s %s\n", f[0], f[1])
	}
	return b.Bytes()
}

// CostCSV is the cost breakdown: one row per module (count, unit and
// extended materials, labour, machine), the design total (equal to
// cat.DesignCost), then the purchase figures after waste, whole units and
// pack sizes.
func CostCSV(cat *designs.Catalog, d *designs.Design, rate decimal.Decimal, bom *production.BOM, plan *production.SourcingPlan) ([]byte, error) {
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
