package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/training/profiles"
	profilestore "github.com/opensourceecology/prodos/production/training/profiles/sqlitestore"
	"github.com/opensourceecology/prodos/production/userdata"
)

func init() {
	register(&command{
		name:    "profile",
		usage:   "profile create NAME | list | show NAME [--format table|json] | submit NAME REPLAY  [--db FILE]",
		summary: "learner profiles: progress, best scores, qualifications; submit verifies an attempt's replay and awards (self-attested)",
		run:     runProfile,
	})
}

// defaultProfilesDB is $PRODOS_PROFILES_DB, else profiles.db in dataDir.
func defaultProfilesDB() string {
	if p := os.Getenv("PRODOS_PROFILES_DB"); p != "" {
		return p
	}
	p, err := userdata.File("profiles.db")
	if err != nil {
		return "profiles.db"
	}
	return p
}

func openProfiles(e *env, path string) (profiles.Store, bool) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		fmt.Fprintf(e.stderr, "prodos: profiles database: %v\n", err)
		return nil, false
	}
	st, err := profilestore.Open(path)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: profiles database: %v\n", err)
		return nil, false
	}
	return st, true
}

// checkProfilePermission is the production layer's permission check: nil
// when the profile holds a qualification granting the permission, else an
// error that names the qualification and how to earn it. The profiles
// database is $PRODOS_PROFILES_DB or the default under the XDG data dir.
// `prodos export --as PROFILE` is registered with it.
func checkProfilePermission(e *env, profile, permission string) error {
	cat, err := designs.DefaultCatalog()
	if err != nil {
		return err
	}
	set, err := levels.Challenges(cat)
	if err != nil {
		return err
	}
	q, err := levels.Qualifications(set)
	if err != nil {
		return err
	}
	path := defaultProfilesDB()
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("%w: no profiles database at %s (create the profile with prodos profile create %s)", profiles.ErrNotFound, path, profile)
	}
	st, err := profilestore.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()
	return profiles.Check(context.Background(), st, q, profile, permission)
}

func runProfile(e *env, args []string) int {
	fs := newFlags(e, "profile")
	db := fs.String("db", defaultProfilesDB(), "profiles database (SQLite)")
	format := fs.String("format", "table", "show: table or json")
	want := map[string]int{"create": 2, "list": 1, "show": 2, "submit": 3}
	pos, ok := cliArgs(e, fs, args, cliSpec{format: format, formats: []string{"table", "json"},
		args: func(pos []string) bool { return len(pos) > 0 && want[pos[0]] == len(pos) }})
	if !ok {
		return exitUsage
	}
	_, set, q, ok := loadTraining(e)
	if !ok {
		return exitUsage
	}
	ctx := context.Background()
	if pos[0] == "submit" { // verify before touching the database
		v, data, code := verifyReplayFile(e, set, pos[2])
		if code != exitOK {
			return code
		}
		st, ok := openProfiles(e, *db)
		if !ok {
			return exitUsage
		}
		defer st.Close()
		awards, err := profiles.Submit(ctx, st, q, pos[1], v, data, e.clock())
		if err != nil {
			return profileErr(e, err)
		}
		fmt.Fprintf(e.stdout, "%s: recorded %s (%s)\n", pos[1], describeResult(v), profiles.SelfAttested)
		for _, w := range awards {
			x := q.Get(w.Qualification)
			fmt.Fprintf(e.stdout, "earned qualification %s (%s), evidence %s, %s\n", x.Name, x.ID, w.Evidence, profiles.AttestationLabel(w.Attestation))
			for _, u := range unlocks(x) {
				fmt.Fprintf(e.stdout, "  unlocks %s\n", u)
			}
		}
		return exitOK
	}
	st, ok := openProfiles(e, *db)
	if !ok {
		return exitUsage
	}
	defer st.Close()
	switch pos[0] {
	case "create":
		if _, err := st.Create(ctx, pos[1], time.Now()); err != nil {
			return profileErr(e, err)
		}
		fmt.Fprintf(e.stdout, "created profile %s in %s\n", pos[1], *db)
	case "list":
		names, err := st.List(ctx)
		if err != nil {
			return profileErr(e, err)
		}
		for _, n := range names {
			fmt.Fprintln(e.stdout, n)
		}
	case "show":
		p, err := st.Get(ctx, pos[1])
		if err != nil {
			return profileErr(e, err)
		}
		if *format == "json" {
			return showJSON(e, p, set, q)
		}
		showTable(e, p, set, q)
	}
	return exitOK
}

func profileErr(e *env, err error) int {
	if refused(err) {
		fmt.Fprintf(e.stderr, "prodos: refused, nothing recorded: %v\n", err)
		return exitProblems
	}
	fmt.Fprintf(e.stderr, "prodos: %v\n", err)
	if errors.Is(err, profiles.ErrNotFound) || errors.Is(err, profiles.ErrExists) {
		return exitProblems
	}
	return exitUsage
}

// refused reports whether err is a submission the attempt checks refuse: a
// demonstration, an attempt not bound to this learner's unused attempt id,
// wall-clock times that disagree, or a replay credited to someone else.
func refused(err error) bool {
	for _, k := range []error{training.ErrDemo, training.ErrAttempt, training.ErrClock, profiles.ErrCredited} {
		if errors.Is(err, k) {
			return true
		}
	}
	return false
}

