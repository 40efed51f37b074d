package export

import (
	"fmt"
	"strings"
)

// Package statuses, as manifest.json's "status" says them.
const (
	StatusBuildReady = "build-ready"
	StatusDraft      = "draft"
)

// Release says who releases a package as build-ready. A package is
// build-ready only when a designer the profile store shows holding the
// Designer qualification (the export-build-package permission) releases
// a design that breaks no hard rule; every other package is a draft.
// The caller checks the designer (production/permits does, for the CLI
// and the game alike); the zero Release is "no designer".
type Release struct {
	// Designer is the profile releasing the package ("" when none was named).
	Designer string
	// Qualified is set when the profile store confirmed that Designer
	// holds the Designer qualification.
	Qualified bool
	// Refusal says why Designer may not release it, when not Qualified.
	Refusal string
}

// NoDesigner is the draft reason of a package no designer released.
const NoDesigner = "no designer released it: a build-ready package needs a designer holding the Designer qualification (prodos export --as PROFILE, or Export in the game as a learner who holds it)"

// Reasons are why a package with these hard-rule violations, released
// so, is a draft: each violation, then the release's own reason. None
// means build-ready.
func (r Release) Reasons(violations []string) []string {
	var out []string
	for _, v := range violations {
		out = append(out, "breaks a hard rule: "+v)
	}
	switch {
	case r.Designer == "":
		out = append(out, NoDesigner)
	case !r.Qualified:
		why := r.Refusal
		if why == "" {
			why = "the profile store does not show the Designer qualification"
		}
		out = append(out, fmt.Sprintf("designer %q may not release a build-ready package: %s", r.Designer, why))
	}
	return out
}

// statusNote heads README.txt: who released a build-ready package, or
// DraftMark and every reason the package is a draft.
func statusNote(r Release, reasons []string) string {
	var b strings.Builder
	if len(reasons) == 0 {
		fmt.Fprintf(&b, "BUILD-READY: released by designer %s (Designer qualification checked against the profile store); the design keeps every hard rule.\n\n", r.Designer)
		return b.String()
	}
	fmt.Fprintf(&b, "%s: this package is a draft because it\n", DraftMark)
	for _, v := range reasons {
		fmt.Fprintf(&b, "  - %s\n", v)
	}
	b.WriteString("\n")
	return b.String()
}
