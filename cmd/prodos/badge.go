package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/training/badge"
	"github.com/opensourceecology/prodos/production/training/profiles"
)

func init() {
	register(&command{
		name:    "badge",
		usage:   "badge PROFILE QUALIFICATION [--out FILE] [--db FILE] [--key FILE] [--issuer-url URL] | badge verify FILE [--replay FILE] [--trust FILE] [--issuer URL] | badge revoke FILE|ID [--reason TEXT] | badge trust DID [NOTE...]",
		summary: "write an Open Badges 3.0 credential for an earned qualification; verify checks its proof, issuer, evidence and revocation status; revoke sets its status bit; trust adds an issuer",
		run:     runBadge,
	})
}

func runBadge(e *env, args []string) int {
	fs := newFlags(e, "badge")
	db := fs.String("db", defaultProfilesDB(), "profiles database (SQLite)")
	keyPath := fs.String("key", "", "issuer key (default: issuer-ed25519.pem under the XDG data dir, created on first use)")
	out := fs.String("out", "", "write the credential to FILE instead of standard output")
	trust := fs.String("trust", "", "verify, trust: the trust list (default: "+badge.TrustFile+" under the XDG data dir)")
	replay := fs.String("replay", "", "verify: the replay the badge names as evidence (needed for another installation's badge)")
	issuerURL := fs.String("issuer-url", defaultIssuerURL(), "issue: where `prodos serve` publishes the issuer profile and status list ($"+issuerURLEnv+")")
	issuerDoc := fs.String("issuer", "", "verify: trust the issuer whose profile document prodos serve publishes at URL (URL"+badge.IssuerPath+")")
	reason := fs.String("reason", "", "revoke: why the badge is revoked")
	pos, ok := cliArgs(e, fs, args, cliSpec{args: func(pos []string) bool { return len(pos) >= 2 && (len(pos) == 2 || pos[0] == "trust") }})
	if !ok {
		return exitUsage
	}
	var err error
	if *keyPath == "" {
		if *keyPath, err = badge.DefaultKeyPath(); err != nil {
			fmt.Fprintf(e.stderr, "prodos: %v\n", err)
			return exitUsage
		}
	}
	if *trust == "" {
		if *trust, err = badge.DefaultTrustPath(); err != nil {
			fmt.Fprintf(e.stderr, "prodos: %v\n", err)
			return exitUsage
		}
	}
	switch pos[0] {
	case "verify":
		return verifyBadge(e, badgeCheck{file: pos[1], keyPath: *keyPath, trustPath: *trust, replay: *replay, db: *db, issuer: *issuerDoc})
	case "revoke":
		return revokeBadge(e, *db, pos[1], *reason)
	case "trust":
		if err := badge.AddTrusted(*trust, pos[1], strings.Join(pos[2:], " ")); err != nil {
			fmt.Fprintf(e.stderr, "prodos: %v\n", err)
			return exitUsage
		}
		fmt.Fprintf(e.stdout, "trusting %s (list: %s)\n", pos[1], *trust)
		return exitOK
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
	a, err := profiles.VerifiedAttempt(p, set, award.Evidence)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %s's %s award cannot be issued: %v (was %s edited by hand?)\n", name, x.Name, err, *db)
		return exitProblems
	}
	evidenceFor := fmt.Sprintf("challenge %s %q, score %d, %d stars", a.Challenge, set.Level(a.Challenge).Title, a.Score, a.Stars)
	key, err := badge.LoadOrCreateKey(*keyPath)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitUsage
	}
	claim := badge.Claim{
		IssuerName: issuerName(), Learner: name,
		QualID: x.ID, QualName: x.Name, Description: x.Description, Criteria: q.HowToEarn(x.ID),
		EarnedAt: award.At, Evidence: award.Evidence, EvidenceFor: evidenceFor, Attestation: profiles.AttestationLabel(a.Attestation),
	}
	if code := badgeStatusAndPractical(e, st, q, p, award, &claim, *issuerURL); code != exitOK {
		return code
	}
	data, err := badge.Issue(key, claim, time.Now())
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

// badgeCheck is what `badge verify` checks a credential against.
type badgeCheck struct {
	file, keyPath, trustPath, replay, db, issuer string
}

