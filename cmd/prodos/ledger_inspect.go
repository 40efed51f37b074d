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
	"github.com/opensourceecology/prodos/production/ledger/pgstore"
)

// prodInspectionsFlag is `ledger post --inspections FILE`.
func prodInspectionsFlag(fs *flag.FlagSet) *string {
	return fs.String("inspections", "", "inspections database checked before module-installed (default: inspections.db next to the ledger database; quality control is on once it exists)")
}

// prodInspectionCheck is the install check `ledger post` hands the ledger
// (LedgerService.InstallCheck, asked inside the posting's transaction with
// the count already installed): module-installed needs, for every module
// installed in a house, as many placements whose latest inspection passed
// (inspection.CheckInstall; a failed one lists what to fix). The
// inspections database is --inspections, else inspections.db next to the
// ledger database (in the user's data folder for a postgres:// ledger); quality control is on for a site once that file exists
// (prodos inspect record makes it), and a named file that does not exist
// refuses every install. A nil check means quality control is off (a note
// says so); a nil check with a code other than exitOK means stop.
func prodInspectionCheck(e *env, ledgerPath, path string, events []ledger.Event) (func(house, module string, installed, count int) error, int) {
	houses := map[string][]inspection.Inspection{}
	for _, ev := range events {
		if ev.Type == ledger.EventModuleInstalled {
			houses[ev.House] = nil
		}
	}
	if len(houses) == 0 {
		return nil, exitOK
	}
	named := path != ""
	if !named {
		if ledgerPath == "" || pgstore.IsURL(ledgerPath) {
			ledgerPath = prodDefaultDB() // a database URL has no folder
		}
		path = filepath.Join(filepath.Dir(ledgerPath), "inspections.db")
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if named {
			fmt.Fprintf(e.stderr, "prodos: module-installed needs a passed inspection, and there is no inspections database at %s\n", path)
			return nil, exitProblems
		}
		fmt.Fprintf(e.stderr, "prodos: note: no inspections database at %s: quality control is off, module-installed is not checked against inspections\n", path)
		return nil, exitOK
	}
	st, ok := openInspections(e, path)
	if !ok {
		return nil, exitUsage
	}
	defer st.Close()
	for h := range houses {
		list, err := st.House(context.Background(), h)
		if err != nil {
			fmt.Fprintf(e.stderr, "prodos: inspections: %v\n", err)
			return nil, exitProblems
		}
		houses[h] = list
	}
	return func(house, module string, installed, count int) error {
		return inspection.CheckInstall(houses[house], house, module, installed, count)
	}, exitOK
}
