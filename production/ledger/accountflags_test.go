package ledger

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDefaultAccountFlags(t *testing.T) {
	tests := map[string]AccountFlags{
		AccountCash:                   0,
		AccountInventory:              CreditsMustNotExceedDebits,
		AccountOnOrder("valley"):      CreditsMustNotExceedDebits,
		AccountWIPLabour("h"):         CreditsMustNotExceedDebits,
		AccountFinishedMaterials("h"): CreditsMustNotExceedDebits,
		AccountCommitted("valley"):    DebitsMustNotExceedCredits,
		AccountPayable("valley"):      DebitsMustNotExceedCredits,
		AccountSales:                  0,
		AccountContributed("ann"):     0,
	}
	for acc, want := range tests {
		assert.Equal(t, want, DefaultAccountFlags(acc), acc)
	}
}

func TestAccountLimits(t *testing.T) {
	pay := []Posting{{AccountPayable("s"), 500}, {AccountCash, -500}}
	flags := func(m map[string]AccountFlags) func(string) AccountFlags {
		return func(a string) AccountFlags { return m[a] }
	}
	tests := []struct {
		name  string
		ps    []Posting
		flags map[string]AccountFlags
		want  []string
	}{
		{"cash without flags", pay, map[string]AccountFlags{AccountPayable("s"): DebitsMustNotExceedCredits}, nil},
		{"cash that may not go negative", pay, map[string]AccountFlags{AccountCash: CreditsMustNotExceedDebits}, []string{AccountCash}},
		{"debit to a credits-only account", pay, map[string]AccountFlags{AccountCash: DebitsMustNotExceedCredits}, nil},
		{"liability debited", []Posting{{"liabilities:loan", 10}, {AccountCash, -10}},
			map[string]AccountFlags{"liabilities:loan": DebitsMustNotExceedCredits}, []string{"liabilities:loan"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, LimitChecks(tc.ps, flags(tc.flags)))
		})
	}
	assert.NoError(t, CheckLimit(AccountCash, CreditsMustNotExceedDebits, 0))
	assert.ErrorIs(t, CheckLimit(AccountCash, CreditsMustNotExceedDebits, -1), ErrAccountLimit)
	assert.NoError(t, CheckLimit("liabilities:loan", DebitsMustNotExceedCredits, 0))
	assert.ErrorIs(t, CheckLimit("liabilities:loan", DebitsMustNotExceedCredits, 1), ErrAccountLimit)
	assert.NoError(t, CheckLimit(AccountCash, 0, -1))
}
