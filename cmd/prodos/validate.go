package main

import (
	"fmt"

	"github.com/opensourceecology/prodos/designs"
)

func init() {
	register(&command{
		name:    "validate",
		usage:   "validate FILE... [--packs DIR]",
		summary: "check design files; print file:line:column: message for each problem",
		run:     runValidate,
	})
}

// designCheck checks a parsed design and returns printable lines.
type designCheck func(file string, d *designs.Design, cat *designs.Catalog) []string

// designChecks are extra checks on a parsed design (the engine's hard
// rules, rules.go; an open licence, commons.go); each returns problems as
// printable lines.
var designChecks = []designCheck{hardRules, openLicence}

// designWarnings are like designChecks, but what they return is printed
// without counting as a problem (the rule set's soft violations).
var designWarnings = []designCheck{softRules}

func runValidate(e *env, args []string) int {
	fs := newFlags(e, "validate")
	packs := addPacksFlag(fs)
	files, ok := cliArgs(e, fs, args, cliSpec{args: func(pos []string) bool { return len(pos) > 0 }})
	if !ok {
		return exitUsage
	}
	cat, ok := loadCatalog(e)
	if !ok {
		return exitUsage
	}
	code := exitOK
	for _, f := range files {
		d, dcat, err := designs.LoadDesignPacks(f, cat, packSource(*packs))
		if err != nil {
			for _, pe := range designs.Errors(err) {
				if pe.File == "" {
					pe.File = f
				}
				fmt.Fprintln(e.stdout, pe.Error())
			}
			code = exitUsage
			continue
		}
		var problems []string
		for _, check := range designChecks {
			problems = append(problems, check(f, d, dcat)...)
		}
		for _, p := range problems {
			fmt.Fprintln(e.stdout, p)
		}
		for _, warn := range designWarnings {
			for _, w := range warn(f, d, dcat) {
				fmt.Fprintln(e.stdout, w)
			}
		}
		if len(problems) > 0 && code == exitOK {
			code = exitProblems
		}
		if len(problems) == 0 {
			fmt.Fprintf(e.stdout, "%s: ok (%d modules)\n", f, len(d.Placements))
		}
	}
	return code
}
