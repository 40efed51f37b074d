package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/training/badge"
	"github.com/opensourceecology/prodos/production/training/profiles"
	"github.com/opensourceecology/prodos/production/training/signoff"
)

// issuerURLEnv names the URL badges say the issuer publishes from.
const issuerURLEnv = "PRODOS_ISSUER_URL"

// defaultIssuerURL is $PRODOS_ISSUER_URL, else prodos serve's default
// address.
func defaultIssuerURL() string {
	if u := os.Getenv(issuerURLEnv); u != "" {
		return strings.TrimSuffix(u, "/")
	}
	return "http://127.0.0.1:8080"
}

func issuerName() string {
	host, _ := os.Hostname()
	return "Production OS training (" + host + ")"
}

// badgeStatusAndPractical gives the claim its status list entry (a new
// index in the profiles database) and, for a qualification completed by a
// practical sign-off, that sign-off as evidence.
func badgeStatusAndPractical(e *env, st profiles.Store, q *training.Quals, p *profiles.Profile, w profiles.Award, c *badge.Claim, base string) int {
	ctx := context.Background()
	if w.Practical != "" {
		a, err := profiles.Attestation(ctx, st, q, p, w.Practical)
		if err != nil {
			fmt.Fprintf(e.stderr, "prodos: %s's %s award cannot be issued: %v\n", p.Name, c.QualName, err)
			return exitProblems
		}
		body, _ := json.Marshal(a)
		c.Practical = &badge.Practical{ID: a.ID(), Attestation: string(body),
			Description: fmt.Sprintf("%s (%s) signed off %s building a %s module in %d minutes on %s.", a.Assessor, a.AssessorKey, a.Learner, a.Module, a.Minutes, a.Date)}
	}
	cs, ok := st.(profiles.CredentialStore)
	if !ok {
		fmt.Fprintln(e.stderr, "prodos: this profiles store cannot record issued badges")
		return exitUsage
	}
	base = strings.TrimSuffix(base, "/")
	if !strings.HasPrefix(base, "http://") && !strings.HasPrefix(base, "https://") {
		fmt.Fprintf(e.stderr, "prodos: --issuer-url %q is not an http(s) URL\n", base)
		return exitUsage
	}
	cred, err := cs.AddCredential(ctx, profiles.Credential{ID: badge.NewID(), Learner: p.Name, Qualification: w.Qualification, IssuedAt: e.clock()}, badge.StatusListBits)
	if err != nil {
		fmt.Fprintf(e.stderr, "prodos: %v\n", err)
		return exitProblems
	}
	c.ID, c.IssuerURL = cred.ID, base
	c.Status = &badge.StatusEntry{List: base + badge.StatusListPath, Index: cred.Index}
	return exitOK
}

// revokeBadge sets the status bit of a badge this installation issued,
// named by its file or its id.
func revokeBadge(e *env, db, what, reason string) int {
	id := what
	if data, err := readFileLimit(what, badge.MaxCredential); err == nil {
		var doc struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(data, &doc); err != nil || doc.ID == "" {
			fmt.Fprintf(e.stderr, "prodos: %s is not a badge (no id)\n", what)
			return exitUsage
		}
		id = doc.ID
	}
	st, ok := openProfiles(e, db)
	if !ok {
		return exitUsage
	}
	defer st.Close()
	c, err := st.(profiles.CredentialStore).Revoke(context.Background(), id, reason, e.clock())
	if err != nil {
		return profileErr(e, err)
	}
	fmt.Fprintf(e.stdout, "revoked %s (%s's %s, status list index %d) on %s\n", c.ID, c.Learner, c.Qualification, c.Index, c.RevokedAt.Format(time.DateOnly))
	return exitOK
}

var statusClient = &http.Client{Timeout: 10 * time.Second}

// fetch GETs url (at most badge.MaxCredential bytes).
func fetch(url string) ([]byte, error) {
	resp, err := statusClient.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, badge.MaxCredential+1))
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", url, err)
	}
	return data, nil
}

// trustIssuerDoc fetches the issuer profile document at --issuer and checks
// that it is the badge's issuer.
func trustIssuerDoc(e *env, c badgeCheck, info *badge.Info) (string, int) {
	url := strings.TrimSuffix(c.issuer, "/") + badge.IssuerPath
	data, err := fetch(url)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: cannot fetch the issuer profile: %v\n", c.file, err)
		return "", exitProblems
	}
	did, name, err := badge.CheckIssuerProfile(data)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %s: %v\n", c.file, url, err)
		return "", exitProblems
	}
	if did != info.Issuer {
		fmt.Fprintf(e.stderr, "%s: NOT TRUSTED: the issuer at %s is %s, but the badge is issued by %s\n", c.file, c.issuer, did, info.Issuer)
		return "", exitProblems
	}
	return name, exitOK
}

