//go:build !js

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/asbuilt"
	asbuiltstore "github.com/opensourceecology/prodos/production/asbuilt/sqlitestore"
	"github.com/shopspring/decimal"
)

func init() {
	register(&command{
		name:    "asbuilt",
		usage:   "asbuilt record DESIGN --task ID --minutes N --people A,B [--used SKU=QTY,...] [--wasted SKU=QTY,...] [--problems TEXT] | report HOUSE [--format table|json] [--svg FILE]  [--db FILE]",
		summary: "as-built records: what each task of a real build took; plan against actual per task, phase and module",
		run:     runAsBuilt,
	})
}

func defaultAsBuiltDB() string { return defaultDataFile("asbuilt.db") }

func openAsBuilt(e *env, path string) (*asbuiltstore.Store, bool) {
	if !prodTargetOK(e, "db", path, false) || !ensureDir(e, path) {
		return nil, false
	}
	st, err := asbuiltstore.Open(path)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: as-built database: %v\n", err)
		return nil, false
	}
	return st, true
}

func runAsBuilt(e *env, args []string) int {
	if len(args) > 0 && args[0] == "record" {
		return runAsBuiltRecord(e, args[1:])
	}
	if len(args) > 0 && args[0] == "report" {
		return runAsBuiltReport(e, args[1:])
	}
	fmt.Fprintf(e.stderr, "usage: prodos %s\n", commands["asbuilt"].usage)
	return exitUsage
}

// asBuiltRequest is an as-built record as the CLI and the crew page state it
// (House "": the task's house in the design File).
type asBuiltRequest struct {
	File, House, Task, Minutes, People, Used, Wasted, Problems, Key string
	At                                                              time.Time
}

// recordAsBuilt finds the task in the design's schedule (its plan), checks
// the figures and stores the record. Bad input wraps asbuilt.ErrInvalid.
func recordAsBuilt(ctx context.Context, st asbuilt.Store, cat *designs.Catalog, d *designs.Design, r asBuiltRequest) (asbuilt.Record, bool, error) {
	bad := func(err error) error { return fmt.Errorf("%w: %v", asbuilt.ErrInvalid, err) }
	task, module, err := scheduleTask(d, cat, r.Task)
	if err != nil {
		return asbuilt.Record{}, false, bad(err)
	}
	minutes, err := decimal.NewFromString(strings.TrimSpace(r.Minutes))
	if err != nil {
		return asbuilt.Record{}, false, bad(fmt.Errorf("minutes %q is not a number", r.Minutes))
	}
	known := func(sku string) bool { return cat.Materials[sku] != nil }
	r.House = taskHouse(r.File, r.House, task)
	rec := asbuilt.Record{Key: r.Key, House: r.House, Task: task.ID, TaskName: task.Name, Phase: task.Phase, Op: task.Op, Module: module,
		PlanMinutes: task.Minutes(), ActualMinutes: minutes, Problems: strings.TrimSpace(r.Problems), At: r.At}
	for _, p := range strings.Split(r.People, ",") {
		if p = strings.TrimSpace(p); p != "" {
			rec.People = append(rec.People, p)
		}
	}
	if rec.Used, err = asbuilt.ParseMaterials(r.Used, known); err != nil {
		return rec, false, err
	}
	if rec.Wasted, err = asbuilt.ParseMaterials(r.Wasted, known); err != nil {
		return rec, false, err
	}
	if rec.Key == "" {
		rec.Key = r.House + "/" + task.ID
	}
	return st.Add(ctx, rec)
}

func runAsBuiltRecord(e *env, args []string) int {
	fs := newFlags(e, "asbuilt")
	db := fs.String("db", defaultAsBuiltDB(), "as-built database (SQLite)")
	house := fs.String("house", "", "house id (default: the design file name without .toml, as the ledger's; DESIGN/house-N for a task of a design grouped into houses)")
	task := fs.String("task", "", "the schedule's task id (\"W7\" install, \"W7.build\" build; see prodos schedule DESIGN --format csv)")
	minutes := fs.String("minutes", "", "actual person-minutes the task took (all its people)")
	people := fs.String("people", "", "the people who did it, comma-separated")
	used := fs.String("used", "", "materials used, SKU=QTY,... in the catalog's units")
	wasted := fs.String("wasted", "", "materials wasted (offcuts, breakage), SKU=QTY,...")
	problems := fs.String("problems", "", "problems met")
	key := fs.String("key", "", "idempotency key (default: HOUSE/TASK, one record per task; give one per record to split a task)")
	draft := prodDraftFlag(fs)
	pos, ok := cliArgs(e, fs, args, cliSpec{n: 1, check: func() bool {
		if *task == "" || *minutes == "" || *people == "" {
			fmt.Fprintln(e.stderr, "prodos: asbuilt record needs --task, --minutes and --people")
			return false
		}
		return true
	}})
	if !ok {
		return exitUsage
	}
	in, e, code := prodOpen(e, pos[0], prodPre{draft: draft})
	if in == nil {
		return code
	}
	defer in.flush()
	st, ok := openAsBuilt(e, *db)
	if !ok {
		return exitUsage
	}
	defer st.Close()
	rec, dup, err := recordAsBuilt(context.Background(), st, in.cat, in.d, asBuiltRequest{File: pos[0], House: *house, Task: *task, Minutes: *minutes,
		People: *people, Used: *used, Wasted: *wasted, Problems: *problems, Key: *key, At: time.Now()})
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: asbuilt: %v\n", err)
		if errors.Is(err, asbuilt.ErrInvalid) {
			return exitUsage
		}
		return exitProblems
	}
	if dup {
		fmt.Fprintf(e.stdout, "already recorded (key %s): ", rec.Key)
	}
	fmt.Fprintf(e.stdout, "as built %d: house %s, %s %s: %s min against %s planned, by %s\n", rec.ID, rec.House, rec.Task, rec.TaskName,
		rec.ActualMinutes, rec.PlanMinutes, strings.Join(rec.People, ", "))
	return exitOK
}

func runAsBuiltReport(e *env, args []string) int {
	fs := newFlags(e, "asbuilt")
	db := fs.String("db", defaultAsBuiltDB(), "as-built database (SQLite)")
	format := fs.String("format", "table", "output format: table or json")
	svg := fs.String("svg", "", "also write the plan-against-actual chart as SVG to this file")
	pos, ok := cliArgs(e, fs, args, cliSpec{n: 1, format: format, formats: []string{"table", "json"},
		check: func() bool { return prodTargetOK(e, "svg", *svg, false) }})
	if !ok {
		return exitUsage
	}
	st, ok := openAsBuilt(e, *db)
	if !ok {
		return exitUsage
	}
	defer st.Close()
	recs, err := st.House(context.Background(), pos[0])
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	rep := asbuilt.BuildReport(pos[0], recs)
	if *svg != "" {
		var b strings.Builder
		if err := rep.WriteSVG(&b); err == nil {
			err = designs.WriteFileAtomic(*svg, []byte(b.String()))
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "prodos: --svg: %v\n", err)
			return exitProblems
		}
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(rep)
	} else {
		err = rep.WriteTable(e.stdout)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	return exitOK
}
