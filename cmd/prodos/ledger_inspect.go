//go:build !js

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/opensourceecology/prodos/production/inspection"
	"github.com/opensourceecology/prodos/production/ledger"
)

// prodInspectionsFlag is `ledger post --inspections FILE`.
func prodInspectionsFlag(fs *flag.FlagSet) *string {
	return fs.String("inspections", "", "inspections database checked before module-installed (default: inspections.db next to the ledger database; quality control is on once it exists)")
}

// prodInspectionGate refuses module-installed events for modules without a
// passed inspection (inspection.CheckInstall: the latest inspection of as
// many placements as are installed must have passed; a failed one lists
// what to fix). The inspections database is --inspections, else
// inspections.db next to the ledger database; quality control is on for a
// site once that file exists (prodos inspect record makes it). A named
// file that does not exist refuses every install. Exit 1 on refusal.
func prodInspectionGate(e *env, ledgerPath, path string, events []ledger.Event) int {
	var installs []ledger.Event
	for _, ev := range events {
		if ev.Type == ledger.EventModuleInstalled {
			installs = append(installs, ev)
		}
	}
	if len(installs) == 0 {
		return exitOK
	}
	named := path != ""
	if !named {
		if ledgerPath == "" {
			ledgerPath = prodDefaultDB()
		}
		path = filepath.Join(filepath.Dir(ledgerPath), "inspections.db")
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if named {
			fmt.Fprintf(e.stderr, "prodos: module-installed needs a passed inspection, and there is no inspections database at %s\n", path)
			return exitProblems
		}
		fmt.Fprintf(e.stderr, "prodos: note: no inspections database at %s: quality control is off, module-installed is not checked against inspections\n", path)
		return exitOK
	}
	st, ok := openInspections(e, path)
	if !ok {
		return exitUsage
	}
	defer st.Close()
	byHouse := map[string][]inspection.Inspection{}
	for _, ev := range installs {
		list, seen := byHouse[ev.House]
		if !seen {
			var err error
			if list, err = st.House(context.Background(), ev.House); err != nil {
				fmt.Fprintf(e.stderr, "prodos: inspections: %v\n", err)
				return exitProblems
			}
			byHouse[ev.House] = list
		}
		if err := inspection.CheckInstall(list, ev.House, ev.Module, ev.Count); err != nil {
			fmt.Fprintf(e.stderr, "prodos: %v\n", err)
			return exitProblems
		}
	}
	return exitOK
}
