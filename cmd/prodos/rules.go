package main

import (
	"fmt"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
	"github.com/opensourceecology/prodos/levels"
)

// The engine's standard rule set runs as part of `prodos validate`: every
// violation is printed as "file: rule: message" (soft ones as "file: rule:
// warning: message"); hard ones make validate exit 1.

// hardRules is the standard rule set's hard violations (a designCheck).
func hardRules(file string, d *designs.Design, cat *designs.Catalog) []string {
	return ruleCheck(file, d, cat, engine.Hard)
}

// softRules is the standard rule set's soft violations (a designWarnings check).
func softRules(file string, d *designs.Design, cat *designs.Catalog) []string {
	return ruleCheck(file, d, cat, engine.Soft)
}

func ruleCheck(file string, d *designs.Design, cat *designs.Catalog, sev engine.Severity) []string {
	rs, err := levels.Standard()
	if err == nil {
		var e *engine.Engine
		if e, err = engine.FromDesign(d, cat, engine.Options{Rules: rs}); err == nil {
			var out []string
			for _, v := range e.Violations() {
				if v.Severity == sev {
					out = append(out, file+": "+v.String())
				}
			}
			return out
		}
	}
	if sev == engine.Soft {
		return nil // reported once, as a problem
	}
	return []string{fmt.Sprintf("%s: rules: %v", file, err)}
}