func unlocks(x *training.Qualification) []string {
	var out []string
	for _, l := range x.Levels {
		out = append(out, "design level "+l)
	}
	for _, c := range x.Categories {
		out = append(out, "palette category "+c)
	}
	for _, p := range x.Permissions {
		out = append(out, "permission "+p)
	}
	return out
}

// locked lists what the profile has not unlocked yet, with the reason.
func locked(held map[string]bool, q *training.Quals) [][2]string {
	seen := map[string]bool{}
	var out [][2]string
	for _, x := range q.List {
		for _, k := range []struct {
			kind string
			list []string
		}{{training.UnlockLevel, x.Levels}, {training.UnlockCategory, x.Categories}, {training.UnlockPermission, x.Permissions}} {
			for _, name := range k.list {
				key := k.kind + " " + name
				if seen[key] {
					continue
				}
				seen[key] = true
				if r := q.LockReason(held, k.kind, name); r != "" {
					out = append(out, [2]string{key, r})
				}
			}
		}
	}
	return out
}

func showTable(e *env, p *profiles.Profile, set *training.Set, q *training.Quals) {
	w := e.stdout
	fmt.Fprintf(w, "profile %s (since %s), %d attempts\n\nchallenges:\n", p.Name, p.Created.Format("2006-01-02"), len(p.Attempts))
	best := p.Best()
	for _, l := range set.Levels {
		b, ok := best[l.ID]
		status := "not tried"
		if ok {
			status = fmt.Sprintf("best %d, %d stars, %s", b.Score, b.Stars, profiles.AttestationLabel(b.Attestation))
			if !b.Passed {
				status += " (not passed)"
			}
		}
		fmt.Fprintf(w, "  %2d %-22s %-32s %s\n", l.Number, l.ID, l.Title, status)
	}
	fmt.Fprintln(w, "\nqualifications:")
	if len(p.Awards) == 0 {
		fmt.Fprintln(w, "  none yet")
	}
	for _, a := range p.Awards {
		name := a.Qualification
		if x := q.Get(a.Qualification); x != nil {
			name = x.Name + " (" + x.ID + ")"
		}
		fmt.Fprintf(w, "  %-30s earned %s  evidence %s  %s\n", name, a.At.Format(time.RFC3339), a.Evidence, profiles.AttestationLabel(a.Attestation))
		if a.Practical != "" {
			fmt.Fprintf(w, "  %-30s practical sign-off %s\n", "", a.Practical)
		}
	}
	if err := showSignOffsAndPermissions(w, p, q, e.clock()); err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
	}
	if l := locked(p.Holds(), q); len(l) > 0 {
		fmt.Fprintln(w, "\nlocked:")
		for _, x := range l {
			fmt.Fprintf(w, "  %s: %s\n", x[0], x[1])
		}
	}
}

func showJSON(e *env, p *profiles.Profile, set *training.Set, q *training.Quals) int {
	type best struct {
		Challenge string `json:"challenge"`
		Score     int    `json:"score"`
		Stars     int    `json:"stars"`
		Passed    bool   `json:"passed"`
		Replay    string `json:"replay_hash"`
		Attest    string `json:"attestation"`
	}
	type lock struct {
		What   string `json:"what"`
		Reason string `json:"reason"`
	}
	out := struct {
		Name           string           `json:"name"`
		Created        time.Time        `json:"created_at"`
		Attempts       int              `json:"attempts"`
		Best           []best           `json:"best"`
		Qualifications []profiles.Award `json:"qualifications"`
		Unlocked       []string         `json:"unlocked"`
		Locked         []lock           `json:"locked"`
		PublicKey      string           `json:"public_key,omitempty"`
		Attestations   any              `json:"attestations"`
		SignedOff      any              `json:"signed_off"`
		Permissions    []permissionRow  `json:"permissions"`
	}{Name: p.Name, Created: p.Created, Attempts: len(p.Attempts), Best: []best{}, Qualifications: []profiles.Award{}, Unlocked: []string{}, Locked: []lock{},
		PublicKey: p.PublicKey, Attestations: nonNil(p.Attestations), SignedOff: nonNil(p.Given)}
	for _, a := range p.Awards {
		a.Attestation = attestation(a.Attestation)
		out.Qualifications = append(out.Qualifications, a)
	}
	var err error
	if out.Permissions, err = permissionRows(p, q, e.clock()); err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitUsage
	}
	bs := p.Best()
	for _, l := range set.Levels {
		if b, ok := bs[l.ID]; ok {
			out.Best = append(out.Best, best{l.ID, b.Score, b.Stars, b.Passed, b.ReplayHash, attestation(b.Attestation)})
		}
	}
	for _, a := range p.Awards {
		if x := q.Get(a.Qualification); x != nil {
			out.Unlocked = append(out.Unlocked, unlocks(x)...)
		}
	}
	sort.Strings(out.Unlocked)
	for _, l := range locked(p.Holds(), q) {
		out.Locked = append(out.Locked, lock{l[0], l[1]})
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitUsage
	}
	return exitOK
}

// attestation is the JSON value of an attestation: self-attested,
// verified, or legacy (also for records that have none).
func attestation(a string) string {
	if a == profiles.SelfAttested || a == profiles.Verified {
		return a
	}
	return profiles.Legacy
}
