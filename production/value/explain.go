package value

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"text/tabwriter"
)

// ErrNoPerson is Explain of a name no ledger entry records work by or
// credits (a witness alone is not credited).
var ErrNoPerson = errors.New("no ledger entry records work by or credits this person")

// Explanation is where one person's share and reputation came from: every
// ledger entry with the rule applied, every sold house's part, and the
// totals, which reconcile exactly (Σ lines = credited, Σ parts =
// attributed). Its JSON is `prodos value --explain PERSON --format json`.
type Explanation struct {
	Person          string            `json:"person"`
	Share           string            `json:"share"` // fraction, four places
	SharePercent    string            `json:"share_percent"`
	Attributed      string            `json:"attributed"`
	Produced        string            `json:"produced"`
	CreditedMinutes string            `json:"credited_minutes"`
	VerifiedMinutes string            `json:"verified_minutes"`
	Reputation      string            `json:"reputation"` // verified standard hours
	WitnessedEvents int               `json:"witnessed_events"`
	DesignUses      int               `json:"design_uses"`
	WitnessChecked  bool              `json:"witnesses_checked"`
	Lines           []ExplainLine     `json:"entries"`
	Parts           []ExplainPart     `json:"parts"`
	Rules           map[string]string `json:"rules"`
}

// ExplainLine is one ledger entry of an Explanation.
type ExplainLine struct {
	Key      string `json:"key"`
	Date     string `json:"date"`
	Event    string `json:"event"`
	House    string `json:"house"`
	Module   string `json:"module,omitempty"`
	Count    int    `json:"count,omitempty"`
	Worker   string `json:"worker"`
	Kind     string `json:"kind,omitempty"`
	Witness  string `json:"witness,omitempty"`
	Standard string `json:"standard_minutes"`
	Credited string `json:"credited_minutes"`
	Verified bool   `json:"verified"`
	Rule     string `json:"rule"`
	Note     string `json:"note,omitempty"`
}

// ExplainPart is one sold house's part of an Explanation.
type ExplainPart struct {
	House         string `json:"house"`
	ValueAdded    string `json:"value_added"`
	Credited      string `json:"credited_minutes"`
	HouseCredited string `json:"house_credited_minutes"`
	Exact         string `json:"exact"`
	Amount        string `json:"amount"`
}

// Explain traces the named person's figures to their ledger entries.
func (r *Report) Explain(name string) (*Explanation, error) {
	p := r.Person(name)
	if p == nil {
		return nil, fmt.Errorf("%w: %q", ErrNoPerson, name)
	}
	ex := &Explanation{Person: p.Name, Share: p.Share().StringFixed(4), SharePercent: p.Share().Shift(2).StringFixed(2),
		Attributed: p.Attributed.StringFixed(2), Produced: r.Produced.StringFixed(2), CreditedMinutes: p.Credited.String(),
		VerifiedMinutes: p.VerifiedMinutes.String(), Reputation: p.Reputation.StringFixed(2), WitnessedEvents: p.WitnessedEvents,
		DesignUses: p.DesignUses, WitnessChecked: r.Checked, Lines: []ExplainLine{}, Parts: []ExplainPart{}, Rules: map[string]string{}}
	for _, l := range p.Lines {
		ex.Lines = append(ex.Lines, ExplainLine{Key: l.Key, Date: l.At.UTC().Format("2006-01-02"), Event: string(l.Event), House: l.House,
			Module: l.Module, Count: l.Count, Worker: l.Worker, Kind: l.Kind, Witness: l.Witness, Standard: l.Standard.String(),
			Credited: l.Credited.String(), Verified: l.Verified, Rule: string(l.Rule), Note: l.Note})
		ex.Rules[string(l.Rule)] = r.Policy.RuleText(l.Rule)
	}
	for _, pt := range p.Parts {
		ex.Parts = append(ex.Parts, ExplainPart{House: pt.House, ValueAdded: pt.Added.StringFixed(2), Credited: pt.Credited.String(),
			HouseCredited: pt.HouseCredited.String(), Exact: pt.Exact.StringFixed(6), Amount: pt.Amount.StringFixed(2)})
	}
	return ex, nil
}

// WriteText writes the explanation as `prodos value --explain PERSON`
// prints it.
func (ex *Explanation) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "%s: share %s %% of the value produced (%s of %s), reputation %s standard hours\n\n",
		ex.Person, ex.SharePercent, ex.Attributed, ex.Produced, ex.Reputation)
	fmt.Fprintf(w, "Ledger entries naming %s, each with the rule applied:\n", ex.Person)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY\tDATE\tEVENT\tHOUSE\tMODULE\tCOUNT\tBY\tWITNESS\tSTD MIN\tCREDITED MIN\tVERIFIED\tRULE")
	for _, l := range ex.Lines {
		mod, count := l.Module, ""
		if l.Count > 0 {
			count = fmt.Sprint(l.Count)
		}
		if mod == "" {
			mod = l.Kind
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", l.Key, l.Date, l.Event, l.House, mod, count,
			l.Worker, dash(l.Witness), l.Standard, l.Credited, yesNo(l.Verified), l.Rule)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "credited minutes: %s in all, %s of them verified (reputation)\n", ex.CreditedMinutes, ex.VerifiedMinutes)
	for _, l := range ex.Lines {
		if l.Note != "" {
			fmt.Fprintf(w, "  %s: %s\n", l.Key, l.Note)
		}
	}
	fmt.Fprintf(w, "\nValue: each sold house's value added split by credited minutes, to the cent by largest remainder:\n")
	if len(ex.Parts) == 0 {
		fmt.Fprintf(w, "no minutes credited to %s on a sold house\n", ex.Person)
	} else {
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "HOUSE\tVALUE ADDED\tCREDITED MIN\tOF HOUSE MIN\tEXACT PART\tPART")
		for _, p := range ex.Parts {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", p.House, p.ValueAdded, p.Credited, p.HouseCredited, p.Exact, p.Amount)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "share: %s of %s produced = %s %% (shares in basis points by largest remainder, summing to 100.00 %%)\n",
		ex.Attributed, ex.Produced, ex.SharePercent)
	fmt.Fprintf(w, "reputation: %s verified minutes / 60 = %s standard hours; witnessed events %d; design uses %d\n",
		ex.VerifiedMinutes, ex.Reputation, ex.WitnessedEvents, ex.DesignUses)
	if !ex.WitnessChecked {
		fmt.Fprintln(w, "witnesses were not checked: no profile store (claimed minutes with a witness count as witnessed, not verified)")
	}
	fmt.Fprintln(w, "\nRules:")
	rules := make([]string, 0, len(ex.Rules))
	for r := range ex.Rules {
		rules = append(rules, r)
	}
	sort.Strings(rules)
	for _, r := range rules {
		fmt.Fprintf(w, "  %s: %s\n", r, ex.Rules[r])
	}
	return nil
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
