// Package asbuilt records what a real build took, task by task (the
// schedule's task ids): actual minutes, the people who did the work,
// materials used and wasted, and problems. Each record carries the plan it
// is measured against (the task's planned minutes, phase and module, from
// the schedule when it was recorded), so a report of plan against actual
// (Report) and a calibration of the module library (Calibrate) need no
// design file. Store is the storage interface; sqlitestore implements it
// and asbuilttest is the conformance suite every implementation runs.
package asbuilt

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/shopspring/decimal"
)

// Errors a Store returns (wrapped).
var (
	ErrInvalid  = errors.New("invalid as-built record")
	ErrNotFound = errors.New("no as-built records")
)

// MaterialQty is a quantity of one material (SKU in the catalog's unit).
type MaterialQty struct {
	SKU string          `json:"sku"`
	Qty decimal.Decimal `json:"qty"`
}

// Record is what one task of a real build took.
type Record struct {
	ID  int64  `json:"id"`
	Key string `json:"key"` // idempotency key: the same key is recorded once
	// House is the house id (the design file name, as the ledger's).
	House string `json:"house"`
	// Task is the schedule's task id ("W7", "W7.build"); TaskName, Phase,
	// Op ("build" or "install"), Module (module id) and PlanMinutes are
	// the plan the task had when it was recorded.
	Task        string          `json:"task"`
	TaskName    string          `json:"task_name"`
	Phase       string          `json:"phase"`
	Op          string          `json:"op"`
	Module      string          `json:"module"`
	PlanMinutes decimal.Decimal `json:"plan_minutes"`
	// ActualMinutes is person-minutes the task took (all its people).
	ActualMinutes decimal.Decimal `json:"actual_minutes"`
	People        []string        `json:"people"`
	Used          []MaterialQty   `json:"materials_used"`
	Wasted        []MaterialQty   `json:"materials_wasted"`
	Problems      string          `json:"problems"`
	At            time.Time       `json:"at"`
}

var idRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$`) })

// MaxProblems bounds the problems text.
const MaxProblems = 2000

// Validate checks a record before it is stored.
func (r *Record) Validate() error {
	bad := func(f string, a ...any) error { return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(f, a...)) }
	for name, v := range map[string]string{"house": r.House, "task": r.Task, "key": r.Key} {
		if !idRE().MatchString(v) {
			return bad("%s %q: use 1-100 letters, digits, '.', '_', '/' or '-'", name, v)
		}
	}
	if r.Op != "build" && r.Op != "install" {
		return bad("task %s: op must be build or install, got %q", r.Task, r.Op)
	}
	if r.Module == "" {
		return bad("task %s has no module", r.Task)
	}
	if r.ActualMinutes.Sign() <= 0 {
		return bad("task %s: actual minutes must be positive, got %s", r.Task, r.ActualMinutes)
	}
	if r.PlanMinutes.Sign() < 0 {
		return bad("task %s: planned minutes must not be negative", r.Task)
	}
	if len(r.People) == 0 {
		return bad("task %s: name the people who did it", r.Task)
	}
	for _, p := range r.People {
		if !idRE().MatchString(p) {
			return bad("person %q: use 1-100 letters, digits, '.', '_', '/' or '-'", p)
		}
	}
	for _, list := range [][]MaterialQty{r.Used, r.Wasted} {
		for _, m := range list {
			if m.SKU == "" || m.Qty.Sign() <= 0 {
				return bad("task %s: material %q quantity %s must be positive", r.Task, m.SKU, m.Qty)
			}
		}
	}
	if len(r.Problems) > MaxProblems {
		return bad("task %s: problems text is %d bytes, at most %d", r.Task, len(r.Problems), MaxProblems)
	}
	return nil
}

// ParseMaterials reads "SKU=QTY,SKU=QTY" (quantities in the catalog's
// units; "" is none). known, when set, refuses an unknown SKU.
func ParseMaterials(s string, known func(sku string) bool) ([]MaterialQty, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []MaterialQty
	for _, part := range strings.Split(s, ",") {
		sku, qty, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return nil, fmt.Errorf("%w: material %q: want SKU=QTY", ErrInvalid, part)
		}
		q, err := decimal.NewFromString(strings.TrimSpace(qty))
		if err != nil || q.Sign() <= 0 {
			return nil, fmt.Errorf("%w: material %s: quantity %q must be a positive number", ErrInvalid, sku, qty)
		}
		if known != nil && !known(sku) {
			return nil, fmt.Errorf("%w: unknown material %q", ErrInvalid, sku)
		}
		out = append(out, MaterialQty{SKU: strings.TrimSpace(sku), Qty: q})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SKU < out[j].SKU })
	return out, nil
}

// FormatMaterials writes materials as ParseMaterials reads them.
func FormatMaterials(list []MaterialQty) string {
	parts := make([]string, len(list))
	for i, m := range list {
		parts[i] = m.SKU + "=" + m.Qty.String()
	}
	return strings.Join(parts, ",")
}

// Store keeps as-built records. Every method is one transaction.
type Store interface {
	// Add stores a validated record and returns it with its id; a record
	// whose key is already stored is not stored again (dup is true and the
	// stored record is returned).
	Add(ctx context.Context, r Record) (stored Record, dup bool, err error)
	// House returns the records of a house in the order recorded;
	// ErrNotFound when it has none.
	House(ctx context.Context, house string) ([]Record, error)
	// Houses lists the houses with records, sorted.
	Houses(ctx context.Context) ([]string, error)
	Close() error
}
