package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing/export"
	"github.com/opensourceecology/prodos/production/permits"
)

func init() {
	register(&command{
		name:    "export",
		usage:   "export DESIGN... --out DIR [--as PROFILE [--profiles FILE]] [--policy P] [--need-by DATE] [--draft] [--packs DIR]",
		summary: "write a build package: design, bom.csv, purchase-orders.csv, cost.csv, plan.svg, jobs/, schedule/, manifest.json; build-ready only --as a Designer",
		run: func(e *env, args []string) int {
			return runExport(e, args, designerRelease)
		},
	})
}

// ExportPermission is the permission a profile needs for export --as.
const ExportPermission = permits.ExportPermission

// releaseCheck decides the release of a package by the designer named
// with --as ("" for none), from the profile store at profilesDB.
type releaseCheck func(profilesDB, designer string) export.Release

// designerRelease is the release by designer as the profile store shows
// it (permits.Checker.Release): qualified when the profile holds the
// Designer qualification, else with the reason; a store that cannot be
// read is a reason too. Without a designer it is the zero Release.
func designerRelease(profilesDB, designer string) export.Release {
	if designer == "" {
		return export.Release{}
	}
	c, done, err := openChecker(profilesDB)
	if err != nil {
		return export.Release{Designer: designer, Refusal: err.Error()}
	}
	defer done()
	return c.Release(context.Background(), designer)
}

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

func runExport(e *env, args []string, release releaseCheck) int {
	fs := newFlags(e, "export")
	out := fs.String("out", "", "output folder (one sub-folder per design when several are given)")
	as := fs.String("as", "", "release the package as this designer: build-ready only when the profile holds the "+ExportPermission+" permission (the Designer qualification); without it every package is a draft")
	profilesDB := prodProfilesFlag(fs)
	draft := prodDraftFlag(fs)
	sf := prodAddSourcingFlags(fs)
	files, ok := cliArgs(e, fs, args, cliSpec{
		args:  func(pos []string) bool { return len(pos) > 0 && *out != "" },
		check: func() bool { return prodTargetOK(e, "out", *out, true) }})
	if !ok {
		return exitUsage
	}
	rel := release(*profilesDB, *as)
	if *as != "" && !rel.Qualified {
		fmt.Fprintf(e.stderr, "prodos: export --as %s: every package is a draft (%s): %s\n", *as, export.DraftMark, rel.Refusal)
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
		opt := export.Options{Suppliers: sups, Policy: req.Policy, Today: req.Today, NeedBy: req.NeedBy,
			Violations: gate.Violations, Draft: gate.On, Release: rel}
		pkg, err := export.Package(cat, d, opt)
		if err != nil {
			fmt.Fprintf(e.stderr, "prodos: %s: %v\n", f, err)
			return exitProblems
		}
		jobs = append(jobs, exportJob{f, dir, d, rel.Reasons(gate.Violations), rel.Designer, pkg})
	}
	return writeExports(e, *out, jobs)
}

// exportJob is one checked and composed build package, ready to write.
type exportJob struct {
	file, dir string
	d         *designs.Design
	// draft says why the package is a draft (none: build-ready,
	// released by designer).
	draft    []string
	designer string
	files    []export.File
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
			mark := " (build-ready, released by designer " + j.designer + ")"
			if len(j.draft) > 0 {
				mark = " (" + export.DraftMark + ": " + strings.Join(j.draft, "; ") + ")"
			}
			fmt.Fprintf(e.stdout, "%s: wrote %d files to %s%s\n", j.file, len(j.files), j.dir, mark)
		}
	}
	if bar {
		fmt.Fprintf(e.stdout, "exported %d build packages to %s\n", len(jobs), out)
	}
	return exitOK
}
