//go:build !js

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/commons"
	commonsstore "github.com/opensourceecology/prodos/production/commons/sqlitestore"
	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/opensourceecology/prodos/production/training/profiles"
	profilestore "github.com/opensourceecology/prodos/production/training/profiles/sqlitestore"
	"github.com/opensourceecology/prodos/production/value"
)

func init() {
	register(&command{
		name:    "value",
		usage:   "value [--db FILE] [--profiles FILE] [--commons-db FILE] [--format table|json] [--explain PERSON]",
		summary: "each person's share of the value produced and reputation, from verified output only; --explain traces one person's figures to ledger entries",
		run:     runValue,
	})
}

type valuePersonJSON struct {
	Person           string           `json:"person"`
	CreditedMinutes  string           `json:"credited_minutes"`
	Attributed       string           `json:"attributed"`
	Share            string           `json:"share"`
	ModulesBuilt     int              `json:"modules_built"`
	ModulesInstalled int              `json:"modules_installed"`
	DesignUses       int              `json:"design_uses"`
	WitnessedEvents  int              `json:"witnessed_events"`
	VerifiedMinutes  string           `json:"verified_minutes"`
	Reputation       string           `json:"reputation"`
	Claimed          map[string]int64 `json:"claimed_minutes"`
}

type valueReportJSON struct {
	Sales             string            `json:"sales"`
	Produced          string            `json:"produced"`
	Unattributed      string            `json:"unattributed"`
	UnattributedShare string            `json:"unattributed_share"`
	WitnessesChecked  bool              `json:"witnesses_checked"`
	People            []valuePersonJSON `json:"people"`
}

func runValue(e *env, args []string) int {
	fs := newFlags(e, "value")
	dbPath := fs.String("db", "", "ledger database file (default: "+prodDefaultDB()+")")
	profPath := fs.String("profiles", defaultProfilesDB(), "profiles database that checks witnesses (none: witnesses are not checked)")
	format := fs.String("format", "table", "output format: table or json")
	commonsDB := fs.String("commons-db", defaultCommonsDB(), "commons database whose lineage shares the design credit of houses built from remixes (none: the ledger author keeps it)")
	explain := fs.String("explain", "", "trace one person's share and reputation to the ledger entries they came from")
	_, db, svc, code := prodLedgerArgs(e, fs, args, dbPath, cliSpec{format: format, formats: []string{"table", "json"}})
	if db == nil {
		return code
	}
	defer db.Close()
	fail := func(err error) int {
		fmt.Fprintf(e.stderr, "prodos: value: %v\n", err)
		return exitProblems
	}
	vd, err := svc.ValueData(context.Background())
	if err != nil {
		return fail(err)
	}
	cat, err := designs.DefaultCatalog()
	if err != nil {
		return fail(err)
	}
	pol, err := value.DefaultPolicy()
	if err != nil {
		return fail(err)
	}
	var checkFailed error
	check, closeProfiles, err := valueWitnessCheck(*profPath, pol.Claims.WitnessPermission, &checkFailed)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: value: profiles database: %v\n", err)
		return exitUsage
	}
	defer closeProfiles()
	lineage, err := valueLineage(*commonsDB, vd)
	if err != nil {
		return fail(err)
	}
	r, err := value.Compute(value.Input{Data: vd, Catalog: cat, Policy: pol, Check: check, Lineage: lineage})
	if err = errors.Join(err, checkFailed); err != nil {
		return fail(err)
	}
	if *explain != "" {
		return valueExplain(e, r, *explain, *format)
	}
	if *format == "json" {
		return valueJSON(e, r)
	}
	return valueTable(e, r, *profPath)
}

// valueLineage reads, from the commons database at path (none: no
// lineage), the designers along the lineage of each house's design file
// hash (ledger.House.DesignHash).
func valueLineage(path string, vd *ledger.ValueData) (map[string][]string, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, nil
	}
	st, err := commonsstore.Open(path)
	if err != nil {
		return nil, fmt.Errorf("commons database: %w", err)
	}
	defer st.Close()
	out := map[string][]string{}
	for _, h := range vd.Houses {
		if h.DesignHash == "" {
			continue
		}
		ds, err := commons.Designers(context.Background(), st, h.DesignHash)
		if err != nil {
			return nil, fmt.Errorf("house %s: %w", h.ID, err)
		}
		if len(ds) > 0 {
			out[h.ID] = ds
		}
	}
	return out, nil
}