// checkPracticals checks each practical sign-off a badge cites: its
// signed attestation must verify and hash to the cited id; on this
// installation it must also be the learner's recorded, valid sign-off.
func checkPracticals(e *env, c badgeCheck, info *badge.Info, own bool) int {
	for _, pr := range info.Practicals {
		var a signoff.Attestation
		if err := json.Unmarshal([]byte(pr.Attestation), &a); err != nil {
			fmt.Fprintf(e.stderr, "%s: the practical sign-off %s is not an attestation: %v\n", c.file, pr.ID, err)
			return exitProblems
		}
		if err := a.Verify(); err != nil {
			fmt.Fprintf(e.stderr, "%s: the practical sign-off %s: %v\n", c.file, pr.ID, err)
			return exitProblems
		}
		if a.ID() != pr.ID || a.Learner != info.Learner {
			fmt.Fprintf(e.stderr, "%s: the practical sign-off cited as %s is %s, of %s\n", c.file, pr.ID, a.ID(), a.Learner)
			return exitProblems
		}
		if !own {
			continue
		}
		if code := checkLocalPractical(e, c, info.Learner, pr.ID); code != exitOK {
			return code
		}
	}
	return exitOK
}

func checkLocalPractical(e *env, c badgeCheck, learner, id string) int {
	_, _, q, ok := loadTraining(e)
	if !ok {
		return exitUsage
	}
	st, ok := openProfiles(e, c.db)
	if !ok {
		return exitUsage
	}
	defer st.Close()
	p, err := st.Get(context.Background(), learner)
	if err == nil {
		_, err = profiles.Attestation(context.Background(), st, q, p, id)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: the practical sign-off is not valid in %s: %v\n", c.file, c.db, err)
		return exitProblems
	}
	return exitOK
}

// checkBadgeStatus checks the badge's revocation status: in this
// installation's records for its own badges, else in the status list
// fetched from the issuer. Exit 1 when revoked or when the status cannot be
// checked.
func checkBadgeStatus(e *env, c badgeCheck, info *badge.Info, own bool) int {
	if info.Status == nil {
		fmt.Fprintf(e.stdout, "%s: no credentialStatus: the issuer cannot revoke this badge\n", c.file)
		return exitOK
	}
	if own {
		st, ok := openProfiles(e, c.db)
		if !ok {
			return exitUsage
		}
		defer st.Close()
		all, err := st.(profiles.CredentialStore).Credentials(context.Background())
		if err != nil {
			fmt.Fprintf(e.stderr, "prodos: %v\n", err)
			return exitUsage
		}
		for _, cr := range all {
			if cr.ID == info.ID && cr.Index == info.Status.Index {
				if cr.Revoked() {
					fmt.Fprintf(e.stderr, "%s: revoked: %s's %s was revoked on %s (%s); status list index %d\n", c.file, info.Learner, info.Achievement, cr.RevokedAt.Format(time.DateOnly), cr.Reason, cr.Index)
					return exitProblems
				}
				return exitOK
			}
		}
		fmt.Fprintf(e.stderr, "%s: this installation has no record of issuing %s at status index %d\n", c.file, info.ID, info.Status.Index)
		return exitProblems
	}
	if base := strings.TrimSuffix(c.issuer, "/"); base != "" && !strings.HasPrefix(info.Status.List, base+"/") {
		fmt.Fprintf(e.stderr, "%s: the badge's status list %s is not at the issuer's address %s\n", c.file, info.Status.List, base)
		return exitProblems
	}
	list, err := fetch(info.Status.List)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: cannot check the revocation status: %v\n", c.file, err)
		return exitProblems
	}
	revoked, err := badge.Revoked(list, info.Issuer, info.Status)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: cannot check the revocation status: %v\n", c.file, err)
		return exitProblems
	}
	if revoked {
		fmt.Fprintf(e.stderr, "%s: revoked: the issuer's status list %s has bit %d set\n", c.file, info.Status.List, info.Status.Index)
		return exitProblems
	}
	return exitOK
}
