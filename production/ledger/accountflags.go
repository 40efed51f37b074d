package ledger

import (
	"errors"
	"fmt"
	"sort"
)

// AccountFlags are an account's balance constraints, after TigerBeetle's
// account flags. They are fixed when the account is created.
type AccountFlags int

// Account flags. A posting that would break an account's flag is refused
// (ErrAccountLimit) and `ledger verify` checks every account's running
// balance against its flags.
const (
	// DebitsMustNotExceedCredits keeps the balance at or below zero (a
	// liability can be paid down to nothing, not past it).
	DebitsMustNotExceedCredits AccountFlags = 1 << iota
	// CreditsMustNotExceedDebits keeps the balance at or above zero
	// (cash, stock: what is not there cannot be spent).
	CreditsMustNotExceedDebits
)

// Errors of account constraints.
var (
	// ErrAccountLimit is a posting that would break an account's flags.
	ErrAccountLimit = errors.New("account limit")
	// ErrAccountFlags is an account opened again with other flags.
	ErrAccountFlags = errors.New("account flags are fixed when the account is created")
)

// FlagNames are the flags' names as the CLI and the docs spell them.
var FlagNames = map[AccountFlags]string{
	DebitsMustNotExceedCredits: "debits_must_not_exceed_credits",
	CreditsMustNotExceedDebits: "credits_must_not_exceed_debits",
}

// String is the flag's name ("none" for no flag).
func (f AccountFlags) String() string {
	switch f {
	case 0:
		return "none"
	case DebitsMustNotExceedCredits, CreditsMustNotExceedDebits:
		return FlagNames[f]
	}
	return fmt.Sprintf("invalid(%d)", int(f))
}

// Valid reports whether the flags are one of none and the two constraints
// (both at once would pin the balance to zero).
func (f AccountFlags) Valid() bool {
	return f == 0 || f == DebitsMustNotExceedCredits || f == CreditsMustNotExceedDebits
}

// DefaultAccountFlags are the flags an account gets when a posting creates
// it, where the books demand them: stock, orders, work in progress and
// finished houses never go negative; what is committed or owed to a
// supplier is never overpaid. assets:cash allows a negative balance by
// default, since paying suppliers before the sale draws on credit; a
// ledger that may not overdraw creates it first with
// CreditsMustNotExceedDebits (`prodos ledger account`).
func DefaultAccountFlags(name string) AccountFlags {
	switch sideOf(name) {
	case 1:
		return CreditsMustNotExceedDebits
	case -1:
		return DebitsMustNotExceedCredits
	}
	return 0
}

// houseGuarded reports whether CheckSides already keeps every house's
// share of the account on the side the flags demand; the store then needs
// no whole-account check.
func houseGuarded(account string, f AccountFlags) bool {
	return f == DefaultAccountFlags(account) && f != 0
}

// LimitChecks lists the accounts of ps whose flags the postings move
// against and that CheckSides does not already guard; the store reads
// their whole balances for CheckLimits.
func LimitChecks(ps []Posting, flags func(account string) AccountFlags) []string {
	var out []string
	for acc, move := range netMoves(ps) {
		f := flags(acc)
		if breaksWay(f, move) && !houseGuarded(acc, f) {
			out = append(out, acc)
		}
	}
	sort.Strings(out)
	return out
}

func netMoves(ps []Posting) map[string]int64 {
	m := map[string]int64{}
	for _, p := range ps {
		m[p.Account] += p.Amount
	}
	return m
}

// breaksWay reports whether a net move goes the way the flags forbid.
func breaksWay(f AccountFlags, move int64) bool {
	return (f == CreditsMustNotExceedDebits && move < 0) || (f == DebitsMustNotExceedCredits && move > 0)
}

// CheckLimit refuses, with ErrAccountLimit, a balance the flags forbid.
func CheckLimit(account string, f AccountFlags, balance int64) error {
	switch {
	case f == CreditsMustNotExceedDebits && balance < 0:
		return fmt.Errorf("%w: %s would go negative (%s): its flag is %s", ErrAccountLimit, account, FromCents(balance).StringFixed(2), f)
	case f == DebitsMustNotExceedCredits && balance > 0:
		return fmt.Errorf("%w: %s would be overpaid by %s: its flag is %s", ErrAccountLimit, account, FromCents(balance).StringFixed(2), f)
	}
	return nil
}
