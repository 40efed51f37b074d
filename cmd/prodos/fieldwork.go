//go:build !js

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/opensourceecology/prodos/production/manufacturing/schedule"
	"github.com/opensourceecology/prodos/production/userdata"
)

// The field records of a build (as-built records, inspections) sit next to
// the ledger: their default files are in the same data directory.

// defaultDataFile is name under the user's data directory, else name.
func defaultDataFile(name string) string {
	p, err := userdata.File(name)
	if err != nil {
		return name
	}
	return p
}

// ensureDir makes the directory of a database file (mode 0700).
func ensureDir(e *env, path string) bool {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return false
	}
	return true
}

// scheduleTask finds a task of the design's schedule by its id ("W7",
// "W7.build") and its module id. An unknown id lists what the design has.
func scheduleTask(d *designs.Design, cat *designs.Catalog, id string) (schedule.Task, string, error) {
	tasks, err := schedule.FromDesign(d, cat)
	if err != nil {
		return schedule.Task{}, "", err
	}
	var ids []string
	for _, t := range tasks {
		if t.ID == id && t.Module >= 0 && t.Module < len(d.Placements) {
			return t, d.Placements[t.Module].Module, nil
		}
		if t.Module >= 0 {
			ids = append(ids, t.ID)
		}
	}
	sort.Strings(ids)
	if len(ids) > 12 {
		ids = append(ids[:12], "...")
	}
	return schedule.Task{}, "", fmt.Errorf("the schedule of %s has no module task %q (its tasks: %s; see prodos schedule DESIGN --format csv)", d.Name, id, strings.Join(ids, ", "))
}

// taskHouse is the ledger's house id of a task: given when set, else the
// design file's house id, and for a design grouped into houses the id of
// the task's house in it (ledger.HouseID, "row/house-1").
func taskHouse(file, given string, t schedule.Task) string {
	switch {
	case given != "":
		return given
	case t.House != "":
		return ledger.HouseID(prodHouseID(file), designs.HouseSlug(t.House))
	}
	return prodHouseID(file)
}

// listFlag is a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }
