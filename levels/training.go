package levels

import (
	"fmt"
	"io/fs"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/training"
)

// Challenges loads the embedded Training Game challenges
// (challenges/*.toml) with the rules of engine/training. The loader sits
// with the content, so the rules never import their content.
func Challenges(cat *designs.Catalog) (*training.Set, error) {
	sub, err := fs.Sub(ChallengeFS, "challenges")
	if err != nil {
		return nil, fmt.Errorf("challenges: %w", err)
	}
	return training.LoadChallenges(sub, cat)
}

// Qualifications loads the embedded qualifications.toml, checked against
// the challenges in set.
func Qualifications(set *training.Set) (*training.Quals, error) {
	data, err := fs.ReadFile(ChallengeFS, "qualifications.toml")
	if err != nil {
		return nil, fmt.Errorf("qualifications: %w", err)
	}
	return training.ParseQualifications("qualifications.toml", data, set)
}

// QualificationsLazy loads the embedded qualifications.toml for checks of
// what people hold, without the challenges: they are loaded (Challenges)
// only when a message says how to earn a qualification
// (training.ParseQualificationsLazy). Every witnessed `ledger post` checks
// its people, and parsing every challenge was a tenth of its CPU (issue
// 14).
func QualificationsLazy(cat *designs.Catalog) (*training.Quals, error) {
	data, err := fs.ReadFile(ChallengeFS, "qualifications.toml")
	if err != nil {
		return nil, fmt.Errorf("qualifications: %w", err)
	}
	return training.ParseQualificationsLazy("qualifications.toml", data, func() (*training.Set, error) { return Challenges(cat) })
}

// Policy loads the embedded policy.toml: what keeps each production
// permission once earned (the contribution gate).
func Policy() (*training.Policy, error) {
	data, err := fs.ReadFile(ChallengeFS, "policy.toml")
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	return training.ParsePolicy("policy.toml", data)
}
