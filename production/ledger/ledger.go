// Package ledger is the production ledger's domain: the double-entry
// model, business events with their derivation from a design and their
// idempotency keys, each house's life cycle, account flags, the hash
// chain over entries, the inputs of value accounting (ValueData; the
// accounting itself is production/value) and the Ledger service interface.
// production/ledger/sqlitestore implements it on SQLite.
package ledger

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// AccountType is the class of an account in the chart of accounts.
type AccountType string

// Account types. Assets and expenses carry debit (positive) balances;
// liabilities, equity and income carry credit (negative) balances.
const (
	Asset     AccountType = "asset"
	Liability AccountType = "liability"
	Equity    AccountType = "equity"
	Income    AccountType = "income"
	Expense   AccountType = "expense"
)

var accountPrefixes = []struct {
	prefix string
	typ    AccountType
}{
	{"assets:", Asset}, {"liabilities:", Liability}, {"equity:", Equity},
	{"income:", Income}, {"expenses:", Expense},
}

// AccountTypeOf is the type of an account from its name's first segment
// (assets, liabilities, equity, income or expenses).
func AccountTypeOf(name string) (AccountType, error) {
	for _, p := range accountPrefixes {
		if strings.HasPrefix(name, p.prefix) && len(name) > len(p.prefix) {
			for _, seg := range strings.Split(name, ":") {
				if seg == "" {
					return "", fmt.Errorf("account %q: empty segment", name)
				}
			}
			return p.typ, nil
		}
	}
	return "", fmt.Errorf("account %q: must start with assets:, liabilities:, equity:, income: or expenses:", name)
}

// The fixed accounts of the chart of accounts. Per-house, per-supplier and
// per-person accounts are built by the functions below.
const (
	AccountCash      = "assets:cash"
	AccountInventory = "assets:materials-inventory"
	AccountSales     = "income:house-sales"
	AccountCOGS      = "expenses:cost-of-goods-sold"
	AccountLabour    = "expenses:labour"
)

// AccountOnOrder holds materials ordered from a supplier and not yet received.
func AccountOnOrder(supplier string) string { return "assets:on-order:" + supplier }

// AccountCommitted is the matching commitment to a supplier for open orders.
func AccountCommitted(supplier string) string { return "liabilities:committed:" + supplier }

// AccountPayable is what is owed to a supplier for goods received.
func AccountPayable(supplier string) string { return "liabilities:payable:" + supplier }

// AccountWIPMaterials is the materials part of a house's work in progress.
func AccountWIPMaterials(house string) string { return "assets:wip:" + house + ":materials" }

// AccountWIPLabour is the labour part of a house's work in progress.
func AccountWIPLabour(house string) string { return "assets:wip:" + house + ":labour" }

// AccountFinishedMaterials is the materials part of a completed, unsold house.
func AccountFinishedMaterials(house string) string { return "assets:finished:" + house + ":materials" }

// AccountFinishedLabour is the labour part of a completed, unsold house.
func AccountFinishedLabour(house string) string { return "assets:finished:" + house + ":labour" }

// AccountContributed is the equity a person earned by contributing work.
func AccountContributed(person string) string { return "equity:contributed-labour:" + person }

// EventType names a business event.
type EventType string

// Business events. The first seven post a transaction; module-built and
// module-installed are production records (no money moves); reversal posts
// the negation of an earlier transaction.
const (
	EventPOIssued        EventType = "po-issued"
	EventGoodsReceived   EventType = "goods-received"
	EventSupplierPaid    EventType = "supplier-paid"
	EventMaterialsIssued EventType = "materials-issued"
	EventLabour          EventType = "labour-contributed"
	EventHouseCompleted  EventType = "house-completed"
	EventHouseSold       EventType = "house-sold"
	EventModuleBuilt     EventType = "module-built"
	EventModuleInstalled EventType = "module-installed"
	EventReversal        EventType = "reversal"
	// EventSurplusPaid is one share of a sold house's surplus (prodos
	// payouts --post): Person's share, or with Kind KindRD the enterprise
	// Person's research-and-development share. Posted only after the
	// house is sold; not in EventTypes (ledger post does not take it).
	EventSurplusPaid EventType = "surplus-paid"
)

