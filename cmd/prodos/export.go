package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/export"
)

func init() {
	register(&command{
		name:    "export",
		usage:   "export DESIGN... --out DIR [--as PROFILE] [--policy P] [--need-by DATE]",
		summary: "write a build package: design, bom.csv, purchase-orders.csv, cost.csv, plan.svg, manifest.json",
		run:     runExport,
	})
}

// ExportPermission is the permission a profile needs for export --as.
const ExportPermission = "export-build-package"

// requirePermission checks that a profile holds a permission; the profiles
// command sets it. When --as is given and it is nil, export refuses.
var requirePermission func(e *env, profile, permission string) error

// exportExtras add files to every build package. Each writes its files into
// dir and returns their names relative to dir (slash-separated); the
// manifest covers them. They must be deterministic.
var exportExtras []func(dir string, d *designs.Design, cat *designs.Catalog) ([]string, error)

// prodIsTerminal reports whether w is a terminal (a character device);
// tests replace it.
var prodIsTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progressBar draws "[#####     ] 3/10 name" on one terminal line.
func prodProgressBar(w io.Writer, done, total int, name string) {
	const width = 30
	n := done * width / total
	fmt.Fprintf(w, "\r[%s%s] %d/%d %-40.40s", strings.Repeat("#", n), strings.Repeat(" ", width-n), done, total, name)
	if done == total {
		fmt.Fprintln(w)
	}
}

func runExport(e *env, args []string) int {
	fs := newFlags(e, "export")
	out := fs.String("out", "", "output folder (one sub-folder per design when several are given)")
	as := fs.String("as", "", "act as this profile; it must hold the "+ExportPermission+" permission")
	sf := prodAddSourcingFlags(fs)
	files, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(files) == 0 || *out == "" {
		fs.Usage()
		return exitUsage
	}
	if *as != "" {
		if requirePermission == nil {
			fmt.Fprintf(e.stderr, "prodos: export --as %s: profiles are not available in this build, so the %s permission cannot be checked\n", *as, ExportPermission)
			return exitProblems
		}
		if err := requirePermission(e, *as, ExportPermission); err != nil {
			fmt.Fprintf(e.stderr, "prodos: export --as %s: %v\n", *as, err)
			return exitProblems
		}
	}
	cat, ok := loadCatalog(e)
	if !ok {
		return exitUsage
	}
	req, sups, ok := sf.request(e, cat)
	if !ok {
		return exitUsage
	}
	// Load and build every package before writing anything.
	type job struct {
		file, dir string
		d         *designs.Design
		files     []export.File
	}
	jobs := make([]job, 0, len(files))
	seen := map[string]string{}
	for _, f := range files {
		d, ok := loadDesign(e, cat, f)
		if !ok {
			return exitUsage
		}
		dir := *out
		if len(files) > 1 {
			id := prodHouseID(f)
			if prev, dup := seen[id]; dup {
				fmt.Fprintf(e.stderr, "prodos: %s and %s would both export to %s\n", prev, f, filepath.Join(*out, id))
				return exitUsage
			}
			seen[id] = f
			dir = filepath.Join(*out, id)
		}
		if _, _, code := prodPlan(e, f, cat, d, req, sups); code != exitOK {
			return code
		}
		pkg, err := export.Files(cat, d, export.Options{Suppliers: sups, Policy: req.Policy, Today: req.Today, NeedBy: req.NeedBy})
		if err != nil {
			fmt.Fprintf(e.stderr, "prodos: %s: %v\n", f, err)
			return exitUsage
		}
		jobs = append(jobs, job{f, dir, d, pkg})
	}
	bar := len(jobs) > 1 && prodIsTerminal(e.stderr)
	for i, j := range jobs {
		if err := export.Write(j.dir, j.files); err != nil {
			fmt.Fprintf(e.stderr, "prodos: %s: %v\n", j.file, err)
			return exitProblems
		}
		all := j.files
		for _, x := range exportExtras {
			names, err := x(j.dir, j.d, cat)
			if err != nil {
				fmt.Fprintf(e.stderr, "prodos: %s: %v\n", j.file, err)
				return exitProblems
			}
			more, err := export.ReadFiles(j.dir, names)
			if err != nil {
				fmt.Fprintf(e.stderr, "prodos: %s: %v\n", j.file, err)
				return exitProblems
			}
			all = append(all, more...)
		}
		m, err := export.Manifest(j.d, all)
		if err == nil {
			err = export.Write(j.dir, []export.File{m})
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "prodos: %s: %v\n", j.file, err)
			return exitProblems
		}
		if bar {
			prodProgressBar(e.stderr, i+1, len(jobs), j.d.Name)
		}
		if !bar || len(jobs) == 1 {
			fmt.Fprintf(e.stdout, "%s: wrote %d files to %s\n", j.file, len(all)+1, j.dir)
		}
	}
	if bar {
		fmt.Fprintf(e.stdout, "exported %d build packages to %s\n", len(jobs), *out)
	}
	return exitOK
}
