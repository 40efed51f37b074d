package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/badge"
)

func init() {
	register(&command{
		name:    "badge",
		usage:   "badge PROFILE QUALIFICATION [--out FILE] [--db FILE] [--key FILE] | badge verify FILE",
		summary: "write an Open Badges 3.0 credential for an earned qualification; verify checks one",
		run:     runBadge,
	})
}

func runBadge(e *env, args []string) int {
	fs := newFlags(e, "badge")
	db := fs.String("db", defaultProfilesDB(), "profiles database (SQLite)")
	keyPath := fs.String("key", "", "issuer key (default: issuer-ed25519.pem under the XDG data dir, created on first use)")
	out := fs.String("out", "", "write the credential to FILE instead of standard output")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 2 {
		fs.Usage()
		return exitUsage
	}
	if *keyPath == "" {
		if *keyPath, err = badge.DefaultKeyPath(); err != nil {
			fmt.Fprintf(e.stderr, "prodos: %v\n", err)
			return exitUsage
		}
	}
	if pos[0] == "verify" {
		return verifyBadge(e, pos[1], *keyPath)
	}
	name, qualID := pos[0], pos[1]
	_, set, q, ok := loadTraining(e)
	if !ok {
		return exitUsage
	}
	x := q.Get(qualID)
	if x == nil {
		fmt.Fprintf(e.stderr, "prodos: unknown qualification %q\n", qualID)
		return exitUsage
	}
	st, ok := openProfiles(e, *db)
	if !ok {
		return exitUsage
	}
	defer st.Close()
	p, err := st.Get(context.Background(), name)
	if err != nil {
		return profileErr(e, err)
	}
	award, held := p.Award(qualID)
	if !held {
		fmt.Fprintf(e.stderr, "prodos: profile %s does not hold %s: earn it: %s\n", name, x.Name, q.HowToEarn(qualID))
		return exitProblems
	}
	evidenceFor := "the attempt that completed its requirements"
	for _, a := range p.Attempts {
		if a.ReplayHash == award.Evidence {
			l := set.Level(a.Challenge)
			evidenceFor = fmt.Sprintf("challenge %s %q, score %d, %d stars", a.Challenge, l.Title, a.Score, a.Stars)
		}
	}
	key, err := badge.LoadOrCreateKey(*keyPath)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitUsage
	}
	host, _ := os.Hostname()
	data, err := badge.Issue(key, badge.Claim{
		IssuerName: "Production OS training (" + host + ")", Learner: name,
		QualID: x.ID, QualName: x.Name, Description: x.Description, Criteria: q.HowToEarn(x.ID),
		EarnedAt: award.At, Evidence: award.Evidence, EvidenceFor: evidenceFor,
	}, time.Now())
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitUsage
	}
	if *out == "" {
		e.stdout.Write(data)
		return exitOK
	}
	if err := designs.WriteFileAtomic(*out, data); err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(e.stderr, "wrote %s\n", *out)
	return exitOK
}

func verifyBadge(e *env, file, keyPath string) int {
	data, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitUsage
	}
	info, err := badge.Verify(data)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", file, err)
		if errors.Is(err, badge.ErrInvalid) {
			return exitProblems
		}
		return exitUsage
	}
	whose := "another installation's key"
	if _, statErr := os.Stat(keyPath); statErr == nil {
		if key, err := badge.LoadOrCreateKey(keyPath); err == nil && badge.DIDKey(key.Public().(ed25519.PublicKey)) == info.Issuer {
			whose = "this installation's key"
		}
	}
	fmt.Fprintf(e.stdout, "%s: valid: %s earned by %s on %s, issued by %s (%s, %s), evidence %v\n",
		file, info.Achievement, info.Learner, info.ValidFrom, info.IssuerName, info.Issuer, whose, info.Evidence)
	return exitOK
}
