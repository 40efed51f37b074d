package main

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/classroom"
	"github.com/opensourceecology/prodos/production/training/badge"
	"github.com/opensourceecology/prodos/production/training/profiles"
	"github.com/opensourceecology/prodos/production/training/signoff"
)

func init() {
	register(&command{
		name: "qualify",
		usage: "qualify keygen PROFILE | appoint ASSESSOR QUALIFICATION | sign LEARNER QUALIFICATION --assessor NAME --module ID --minutes N " +
			"[--date YYYY-MM-DD] [--notes TEXT] [--photo FILE] [--key FILE] [--db FILE] [--issuer-key FILE]",
		summary: "practical sign-off: keygen makes a profile's signing key; appoint names an assessor (installation key); sign attests a timed module build",
		run:     runQualify,
	})
}

type qualifyFlags struct {
	db, issuerKey, key, assessor, module, date, notes, photo *string
	minutes                                                  *int
}

func runQualify(e *env, args []string) int {
	fs := newFlags(e, "qualify")
	f := qualifyFlags{
		db:        fs.String("db", defaultProfilesDB(), "profiles database (SQLite)"),
		issuerKey: fs.String("issuer-key", "", "the installation's issuer key (default: issuer-ed25519.pem under the XDG data dir)"),
		key:       fs.String("key", "", "keygen, sign: the profile's signing key (default: assessor-keys/NAME-ed25519.pem under the XDG data dir)"),
		assessor:  fs.String("assessor", "", "sign: the assessor's profile"),
		module:    fs.String("module", "", "sign: the module built (the qualification's practical module)"),
		minutes:   fs.Int("minutes", 0, "sign: the measured build time in whole minutes"),
		date:      fs.String("date", "", "sign: the day of the build, YYYY-MM-DD (default: today)"),
		notes:     fs.String("notes", "", "sign: the assessor's notes"),
		photo:     fs.String("photo", "", "sign: a photo of the build; its SHA-256 is recorded (not the photo)"),
	}
	want := map[string]int{"keygen": 2, "appoint": 3, "sign": 3}
	pos, ok := cliArgs(e, fs, args, cliSpec{args: func(pos []string) bool { return len(pos) > 0 && want[pos[0]] == len(pos) }})
	if !ok {
		return exitUsage
	}
	issuer, code := issuerKey(e, *f.issuerKey)
	if code != exitOK {
		return code
	}
	g, code := loadGate(e, issuer)
	if code != exitOK {
		return code
	}
	st, ok := openProfiles(e, *f.db)
	if !ok {
		return exitUsage
	}
	defer st.Close()
	switch pos[0] {
	case "keygen":
		return qualifyKeygen(e, st, pos[1], *f.key)
	case "appoint":
		return qualifyAppoint(e, st, g, issuer, pos[1], pos[2])
	}
	return qualifySign(e, st, g, f, pos[1], pos[2])
}

// loadGate is what sign-offs are checked against: the qualifications, the
// contribution gate and the installation's issuer key.
func loadGate(e *env, issuer ed25519.PrivateKey) (profiles.Gate, int) {
	_, _, q, ok := loadTraining(e)
	if !ok {
		return profiles.Gate{}, exitUsage
	}
	pol, err := levels.Policy()
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return profiles.Gate{}, exitUsage
	}
	return profiles.Gate{Quals: q, Policy: pol, Issuer: badge.DIDKey(issuer.Public().(ed25519.PublicKey))}, exitOK
}

// issuerKey loads the installation's issuer key (made on first use).
func issuerKey(e *env, path string) (ed25519.PrivateKey, int) {
	if path == "" {
		var err error
		if path, err = badge.DefaultKeyPath(); err != nil {
			fmt.Fprintf(e.stderr, "prodos: %v\n", err)
			return nil, exitUsage
		}
	}
	key, err := badge.LoadOrCreateKey(path)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return nil, exitUsage
	}
	return key, exitOK
}

func qualifyKeygen(e *env, st profiles.Store, name, path string) int {
	if _, err := st.Get(context.Background(), name); err != nil {
		return profileErr(e, err)
	}
	if path == "" {
		var err error
		if path, err = signoff.KeyPath(name); err != nil {
			fmt.Fprintf(e.stderr, "prodos: %v\n", err)
			return exitUsage
		}
	}
	key, err := signoff.CreateKey(path)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitUsage
	}
	did := badge.DIDKey(key.Public().(ed25519.PublicKey))
	if err := st.SetKey(context.Background(), name, did); err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v (the key at %s is not the one recorded)\n", err, path)
		if errors.Is(err, profiles.ErrKeyRecorded) {
			return exitProblems
		}
		return exitUsage
	}
	fmt.Fprintf(e.stdout, "%s signs with %s\nkey: %s (keep it private)\n", name, did, path)
	return exitOK
}

