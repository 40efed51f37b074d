package inspection

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/opensourceecology/prodos/designs"
)

// Errors (wrapped).
var (
	ErrInvalid = errors.New("invalid inspection")
	// ErrNotInspected refuses installing a module without a passed
	// inspection.
	ErrNotInspected = errors.New("module not passed by inspection")
)

// Permission is the production permission an inspector needs (granted by
// the inspector qualification, levels/qualifications.toml).
const Permission = "inspect-modules"

// Value is one checkpoint's measured value and its verdict.
type Value struct {
	Checkpoint string `json:"checkpoint"`
	// Value is what the inspector entered: inches ("3/16") or yes/no.
	Value string `json:"value"`
	Pass  bool   `json:"pass"`
	// Fix says what to fix when it failed ("" when it passed).
	Fix string `json:"fix,omitempty"`
}

// Inspection is one inspection of one placed module.
type Inspection struct {
	ID  int64  `json:"id"`
	Key string `json:"key"` // idempotency key
	// House is the house id (the design file name, as the ledger's);
	// Placement the schedule's placement id ("W7"); Module its module id.
	House     string    `json:"house"`
	Placement string    `json:"placement"`
	Module    string    `json:"module"`
	Inspector string    `json:"inspector"`
	Values    []Value   `json:"values"`
	Passed    bool      `json:"passed"`
	PhotoHash string    `json:"photo_hash"` // "sha256:<hex>", "" for none
	Notes     string    `json:"notes"`
	At        time.Time `json:"at"`
}

var (
	idRE    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$`) })
	photoRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^sha256:[0-9a-f]{64}$`) })
)

// Validate checks the fields a store keeps (not the verdict: Evaluate
// computes it).
func (in *Inspection) Validate() error {
	for name, v := range map[string]string{"house": in.House, "placement": in.Placement, "module": in.Module, "inspector": in.Inspector, "key": in.Key} {
		if !idRE().MatchString(v) {
			return fmt.Errorf("%w: %s %q: use 1-100 letters, digits, '.', '_', '/' or '-'", ErrInvalid, name, v)
		}
	}
	if in.PhotoHash != "" && !photoRE().MatchString(in.PhotoHash) {
		return fmt.Errorf("%w: photo hash %q: want sha256: and 64 hex digits", ErrInvalid, in.PhotoHash)
	}
	if len(in.Values) == 0 {
		return fmt.Errorf("%w: no checkpoint values", ErrInvalid)
	}
	if len(in.Notes) > 2000 {
		return fmt.Errorf("%w: notes are %d bytes, at most 2000", ErrInvalid, len(in.Notes))
	}
	return nil
}

// Evaluate computes the verdict of every checkpoint of the module from the
// entered values (checkpoint id -> value) and whether the module passed.
// A missing value, a value for a checkpoint the module does not have, or a
// value that is not a length (or yes/no) is an error.
func Evaluate(cs *Checkpoints, m *designs.Module, entered map[string]string) ([]Value, bool, error) {
	points := cs.For(m)
	known := map[string]bool{}
	var out []Value
	passed := true
	var missing []string
	for _, c := range points {
		known[c.ID] = true
		raw, ok := entered[c.ID]
		if !ok || strings.TrimSpace(raw) == "" {
			missing = append(missing, c.ID)
			continue
		}
		v, err := judge(c, strings.TrimSpace(raw))
		if err != nil {
			return nil, false, err
		}
		passed = passed && v.Pass
		out = append(out, v)
	}
	var extra []string
	for id := range entered {
		if !known[id] {
			extra = append(extra, id)
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		return nil, false, fmt.Errorf("%w: module %s has no checkpoint %s (its checkpoints: %s)", ErrInvalid, m.ID, strings.Join(extra, ", "), ids(points))
	}
	if len(missing) > 0 {
		return nil, false, fmt.Errorf("%w: module %s: no value for %s", ErrInvalid, m.ID, strings.Join(missing, ", "))
	}
	return out, passed, nil
}

func ids(cs []*Checkpoint) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = c.ID
	}
	return strings.Join(s, ", ")
}