// valueWitnessCheck checks witnesses against the profiles database at
// path, or returns a nil checker when there is no such file. A check
// that fails other than by the witness lacking the permission (the
// database unreadable) is joined into *failed: the report is not shown.
func valueWitnessCheck(path, permission string, failed *error) (value.Checker, func(), error) {
	if _, err := os.Stat(path); err != nil {
		return nil, func() {}, nil
	}
	cat, err := designs.DefaultCatalog()
	if err != nil {
		return nil, nil, err
	}
	set, err := levels.Challenges(cat)
	if err != nil {
		return nil, nil, err
	}
	q, err := levels.Qualifications(set)
	if err != nil {
		return nil, nil, err
	}
	st, err := profilestore.Open(path)
	if err != nil {
		return nil, nil, err
	}
	type verdict struct {
		ok  bool
		why string
	}
	seen := map[string]verdict{}
	check := func(witness string) (bool, string) {
		if v, ok := seen[witness]; ok {
			return v.ok, v.why
		}
		var v verdict
		switch err := profiles.Check(context.Background(), st, q, witness, permission); {
		case err == nil:
			v.ok = true
		case errors.Is(err, profiles.ErrNotFound):
			v.why = fmt.Sprintf("witness %q has no profile", witness)
		case errors.Is(err, profiles.ErrNotPermitted):
			v.why = err.Error()
		default:
			*failed = errors.Join(*failed, err)
			v.why = err.Error()
		}
		seen[witness] = v
		return v.ok, v.why
	}
	return check, func() { st.Close() }, nil
}

func valueExplain(e *env, r *value.Report, person, format string) int {
	ex, err := r.Explain(person)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: value --explain: %v\n", err)
		return exitUsage
	}
	if format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(ex)
	} else {
		err = ex.WriteText(e.stdout)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	return exitOK
}

func valueJSON(e *env, r *value.Report) int {
	out := valueReportJSON{Sales: r.Sales.StringFixed(2), Produced: r.Produced.StringFixed(2), Unattributed: r.Unattributed.StringFixed(2),
		UnattributedShare: value.ShareOf(r.UnattributedBP).StringFixed(4), WitnessesChecked: r.Checked, People: []valuePersonJSON{}}
	for _, p := range r.People {
		out.People = append(out.People, valuePersonJSON{Person: p.Name, CreditedMinutes: p.Credited.String(), Attributed: p.Attributed.StringFixed(2),
			Share: p.Share().StringFixed(4), ModulesBuilt: p.ModulesBuilt, ModulesInstalled: p.ModulesInstalled, DesignUses: p.DesignUses,
			WitnessedEvents: p.WitnessedEvents, VerifiedMinutes: p.VerifiedMinutes.String(), Reputation: p.Reputation.StringFixed(2), Claimed: p.Claimed})
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	return exitOK
}

func valueTable(e *env, r *value.Report, profPath string) int {
	fmt.Fprintf(e.stdout, "houses sold for %s; value added (sales less materials) %s", r.Sales.StringFixed(2), r.Produced.StringFixed(2))
	if r.Unattributed.Sign() > 0 {
		fmt.Fprintf(e.stdout, "; %s (%s %%) from houses with no credited work, unattributed",
			r.Unattributed.StringFixed(2), value.ShareOf(r.UnattributedBP).Shift(2).StringFixed(2))
	}
	fmt.Fprintln(e.stdout)
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "PERSON\tCREDITED MIN\tATTRIBUTED\tSHARE\tBUILT\tINSTALLED\tDESIGN USES\tWITNESSED\tREPUTATION\tCLAIMED H\t")
	for _, p := range r.People {
		kinds := make([]string, 0, len(p.Claimed))
		for k := range p.Claimed {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		var hrs []string
		for _, k := range kinds {
			hrs = append(hrs, fmt.Sprintf("%s %s", k, hoursOf(p.Claimed[k])))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s%%\t%d\t%d\t%d\t%d\t%s\t%s\t\n", p.Name, p.Credited.StringFixed(2), p.Attributed.StringFixed(2),
			p.Share().Shift(2).StringFixed(2), p.ModulesBuilt, p.ModulesInstalled, p.DesignUses, p.WitnessedEvents,
			p.Reputation.StringFixed(2), dashIfEmpty(strings.Join(hrs, ", ")))
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	pol := r.Policy
	fmt.Fprintf(e.stdout, "credited minutes: modules built and installed at the catalog's standard minutes, %s%% of them to the design's author,\n",
		pol.Design.Credit.Shift(2).String())
	fmt.Fprintf(e.stdout, "  claimed hours only when a witness holding %s signed them (completed houses only); each sold house's value added\n",
		pol.Claims.WitnessPermission)
	fmt.Fprintln(e.stdout, "  is split by them to the cent and shares sum to 100.00 % (largest remainder)")
	fmt.Fprintln(e.stdout, "reputation: standard hours of verified output (module work, design credit, witnessed hours a checked crew lead signed)")
	if !r.Checked {
		fmt.Fprintf(e.stdout, "witnesses not checked: no profiles database at %s; witnessed claimed hours count as witnessed, not verified\n", profPath)
	}
	fmt.Fprintln(e.stdout, "where each figure comes from: prodos value --explain PERSON")
	return exitOK
}

func hoursOf(minutes int64) string {
	return fmt.Sprintf("%d:%02d", minutes/60, minutes%60)
}

func dashIfEmpty(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
