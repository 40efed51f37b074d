//go:build !js

package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/inspection"
	inspectstore "github.com/opensourceecology/prodos/production/inspection/sqlitestore"
	"github.com/opensourceecology/prodos/production/training/profiles"
)

func init() {
	register(&command{
		name:    "inspect",
		usage:   "inspect record DESIGN --placement ID --inspector PROFILE --value CHECKPOINT=VALUE... [--photo FILE] | show HOUSE [--format table|json]  [--db FILE]",
		summary: "quality control: record a module's inspection (pass or fail from its checkpoints' tolerances), show a house's inspections",
		run:     runInspect,
	})
}

func defaultInspectionsDB() string { return defaultDataFile("inspections.db") }

func openInspections(e *env, path string) (*inspectstore.Store, bool) {
	if !prodTargetOK(e, "db", path, false) || !ensureDir(e, path) {
		return nil, false
	}
	st, err := inspectstore.Open(path)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: inspections database: %v\n", err)
		return nil, false
	}
	return st, true
}

func runInspect(e *env, args []string) int {
	if len(args) > 0 && args[0] == "record" {
		return runInspectRecord(e, args[1:])
	}
	if len(args) > 0 && args[0] == "show" {
		return runInspectShow(e, args[1:])
	}
	fmt.Fprintf(e.stderr, "usage: prodos %s\n", commands["inspect"].usage)
	return exitUsage
}

// inspectRequest is an inspection as the CLI and the crew page state it.
type inspectRequest struct {
	File, House, Placement, Inspector, Notes, Key, PhotoHash string
	Values                                                   map[string]string
	At                                                       time.Time
}

// recordInspection checks the inspector's qualification, evaluates the
// values against the module's checkpoints and stores the inspection. The
// error wraps profiles.ErrNotPermitted, inspection.ErrInvalid or a store
// error.
func recordInspection(ctx context.Context, e *env, st inspection.Store, cat *designs.Catalog, d *designs.Design, r inspectRequest) (inspection.Inspection, bool, error) {
	if err := checkProfilePermission(e, r.Inspector, inspection.Permission); err != nil {
		return inspection.Inspection{}, false, fmt.Errorf("inspector %s: %w", r.Inspector, err)
	}
	place := strings.TrimSuffix(r.Placement, ".build")
	task, module, err := scheduleTask(d, cat, place)
	if err != nil {
		return inspection.Inspection{}, false, fmt.Errorf("%w: %v", inspection.ErrInvalid, err)
	}
	r.House = taskHouse(r.File, r.House, task)
	cs, err := inspection.DefaultCheckpoints(cat)
	if err != nil {
		return inspection.Inspection{}, false, err
	}
	vals, passed, err := inspection.Evaluate(cs, cat.Modules[module], r.Values)
	if err != nil {
		return inspection.Inspection{}, false, err
	}
	if r.Key == "" {
		r.Key = r.House + "/" + place + "/" + r.At.UTC().Format("20060102T150405Z")
	}
	return st.Add(ctx, inspection.Inspection{Key: r.Key, House: r.House, Placement: place, Module: module, Inspector: r.Inspector,
		Values: vals, Passed: passed, PhotoHash: r.PhotoHash, Notes: r.Notes, At: r.At})
}

