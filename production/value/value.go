package value

import (
	"fmt"
	"time"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/ledger"
	"github.com/shopspring/decimal"
)

// Rule names what made a ledger entry count (or not) for a person. Explain
// prints them; RuleText says each in words.
type Rule string

// The rules of the value policy.
const (
	// RuleStandardTime: a module record at its catalog standard time.
	RuleStandardTime Rule = "standard-time"
	// RuleDesignCredit: the policy's fraction of a module record's
	// standard time, to the author of the house's design.
	RuleDesignCredit Rule = "design-credit"
	// RuleLineageCredit: the share of a design credit that reaches the
	// designer of a version the house's design was remixed from.
	RuleLineageCredit Rule = "lineage-credit"
	// RuleWitnessed: claimed hours signed by a witness the profile store
	// shows holding the witness permission.
	RuleWitnessed Rule = "witnessed"
	// RuleWitnessUnchecked: claimed hours with a witness that could not be
	// checked (no profile store): counted for value, not reputation.
	RuleWitnessUnchecked Rule = "witnessed-unverified"
	// RuleNoWitness: claimed hours nobody signed: not counted.
	RuleNoWitness Rule = "no-witness"
	// RuleWitnessNotLead: the witness does not hold the permission.
	RuleWitnessNotLead Rule = "witness-not-lead"
	// RuleSelfWitnessed: the claimant signed their own hours.
	RuleSelfWitnessed Rule = "self-witnessed"
	// RuleCoveredByRecords: claimed labour of a skill the person's own
	// module records on the house already credit at standard time.
	RuleCoveredByRecords Rule = "covered-by-records"
	// RuleNotCompleted: the house is not completed yet.
	RuleNotCompleted Rule = "house-not-completed"
	// RuleNotInCatalog: the module has no standard time in the catalog.
	RuleNotInCatalog Rule = "not-in-catalog"
)

// RuleText is each rule in words, with the policy's figures.
func (p *Policy) RuleText(r Rule) string {
	switch r {
	case RuleStandardTime:
		return "module built or installed, counted at the catalog's standard minutes"
	case RuleDesignCredit:
		return fmt.Sprintf("%s%% of the standard minutes of a module built or installed from your design", p.Design.Credit.Shift(2).String())
	case RuleLineageCredit:
		return fmt.Sprintf("a share of the design credit of a house built from a remix of your design: each designer along the remix's lineage keeps %s of what reaches them", p.lineageKeep().String())
	case RuleWitnessed:
		return "claimed minutes signed by a witness holding " + p.Claims.WitnessPermission
	case RuleWitnessUnchecked:
		if p.Claims.CountUncheckedWitness {
			return "claimed minutes with a witness not checked (no profile store): counted for value, not reputation"
		}
		return "claimed minutes with a witness not checked (no profile store): not counted"
	case RuleNoWitness:
		return "claimed minutes nobody witnessed: not counted"
	case RuleWitnessNotLead:
		return "claimed minutes whose witness does not hold " + p.Claims.WitnessPermission + ": not counted"
	case RuleSelfWitnessed:
		return "claimed minutes the claimant witnessed: not counted"
	case RuleCoveredByRecords:
		return "claimed labour of a skill your module records on this house already credit at standard time: not counted twice"
	case RuleNotCompleted:
		return "house not completed: not counted yet"
	case RuleNotInCatalog:
		return "module not in the catalog (no standard time): not counted"
	}
	return string(r)
}

// Checker reports whether a witness holds the policy's witness permission,
// and when not, why. A nil Checker means no profile store is available.
type Checker func(witness string) (ok bool, why string)

// Input is what Compute reads.
type Input struct {
	Data    *ledger.ValueData
	Catalog *designs.Catalog
	Policy  *Policy
	// Check checks witnesses; nil when there is no profile store.
	Check Checker
	// Lineage names, for a house built from a version in the open design
	// commons, the designers along that version's lineage: [0] the
	// version's author (the remixer), then its parent's, back to the
	// original's. A house without one credits its ledger author alone.
	Lineage map[string][]string
}

// Line is one ledger entry as it counts for one person.
type Line struct {
	Key   string // the idempotency key of the entry
	At    time.Time
	Event ledger.EventType
	House string
	// Module and Count are for module records (and the design credit
	// they give); Worker is who built or installed them.
	Module string
	Count  int
	Worker string
	// Kind is the kind of claimed work (labour-contributed).
	Kind    string
	Witness string
	// Standard is the entry's minutes before the rule: count times the
	// module's catalog minutes, or the minutes claimed.
	Standard decimal.Decimal
	// Credited is the minutes the rule credits to the person.
	Credited decimal.Decimal
	// Verified is true when the line counts toward reputation.
	Verified bool
	Rule     Rule
	Note     string // why a witness was refused, for example
}

// Part is a person's part of one sold house's value added.
type Part struct {
	House string
	Added decimal.Decimal // the house's value added
	// Credited is the person's credited minutes on the house, of
	// HouseCredited minutes credited to everyone.
	Credited, HouseCredited decimal.Decimal
	// Amount is the part allocated, to the cent (Allocate); Exact is
	// Added*Credited/HouseCredited before allocation, to 6 places.
	Amount decimal.Decimal
	Exact  decimal.Decimal
}

// Person is one person's line of the report, with the lines and parts it
// is made of.
type Person struct {
	Name  string
	Lines []Line // by date, then key
	Parts []Part // by house
	// Credited is the sum of Lines' credited minutes.
	Credited decimal.Decimal
	// Attributed is the sum of Parts' amounts.
	Attributed decimal.Decimal
	// ShareBP is the share of all value produced in basis points
	// (1/10000), allocated with Allocate so the shares sum to 10000.
	ShareBP int64
	// VerifiedMinutes is the sum of credited minutes of Verified lines;
	// Reputation is it in hours, to two places.
	VerifiedMinutes decimal.Decimal
	Reputation      decimal.Decimal
	// WitnessedEvents counts the person's own entries on completed houses
	// witnessed by a checked crew lead; DesignUses the modules built or
	// installed from the person's designs on completed houses.
	WitnessedEvents  int
	DesignUses       int
	ModulesBuilt     int
	ModulesInstalled int
	// Claimed is every minute the person claimed, by kind, counted or not.
	Claimed map[string]int64
}

// Share is ShareBP as a fraction (four places).
func (p *Person) Share() decimal.Decimal { return ShareOf(p.ShareBP) }

// ShareOf is a share in basis points as a fraction (four places).
func ShareOf(bp int64) decimal.Decimal { return decimal.New(bp, -4) }

// House is one sold house's value and the minutes credited on it.
type House struct {
	ID        string
	Sale      decimal.Decimal
	Materials decimal.Decimal
	Added     decimal.Decimal // sale less materials, not below zero
	Credited  decimal.Decimal
}

// Report is the value report.
type Report struct {
	Sales    decimal.Decimal
	Produced decimal.Decimal
	// Unattributed is value added by sold houses with no credited work;
	// UnattributedBP its share in basis points.
	Unattributed   decimal.Decimal
	UnattributedBP int64
	Houses         []House // sold houses, by id
	People         []Person
	// Checked is true when witnesses were checked in a profile store.
	Checked bool
	Policy  *Policy
}

// Person returns the named person's line, or nil.
func (r *Report) Person(name string) *Person {
	for i := range r.People {
		if r.People[i].Name == name {
			return &r.People[i]
		}
	}
	return nil
}
