package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing/export"
)

func init() {
	register(&command{
		name:    "export",
		usage:   "export DESIGN... --out DIR [--as PROFILE] [--policy P] [--need-by DATE] [--draft] [--packs DIR]",
		summary: "write a build package: design, bom.csv, purchase-orders.csv, cost.csv, plan.svg, jobs/, schedule/, manifest.json",
		run: func(e *env, args []string) int {
			return runExport(e, args, checkProfilePermission)
		},
	})
}

// ExportPermission is the permission a profile needs for export --as.
const ExportPermission = "export-build-package"

// permissionCheck checks that a profile holds a permission (the profiles
// command's checkProfilePermission). When --as is given and it is nil,
// export refuses.
type permissionCheck func(e *env, profile, permission string) error

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

func runExport(e *env, args []string, requirePermission permissionCheck) int {
	fs := newFlags(e, "export")
	out := fs.String("out", "", "output folder (one sub-folder per design when several are given)")
	as := fs.String("as", "", "act as this profile; it must hold the "+ExportPermission+" permission")
	draft := prodDraftFlag(fs)
	sf := prodAddSourcingFlags(fs)
	files, ok := cliArgs(e, fs, args, cliSpec{
		args:  func(pos []string) bool { return len(pos) > 0 && *out != "" },
		check: func() bool { return prodTargetOK(e, "out", *out, true) }})
	if !ok {
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
	// Load, check and build every package before writing anything.
	jobs := make([]exportJob, 0, len(files))
	seen := map[string]string{}
	base, baseSups := cat, sups
	for _, f := range files {
		d, cat, ok := loadDesignPacks(e, base, f, packsFlag(fs))
		if !ok {
			return exitUsage
		}
		sups := baseSups
		if cat != base { // the design's packs add materials, and their suppliers
			if _, sups, ok = sf.request(e, cat); !ok {
				return exitUsage
			}
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
		gate, code := prodGate(e, f, d, cat, *draft)
		if code != exitOK {
			return code
		}
		if _, _, code := prodPlan(e, f, cat, d, req, sups); code != exitOK {
			return code
		}
		if err := export.CheckDir(dir, d.Name); err != nil {
			fmt.Fprintf(e.stderr, "prodos: %s: %v\n", f, err)
			return exitUsage
		}
		pkg, err := export.Package(cat, d, export.Options{Suppliers: sups, Policy: req.Policy, Today: req.Today, NeedBy: req.NeedBy,
			Violations: gate.Violations, Draft: gate.On})
		if err != nil {
			fmt.Fprintf(e.stderr, "prodos: %s: %v\n", f, err)
			return exitProblems
		}
		jobs = append(jobs, exportJob{f, dir, d, gate.On, pkg})
	}
	return writeExports(e, *out, jobs)
}

// exportJob is one checked and composed build package, ready to write.
type exportJob struct {
	file, dir string
	d         *designs.Design
	draft     bool
	files     []export.File
}

// writeExports writes the packages, each by folder swap, and reports them.
func writeExports(e *env, out string, jobs []exportJob) int {
	bar := len(jobs) > 1 && prodIsTerminal(e.stderr)
	for i, j := range jobs {
		if err := export.WriteDir(j.dir, j.files); err != nil {
			fmt.Fprintf(e.stderr, "prodos: %s: %v\n", j.file, err)
			var te *export.TargetError
			if errors.As(err, &te) {
				return exitUsage
			}
			return exitProblems
		}
		if bar {
			prodProgressBar(e.stderr, i+1, len(jobs), j.d.Name)
		}
		if !bar || len(jobs) == 1 {
			mark := ""
			if j.draft {
				mark = " (" + export.DraftMark + ")"
			}
			fmt.Fprintf(e.stdout, "%s: wrote %d files to %s%s\n", j.file, len(j.files), j.dir, mark)
		}
	}
	if bar {
		fmt.Fprintf(e.stdout, "exported %d build packages to %s\n", len(jobs), out)
	}
	return exitOK
}
