//go:build !js

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/opensourceecology/prodos/production/ledger"
)

// prodPostCode is the exit code of a refused posting: the event itself is
// wrong (invalid, a reused key, an unknown reversal, out of its house's
// order, past an account's limit) is bad input, 2; anything else (the
// disk, the database) is 1.
func prodPostCode(err error) int {
	for _, bad := range []error{ledger.ErrInvalidEvent, ledger.ErrKeyConflict, ledger.ErrNotFound, ledger.ErrOutOfOrder,
		ledger.ErrAccountLimit, ledger.ErrAccountFlags} {
		if errors.Is(err, bad) {
			return exitUsage
		}
	}
	return exitProblems
}

// prodLedger is the ledger of one `ledger post`, opened on first use
// (prodOpenLedger) and then shared by the retry check and the posting, so
// a post opens its ledger once (issue 14). Close it when done.
type prodLedger struct {
	e    *env
	path string // the default ledger when given ""
	db   io.Closer
	svc  prodLedgerService
}

func newProdLedger(e *env, path string) *prodLedger {
	if path == "" {
		path = prodDefaultDB()
	}
	return &prodLedger{e: e, path: path}
}

// open opens the ledger unless it is open; a code other than exitOK means
// the problem is printed.
func (l *prodLedger) open() (prodLedgerService, int) {
	if l.svc == nil {
		db, svc, code := prodOpenLedger(l.e, l.path)
		if code != exitOK {
			return nil, code
		}
		l.db, l.svc = db, svc
	}
	return l.svc, exitOK
}

// close closes the ledger if it was opened.
func (l *prodLedger) close() {
	if l.db != nil {
		l.db.Close()
	}
}

// prodPostAll posts the events of one `ledger post DESIGN --event` in one
// transaction (all of them or none) and prints a line per event.
func prodPostAll(e *env, led *prodLedger, inspections string, events []ledger.Event) int {
	for _, ev := range events {
		if err := ev.Validate(); err != nil {
			fmt.Fprintf(e.stderr, "prodos: %v\n", err)
			return exitUsage
		}
	}
	check, code := prodInspectionCheck(e, led.path, inspections, events)
	if code != exitOK {
		return code
	}
	svc, code := led.open()
	if code != exitOK {
		return code
	}
	svc.SetInstallCheck(check)
	res, err := svc.PostAll(context.Background(), events)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return prodPostCode(err)
	}
	for i, ev := range events {
		prodPrintPosted(e.stdout, ev, res[i])
	}
	return exitOK
}

// prodPrintPosted prints what one posted event recorded.
func prodPrintPosted(w io.Writer, ev ledger.Event, res ledger.PostResult) {
	switch {
	case res.Duplicate:
		fmt.Fprintf(w, "%s: already recorded (key %s)\n", ev.Type, ev.Key)
	case ev.Type.IsRecord():
		fmt.Fprintf(w, "%s: recorded %d x %s by %s (key %s)\n", ev.Type, ev.Count, ev.Module, ev.Person, ev.Key)
	default:
		var debit int64
		for _, p := range res.Postings {
			if p.Amount > 0 {
				debit += p.Amount
			}
		}
		fmt.Fprintf(w, "%s: transaction %d, %d postings, %s (key %s)\n", ev.Type, res.TxID, len(res.Postings), prodMoney(debit), ev.Key)
	}
}

// prodEventsAllowed are the flags `ledger post --events` takes; the event
// flags describe one event and mean nothing for a file of them.
var prodEventsAllowed = map[string]bool{"events": true, "db": true, "draft": true, "profiles": true, "inspections": true}

// runLedgerPostEvents posts a JSON-lines file of events, one transaction
// per line, in file order. Every line is read and checked (its fields,
// and the people of built, installed and labour work against the
// profile store) before the ledger is opened; a line the ledger refuses stops the run (the lines
// before it stay recorded, and posting the file again records only the
// rest, since keys are idempotent).
func runLedgerPostEvents(e *env, fs *flag.FlagSet, pos []string, file, dbPath, profilesDB string) int {
	var extra []string
	fs.Visit(func(f *flag.Flag) {
		if !prodEventsAllowed[f.Name] {
			extra = append(extra, "--"+f.Name)
		}
	})
	if len(pos) != 0 || len(extra) != 0 {
		fmt.Fprintf(e.stderr, "prodos: ledger post --events FILE takes no DESIGN and no event flags, got %q %q\n", pos, extra)
		return exitUsage
	}
	events, lines, err := prodReadEvents(e, file)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitUsage
	}
	cat, ok := loadCatalog(e)
	if !ok {
		return exitUsage
	}
	where := make([]string, len(lines))
	for i, n := range lines {
		where[i] = fmt.Sprintf("%s:%d", file, n)
	}
	led := newProdLedger(e, dbPath)
	defer led.close()
	if code := prodCheckWork(e, cat, profilesDB, led, events, where); code != exitOK {
		return code
	}
	check, code := prodInspectionCheck(e, led.path, fs.Lookup("inspections").Value.String(), events)
	if code != exitOK {
		return code
	}
	svc, code := led.open()
	if code != exitOK {
		return code
	}
	svc.SetInstallCheck(check)
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	ctx := context.Background()
	for i, ev := range events {
		res, err := svc.Post(ctx, ev)
		if err != nil {
			out.Flush()
			fmt.Fprintf(e.stderr, "prodos: %s:%d: %v\n", file, lines[i], err)
			return prodPostCode(err)
		}
		prodPrintPosted(out, ev, res)
	}
	return exitOK
}

// prodReadEvents reads a JSON-lines file of events (blank lines skipped)
// and validates each, reporting the first problem as FILE:LINE: message.
// It returns the events and their line numbers.
func prodReadEvents(e *env, file string) ([]ledger.Event, []int, error) {
	var r io.Reader = e.stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return nil, nil, err
		}
		defer f.Close()
		r = f
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	var events []ledger.Event
	var lines []int
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var ev ledger.Event
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&ev); err != nil {
			return nil, nil, fmt.Errorf("%s:%d: not an event: %w", file, n, err)
		}
		if dec.More() {
			return nil, nil, fmt.Errorf("%s:%d: one JSON object per line", file, n)
		}
		if err := ev.Validate(); err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %w", file, n, err)
		}
		events = append(events, ev)
		lines = append(lines, n)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	return events, lines, nil
}
