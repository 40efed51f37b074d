package main

import (
	"fmt"

	"github.com/opensourceecology/prodos/designs"
)

// withOverlay puts the site overlay (e.overlay) on top of the catalog and
// says so on standard error, naming the file and the modules it changes:
// an overlay is never in use silently. A bad overlay is printed as
// file:line:column problems and returns false.
func withOverlay(e *env, cat *designs.Catalog) (*designs.Catalog, bool) {
	if e.overlay == "" {
		return cat, true
	}
	o, err := designs.LoadOverlay(e.overlay, cat)
	if err != nil {
		for _, pe := range designs.Errors(err) {
			fmt.Fprintln(e.stderr, pe.Error())
		}
		return nil, false
	}
	ids := make([]string, len(o.Modules))
	for i, m := range o.Modules {
		ids[i] = m.ID
	}
	fmt.Fprintf(e.stderr, "prodos: site overlay %s in use (%s): %d modules changed: %v\n", e.overlay, o.Source, len(ids), ids)
	return cat.WithOverlay(o), true
}
