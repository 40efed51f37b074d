// Package value shares the value added by sold houses among the people
// whose verified work produced them, and computes reputation from verified
// output only. Work counts at the catalog's standard time, design work by
// the verified production that used the design, and self-reported hours
// only when a crew lead witnessed them (Policy, policy.toml). Every figure
// keeps the ledger entries it came from, so Explain can trace it.
package value

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/shopspring/decimal"
)

//go:embed policy.toml
var defaultPolicy []byte

// Policy is the value policy: the rules that turn ledger entries into
// credited standard minutes, each with its rationale.
type Policy struct {
	Work struct {
		Rationale string `toml:"rationale"`
	} `toml:"work"`
	Design struct {
		// Credit is the fraction of the standard minutes of verified
		// modules on a completed house credited to its design's author.
		Credit    decimal.Decimal `toml:"credit"`
		Rationale string          `toml:"rationale"`
	} `toml:"design"`
	// Lineage shares the design credit of a house built from a remix
	// along the remix's lineage (Compute, Input.Lineage).
	Lineage struct {
		// Keep is the fraction of the design credit reaching a designer
		// that they keep; the rest passes to their parent's designer.
		// Absent: the remixer keeps all of it.
		Keep      *decimal.Decimal `toml:"keep"`
		Rationale string           `toml:"rationale"`
	} `toml:"lineage"`
	Claims struct {
		// WitnessPermission is the permission a witness must hold.
		WitnessPermission string `toml:"witness_permission"`
		// CountUncheckedWitness counts witnessed hours toward value when
		// no profile store can check the witness.
		CountUncheckedWitness bool   `toml:"count_unchecked_witness"`
		Rationale             string `toml:"rationale"`
	} `toml:"claims"`
	Reputation struct {
		Rationale string `toml:"rationale"`
	} `toml:"reputation"`
}

// lineageKeep is lineage.keep, 1 when the policy has none.
func (p *Policy) lineageKeep() decimal.Decimal {
	if p.Lineage.Keep == nil {
		return decimal.NewFromInt(1)
	}
	return *p.Lineage.Keep
}

// DefaultPolicy is the policy shipped in policy.toml.
func DefaultPolicy() (*Policy, error) {
	return ParsePolicy("policy.toml", defaultPolicy)
}

// ParsePolicy reads a value policy, naming the file and the field of any
// problem.
func ParsePolicy(file string, data []byte) (*Policy, error) {
	var p Policy
	md, err := toml.Decode(string(data), &p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("%s: unknown field %s", file, und[0])
	}
	var errs []error
	if p.Design.Credit.Sign() < 0 || p.Design.Credit.GreaterThan(decimal.NewFromInt(1)) {
		errs = append(errs, fmt.Errorf("%s: design.credit must be between 0 and 1, got %s", file, p.Design.Credit))
	}
	if k := p.Lineage.Keep; k != nil {
		if k.Sign() < 0 || k.GreaterThan(decimal.NewFromInt(1)) {
			errs = append(errs, fmt.Errorf("%s: lineage.keep must be between 0 and 1, got %s", file, k))
		}
		if strings.TrimSpace(p.Lineage.Rationale) == "" {
			errs = append(errs, fmt.Errorf("%s: lineage.rationale is empty: every rule says why", file))
		}
	}
	if strings.TrimSpace(p.Claims.WitnessPermission) == "" {
		errs = append(errs, fmt.Errorf("%s: claims.witness_permission is empty", file))
	}
	for _, r := range [][2]string{{"work", p.Work.Rationale}, {"design", p.Design.Rationale},
		{"claims", p.Claims.Rationale}, {"reputation", p.Reputation.Rationale}} {
		if strings.TrimSpace(r[1]) == "" {
			errs = append(errs, fmt.Errorf("%s: %s.rationale is empty: every rule says why", file, r[0]))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return &p, nil
}
