package store

import (
	"context"
	"fmt"
	"sort"

	"github.com/opensourceecology/prodos/production/inspection"
	"github.com/opensourceecology/prodos/production/ledger"
)

// InspectionRecords satisfies InspectionsPassed from production/inspection:
// a house passes when the ledger has it completed, a member holds witnessed
// work on it, it has inspections, and every module the ledger has installed
// in it has as many placements whose latest inspection passed (the rule
// `ledger post` applies to module-installed: inspection.CheckInstall).
type InspectionRecords struct {
	Ledger *ledger.ValueData
	Store  inspection.Store
}

// InspectionsPassed implements InspectionsPassed from inspection records.
func (r InspectionRecords) InspectionsPassed(ctx context.Context, members, designNames []string) ([]string, error) {
	houses := housesOf(r.Ledger, designNames)
	mem := set(members)
	built := map[string]bool{}
	installed := map[string]map[string]int{}
	for _, rec := range r.Ledger.Records {
		if !houses[rec.House] {
			continue
		}
		if rec.Witness != "" && mem[rec.Person] {
			built[rec.House] = true
		}
		if rec.Op == "install" {
			if installed[rec.House] == nil {
				installed[rec.House] = map[string]int{}
			}
			installed[rec.House][rec.Module] += rec.Count
		}
	}
	var out []string
	for h := range built {
		if !r.Ledger.Completed[h] {
			continue
		}
		list, err := r.Store.House(ctx, h)
		if err != nil {
			return nil, fmt.Errorf("inspections of %s: %w", h, err)
		}
		if len(list) > 0 && allInspected(list, h, installed[h]) {
			out = append(out, h)
		}
	}
	sort.Strings(out)
	return out, nil
}

func allInspected(list []inspection.Inspection, house string, installed map[string]int) bool {
	for module, n := range installed {
		if inspection.CheckInstall(list, house, module, 0, n) != nil {
			return false
		}
	}
	return true
}
