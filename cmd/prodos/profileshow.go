package main

import (
	"fmt"
	"io"
	"time"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/levels"
	"github.com/opensourceecology/prodos/production/training/profiles"
	"github.com/opensourceecology/prodos/production/training/signoff"
)

// permissionRow is one permission's standing as profile show prints it.
type permissionRow struct {
	Permission string `json:"permission"`
	State      string `json:"state"`             // not held, active, lapsed
	Standing   string `json:"standing"`          // "active, lapses on 2027-05-30", ...
	Until      string `json:"until,omitempty"`   // lapses on / lapsed since (YYYY-MM-DD)
	Renews     string `json:"renews,omitempty"`  // what renews it
	LastBy     string `json:"last_by,omitempty"` // the last contribution that renewed it
	HowToEarn  string `json:"how_to,omitempty"`  // for a permission not held
}

// permissionRows is every permission's standing for p at now, under the
// embedded contribution gate (levels/policy.toml).
func permissionRows(p *profiles.Profile, q *training.Quals, now time.Time) ([]permissionRow, error) {
	pol, err := levels.Policy()
	if err != nil {
		return nil, err
	}
	var out []permissionRow
	for _, perm := range training.Permissions {
		s := pol.Standing(q, perm, p.EarnedAt(), p.Contributions(), now)
		r := permissionRow{Permission: perm, State: s.State, Standing: s.String(), Renews: s.Renews}
		if !s.Until.IsZero() {
			r.Until = s.Until.Format(time.DateOnly)
		}
		if s.Last != nil {
			r.LastBy = fmt.Sprintf("%s on %s", s.Last.What, s.Last.At.Format(time.DateOnly))
		}
		if s.State == training.StandingNotHeld {
			r.HowToEarn = q.LockReason(p.Holds(), training.UnlockPermission, perm)
		}
		out = append(out, r)
	}
	return out, nil
}

func describeAttestation(a signoff.Attestation) string {
	s := fmt.Sprintf("%s built in %d min on %s", a.Module, a.Minutes, a.Date)
	if a.Notes != "" {
		s += fmt.Sprintf(" (%q)", a.Notes)
	}
	if a.PhotoHash != "" {
		s += ", photo " + a.PhotoHash
	}
	return s
}

// showSignOffsAndPermissions prints the practical sign-offs received and
// given, and each permission with its standing.
func showSignOffsAndPermissions(w io.Writer, p *profiles.Profile, q *training.Quals, now time.Time) error {
	if len(p.Attestations) > 0 {
		fmt.Fprintln(w, "\npractical sign-offs:")
		for _, a := range p.Attestations {
			ok := "signature ok"
			if err := a.Verify(); err != nil {
				ok = "INVALID: " + err.Error()
			}
			fmt.Fprintf(w, "  %-14s %s, signed by %s, %s, attestation %s\n", a.Qualification, describeAttestation(a), a.Assessor, ok, a.ID())
		}
	}
	if len(p.Given) > 0 {
		fmt.Fprintln(w, "\nsigned off as assessor:")
		for _, a := range p.Given {
			fmt.Fprintf(w, "  %-14s %s: %s\n", a.Qualification, a.Learner, describeAttestation(a))
		}
	}
	rows, err := permissionRows(p, q, now)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\npermissions:")
	for _, r := range rows {
		line := fmt.Sprintf("  %-21s %s", r.Permission, r.Standing)
		switch {
		case r.Renews != "":
			line += "; renewed by " + r.Renews
		case r.HowToEarn != "":
			line += ": " + r.HowToEarn
		}
		fmt.Fprintln(w, line)
	}
	return nil
}

func nonNil(a []signoff.Attestation) []signoff.Attestation {
	if a == nil {
		return []signoff.Attestation{}
	}
	return a
}
