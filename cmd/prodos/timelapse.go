package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/manufacturing/export"
	"github.com/opensourceecology/prodos/production/manufacturing/schedule"
	"github.com/opensourceecology/prodos/production/manufacturing/timelapse"
)

func init() {
	register(&command{
		name:    "timelapse",
		usage:   "timelapse DESIGN [--crew N | --crew-profiles NAME,NAME [--profiles FILE]] --out FILE.gif [--frames K] [--size WxH] [--draft]",
		summary: "replay the crew schedule as an animated GIF of the plan: modules going up, crew moving, the build clock",
		run:     runTimelapse,
	})
}

func runTimelapse(e *env, args []string) int {
	fs := newFlags(e, "timelapse")
	crewN := fs.Int("crew", 4, "crew size (4: default crew, 24: OSE build stations; other sizes repeat the default crew's roles)")
	crewProfiles, profilesDB := prodCrewFlags(fs)
	out := fs.String("out", "", "the GIF file to write (required)")
	frames := fs.Int("frames", timelapse.DefaultOptions.Frames, "frames, from the start to the end of the build (at least 2)")
	size := fs.String("size", fmt.Sprintf("%dx%d", timelapse.DefaultOptions.Width, timelapse.DefaultOptions.Height), "frame size in pixels, WxH")
	draft := prodDraftFlag(fs)
	opts := timelapse.DefaultOptions
	in, e, code := prodPreamble(e, fs, args, prodPre{draft: draft, check: func() bool {
		if *out == "" {
			fmt.Fprintln(e.stderr, "prodos: timelapse needs --out FILE.gif")
			return false
		}
		if *frames < 2 || *frames > 1000 {
			fmt.Fprintf(e.stderr, "prodos: --frames %d: want 2 to 1000\n", *frames)
			return false
		}
		w, h, ok := parseSize(*size)
		if !ok {
			fmt.Fprintf(e.stderr, "prodos: --size %q: want WxH, each 64 to 4096 pixels\n", *size)
			return false
		}
		opts.Frames, opts.Width, opts.Height = *frames, w, h
		return prodTargetOK(e, "out", *out, false)
	}})
	if in == nil {
		return code
	}
	defer in.flush()
	crew, ok := prodCrew(e, in.cat, *crewN, *crewProfiles, *profilesDB, prodFlagSet(fs, "crew"))
	if !ok {
		return exitUsage
	}
	s, err := schedule.PlanDesign(in.d, in.cat, crew)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %s: %v\n", in.file, err)
		var se *schedule.Error
		if errors.As(err, &se) {
			return exitProblems
		}
		return exitUsage
	}
	hoursPerDay := 8
	if shops, err := designs.DefaultShops(); err == nil && shops[designs.DefaultShopID] != nil && shops[designs.DefaultShopID].HoursPerDay > 0 {
		hoursPerDay = shops[designs.DefaultShopID].HoursPerDay
	}
	m, err := timelapse.New(in.d, in.cat, s, hoursPerDay)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %s: %v\n", in.file, err)
		return exitProblems
	}
	if in.gate.On {
		opts.Draft = export.DraftMark
	}
	data, err := m.Render(opts)
	if err == nil {
		err = designs.WriteFileAtomic(*out, data)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: write %s: %v\n", *out, err)
		return exitProblems
	}
	fmt.Fprintf(e.stdout, "Timelapse of %q on crew %s written to %s: %d frames, %s to %s\n", in.d.Name, crew.ID, *out, opts.Frames, m.ClockAt(0), m.ClockAt(s.Makespan))
	return exitOK
}

// parseSize reads "WxH" with each side 64 to 4096.
func parseSize(s string) (w, h int, ok bool) {
	a, b, found := strings.Cut(strings.ToLower(s), "x")
	if !found {
		return 0, 0, false
	}
	w, errW := strconv.Atoi(a)
	h, errH := strconv.Atoi(b)
	if errW != nil || errH != nil || w < 64 || h < 64 || w > 4096 || h > 4096 {
		return 0, 0, false
	}
	return w, h, true
}
