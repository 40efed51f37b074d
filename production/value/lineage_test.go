package value

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A house built from a remix of a remix shares its design credit along the
// lineage. By hand, with design.credit 0.10 and lineage.keep 0.60: ann's
// 10 walls are 210 standard minutes, so the design credit is 21 minutes;
// rita (the remixer) keeps 21 x 0.6 = 12.6, pat (her parent) keeps
// (21 - 12.6) x 0.6 = 5.04, carol (the original) the rest, 3.36. The house
// adds 1000.00 over 210 + 90 (erin) + 21 = 321 minutes: in cents,
// 100000 x m / 321 gives ann 65420.56, erin 28037.38, rita 3925.23, pat
// 1570.09, carol 1046.73; the whole parts sum to 99998 and the two cents
// left go to the largest remainders, carol's .73 and ann's .56.
func TestLineageCredit(t *testing.T) {
	in := valueInput(t, leadIsLee)
	in.Lineage = map[string][]string{"h1": {"rita", "pat", "carol"}}
	r, err := Compute(in)
	require.NoError(t, err)
	type got struct{ credited, amount, rule string }
	lines := map[string]got{}
	for _, p := range r.People {
		for _, l := range p.Lines {
			if l.Key == "r1" && p.Name != "ann" {
				lines[p.Name] = got{l.Credited.String(), p.Attributed.StringFixed(2), string(l.Rule)}
			}
		}
	}
	assert.Equal(t, map[string]got{
		"rita":  {"12.6", "39.25", "design-credit"},
		"pat":   {"5.04", "15.70", "lineage-credit"},
		"carol": {"3.36", "10.47", "lineage-credit"},
	}, lines)
	assert.Equal(t, "654.21", r.Person("ann").Attributed.StringFixed(2))
	assert.Equal(t, "280.37", r.Person("erin").Attributed.StringFixed(2))
	assert.Equal(t, 10, r.Person("pat").DesignUses)
	assert.Contains(t, r.Person("carol").Lines[0].Note, "remixed by rita (2 step(s) back")
}

// Without a lineage the ledger author keeps the whole design credit; a
// policy without [lineage] lets the remixer keep it all.
func TestLineageCreditDefaults(t *testing.T) {
	in := valueInput(t, leadIsLee)
	in.Policy.Lineage.Keep = nil
	in.Lineage = map[string][]string{"h1": {"rita", "carol"}}
	r, err := Compute(in)
	require.NoError(t, err)
	assert.Equal(t, "21", r.Person("rita").Credited.String())
	assert.Equal(t, "0", r.Person("carol").Credited.String())

	in = valueInput(t, leadIsLee)
	r, err = Compute(in)
	require.NoError(t, err)
	assert.Equal(t, "21", r.Person("carol").Credited.String(), "no lineage: the ledger author")
}

func TestLineagePolicyChecked(t *testing.T) {
	p, err := DefaultPolicy()
	require.NoError(t, err)
	assert.Equal(t, "0.6", p.Lineage.Keep.String())
	_, err = ParsePolicy("v.toml", []byte("[work]\nrationale = \"w\"\n[design]\ncredit = \"0.1\"\nrationale = \"d\"\n[lineage]\nkeep = \"1.2\"\n[claims]\nwitness_permission = \"x\"\nrationale = \"c\"\n[reputation]\nrationale = \"r\"\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "lineage.keep must be between 0 and 1, got 1.2")
	assert.Contains(t, err.Error(), "lineage.rationale is empty")
}
