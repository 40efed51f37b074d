package main

import (
	"flag"

	"github.com/opensourceecology/prodos/designs"
)

// cliSpec describes the flag half of a command's preamble: how many
// positional arguments it takes and which values --format allows.
type cliSpec struct {
	n       int                     // positional arguments wanted
	args    func(pos []string) bool // replaces the count check when set: false prints the usage
	format  *string                 // --format; nil: the command has none
	formats []string                // the values --format allows
	check   func() bool             // further flag checks (may be nil); prints the problem
}

// cliArgs parses the flags (before or after the positional arguments),
// checks the positional arguments (the usage is printed when they are
// wrong), --format and spec.check. It returns the positional arguments, or
// false when the command must exit 2 (the problem is printed).
func cliArgs(e *env, fs *flag.FlagSet, args []string, spec cliSpec) ([]string, bool) {
	pos, err := parseFlags(fs, args)
	if err != nil {
		return nil, false
	}
	if (spec.args == nil && len(pos) != spec.n) || (spec.args != nil && !spec.args(pos)) {
		fs.Usage()
		return nil, false
	}
	if spec.format != nil && !oneOf(e, "format", *spec.format, spec.formats...) {
		return nil, false
	}
	if spec.check != nil && !spec.check() {
		return nil, false
	}
	return pos, true
}

// prodPre describes the preamble a production command (bom, cost, source,
// jobs, schedule, ledger post) shares: flags, one DESIGN argument, --format,
// the catalog, the design and the hard-rule gate.
type prodPre struct {
	draft   *bool                       // --draft (prodDraftFlag)
	format  *string                     // --format; nil: the command writes tables only
	formats []string                    // the values --format allows
	check   func() bool                 // further flag checks (may be nil); prints the problem
	catalog func(*designs.Catalog) bool // work that needs the catalog before the design is read (may be nil); prints the problem; run again with the catalog extended by the design's module packs
	packs   string                      // --packs: a folder the design's module packs are looked up in first
}

// prodInput is what the preamble hands the command: the design file, the
// catalog, the design, the gate's verdict and the function that flushes
// stdout (marking it DRAFT when the gate says so); defer it.
type prodInput struct {
	file  string
	cat   *designs.Catalog
	d     *designs.Design
	gate  prodDraft
	flush func()
}

// prodPreamble parses the flags, wants exactly one DESIGN argument, checks
// --format and the other flags, then opens the design (prodOpen). On
// failure it has printed the problem and returns a nil input and the exit
// code; else the env to write to (stdout held for DRAFT marking).
func prodPreamble(e *env, fs *flag.FlagSet, args []string, p prodPre) (*prodInput, *env, int) {
	pos, ok := cliArgs(e, fs, args, cliSpec{n: 1, format: p.format, formats: p.formats, check: p.check})
	if !ok {
		return nil, e, exitUsage
	}
	p.packs = packsFlag(fs)
	return prodOpen(e, pos[0], p)
}

// prodOpen loads the catalog, runs p.catalog, loads the design and applies
// the hard-rule gate (exit 1 unless --draft).
func prodOpen(e *env, file string, p prodPre) (*prodInput, *env, int) {
	cat, ok := loadCatalog(e)
	if !ok {
		return nil, e, exitUsage
	}
	if p.catalog != nil && !p.catalog(cat) {
		return nil, e, exitUsage
	}
	base := cat
	d, cat, ok := loadDesignPacks(e, base, file, p.packs)
	if !ok {
		return nil, e, exitUsage
	}
	if cat != base && p.catalog != nil && !p.catalog(cat) {
		return nil, e, exitUsage
	}
	gate, code := prodGate(e, file, d, cat, *p.draft)
	if code != exitOK {
		return nil, e, code
	}
	format := "table"
	if p.format != nil {
		format = *p.format
	}
	out, flush := gate.Stdout(e, format)
	return &prodInput{file: file, cat: cat, d: d, gate: gate, flush: flush}, out, exitOK
}
