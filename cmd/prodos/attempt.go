package main

import (
	"context"
	"fmt"
	"time"

	"github.com/opensourceecology/prodos/production/training/profiles"
)

func init() {
	register(&command{
		name:    "attempt",
		usage:   "attempt start --profile NAME --challenge ID [--db FILE]",
		summary: "issue a one-time attempt id for a learner's training challenge (offline, self-attested)",
		run:     runAttempt,
	})
}

// clock is the time now: e.now, or time.Now.
func (e *env) clock() time.Time {
	if e.now != nil {
		return e.now()
	}
	return time.Now()
}

// runAttempt issues a one-time attempt id from the local profiles store.
// The replay of the attempt must carry it, with the learner and the
// attempt's start and end times, for `prodos profile submit` to record it.
func runAttempt(e *env, args []string) int {
	fs := newFlags(e, "attempt")
	db := fs.String("db", defaultProfilesDB(), "profiles database (SQLite)")
	name := fs.String("profile", "", "the learner's profile")
	challenge := fs.String("challenge", "", "the challenge id, e.g. c01-groundwork")
	pos, ok := cliArgs(e, fs, args, cliSpec{args: func(pos []string) bool { return len(pos) == 1 && pos[0] == "start" },
		check: func() bool {
			if *name == "" || *challenge == "" {
				fmt.Fprintln(e.stderr, "prodos attempt start: --profile and --challenge are required")
				return false
			}
			return true
		}})
	if !ok || pos[0] != "start" {
		return exitUsage
	}
	_, set, _, ok := loadTraining(e)
	if !ok {
		return exitUsage
	}
	if err := profiles.CheckChallenge(set, *challenge); err != nil {
		fmt.Fprintf(e.stderr, "prodos attempt start: %v\n", err)
		return exitUsage
	}
	st, ok := openProfiles(e, *db)
	if !ok {
		return exitUsage
	}
	defer st.Close()
	tk, err := profiles.StartAttempt(context.Background(), st, set, *name, *challenge, e.clock())
	if err != nil {
		return profileErr(e, err)
	}
	fmt.Fprintf(e.stdout, "attempt %s\nlearner %s\nchallenge %s\nissued %s\n", tk.ID, tk.Learner, tk.Challenge, tk.Issued.Format(time.RFC3339Nano))
	return exitOK
}
