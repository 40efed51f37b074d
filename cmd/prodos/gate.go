package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing/export"
)

// The hard-rule gate shared by every production command (bom, cost, source,
// jobs, schedule, timelapse, export, ledger post): a design that breaks a hard rule
// (what `prodos validate` reports as a problem) is refused with exit 1 and
// the violations listed, unless --draft is given; then every output says
// DRAFT, NOT FOR CONSTRUCTION (export.MarkDraft).

// prodDraftFlag adds --draft to a production command's flags.
func prodDraftFlag(fs *flag.FlagSet) *bool {
	addPacksFlag(fs) // every production command reads a design, and its packs
	return fs.Bool("draft", false, "go on although the design breaks hard rules; every output then says "+export.DraftMark)
}

// prodDraft is the gate's verdict on one design.
type prodDraft struct {
	// Violations are the hard rules broken ("rule: message"); On is set
	// when there are some and --draft allowed them.
	Violations []string
	On         bool
}

// prodGate checks the design's hard rules. With violations and no --draft
// it prints them and returns exit 1; with --draft it warns on stderr and
// returns a draft verdict whose outputs must be marked.
func prodGate(e *env, file string, d *designs.Design, cat *designs.Catalog, draft bool) (prodDraft, int) {
	var v []string
	for _, check := range designChecks {
		for _, p := range check(file, d, cat) {
			v = append(v, strings.TrimPrefix(p, file+": "))
		}
	}
	if len(v) == 0 {
		return prodDraft{}, exitOK
	}
	if !draft {
		fmt.Fprintf(e.stderr, "prodos: %s breaks %d hard rule(s); fix them (prodos validate %s) or pass --draft for outputs marked %s:\n", file, len(v), file, export.DraftMark)
		for _, p := range v {
			fmt.Fprintf(e.stderr, "  %s: %s\n", file, p)
		}
		return prodDraft{}, exitProblems
	}
	fmt.Fprintf(e.stderr, "prodos: %s: %s: the design breaks %d hard rule(s):\n", file, export.DraftMark, len(v))
	for _, p := range v {
		fmt.Fprintf(e.stderr, "  %s: %s\n", file, p)
	}
	return prodDraft{Violations: v, On: true}, exitOK
}

// Mark marks a file's data as a draft (by its name's extension) when the
// verdict is a draft; otherwise it returns data unchanged.
func (g prodDraft) Mark(name string, data []byte) ([]byte, error) {
	if !g.On {
		return data, nil
	}
	return export.MarkDraft(name, data)
}

// Stdout returns the env a command writes its output to, and a function to
// defer: for a draft, stdout is held and written marked (as CSV, JSON or
// text, by format) when the command ends.
func (g prodDraft) Stdout(e *env, format string) (*env, func()) {
	if !g.On {
		return e, func() {}
	}
	var buf bytes.Buffer
	held := *e
	held.stdout = &buf
	ext := ".txt"
	if format == "csv" || format == "json" {
		ext = "." + format
	}
	return &held, func() {
		data, err := export.MarkDraft("stdout"+ext, buf.Bytes())
		if err != nil {
			fmt.Fprintf(e.stderr, "prodos: %s\n", export.DraftMark)
			data = buf.Bytes()
		}
		_, _ = e.stdout.Write(data)
	}
}

// prodTargetOK checks an output path given with a flag before any work: a
// folder flag (--out) must not name an existing file, a file flag (--gantt,
// --db) must not name a folder. It prints the problem; false means bad
// usage (exit 2).
func prodTargetOK(e *env, flagName, path string, wantDir bool) bool {
	if path == "" {
		return true
	}
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return true
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: --%s %s: %v\n", flagName, path, err)
		return false
	}
	switch {
	case wantDir && !fi.IsDir():
		fmt.Fprintf(e.stderr, "prodos: --%s %s is a file; it must name a folder\n", flagName, path)
		return false
	case !wantDir && fi.IsDir():
		fmt.Fprintf(e.stderr, "prodos: --%s %s is a folder; it must name a file\n", flagName, path)
		return false
	}
	return true
}
