package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/opensourceecology/prodos/production/ledger/pgstore"
	"github.com/opensourceecology/prodos/production/permits"
	profilestore "github.com/opensourceecology/prodos/production/training/profiles/sqlitestore"
)

// Permissions where work is assigned (docs/jobs.md): jobs and schedule
// take their crew from profiles (--crew-profiles), ledger post checks
// the people of built, installed and labour events and their witness,
// and export releases a build-ready package only for a designer. Every
// check reads the profile store named by --profiles (default
// $PRODOS_PROFILES_DB, else profiles.db in the data folder).

// prodProfilesFlag adds --profiles to a command's flags.
func prodProfilesFlag(fs *flag.FlagSet) *string {
	return fs.String("profiles", defaultProfilesDB(), "profiles database (SQLite) the people named are checked against")
}

// openChecker opens an existing profile store for checks; it never
// creates one. The caller calls done.
func openChecker(path string) (c *permits.Checker, done func(), err error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("no profiles database at %s, so no one can be shown to hold a qualification (create profiles with prodos profile create, or name the database with --profiles)", path)
	}
	cat, err := designs.DefaultCatalog()
	if err != nil {
		return nil, nil, err
	}
	q, err := levels.QualificationsLazy(cat)
	if err != nil {
		return nil, nil, err
	}
	st, err := profilestore.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("profiles database: %w", err)
	}
	return &permits.Checker{Store: st, Quals: q, Where: "profiles database " + path}, func() { st.Close() }, nil
}

// prodCrewFlags adds --crew-profiles and --profiles to jobs and schedule.
func prodCrewFlags(fs *flag.FlagSet) (names, profilesDB *string) {
	names = fs.String("crew-profiles", "", "the crew as profile names, comma-separated: each is assigned only work whose qualification the profile store shows them holding (instead of --crew N)")
	return names, prodProfilesFlag(fs)
}

// prodFlagSet reports whether the flag was given on the command line.
func prodFlagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// prodCrew is the crew a production command assigns work to: the named
// profiles (--crew-profiles, verified by the profile store) or else the
// roster of --crew N (claimed qualifications). A bad name or store is
// printed; false means exit 2.
func prodCrew(e *env, cat *designs.Catalog, n int, names, profilesDB string, crewSet bool) (*designs.Crew, bool) {
	if names == "" {
		return loadCrew(e, cat, n)
	}
	if crewSet {
		fmt.Fprintln(e.stderr, "prodos: give --crew N (a roster of roles) or --crew-profiles NAME,NAME (people), not both")
		return nil, false
	}
	var list []string
	for _, s := range strings.Split(names, ",") {
		if s = strings.TrimSpace(s); s != "" {
			list = append(list, s)
		}
	}
	c, done, err := openChecker(profilesDB)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: --crew-profiles: %v\n", err)
		return nil, false
	}
	defer done()
	crew, err := c.Crew(context.Background(), list)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: --crew-profiles: %v\n", err)
		return nil, false
	}
	return crew, true
}

// prodCheckWork checks the people of every new event that records work
// (ledger.CheckWork) against the profile store before anything is
// posted; where names an event in messages (a FILE:LINE, or nil). An
// event the ledger led already records as the same event is a retry that
// records nothing and is not checked again. It prints the first refusal
// and returns exit 1 (2 for an event the catalog cannot place); events
// that record no work need no profile store.
func prodCheckWork(e *env, cat *designs.Catalog, profilesDB string, led *prodLedger, events []ledger.Event, where []string) int {
	var c *permits.Checker
	ctx := context.Background()
	for _, ev := range events {
		if err := ev.Validate(); err != nil {
			fmt.Fprintf(e.stderr, "prodos: %v\n", err)
			return exitUsage
		}
	}
	recorded, code := prodRecorded(led, events)
	if code != exitOK {
		return code
	}
	for i, ev := range events {
		if !ev.NeedsWitness() && ev.Witness == "" || recorded[i] {
			continue
		}
		prefix := ""
		if where != nil {
			prefix = where[i] + ": "
		}
		if c == nil {
			var done func()
			var err error
			if c, done, err = openChecker(profilesDB); err != nil {
				fmt.Fprintf(e.stderr, "prodos: %s%s: refused: %v\n", prefix, ev.Type, err)
				return exitProblems
			}
			defer done()
		}
		if err := ledger.CheckWork(ctx, ev, cat, c); err != nil {
			fmt.Fprintf(e.stderr, "prodos: %srefused: %v\n", prefix, err)
			if errors.Is(err, ledger.ErrInvalidEvent) {
				return exitUsage
			}
			return exitProblems
		}
	}
	return exitOK
}

// prodRecorded reports which events the ledger led already records as the
// same event. A ledger file that does not exist yet records nothing and is
// not created here.
func prodRecorded(led *prodLedger, events []ledger.Event) ([]bool, int) {
	out := make([]bool, len(events))
	if _, err := os.Stat(led.path); err != nil && !pgstore.IsURL(led.path) {
		return out, exitOK
	}
	svc, code := led.open()
	if code != exitOK {
		return nil, code
	}
	for i, ev := range events {
		ok, err := svc.Recorded(context.Background(), ev)
		if err != nil {
			fmt.Fprintf(led.e.stderr, "prodos: %v\n", err)
			return nil, exitProblems
		}
		out[i] = ok
	}
	return out, exitOK
}
