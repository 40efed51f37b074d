package main

import (
	"fmt"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine"
	"github.com/opensourceecology/prodos/levels"
)

// The engine's standard rule set runs as part of `prodos validate`: every
// hard violation is printed as "file: rule: message" and makes validate
// exit 1. Soft violations (warnings) are printed by `prodos cost`.
func init() {
	designChecks = append(designChecks, ruleCheck)
}

func ruleCheck(file string, d *designs.Design, cat *designs.Catalog) []string {
	rs, err := levels.Standard()
	if err != nil {
		return []string{fmt.Sprintf("%s: rules: %v", file, err)}
	}
	e, err := engine.FromDesign(d, cat, engine.Options{Rules: rs})
	if err != nil {
		return []string{fmt.Sprintf("%s: rules: %v", file, err)}
	}
	var out []string
	for _, v := range e.Violations() {
		if v.Severity == engine.Hard {
			out = append(out, fmt.Sprintf("%s: %s: %s", file, v.Rule, v.Message))
		}
	}
	return out
}
