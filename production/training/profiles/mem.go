package profiles

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"time"
)

// MemStore is a Store in memory, serialisable to JSON: the browser build
// keeps its JSON in local storage, tests use it as is.
type MemStore struct {
	mu       sync.Mutex
	profiles map[string]*Profile
	// OnChange, when set, receives the store's JSON after each change
	// (inside the call that changed it), so a caller can persist it.
	OnChange func(data []byte) error
}

// NewMemStore returns an empty store.
func NewMemStore() *MemStore { return &MemStore{profiles: map[string]*Profile{}} }

// LoadMemStore reads a store from its JSON (as written by MarshalJSON).
func LoadMemStore(data []byte) (*MemStore, error) {
	var doc struct {
		Profiles []*Profile `json:"profiles"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("profiles: %w", err)
	}
	s := NewMemStore()
	for _, p := range doc.Profiles {
		if err := CheckName(p.Name); err != nil {
			return nil, fmt.Errorf("profiles: %w", err)
		}
		s.profiles[p.Name] = p
	}
	return s, nil
}

// MarshalJSON writes every profile, sorted by name.
func (s *MemStore) MarshalJSON() ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.marshal()
}

func (s *MemStore) marshal() ([]byte, error) {
	names := make([]string, 0, len(s.profiles))
	for n := range s.profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	doc := struct {
		Profiles []*Profile `json:"profiles"`
	}{Profiles: []*Profile{}}
	for _, n := range names {
		doc.Profiles = append(doc.Profiles, s.profiles[n])
	}
	return json.MarshalIndent(doc, "", "  ")
}

func (s *MemStore) changed() error {
	if s.OnChange == nil {
		return nil
	}
	data, err := s.marshal()
	if err != nil {
		return err
	}
	return s.OnChange(data)
}

func clone(p *Profile) *Profile {
	c := *p
	c.Attempts = append([]Attempt{}, p.Attempts...)
	c.Awards = append([]Award{}, p.Awards...)
	return &c
}

// Create implements Store.
func (s *MemStore) Create(_ context.Context, name string, at time.Time) (*Profile, error) {
	if err := CheckName(name); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.profiles[name] != nil {
		return nil, fmt.Errorf("%w: %q", ErrExists, name)
	}
	p := &Profile{Name: name, Created: at.UTC(), Attempts: []Attempt{}, Awards: []Award{}}
	s.profiles[name] = p
	if err := s.changed(); err != nil {
		delete(s.profiles, name)
		return nil, err
	}
	return clone(p), nil
}

// Get implements Store.
func (s *MemStore) Get(_ context.Context, name string) (*Profile, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.profiles[name]
	if p == nil {
		return nil, fmt.Errorf("%w: %q", ErrNotFound, name)
	}
	return clone(p), nil
}

// List implements Store.
func (s *MemStore) List(context.Context) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.profiles))
	for n := range s.profiles {
		out = append(out, n)
	}
	sort.Strings(out)
	return out, nil
}

// Record implements Store.
func (s *MemStore) Record(_ context.Context, name string, a Attempt, awards []Award) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.profiles[name]
	if p == nil {
		return fmt.Errorf("%w: %q", ErrNotFound, name)
	}
	for _, old := range p.Attempts {
		if old.ReplayHash == a.ReplayHash {
			return nil
		}
	}
	before := clone(p)
	p.Attempts = append(p.Attempts, a)
	held := p.Holds()
	for _, w := range awards {
		if !held[w.Qualification] {
			p.Awards = append(p.Awards, w)
			held[w.Qualification] = true
		}
	}
	sortAwards(p.Awards)
	if err := s.changed(); err != nil {
		s.profiles[name] = before
		return err
	}
	return nil
}

// Close implements Store.
func (s *MemStore) Close() error { return nil }
