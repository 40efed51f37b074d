package ledger

import (
	"fmt"
	"sort"
	"strings"
)

// HouseStage is where a house is in its life. A house is open (ordering,
// receiving, building) until house-completed, then completed until
// house-sold, then sold. Reversing the sale or the completion steps back.
type HouseStage int

// House stages, in order.
const (
	StageOpen HouseStage = iota
	StageCompleted
	StageSold
)

func (s HouseStage) String() string {
	switch s {
	case StageCompleted:
		return "completed"
	case StageSold:
		return "sold"
	}
	return "open"
}

// CheckStage refuses, with ErrOutOfOrder, an event that may not come at a
// house's stage:
//   - po-issued, materials-issued, labour-contributed, module-built and
//     module-installed only while the house is open;
//   - house-completed only while it is open;
//   - house-sold only once it is completed, and once.
//
// goods-received and supplier-paid settle orders and may come at any stage
// (CheckSides limits them to what was ordered and received); reversals are
// limited by CheckSides alone. Events without a house have no stage.
func CheckStage(t EventType, house string, s HouseStage) error {
	if house == "" {
		return nil
	}
	switch t {
	case EventPOIssued, EventMaterialsIssued, EventLabour, EventModuleBuilt, EventModuleInstalled:
		if s != StageOpen {
			return fmt.Errorf("%w: %s for house %q: the house is already %s (orders, materials, labour and modules come before house-completed)", ErrOutOfOrder, t, house, s)
		}
	case EventHouseCompleted:
		if s != StageOpen {
			return fmt.Errorf("%w: house-completed for house %q: the house is already %s", ErrOutOfOrder, house, s)
		}
	case EventSurplusPaid:
		if s != StageSold {
			return fmt.Errorf("%w: surplus-paid for house %q: the house is %s, not sold; post house-sold first", ErrOutOfOrder, house, s)
		}
	case EventHouseSold:
		switch s {
		case StageOpen:
			return fmt.Errorf("%w: house-sold for house %q: the house is not completed; post house-completed first", ErrOutOfOrder, house)
		case StageSold:
			return fmt.Errorf("%w: house-sold for house %q: the house is already sold (reverse the sale to sell it again)", ErrOutOfOrder, house)
		}
	}
	return nil
}

// NextStage is a house's stage after a transaction: t is its event type and,
// for a reversal, reversed is the type of the transaction it cancels.
func NextStage(s HouseStage, t, reversed EventType) HouseStage {
	switch {
	case t == EventHouseCompleted:
		return StageCompleted
	case t == EventHouseSold:
		return StageSold
	case t == EventReversal && reversed == EventHouseSold:
		return StageCompleted
	case t == EventReversal && reversed == EventHouseCompleted:
		return StageOpen
	}
	return s
}

// sideOf is the side an account's balance within one house must keep: +1
// for the asset accounts of the purchase-to-sale chain (never below zero),
// -1 for the supplier liabilities (never above zero), 0 for the rest.
func sideOf(account string) int {
	switch {
	case account == AccountInventory,
		strings.HasPrefix(account, "assets:on-order:"),
		strings.HasPrefix(account, "assets:wip:"),
		strings.HasPrefix(account, "assets:finished:"):
		return 1
	case strings.HasPrefix(account, "liabilities:committed:"), strings.HasPrefix(account, "liabilities:payable:"):
		return -1
	}
	return 0
}

// Guarded lists the accounts that postings move against their side (an
// asset credited, a supplier liability debited), assets first, then in
// posting order. Their balances within the house are what CheckSides needs.
func Guarded(ps []Posting) []string {
	var out []string
	seen := map[string]bool{}
	for _, want := range []int{1, -1} {
		for _, p := range ps {
			if s := sideOf(p.Account); s == want && (p.Amount > 0) != (s > 0) && !seen[p.Account] {
				seen[p.Account] = true
				out = append(out, p.Account)
			}
		}
	}
	return out
}