// verifyBadge checks the proof, that the issuer is trusted (this
// installation's key or one on the trust list) and that the evidence is a
// verified, passed attempt: the replay given with --replay, or the learner's
// attempt in this installation's profiles database. Exit 1 for an invalid
// or untrusted credential or unverified evidence, 2 for unreadable input.
func verifyBadge(e *env, c badgeCheck) int {
	data, err := readFileLimit(c.file, badge.MaxCredential)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitUsage
	}
	info, err := badge.Verify(data)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", c.file, err)
		if errors.Is(err, badge.ErrInvalid) {
			return exitProblems
		}
		return exitUsage
	}
	trust, err := badge.LoadTrust(c.trustPath)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitUsage
	}
	own := false
	if _, statErr := os.Stat(c.keyPath); statErr == nil {
		key, err := badge.LoadOrCreateKey(c.keyPath)
		if err != nil {
			fmt.Fprintf(e.stderr, "prodos: %v\n", err)
			return exitUsage
		}
		own = badge.DIDKey(key.Public().(ed25519.PublicKey)) == info.Issuer
	}
	whose := "this installation's key"
	if c.issuer != "" && !own {
		name, code := trustIssuerDoc(e, c, info)
		if code != exitOK {
			return code
		}
		trust.Add(info.Issuer, "issuer profile "+name+" at "+c.issuer)
	}
	if note, ok := trust.Trusts(info.Issuer); !own && ok {
		whose = "trusted: " + note
	} else if !own {
		fmt.Fprintf(e.stderr, "%s: NOT TRUSTED: issued by %s (%s), which is neither this installation's key nor on the trust list %s; if you trust it, run: prodos badge trust %s NOTE\n",
			c.file, info.IssuerName, info.Issuer, c.trustPath, info.Issuer)
		return exitProblems
	}
	if code := checkBadgeEvidence(e, c, info, own); code != exitOK {
		return code
	}
	if code := checkPracticals(e, c, info, own); code != exitOK {
		return code
	}
	if code := checkBadgeStatus(e, c, info, own); code != exitOK {
		return code
	}
	fmt.Fprintf(e.stdout, "%s: valid: %s earned by %s on %s, issued by %s (%s, %s), evidence %v\n",
		c.file, info.Achievement, info.Learner, info.ValidFrom, info.IssuerName, info.Issuer, whose, info.Evidence)
	if info.Attestation != "" {
		fmt.Fprintf(e.stdout, "attestation: %s\n", info.Attestation)
	}
	for _, pr := range info.Practicals {
		fmt.Fprintf(e.stdout, "  practical sign-off %s: %s\n", pr.ID, pr.Description)
	}
	if info.Status != nil {
		fmt.Fprintf(e.stdout, "  status: not revoked (index %d of %s)\n", info.Status.Index, info.Status.List)
	}
	return exitOK
}

// checkBadgeEvidence re-simulates the attempt each evidence id names.
func checkBadgeEvidence(e *env, c badgeCheck, info *badge.Info, own bool) int {
	_, set, _, ok := loadTraining(e)
	if !ok {
		return exitUsage
	}
	for _, id := range info.Evidence {
		hash, _ := badge.EvidenceHash(id) // Verify checked the form
		if c.replay != "" {
			data, err := readFileLimit(c.replay, maxReplayFile)
			if err != nil {
				fmt.Fprintf(e.stderr, "prodos: %v\n", err)
				return exitUsage
			}
			if got := training.ReplayHash(data); got != hash {
				fmt.Fprintf(e.stderr, "%s: the evidence is %s but %s hashes to %s\n", c.file, hash, c.replay, got)
				return exitProblems
			}
			v, err := training.VerifyReplay(c.replay, data, set)
			if err != nil || !v.Result.Passed {
				fmt.Fprintf(e.stderr, "%s: the evidence replay %s does not verify as a passed attempt: %v\n", c.file, c.replay, err)
				return exitProblems
			}
			continue
		}
		if !own && c.issuer != "" {
			fmt.Fprintf(e.stdout, "%s: evidence %s is vouched for by the issuer (pass --replay FILE to re-simulate it)\n", c.file, hash)
			continue
		}
		if !own {
			fmt.Fprintf(e.stderr, "%s: the evidence %s is another installation's attempt: pass its replay with --replay FILE\n", c.file, hash)
			return exitProblems
		}
		if code := checkLocalEvidence(e, c, info.Learner, hash, set); code != exitOK {
			return code
		}
	}
	return exitOK
}

// checkLocalEvidence finds and re-simulates the learner's attempt in this
// installation's profiles database.
func checkLocalEvidence(e *env, c badgeCheck, learner, hash string, set *training.Set) int {
	if _, err := os.Stat(c.db); err != nil {
		fmt.Fprintf(e.stderr, "%s: cannot check the evidence %s: no profiles database at %s (pass --db FILE or --replay FILE)\n", c.file, hash, c.db)
		return exitProblems
	}
	st, ok := openProfiles(e, c.db)
	if !ok {
		return exitUsage
	}
	defer st.Close()
	p, err := st.Get(context.Background(), learner)
	if err == nil {
		_, err = profiles.VerifiedAttempt(p, set, hash)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: the evidence is not a verified attempt in %s: %v\n", c.file, c.db, err)
		return exitProblems
	}
	return exitOK
}
