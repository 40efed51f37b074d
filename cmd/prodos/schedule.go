package main

import (
	"errors"
	"fmt"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing/schedule"
)

func init() {
	register(&command{
		name:    "schedule",
		usage:   "schedule DESIGN [--crew N | --crew-profiles NAME,NAME [--profiles FILE]] [--format table|csv|json] [--gantt FILE] [--draft] [--packs DIR]",
		summary: "schedule the build on a crew: makespan, its lower bound, person-hours, critical path",
		run:     runSchedule,
	})
}

func runSchedule(e *env, args []string) int {
	fs := newFlags(e, "schedule")
	crewN := fs.Int("crew", 4, "crew size (4: default crew, 24: OSE build stations; other sizes repeat the default crew's roles); a roster of roles whose qualifications are claimed")
	crewProfiles, profilesDB := prodCrewFlags(fs)
	format := fs.String("format", "table", "output format: table, csv or json")
	gantt := fs.String("gantt", "", "also write the Gantt chart as SVG to this file")
	draft := prodDraftFlag(fs)
	in, e, code := prodPreamble(e, fs, args, prodPre{draft: draft, format: format, formats: []string{"table", "csv", "json"},
		check: func() bool { return prodTargetOK(e, "gantt", *gantt, false) }})
	if in == nil {
		return code
	}
	defer in.flush()
	cat, d, file := in.cat, in.d, in.file
	crew, ok := prodCrew(e, cat, *crewN, *crewProfiles, *profilesDB, prodFlagSet(fs, "crew"))
	if !ok {
		return exitUsage
	}
	s, err := schedule.PlanDesign(d, cat, crew)
	if err != nil {
		var se *schedule.Error
		if errors.As(err, &se) {
			fmt.Fprintf(e.stderr, "prodos: %s: %v\n", file, err)
			return exitProblems
		}
		fmt.Fprintf(e.stderr, "prodos: %s: %v\n", file, err)
		return exitUsage
	}
	area := schedule.FloorArea(d, cat)
	hoursPerDay := 8
	if shops, err := designs.DefaultShops(); err == nil && shops[designs.DefaultShopID] != nil {
		hoursPerDay = shops[designs.DefaultShopID].HoursPerDay
	}
	switch *format {
	case "csv":
		_, _ = e.stdout.Write(s.CSV())
		fmt.Fprint(e.stderr, s.Summary(d.Name, area, hoursPerDay))
	case "json":
		data, err := s.JSON(d.Name, area)
		if err != nil {
			fmt.Fprintf(e.stderr, "prodos: %v\n", err)
			return exitProblems
		}
		_, _ = e.stdout.Write(data)
	default:
		fmt.Fprint(e.stdout, s.Summary(d.Name, area, hoursPerDay))
	}
	if *gantt != "" {
		svg, err := in.gate.Mark("gantt.svg", s.Gantt(d.Name))
		if err == nil {
			err = designs.WriteFileAtomic(*gantt, svg)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "prodos: write %s: %v\n", *gantt, err)
			return exitProblems
		}
		if *format == "table" {
			fmt.Fprintf(e.stdout, "Gantt chart written to %s\n", *gantt)
		}
	}
	return exitOK
}
