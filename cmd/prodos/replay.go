package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/levels"
)

func init() {
	register(&command{
		name:    "replay",
		usage:   "replay verify FILE | replay demo LEVEL [--think TICKS] [--out FILE]",
		summary: "re-simulate a challenge replay and print its score; demo writes a good attempt, marked as a demonstration",
		run:     runReplay,
	})
}

// loadTraining loads the catalog, the challenge levels and qualifications.
func loadTraining(e *env) (*designs.Catalog, *training.Set, *training.Quals, bool) {
	cat, ok := loadCatalog(e)
	if !ok {
		return nil, nil, nil, false
	}
	set, err := levels.Challenges(cat)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: challenge levels: %v\n", err)
		return nil, nil, nil, false
	}
	q, err := levels.Qualifications(set)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: qualifications: %v\n", err)
		return nil, nil, nil, false
	}
	return cat, set, q, true
}

// verifyReplayFile reads and re-simulates a replay. It prints the problem
// and returns the exit code when it fails: 1 when the replay does not
// re-simulate to its claim, 2 when it cannot be read or parsed.
func verifyReplayFile(e *env, set *training.Set, file string) (*training.Verified, []byte, int) {
	data, err := readFileLimit(file, maxReplayFile)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return nil, nil, exitUsage
	}
	v, err := training.VerifyReplay(file, data, set)
	if err != nil {
		fmt.Fprintf(e.stderr, "%v\n", err)
		if errors.Is(err, training.ErrClaim) {
			fmt.Fprintf(e.stderr, "%s: verification FAILED\n", file)
			return nil, nil, exitProblems
		}
		return nil, nil, exitUsage
	}
	return v, data, exitOK
}

func describeResult(v *training.Verified) string {
	r := v.Result
	secs := func(t int) string { return fmt.Sprintf("%.1f s", float64(t)/training.TicksPerSecond) }
	s := fmt.Sprintf("challenge %d %s %q: %s at %s, time left %s, mistakes %d", v.Level.Number, v.Level.ID, v.Level.Title, r.Status, secs(r.Tick), secs(r.TimeLeft), r.Mistakes)
	if v.Level.CrewMode() {
		s += fmt.Sprintf(", crew use %d%%", r.CrewUse)
	}
	pass := "not passed"
	if r.Passed {
		pass = "passed"
	}
	return s + fmt.Sprintf(", score %d, stars %d (%s)", r.Score, r.Stars, pass)
}

func runReplay(e *env, args []string) int {
	fs := newFlags(e, "replay")
	think := fs.Int("think", 30, "demo: ticks the player takes per decision (60 ticks = 1 s)")
	out := fs.String("out", "", "demo: write the replay to FILE instead of standard output")
	pos, ok := cliArgs(e, fs, args, cliSpec{args: func(pos []string) bool { return len(pos) == 2 && (pos[0] == "verify" || pos[0] == "demo") }})
	if !ok {
		return exitUsage
	}
	_, set, _, ok := loadTraining(e)
	if !ok {
		return exitUsage
	}
	if pos[0] == "demo" {
		l := set.Level(pos[1])
		if l == nil {
			fmt.Fprintf(e.stderr, "prodos: unknown challenge %q\n", pos[1])
			return exitUsage
		}
		data := training.ReplayDemo(training.AutoPlay(l, *think)) // marked "demo": it never earns anything
		if *out == "" {
			e.stdout.Write(data)
			return exitOK
		}
		if err := designs.WriteFileAtomic(*out, data); err != nil {
			fmt.Fprintf(e.stderr, "prodos: %v\n", err)
			return exitUsage
		}
		return exitOK
	}
	v, _, code := verifyReplayFile(e, set, pos[1])
	if code != exitOK {
		return code
	}
	fmt.Fprintf(e.stdout, "%s: ok: %s\n", pos[1], describeResult(v))
	fmt.Fprintf(e.stdout, "evidence %s\n", v.Hash)
	switch {
	case v.Demo:
		fmt.Fprintln(e.stdout, "demonstration (prodos replay demo): it earns nothing")
	case v.Attempt.ID != "":
		fmt.Fprintf(e.stdout, "attempt %s by %s, %s to %s\n", v.Attempt.ID, v.Attempt.Learner,
			v.Attempt.Started.UTC().Format(time.RFC3339), v.Attempt.Ended.UTC().Format(time.RFC3339))
	default:
		fmt.Fprintln(e.stdout, "not bound to an attempt id: it cannot earn anything")
	}
	return exitOK
}
