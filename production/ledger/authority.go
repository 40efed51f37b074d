package ledger

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/opensourceecology/prodos/designs"
)

// ErrNotAuthorized is an event about work the people it names may not do
// or witness: the person does not hold the work's qualification, there
// is no witness, or the witness is not a crew lead.
var ErrNotAuthorized = errors.New("not authorized")

// WitnessPermission is the permission a witness of built, installed or
// labour work holds: a crew lead's (levels/qualifications.toml grants it
// with the Crew lead qualification).
const WitnessPermission = "lead-build-crew"

// Authority answers, from the profile store, what a person holds. Each
// method returns nil when the person holds it, else an error saying why
// not (production/permits implements it).
type Authority interface {
	// Qualified checks that person holds the qualification.
	Qualified(ctx context.Context, person, qualification string) error
	// Permitted checks that person holds a qualification granting the
	// permission, in standing.
	Permitted(ctx context.Context, person, permission string) error
}

// NeedsWitness reports whether the event records work that a crew lead
// must witness: module-built, module-installed, and labour-contributed of
// kind labour.
func (e Event) NeedsWitness() bool {
	return e.Type.IsRecord() || e.Type == EventLabour && e.Kind == "labour"
}

// WorkQualifications are the qualifications that do the event's work, one
// of which its person must hold: a module's build_qualification for
// module-built, its install_qualification for module-installed; for
// labour, the qualification of every module operation of the labour's
// skill in the catalog (every module qualification for skill "all"). None
// for other events.
func WorkQualifications(e Event, cat *designs.Catalog) ([]string, error) {
	switch {
	case e.Type.IsRecord():
		m := cat.Modules[e.Module]
		if m == nil {
			return nil, fmt.Errorf("%w: %s: module %q is not in the catalog", ErrInvalidEvent, e.Type, e.Module)
		}
		q := m.BuildQual
		if e.Type == EventModuleInstalled {
			q = m.InstallQual
		}
		if q == "" {
			return nil, fmt.Errorf("%w: %s: module %q names no qualification for it", ErrInvalidEvent, e.Type, e.Module)
		}
		return []string{q}, nil
	case e.Type == EventLabour && e.Kind == "labour":
		seen := map[string]bool{}
		for _, m := range cat.Modules {
			for _, l := range m.Labour {
				if e.Skill != "all" && e.Skill != "" && l.Skill != e.Skill {
					continue
				}
				if q := opQualification(m, l.Op); q != "" {
					seen[q] = true
				}
			}
		}
		if len(seen) == 0 {
			return nil, fmt.Errorf("%w: %s: no module of the catalog has labour of skill %q", ErrInvalidEvent, e.Type, e.Skill)
		}
		out := make([]string, 0, len(seen))
		for q := range seen {
			out = append(out, q)
		}
		sort.Strings(out)
		return out, nil
	}
	return nil, nil
}

func opQualification(m *designs.Module, op string) string {
	if op == "install" {
		return m.InstallQual
	}
	return m.BuildQual
}

// CheckWork checks the people an event names against the profile store,
// where the work is recorded: the person of a module-built,
// module-installed or labour event holds a qualification for its work
// (WorkQualifications), and a crew lead other than the person, holding
// lead-build-crew, witnesses it. A witness given on another contribution
// (design, training, review hours) must be a crew lead too. Refusals wrap
// ErrNotAuthorized and say why.
func CheckWork(ctx context.Context, e Event, cat *designs.Catalog, a Authority) error {
	refuse := func(f string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrNotAuthorized, describe(e)+": "+fmt.Sprintf(f, args...))
	}
	if !e.NeedsWitness() && e.Witness == "" {
		return nil
	}
	quals, err := WorkQualifications(e, cat)
	if err != nil {
		return err
	}
	if len(quals) > 0 {
		var why []error // read only on refusal: a message may load the challenges (issue 14)
		held := false
		for _, q := range quals {
			err := a.Qualified(ctx, e.Person, q)
			if err == nil {
				held = true
				break
			}
			why = append(why, err)
		}
		if !held {
			msgs := make([]string, len(why))
			for i, w := range why {
				msgs[i] = w.Error()
			}
			return refuse("%s may not record this work: %s", e.Person, strings.Join(msgs, "; or "))
		}
	}
	switch {
	case e.Witness == "" && e.NeedsWitness():
		return refuse("no witness: a crew lead (a profile holding %s) must witness the work (--witness NAME)", WitnessPermission)
	case e.Witness == "":
		return nil
	case e.Witness == e.Person:
		return refuse("%s cannot witness their own work: the witness must be another crew lead", e.Person)
	}
	if err := a.Permitted(ctx, e.Witness, WitnessPermission); err != nil {
		return refuse("witness %s is not a crew lead: %v", e.Witness, err)
	}
	return nil
}

// describe names the event in a refusal: its type, what and who, its key.
func describe(e Event) string {
	switch {
	case e.Type.IsRecord():
		return fmt.Sprintf("%s of %d x %s by %s (key %s)", e.Type, e.Count, e.Module, e.Person, e.Key)
	case e.Type == EventLabour:
		return fmt.Sprintf("%s of %d min %s (%s) by %s (key %s)", e.Type, e.Minutes, e.Kind, e.Skill, e.Person, e.Key)
	}
	return fmt.Sprintf("%s (key %s)", e.Type, e.Key)
}