// CheckSides refuses, with ErrOutOfOrder, postings that would take a
// house's balance of a guarded account past zero: goods received beyond
// the house's open order with the supplier, a supplier paid more than was
// received, materials issued that were not received for the house, a
// reversal that would undo what later events rely on. before holds the
// house's balance of each account in Guarded(ps) (the postings of the
// transactions of that house; house "" pools the transactions without one).
func CheckSides(t EventType, house string, before map[string]int64, ps []Posting) error {
	for _, acc := range Guarded(ps) {
		side := int64(sideOf(acc))
		var move int64
		for _, p := range ps {
			if p.Account == acc {
				move += p.Amount
			}
		}
		if (before[acc]+move)*side >= 0 {
			continue
		}
		what, hint := guardText(acc)
		scope := fmt.Sprintf("house %q", house)
		if house == "" {
			scope = "the postings without a house"
		}
		return fmt.Errorf("%w: %s for %s needs %s from %s (%s), which holds %s; %s",
			ErrOutOfOrder, t, scope, FromCents(-move*side).StringFixed(2), what, acc,
			FromCents(max(before[acc]*side, 0)).StringFixed(2), hint)
	}
	return nil
}

// guardText names what a guarded account holds and the event that fills it.
func guardText(acc string) (what, hint string) {
	last := acc[strings.LastIndexByte(acc, ':')+1:]
	switch {
	case strings.HasPrefix(acc, "assets:on-order:"), strings.HasPrefix(acc, "liabilities:committed:"):
		return "the open order with " + last, "post po-issued first"
	case strings.HasPrefix(acc, "liabilities:payable:"):
		return "what is owed to " + last + " for goods received", "post goods-received first"
	case acc == AccountInventory:
		return "the materials received for it and not yet issued", "post goods-received first"
	case strings.HasPrefix(acc, "assets:wip:"):
		return "its work in progress", "its later events rely on it"
	}
	return "its finished-house balance", "reverse the house-sold first"
}

// CheckInstalled refuses, with ErrOutOfOrder, installing more of a module
// in a house than were built for it.
func CheckInstalled(house, module string, built, installed, count int) error {
	if installed+count > built {
		return fmt.Errorf("%w: module-installed for house %q: %d more %s would make %d installed, but %d were built; post module-built first",
			ErrOutOfOrder, house, count, module, installed+count, built)
	}
	return nil
}

// ReplayTx is one stored transaction as Replay reads it.
type ReplayTx struct {
	ID       int64
	Key      string
	Event    EventType
	House    string
	Reverses int64 // id of the reversed transaction, 0 if none
	Postings []Posting
}

// Replay re-checks a ledger's life cycle transaction by transaction, in
// the order they were posted, with the rules Post applies: `ledger verify`
// uses it to find events out of order that reached the database.
type Replay struct {
	stage map[string]HouseStage
	bal   map[string]map[string]int64 // house -> account -> cents
	event map[int64]EventType
	total map[string]int64 // account -> cents
	// Flags are the accounts' flags; Apply checks running balances
	// against them.
	Flags map[string]AccountFlags
}

// NewReplay starts a replay of an empty ledger.
func NewReplay() *Replay {
	return &Replay{stage: map[string]HouseStage{}, bal: map[string]map[string]int64{}, event: map[int64]EventType{},
		total: map[string]int64{}, Flags: map[string]AccountFlags{}}
}

// Apply checks one transaction against the history so far, then records
// it whether or not it broke a rule, so one problem is reported once.
func (r *Replay) Apply(tx ReplayTx) error {
	bal := r.bal[tx.House]
	if bal == nil {
		bal = map[string]int64{}
		r.bal[tx.House] = bal
	}
	err := CheckStage(tx.Event, tx.House, r.stage[tx.House])
	if err == nil {
		err = CheckSides(tx.Event, tx.House, bal, tx.Postings)
	}
	for _, p := range tx.Postings {
		bal[p.Account] += p.Amount
		r.total[p.Account] += p.Amount
	}
	if err == nil {
		err = r.checkLimits(tx.Postings)
	}
	r.stage[tx.House] = NextStage(r.stage[tx.House], tx.Event, r.event[tx.Reverses])
	r.event[tx.ID] = tx.Event
	if err != nil {
		return fmt.Errorf("transaction %d (%s): %w", tx.ID, tx.Key, err)
	}
	return nil
}

// checkLimits checks the whole balances of the accounts the postings moved
// against their flags, in account order.
func (r *Replay) checkLimits(ps []Posting) error {
	moves := netMoves(ps)
	accs := make([]string, 0, len(moves))
	for acc := range moves {
		accs = append(accs, acc)
	}
	sort.Strings(accs)
	for _, acc := range accs {
		if f := r.Flags[acc]; breaksWay(f, moves[acc]) {
			if err := CheckLimit(acc, f, r.total[acc]); err != nil {
				return err
			}
		}
	}
	return nil
}