// KindRD marks a surplus-paid event as the enterprise's R&D share.
const KindRD = "research-and-development"

// AccountSurplusDistributed is the equity given out as surplus shares.
const AccountSurplusDistributed = "equity:surplus-distributed"

// AccountSurplusOwed is a person's surplus share, owed until paid.
func AccountSurplusOwed(person string) string { return "liabilities:surplus-owed:" + person }

// AccountRD is an enterprise's research-and-development fund.
func AccountRD(enterprise string) string { return "equity:research-and-development:" + enterprise }

// EventTypes lists every event in the order of a house's life.
var EventTypes = []EventType{EventPOIssued, EventGoodsReceived, EventSupplierPaid, EventMaterialsIssued,
	EventLabour, EventModuleBuilt, EventModuleInstalled, EventHouseCompleted, EventHouseSold, EventReversal}

// ContributionKinds are the kinds of work recorded against a house.
var ContributionKinds = []string{"labour", "design", "training", "review"}

// IsRecord reports whether the event is a production record, not a transaction.
func (t EventType) IsRecord() bool { return t == EventModuleBuilt || t == EventModuleInstalled }

// Event is one business event. Which fields matter depends on Type.
type Event struct {
	// Key is the idempotency key: posting the same key twice records the
	// event once. Posting a key again with different content is an error.
	Key   string    `json:"key"`
	Type  EventType `json:"type"`
	House string    `json:"house,omitempty"`
	// Design and Author describe the house; they are stored the first time
	// the house is seen (design authors earn reputation when it sells).
	Design string `json:"design,omitempty"`
	Author string `json:"author,omitempty"`
	// DesignHash is the SHA-256 (hex) of the canonical design file the
	// house is built from (designs.Design.Marshal): its version id in the
	// open design commons when it was published there. Stored with the
	// house the first time it is seen; value credit follows its lineage.
	DesignHash string `json:"design_hash,omitempty"`
	// Supplier is for po-issued, goods-received and supplier-paid.
	Supplier string `json:"supplier,omitempty"`
	// Amount is the money of po-issued, goods-received, supplier-paid,
	// materials-issued and house-sold (the sale price).
	Amount decimal.Decimal `json:"amount"`
	// Person, Kind, Skill, Minutes and Rate describe a contribution
	// (labour-contributed) and who built or installed (module events).
	Person  string          `json:"person,omitempty"`
	Kind    string          `json:"kind,omitempty"`
	Skill   string          `json:"skill,omitempty"`
	Minutes int64           `json:"minutes,omitempty"`
	Rate    decimal.Decimal `json:"rate"`
	// Module and Count are for module-built and module-installed.
	Module string `json:"module,omitempty"`
	Count  int    `json:"count,omitempty"`
	// Reverses is the key of the transaction a reversal cancels.
	Reverses string `json:"reverses,omitempty"`
	Memo     string `json:"memo,omitempty"`
	// Witness is the crew lead (a profile holding lead-build-crew) who
	// witnessed the work of a module-built, module-installed or
	// labour-contributed event. Events posted before witnesses existed
	// have none; it joins the digest only when set.
	Witness string `json:"witness,omitempty"`
}

// Errors of event validation and posting.
var (
	ErrInvalidEvent = errors.New("invalid event")
	ErrKeyConflict  = errors.New("idempotency key already used by a different event")
	ErrNotFound     = errors.New("not found")
	// ErrOutOfOrder is an event that does not fit the house's life cycle so
	// far (goods received before any order, an order after the sale, ...).
	ErrOutOfOrder = errors.New("event out of order")
)