// judge computes one checkpoint's verdict.
func judge(c *Checkpoint, raw string) (Value, error) {
	v := Value{Checkpoint: c.ID, Value: raw}
	if c.Kind == KindCheck {
		switch strings.ToLower(raw) {
		case "yes", "y", "pass", "ok":
			v.Value, v.Pass = "yes", true
		case "no", "n", "fail":
			v.Value = "no"
			v.Fix = fmt.Sprintf("%s: not met (%s)", c.Name, c.How)
		default:
			return v, fmt.Errorf("%w: checkpoint %s: answer yes or no, got %q", ErrInvalid, c.ID, raw)
		}
		return v, nil
	}
	l, err := designs.ParseLength(raw)
	if err != nil || l < 0 {
		return v, fmt.Errorf("%w: checkpoint %s: %q is not a length in inches (e.g. 3/16 or 24 1/8)", ErrInvalid, c.ID, raw)
	}
	v.Value = l.String()
	switch c.Kind {
	case KindMax:
		v.Pass = l <= c.Limit
		if !v.Pass {
			v.Fix = fmt.Sprintf("%s: %s in, %s", c.Name, l, c.Requirement())
		}
	case KindWithin:
		off := l - c.Target
		if off < 0 {
			off = -off
		}
		v.Pass = off <= c.Tolerance
		if !v.Pass {
			v.Fix = fmt.Sprintf("%s: %s in is %s in off, want %s", c.Name, l, off, c.Requirement())
		}
	}
	return v, nil
}

// Fixes lists what to fix of a failed inspection.
func (in *Inspection) Fixes() []string {
	var out []string
	for _, v := range in.Values {
		if !v.Pass {
			out = append(out, v.Fix)
		}
	}
	return out
}

// Store keeps inspections. Every method is one transaction.
type Store interface {
	// Add stores a validated inspection and returns it with its id; a key
	// already stored is not stored again (dup is true, the stored one is
	// returned).
	Add(ctx context.Context, in Inspection) (stored Inspection, dup bool, err error)
	// House returns the inspections of a house in the order recorded.
	House(ctx context.Context, house string) ([]Inspection, error)
	Close() error
}

// Latest is the latest inspection of every placement of the module in the
// list (in the order recorded), by placement id.
func Latest(list []Inspection, module string) map[string]Inspection {
	out := map[string]Inspection{}
	for _, in := range list {
		if in.Module == module {
			out[in.Placement] = in
		}
	}
	return out
}

// CheckInstall refuses, with ErrNotInspected, installing count more
// modules of a house (installed of that module are in already) when the
// latest inspections pass fewer than installed+count placements of that
// module; the error names the placements whose latest inspection failed
// and what to fix.
func CheckInstall(list []Inspection, house, module string, installed, count int) error {
	latest := Latest(list, module)
	passed := 0
	var failed []string
	places := make([]string, 0, len(latest))
	for p := range latest {
		places = append(places, p)
	}
	sort.Strings(places)
	for _, p := range places {
		in := latest[p]
		if in.Passed {
			passed++
			continue
		}
		failed = append(failed, fmt.Sprintf("%s failed inspection %d by %s: fix %s", p, in.ID, in.Inspector, strings.Join(in.Fixes(), "; ")))
	}
	if passed >= installed+count {
		return nil
	}
	msg := fmt.Sprintf("module-installed for house %q: %d %s installed and %d more to install, %d passed inspection", house, installed, module, count, passed)
	if len(failed) > 0 {
		msg += "; " + strings.Join(failed, "; ")
	}
	msg += "; record a passing inspection first (prodos inspect record)"
	return fmt.Errorf("%w: %s", ErrNotInspected, msg)
}