// photoHash is "sha256:<hex>" of a file's contents ("" for no file).
func photoHash(path string) (string, error) {
	if path == "" {
		return "", nil
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}

func runInspectRecord(e *env, args []string) int {
	fs := newFlags(e, "inspect")
	db := fs.String("db", defaultInspectionsDB(), "inspections database (SQLite)")
	house := fs.String("house", "", "house id (default: the design file name without .toml, as the ledger's; DESIGN/house-N for a placement of a design grouped into houses)")
	place := fs.String("placement", "", "placement: the schedule's task id of the module (\"W7\")")
	inspector := fs.String("inspector", "", "the inspector's profile; it must hold the "+inspection.Permission+" permission")
	photo := fs.String("photo", "", "photo of the module: its SHA-256 is recorded")
	notes := fs.String("notes", "", "notes")
	key := fs.String("key", "", "idempotency key (default: house, placement and time)")
	var values listFlag
	fs.Var(&values, "value", "CHECKPOINT=VALUE (inches such as 3/16, or yes/no); repeat for every checkpoint")
	draft := prodDraftFlag(fs)
	pos, ok := cliArgs(e, fs, args, cliSpec{n: 1, check: func() bool {
		if *place == "" || *inspector == "" || len(values) == 0 {
			fmt.Fprintln(e.stderr, "prodos: inspect record needs --placement, --inspector and --value CHECKPOINT=VALUE")
			return false
		}
		return true
	}})
	if !ok {
		return exitUsage
	}
	r := inspectRequest{File: pos[0], House: *house, Placement: *place, Inspector: *inspector, Notes: *notes, Key: *key,
		Values: map[string]string{}, At: time.Now()}
	for _, v := range values {
		k, val, ok := strings.Cut(v, "=")
		if !ok {
			fmt.Fprintf(e.stderr, "prodos: --value %q: want CHECKPOINT=VALUE\n", v)
			return exitUsage
		}
		r.Values[strings.TrimSpace(k)] = val
	}
	var err error
	if r.PhotoHash, err = photoHash(*photo); err != nil {
		fmt.Fprintf(e.stderr, "prodos: --photo: %v\n", err)
		return exitUsage
	}
	in, e, code := prodOpen(e, pos[0], prodPre{draft: draft})
	if in == nil {
		return code
	}
	defer in.flush()
	st, ok := openInspections(e, *db)
	if !ok {
		return exitUsage
	}
	defer st.Close()
	got, dup, err := recordInspection(context.Background(), e, st, in.cat, in.d, r)
	return printInspection(e, got, dup, err)
}

// printInspection reports a recorded inspection: exit 0 when it passed, 1
// when it failed (with what to fix) or the inspector is not qualified, 2
// for bad input.
func printInspection(e *env, in inspection.Inspection, dup bool, err error) int {
	switch {
	case errors.Is(err, profiles.ErrNotPermitted), errors.Is(err, profiles.ErrNotFound):
		fmt.Fprintf(e.stderr, "prodos: inspect: %v\n", err)
		return exitProblems
	case errors.Is(err, inspection.ErrInvalid):
		fmt.Fprintf(e.stderr, "prodos: inspect: %v\n", err)
		return exitUsage
	case err != nil:
		fmt.Fprintf(e.stderr, "prodos: inspect: %v\n", err)
		return exitProblems
	}
	verdict := "PASSED"
	if !in.Passed {
		verdict = "FAILED"
	}
	if dup {
		fmt.Fprintf(e.stdout, "inspection already recorded (key %s): ", in.Key)
	}
	fmt.Fprintf(e.stdout, "inspection %d: house %s, %s (%s) %s, inspector %s\n", in.ID, in.House, in.Placement, in.Module, verdict, in.Inspector)
	for _, v := range in.Values {
		mark := "ok"
		if !v.Pass {
			mark = "FIX: " + v.Fix
		}
		fmt.Fprintf(e.stdout, "  %-18s %-10s %s\n", v.Checkpoint, v.Value, mark)
	}
	if !in.Passed {
		fmt.Fprintf(e.stderr, "prodos: %s (%s) failed inspection: fix %s, then inspect it again; it cannot be installed until it passes\n",
			in.Placement, in.Module, strings.Join(in.Fixes(), "; "))
		return exitProblems
	}
	return exitOK
}

func runInspectShow(e *env, args []string) int {
	fs := newFlags(e, "inspect")
	db := fs.String("db", defaultInspectionsDB(), "inspections database (SQLite)")
	format := fs.String("format", "table", "output format: table or json")
	pos, ok := cliArgs(e, fs, args, cliSpec{n: 1, format: format, formats: []string{"table", "json"}})
	if !ok {
		return exitUsage
	}
	st, ok := openInspections(e, *db)
	if !ok {
		return exitUsage
	}
	defer st.Close()
	list, err := st.House(context.Background(), pos[0])
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	if *format == "json" {
		if list == nil {
			list = []inspection.Inspection{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(map[string]any{"house": pos[0], "inspections": list})
	} else {
		err = writeInspections(e, list)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	return exitOK
}

// writeInspections prints a house's inspections as a table.
func writeInspections(e *env, list []inspection.Inspection) error {
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPLACEMENT\tMODULE\tINSPECTOR\tRESULT\tTO FIX\tPHOTO")
	for _, in := range list {
		res := "passed"
		if !in.Passed {
			res = "FAILED"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", in.ID, in.Placement, in.Module, in.Inspector, res, strings.Join(in.Fixes(), "; "), in.PhotoHash)
	}
	return tw.Flush()
}