// Cents converts money to integer minor units. More than two decimal
// places is an error: money is never silently rounded.
func Cents(d decimal.Decimal) (int64, error) {
	c := d.Shift(2)
	if !c.IsInteger() {
		return 0, fmt.Errorf("%w: amount %s has more than two decimal places", ErrInvalidEvent, d)
	}
	if c.Abs().GreaterThan(maxCents) {
		return 0, fmt.Errorf("%w: amount %s is too large", ErrInvalidEvent, d)
	}
	return c.IntPart(), nil
}

// maxCents bounds one amount (ten trillion) so sums of many stay in int64.
var maxCents = decimal.New(1, 15)

// FromCents converts minor units back to money.
func FromCents(c int64) decimal.Decimal { return decimal.New(c, -2) }

// Validate checks the fields an event type needs.
func (e Event) Validate() error {
	bad := func(f string, a ...any) error {
		return fmt.Errorf("%w: %s: %s", ErrInvalidEvent, e.Type, fmt.Sprintf(f, a...))
	}
	if strings.TrimSpace(e.Key) == "" {
		return bad("idempotency key is empty")
	}
	if e.Witness != "" && !validName(e.Witness) {
		return bad("witness %q must be non-empty without spaces or colons", e.Witness)
	}
	if e.Witness != "" && !e.Type.IsRecord() && e.Type != EventLabour {
		return bad("only module-built, module-installed and labour-contributed events have a witness, got witness %q", e.Witness)
	}
	needHouse := e.Type != EventReversal && e.Type != EventPOIssued && e.Type != EventGoodsReceived && e.Type != EventSupplierPaid
	if needHouse && !validName(e.House) {
		return bad("house id %q must be non-empty without spaces or colons", e.House)
	}
	switch e.Type {
	case EventPOIssued, EventGoodsReceived, EventSupplierPaid:
		if !validName(e.Supplier) {
			return bad("supplier id %q must be non-empty without spaces or colons", e.Supplier)
		}
		fallthrough
	case EventMaterialsIssued, EventHouseSold:
		if e.Amount.Sign() <= 0 {
			return bad("amount must be positive, got %s", e.Amount)
		}
		if _, err := Cents(e.Amount); err != nil {
			return err
		}
	case EventLabour:
		if !validName(e.Person) {
			return bad("person %q must be non-empty without spaces or colons", e.Person)
		}
		if !contains(ContributionKinds, e.Kind) {
			return bad("kind must be one of %s, got %q", strings.Join(ContributionKinds, ", "), e.Kind)
		}
		if e.Minutes <= 0 {
			return bad("minutes must be positive, got %d", e.Minutes)
		}
		if e.Rate.Sign() <= 0 {
			return bad("rate must be positive, got %s", e.Rate)
		}
	case EventModuleBuilt, EventModuleInstalled:
		if !validName(e.Person) {
			return bad("person %q must be non-empty without spaces or colons", e.Person)
		}
		if e.Module == "" {
			return bad("module is empty")
		}
		if e.Count <= 0 {
			return bad("count must be positive, got %d", e.Count)
		}
	case EventSurplusPaid:
		if !validName(e.Person) {
			return bad("person %q must be non-empty without spaces or colons", e.Person)
		}
		if e.Kind != "" && e.Kind != KindRD {
			return bad("kind must be empty (a person's share) or %s, got %q", KindRD, e.Kind)
		}
		if e.Amount.Sign() <= 0 {
			return bad("amount must be positive, got %s", e.Amount)
		}
		if _, err := Cents(e.Amount); err != nil {
			return err
		}
	case EventHouseCompleted:
	case EventReversal:
		if e.Reverses == "" {
			return bad("reverses (the key of the transaction to reverse) is empty")
		}
	default:
		return fmt.Errorf("%w: unknown event type %q", ErrInvalidEvent, e.Type)
	}
	return nil
}

