// Package permits checks, where work is assigned, that the people it is
// assigned to hold what it needs, as the profile store records it
// (production/training/profiles) under the qualifications of
// levels/qualifications.toml: the qualification of a machine job or a
// build task, a crew lead's permission to witness work, a designer's
// permission to release a build package. Checker implements
// ledger.Authority for `ledger post`, builds crews of profiles for `jobs`
// and `schedule`, and decides a package's release for `export` and the
// game's Export alike.
package permits

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/manufacturing/export"
	"github.com/opensourceecology/prodos/production/training/profiles"
)

// ErrNotQualified is a person who does not hold a qualification.
var ErrNotQualified = errors.New("not qualified")

// ExportPermission is the permission that releases a build package (the
// Designer qualification grants it).
const ExportPermission = training.PermExportBuildPackage

// Checker answers what people hold from a profile store. It reads each
// profile once: a Checker lives for one command or one export.
type Checker struct {
	Store profiles.Store
	Quals *training.Quals
	// Where names the store in messages ("profiles database profiles.db").
	Where string

	mu   sync.Mutex
	read *cachedStore
}

// cachedStore is a Store whose Get reads each profile once.
type cachedStore struct {
	profiles.Store
	mu   sync.Mutex
	seen map[string]*profiles.Profile
}

func (s *cachedStore) Get(ctx context.Context, name string) (*profiles.Profile, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.seen[name]; ok {
		return p, nil
	}
	p, err := s.Store.Get(ctx, name)
	if err == nil {
		s.seen[name] = p
	}
	return p, err
}

// store is the checker's store, read through its cache.
func (c *Checker) store() profiles.Store {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.read == nil {
		c.read = &cachedStore{Store: c.Store, seen: map[string]*profiles.Profile{}}
	}
	return c.read
}

// profile reads a profile; an unknown name says where it was looked for.
func (c *Checker) profile(ctx context.Context, name string) (*profiles.Profile, error) {
	p, err := c.store().Get(ctx, name)
	if errors.Is(err, profiles.ErrNotFound) {
		return nil, fmt.Errorf("no profile %q in %s: %w", name, c.Where, err)
	}
	return p, err
}

// standing is the qualifications a profile holds that count for work
// assigned now: each one held whose permissions (if it grants any) are
// all in standing by profiles.Check.
func (c *Checker) standing(ctx context.Context, p *profiles.Profile) ([]string, error) {
	var out []string
	for _, a := range p.Awards {
		ok := true
		if x := c.Quals.Get(a.Qualification); x != nil {
			for _, perm := range x.Permissions {
				err := profiles.Check(ctx, c.store(), c.Quals, p.Name, perm)
				if errors.Is(err, profiles.ErrNotPermitted) {
					ok = false
					break
				}
				if err != nil {
					return nil, err
				}
			}
		}
		if ok {
			out = append(out, a.Qualification)
		}
	}
	return out, nil
}

// Qualified returns nil when the person's profile holds the
// qualification in standing, else an error wrapping ErrNotQualified that
// names the qualification and how to earn it.
func (c *Checker) Qualified(ctx context.Context, person, qual string) error {
	p, err := c.profile(ctx, person)
	if err != nil {
		return err
	}
	held, err := c.standing(ctx, p)
	if err != nil {
		return err
	}
	for _, h := range held {
		if h == qual {
			return nil
		}
	}
	return &notQualified{quals: c.Quals, person: person, qual: qual}
}

// notQualified is Qualified's refusal. Its message, which says how to earn
// the qualification (and may load the challenge levels to say it), is made
// when read: work that any of several qualifications allows tries them in
// turn and reads the refusals only when none is held (issue 14).
type notQualified struct {
	quals        *training.Quals
	person, qual string
}

func (e *notQualified) Error() string {
	name, how := e.qual, ""
	if x := e.quals.Get(e.qual); x != nil {
		name, how = fmt.Sprintf("%s qualification (%s)", x.Name, e.qual), " (earned by: "+e.quals.HowToEarn(e.qual)+")"
	}
	return fmt.Sprintf("%v: profile %q does not hold the %s%s", ErrNotQualified, e.person, name, how)
}

func (e *notQualified) Unwrap() error { return ErrNotQualified }

// Permitted returns nil when the person's profile holds a qualification
// granting the permission (profiles.Check), else why not.
func (c *Checker) Permitted(ctx context.Context, person, permission string) error {
	if _, err := c.profile(ctx, person); err != nil {
		return err
	}
	return profiles.Check(ctx, c.store(), c.Quals, person, permission)
}

// Crew is a crew of the named profiles, each member holding the
// qualifications the store shows in standing: a crew whose
// qualifications are verified, not claimed (designs.Crew.Verified).
func (c *Checker) Crew(ctx context.Context, names []string) (*designs.Crew, error) {
	if len(names) == 0 {
		return nil, errors.New("a crew of profiles needs at least one profile name")
	}
	crew := &designs.Crew{ID: "profiles", Name: "crew of profiles " + strings.Join(names, ", "),
		Source: "qualifications from " + c.Where, Verified: true}
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			return nil, fmt.Errorf("profile %q is named twice in the crew", n)
		}
		seen[n] = true
		p, err := c.profile(ctx, n)
		if err != nil {
			return nil, err
		}
		held, err := c.standing(ctx, p)
		if err != nil {
			return nil, err
		}
		crew.Members = append(crew.Members, designs.Member{ID: n, Name: n, Qualifications: held})
	}
	return crew, nil
}

// Release is the release of a build package by designer ("" for none):
// qualified when the profile holds the export-build-package permission
// (the Designer qualification), else with the reason it is not.
func (c *Checker) Release(ctx context.Context, designer string) export.Release {
	if designer == "" {
		return export.Release{}
	}
	if err := c.Permitted(ctx, designer, ExportPermission); err != nil {
		return export.Release{Designer: designer, Refusal: err.Error()}
	}
	return export.Release{Designer: designer, Qualified: true}
}
