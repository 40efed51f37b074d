package main

import (
	"fmt"
	"path/filepath"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/jobs"
	"github.com/opensourceecology/prodos/production/schedule"
)

// Wiring between commands that live in separate files: `export --as` checks
// the profile's permission, and every build package also carries the machine
// jobs (nesting, G-code, DXF, SVG, cut lists, job queues) and the crew
// schedule.
func init() {
	requirePermission = checkProfilePermission
	exportExtras = append(exportExtras, exportMachineJobs, exportSchedule)
}

// relative turns the paths a package writer returns into manifest names.
func relative(dir string, paths []string) ([]string, error) {
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		r, err := filepath.Rel(dir, p)
		if err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		out = append(out, filepath.ToSlash(r))
	}
	return out, nil
}

func exportMachineJobs(dir string, d *designs.Design, cat *designs.Catalog) ([]string, error) {
	shops, err := designs.DefaultShops()
	if err != nil {
		return nil, err
	}
	paths, err := jobs.WritePackage(filepath.Join(dir, "jobs"), d, cat, shops[designs.DefaultShopID])
	if err != nil {
		return nil, fmt.Errorf("machine jobs: %w", err)
	}
	return relative(dir, paths)
}

func exportSchedule(dir string, d *designs.Design, cat *designs.Catalog) ([]string, error) {
	paths, err := schedule.WritePackage(filepath.Join(dir, "schedule"), d, cat, nil)
	if err != nil {
		return nil, fmt.Errorf("schedule: %w", err)
	}
	return relative(dir, paths)
}