func validName(s string) bool {
	return s != "" && !strings.ContainsAny(s, " \t\n:")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// ContributionValue is the money value of a contribution: minutes at the
// hourly rate, rounded to cents.
func ContributionValue(minutes int64, rate decimal.Decimal) decimal.Decimal {
	return decimal.NewFromInt(minutes).Mul(rate).Div(decimal.NewFromInt(60)).Round(2)
}

// Posting is one leg of a transaction: an amount in cents on an account,
// positive for a debit and negative for a credit.
type Posting struct {
	Account string
	Amount  int64
}

// BalanceFunc returns an account's current balance in cents.
type BalanceFunc func(account string) (int64, error)

// Postings turns a validated event into balanced postings. balance reads
// current balances (house-completed and house-sold move whatever the house
// has accumulated). Reversals and production records are handled by the
// store: Postings returns nil for them.
func (e Event) Postings(balance BalanceFunc) ([]Posting, error) {
	amt, err := Cents(e.Amount)
	if err != nil && e.Type != EventLabour && e.Type != EventHouseCompleted {
		return nil, err
	}
	switch e.Type {
	case EventPOIssued:
		return []Posting{{AccountOnOrder(e.Supplier), amt}, {AccountCommitted(e.Supplier), -amt}}, nil
	case EventGoodsReceived:
		return []Posting{
			{AccountInventory, amt}, {AccountPayable(e.Supplier), -amt},
			{AccountCommitted(e.Supplier), amt}, {AccountOnOrder(e.Supplier), -amt},
		}, nil
	case EventSupplierPaid:
		return []Posting{{AccountPayable(e.Supplier), amt}, {AccountCash, -amt}}, nil
	case EventMaterialsIssued:
		return []Posting{{AccountWIPMaterials(e.House), amt}, {AccountInventory, -amt}}, nil
	case EventLabour:
		v, _ := Cents(ContributionValue(e.Minutes, e.Rate))
		if v == 0 {
			return nil, fmt.Errorf("%w: contribution of %d minutes is worth less than a cent", ErrInvalidEvent, e.Minutes)
		}
		return []Posting{{AccountWIPLabour(e.House), v}, {AccountContributed(e.Person), -v}}, nil
	case EventHouseCompleted:
		var ps []Posting
		for _, mv := range [][2]string{
			{AccountWIPMaterials(e.House), AccountFinishedMaterials(e.House)},
			{AccountWIPLabour(e.House), AccountFinishedLabour(e.House)},
		} {
			b, err := balance(mv[0])
			if err != nil {
				return nil, err
			}
			if b != 0 {
				ps = append(ps, Posting{mv[1], b}, Posting{mv[0], -b})
			}
		}
		if len(ps) == 0 {
			return nil, fmt.Errorf("%w: house %q has no work in progress to complete", ErrInvalidEvent, e.House)
		}
		return ps, nil
	case EventSurplusPaid:
		to := AccountSurplusOwed(e.Person)
		if e.Kind == KindRD {
			to = AccountRD(e.Person)
		}
		return []Posting{{AccountSurplusDistributed, amt}, {to, -amt}}, nil
	case EventHouseSold:
		ps := []Posting{{AccountCash, amt}, {AccountSales, -amt}}
		for _, mv := range [][2]string{
			{AccountFinishedMaterials(e.House), AccountCOGS},
			{AccountFinishedLabour(e.House), AccountLabour},
		} {
			b, err := balance(mv[0])
			if err != nil {
				return nil, err
			}
			if b != 0 {
				ps = append(ps, Posting{mv[1], b}, Posting{mv[0], -b})
			}
		}
		if len(ps) == 2 {
			return nil, fmt.Errorf("%w: house %q is not completed (nothing in finished houses)", ErrInvalidEvent, e.House)
		}
		return ps, nil
	}
	return nil, nil
}

// CheckBalanced reports an error unless there are two or more postings,
// none zero, on valid accounts, summing to exactly zero.
func CheckBalanced(ps []Posting) error {
	if len(ps) < 2 {
		return fmt.Errorf("%w: a transaction needs two or more postings, got %d", ErrInvalidEvent, len(ps))
	}
	var sum int64
	for _, p := range ps {
		if _, err := AccountTypeOf(p.Account); err != nil {
			return fmt.Errorf("%w: %w", ErrInvalidEvent, err)
		}
		if p.Amount == 0 {
			return fmt.Errorf("%w: zero posting on %s", ErrInvalidEvent, p.Account)
		}
		sum += p.Amount
	}
	if sum != 0 {
		return fmt.Errorf("%w: postings sum to %d cents, not zero", ErrInvalidEvent, sum)
	}
	return nil
}

// PostResult says what Post recorded.
type PostResult struct {
	// TxID is the transaction id (0 for a production record).
	TxID int64
	// Duplicate is true when the key was already posted with the same
	// content; nothing new was written.
	Duplicate bool
	Postings  []Posting
}

// Balance is one line of the trial balance.
type Balance struct {
	Account string
	Type    AccountType
	// Amount is the balance in cents: positive is a debit balance.
	Amount int64
}

// StatementLine is one posting on an account statement.
type StatementLine struct {
	TxID     int64
	Key      string
	Event    EventType
	PostedAt time.Time
	Memo     string
	Amount   int64
	Running  int64
}

// VerifyReport is the result of checking the ledger against itself.
type VerifyReport struct {
	Transactions int64
	Postings     int64
	Debits       int64
	Credits      int64 // as a positive number
	// Entries is the length of the hash chain and ChainHead the hash of
	// its last entry: a copy of the head kept elsewhere detects a ledger
	// rewritten with a recomputed chain.
	Entries   int64
	ChainHead string
	Problems  []string
}

// OK reports whether verification found no problems.
func (r *VerifyReport) OK() bool { return len(r.Problems) == 0 }

// House is a house the ledger has seen.
type House struct {
	ID     string
	Design string
	Author string
	// DesignHash is the design file's SHA-256 (Event.DesignHash); "" for
	// houses recorded before it was kept.
	DesignHash string
}

// Contribution is work recorded against a house (from labour-contributed).
type Contribution struct {
	TxID    int64
	House   string
	Person  string
	Kind    string
	Skill   string
	Minutes int64
	Amount  int64 // cents
	// Witness is the crew lead who witnessed the work ("" when none did).
	Witness string
	// Key and At are the event's idempotency key and when it was posted.
	Key string
	At  time.Time
}

// ProductionRecord is verified production output: modules a person built
// or installed for a house.
type ProductionRecord struct {
	Key    string
	House  string
	Person string
	Module string
	Op     string // "build" or "install"
	Count  int
	// Witness is the crew lead who witnessed the work ("" for records
	// posted before witnesses were required).
	Witness string
	// At is when the record was posted.
	At time.Time
}

// ValueData is what value accounting reads from the ledger store. Reversed
// transactions and their contributions are left out.
type ValueData struct {
	Houses        []House
	Contributions []Contribution
	Records       []ProductionRecord
	Completed     map[string]bool
	Sales         map[string]int64 // house -> sale price in cents
	// MaterialsCost is the materials cost of each sold house in cents (its
	// cost-of-goods-sold posting).
	MaterialsCost map[string]int64
}

// Ledger is the ledger service. production/ledger/sqlitestore implements it.
type Ledger interface {
	// Post records one business event in one transaction, once per key.
	// Events out of their house's life cycle are refused (ErrOutOfOrder).
	Post(ctx context.Context, e Event) (PostResult, error)
	// PostAll records the events of one business event (an order to each
	// supplier, a record per module) in one transaction: all or none.
	PostAll(ctx context.Context, evs []Event) ([]PostResult, error)
	// OpenAccount creates an account with its flags before its first
	// posting (an existing account with the same flags is not an error).
	OpenAccount(ctx context.Context, name string, flags AccountFlags) (created bool, err error)
	// TrialBalance lists every account's balance, sorted by account.
	TrialBalance(ctx context.Context) ([]Balance, error)
	// Statement lists an account's postings in order with a running balance.
	Statement(ctx context.Context, account string) ([]StatementLine, error)
	// Verify checks the ledger's invariants against the database itself.
	Verify(ctx context.Context) (*VerifyReport, error)
	// ValueData reads the inputs of value accounting.
	ValueData(ctx context.Context) (*ValueData, error)
}
