package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing/jobs"
)

func init() {
	register(&command{
		name:    "jobs",
		usage:   "jobs DESIGN [--out DIR] [--shop ID] [--crew N | --crew-profiles NAME,NAME [--profiles FILE]] [--draft] [--packs DIR]",
		summary: "nest sheet parts, plan lumber cut lists and queue machine jobs; print sheets, bounds and utilisation",
		run:     runJobs,
	})
}

// loadShop finds a shop profile by id.
func loadShop(e *env, id string) (*designs.Shop, bool) {
	shops, err := designs.DefaultShops()
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: shop profiles: %v\n", err)
		return nil, false
	}
	s := shops[id]
	if s == nil {
		ids := make([]string, 0, len(shops))
		for k := range shops {
			ids = append(ids, k)
		}
		sort.Strings(ids)
		fmt.Fprintf(e.stderr, "prodos: unknown shop %q (have %s)\n", id, strings.Join(ids, ", "))
		return nil, false
	}
	return s, true
}

// loadCrew picks the crew roster of n people.
func loadCrew(e *env, cat *designs.Catalog, n int) (*designs.Crew, bool) {
	crews, err := designs.DefaultCrews(cat)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: crew rosters: %v\n", err)
		return nil, false
	}
	c, err := designs.CrewOfSize(crews, n)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: --crew: %v\n", err)
		return nil, false
	}
	return c, true
}

func runJobs(e *env, args []string) int {
	fs := newFlags(e, "jobs")
	out := fs.String("out", "", "folder to write nesting (SVG, DXF), G-code, cut lists and the job queue into")
	shopID := fs.String("shop", designs.DefaultShopID, "shop profile id")
	draft := prodDraftFlag(fs)
	crewN := fs.Int("crew", 4, "crew size whose qualified members operate the machines (4: default crew, 24: OSE build stations); a roster of roles whose qualifications are claimed")
	crewProfiles, profilesDB := prodCrewFlags(fs)
	in, e, code := prodPreamble(e, fs, args, prodPre{draft: draft, check: func() bool { return prodTargetOK(e, "out", *out, true) }})
	if in == nil {
		return code
	}
	defer in.flush()
	cat, d, file := in.cat, in.d, in.file
	shop, ok := loadShop(e, *shopID)
	if !ok {
		return exitUsage
	}
	crew, ok := prodCrew(e, cat, *crewN, *crewProfiles, *profilesDB, prodFlagSet(fs, "crew"))
	if !ok {
		return exitUsage
	}
	p, err := jobs.Build(d, cat, shop)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %s: %v\n", file, err)
		return exitProblems
	}
	if err := p.AssignCrew(crew); err != nil {
		var r *jobs.RefusalError
		if errors.As(err, &r) {
			fmt.Fprintf(e.stderr, "prodos: %s: %v\n", file, err)
			return exitProblems
		}
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	fmt.Fprint(e.stdout, p.Summary())
	if *out == "" {
		return exitOK
	}
	files, err := p.Files(cat)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	for n, data := range files {
		if files[n], err = in.gate.Mark(n, data); err != nil {
			fmt.Fprintf(e.stderr, "prodos: %v\n", err)
			return exitProblems
		}
	}
	written, err := jobs.WriteFiles(*out, files)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	fmt.Fprintf(e.stdout, "\nWrote %d files to %s (operators from crew %s, qualifications %s)\n", len(written), *out, crew.ID, crew.Basis())
	return exitOK
}