func qualifyAppoint(e *env, st profiles.Store, g profiles.Gate, issuer ed25519.PrivateKey, name, qual string) int {
	ap := signoff.Appoint(issuer, name, qual, e.clock())
	if err := profiles.Appoint(context.Background(), st, g, ap); err != nil {
		return signOffErr(e, err)
	}
	fmt.Fprintf(e.stdout, "%s is appointed assessor for %s by this installation (%s)\n", name, qual, g.Issuer)
	return exitOK
}

func qualifySign(e *env, st profiles.Store, g profiles.Gate, f qualifyFlags, learner, qual string) int {
	if *f.assessor == "" || *f.module == "" || *f.minutes == 0 {
		fmt.Fprintln(e.stderr, "prodos qualify sign: --assessor, --module and --minutes are required")
		return exitUsage
	}
	path := *f.key
	if path == "" {
		var err error
		if path, err = signoff.KeyPath(*f.assessor); err != nil {
			fmt.Fprintf(e.stderr, "prodos: %v\n", err)
			return exitUsage
		}
	}
	key, err := signoff.LoadKey(path, *f.assessor)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitUsage
	}
	now := e.clock()
	a := signoff.Attestation{Learner: learner, Assessor: *f.assessor, Qualification: qual, Module: *f.module,
		Date: *f.date, Minutes: *f.minutes, Notes: *f.notes, SignedAt: now}
	if a.Date == "" {
		a.Date = now.Format(signoff.DateFormat)
	}
	if *f.photo != "" {
		if a.PhotoHash, err = hashFile(*f.photo); err != nil {
			fmt.Fprintf(e.stderr, "prodos: %v\n", err)
			return exitUsage
		}
	}
	if a, err = signoff.Sign(key, a); err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitUsage
	}
	awards, err := profiles.SignOff(context.Background(), st, g, a)
	if err != nil {
		return signOffErr(e, err)
	}
	fmt.Fprintf(e.stdout, "%s signed off %s's practical for %s: %s built in %d minutes on %s\nattestation %s\n",
		a.Assessor, learner, qual, a.Module, a.Minutes, a.Date, a.ID())
	for _, w := range awards {
		fmt.Fprintf(e.stdout, "earned qualification %s (%s), evidence %s, practical %s\n", g.Quals.Get(w.Qualification).Name, w.Qualification, w.Evidence, w.Practical)
	}
	if len(awards) == 0 {
		if _, held := mustGet(st, learner).Award(qual); !held {
			fmt.Fprintf(e.stdout, "%s still needs: %s\n", learner, g.Quals.HowToEarn(qual))
		}
	}
	return exitOK
}

func mustGet(st profiles.Store, name string) *profiles.Profile {
	p, err := st.Get(context.Background(), name)
	if err != nil {
		return &profiles.Profile{Name: name}
	}
	return p
}

// signOffErr prints a refused sign-off or appointment: exit 1 when a check
// refused it (signature, qualification, limits, unknown profile), 2 else.
func signOffErr(e *env, err error) int {
	fmt.Fprintf(e.stderr, "prodos: refused: %v\n", err)
	for _, k := range []error{signoff.ErrSignature, signoff.ErrNotQualified, signoff.ErrMalformed, profiles.ErrPractical, profiles.ErrNotFound} {
		if errors.Is(err, k) {
			return exitProblems
		}
	}
	return exitUsage
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}

// dashboardSignOff is the facilitator dashboard's sign-off: the attestation
// is signed with the assessor's key kept on this server (qualify keygen)
// and checked and recorded as `qualify sign` does.
func dashboardSignOff(e *env, st profiles.Store, g profiles.Gate) classroom.SignOffFunc {
	return func(ctx context.Context, req classroom.SignOffRequest) (string, error) {
		path, err := signoff.KeyPath(req.Assessor)
		if err != nil {
			return "", err
		}
		key, err := signoff.LoadKey(path, req.Assessor)
		if err != nil {
			return "", err
		}
		now := e.clock()
		a := signoff.Attestation{Learner: req.Learner, Assessor: req.Assessor, Qualification: req.Qualification, Module: req.Module,
			Date: req.Date, Minutes: req.Minutes, Notes: req.Notes, PhotoHash: req.PhotoHash, SignedAt: now}
		if a.Date == "" {
			a.Date = now.Format(signoff.DateFormat)
		}
		if a, err = signoff.Sign(key, a); err != nil {
			return "", err
		}
		awards, err := profiles.SignOff(ctx, st, g, a)
		if err != nil {
			return "", err
		}
		msg := fmt.Sprintf("%s signed off %s's practical for %s: %s built in %d minutes on %s (attestation %s)", a.Assessor, a.Learner, a.Qualification, a.Module, a.Minutes, a.Date, a.ID())
		for _, w := range awards {
			msg += "; earned " + w.Qualification
		}
		return msg, nil
	}
}
