package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/opensourceecology/prodos/production/commons"
	"github.com/opensourceecology/prodos/production/ledger"
)

// InspectionsPassed says which houses of a design (by name, along its
// lineage) built by an enterprise's members have passed inspection.
// production/inspection (in progress) will satisfy it from its inspection
// records; until then LedgerInspections satisfies it from the ledger.
type InspectionsPassed interface {
	InspectionsPassed(ctx context.Context, members []string, designNames []string) ([]string, error)
}

// LedgerInspections is the stand-in for inspection records: a house counts
// as passed when the ledger has it completed and a member's module-installed
// record on it was witnessed by a crew lead. It is weaker than an
// inspection (a witness is not an inspector) and is replaced when
// production/inspection lands.
type LedgerInspections struct{ Data *ledger.ValueData }

// Basis says what the stand-in counts, for the certification's evidence.
func (LedgerInspections) Basis() string {
	return "completed, with a member's install witnessed by a crew lead (no inspection records kept: the witness stands in)"
}

// InspectionsPassed implements InspectionsPassed from the ledger.
func (l LedgerInspections) InspectionsPassed(_ context.Context, members, designNames []string) ([]string, error) {
	houses := housesOf(l.Data, designNames)
	mem := set(members)
	seen := map[string]bool{}
	var out []string
	for _, r := range l.Data.Records {
		if r.Op == "install" && r.Witness != "" && mem[r.Person] && houses[r.House] && l.Data.Completed[r.House] && !seen[r.House] {
			seen[r.House] = true
			out = append(out, r.House)
		}
	}
	sort.Strings(out)
	return out, nil
}

func set(list []string) map[string]bool {
	m := map[string]bool{}
	for _, s := range list {
		m[s] = true
	}
	return m
}

func housesOf(d *ledger.ValueData, designNames []string) map[string]bool {
	names := set(designNames)
	out := map[string]bool{}
	for _, h := range d.Houses {
		if names[h.Design] {
			out[h.ID] = true
		}
	}
	return out
}

// Certification is the answer of the OSE Certified check. It is computed
// every time it is shown, never stored.
type Certification struct {
	Enterprise string   `json:"enterprise"`
	Design     string   `json:"design"`
	Certified  bool     `json:"certified"`
	Evidence   []string `json:"evidence"`
	Missing    []string `json:"missing"`
}

// Evidence is what the check reads: the version with its ancestors from
// the commons, and the ledger's verified records.
type Evidence struct {
	Version   commons.Version
	Ancestors []commons.Version
	Ledger    *ledger.ValueData
}

// Certify checks an enterprise's listing of a design: (1) its members hold
// verified contributions to the design or its lineage (authorship of a
// version along the lineage in the commons; witnessed module work or
// witnessed contributions on houses of those designs in the ledger), (2)
// its shop meets the machine criteria for the machines the product needs,
// (3) its builds have passed inspections.
func Certify(ctx context.Context, e Enterprise, q *Quote, ev Evidence, insp InspectionsPassed) (Certification, error) {
	c := Certification{Enterprise: e.ID, Design: ev.Version.Hash, Evidence: []string{}, Missing: []string{}}
	members := make([]string, 0, len(e.Members))
	for _, m := range e.Members {
		members = append(members, m.Profile)
	}
	mem := set(members)
	lineage := append([]commons.Version{ev.Version}, ev.Ancestors...)
	var names []string
	for _, v := range lineage {
		names = append(names, v.Name)
		if mem[v.Author] {
			c.Evidence = append(c.Evidence, fmt.Sprintf("design: %s authored %s (%s) in the commons", v.Author, v.Name, v.Hash[:12]))
		}
	}
	c.Evidence = append(c.Evidence, ledgerEvidence(ev.Ledger, mem, names)...)
	if len(c.Evidence) == 0 {
		c.Missing = append(c.Missing, fmt.Sprintf("contributions: no member (%s) authored a version of %s or its lineage, nor holds witnessed work on a house of it in the ledger",
			strings.Join(members, ", "), ev.Version.Name))
	}
	for _, f := range q.Failures {
		c.Missing = append(c.Missing, "machine criteria: "+f)
	}
	passed, err := insp.InspectionsPassed(ctx, members, names)
	if err != nil {
		return c, fmt.Errorf("inspections: %w", err)
	}
	if len(passed) == 0 {
		c.Missing = append(c.Missing, fmt.Sprintf("inspections: no house of %s built by a member has passed inspection", ev.Version.Name))
	}
	basis := "every installed module passed inspection (inspection records)"
	if b, ok := insp.(interface{ Basis() string }); ok {
		basis = b.Basis()
	}
	for _, h := range passed {
		c.Evidence = append(c.Evidence, "inspection: house "+h+": "+basis)
	}
	c.Certified = len(c.Missing) == 0
	return c, nil
}

// ledgerEvidence lists members' witnessed work on houses of the designs.
func ledgerEvidence(d *ledger.ValueData, mem map[string]bool, names []string) []string {
	if d == nil {
		return nil
	}
	houses := housesOf(d, names)
	var out []string
	for _, r := range d.Records {
		if r.Witness != "" && mem[r.Person] && houses[r.House] {
			out = append(out, fmt.Sprintf("%s: %s %d x %s on house %s, witnessed by %s", r.Op, r.Person, r.Count, r.Module, r.House, r.Witness))
		}
	}
	for _, k := range d.Contributions {
		if k.Witness != "" && mem[k.Person] && houses[k.House] {
			out = append(out, fmt.Sprintf("%s: %s %d min (%s) on house %s, witnessed by %s", k.Kind, k.Person, k.Minutes, k.Skill, k.House, k.Witness))
		}
	}
	return out
}
