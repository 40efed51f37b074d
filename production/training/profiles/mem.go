package profiles

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/opensourceecology/prodos/engine/training"
	"github.com/opensourceecology/prodos/production/training/signoff"
)

// MemStore is a Store in memory, serialisable to JSON: the browser build
// keeps its JSON in local storage, tests use it as is.
type MemStore struct {
	mu       sync.Mutex
	profiles map[string]*Profile
	tickets  map[string]*memTicket
	// OnChange, when set, receives the store's JSON after each change
	// (inside the call that changed it), so a caller can persist it.
	OnChange func(data []byte) error
}

// memTicket is an issued attempt id as the store's JSON keeps it.
type memTicket struct {
	ID        string     `json:"id"`
	Learner   string     `json:"learner"`
	Challenge string     `json:"challenge"`
	Issued    time.Time  `json:"issued_at"`
	Used      *time.Time `json:"used_at,omitempty"`
}

// NewMemStore returns an empty store.
func NewMemStore() *MemStore {
	return &MemStore{profiles: map[string]*Profile{}, tickets: map[string]*memTicket{}}
}

// LoadMemStore reads a store from its JSON (as written by MarshalJSON).
func LoadMemStore(data []byte) (*MemStore, error) {
	var doc struct {
		Profiles []*Profile   `json:"profiles"`
		Tickets  []*memTicket `json:"attempt_ids"`
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
	for _, t := range doc.Tickets {
		s.tickets[t.ID] = t
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
		Profiles []*Profile   `json:"profiles"`
		Tickets  []*memTicket `json:"attempt_ids,omitempty"`
	}{Profiles: []*Profile{}}
	for _, n := range names {
		doc.Profiles = append(doc.Profiles, s.profiles[n])
	}
	for _, t := range s.tickets {
		doc.Tickets = append(doc.Tickets, t)
	}
	sort.Slice(doc.Tickets, func(i, j int) bool { return doc.Tickets[i].ID < doc.Tickets[j].ID })
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
	c.Attestations = append([]signoff.Attestation(nil), p.Attestations...)
	c.Given = append([]signoff.Attestation(nil), p.Given...)
	c.Appointments = append([]signoff.Appointment(nil), p.Appointments...)
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
	if err := s.creditedElsewhere(name, a.ReplayHash); err != nil {
		return err
	}
	var ticket *memTicket
	if a.AttemptID != "" {
		ticket = s.tickets[a.AttemptID]
		if ticket == nil || ticket.Learner != name || ticket.Used != nil {
			return fmt.Errorf("%w: attempt id %q is not an unused attempt id of %s", training.ErrAttempt, a.AttemptID, name)
		}
		used := a.At
		ticket.Used = &used
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
		if ticket != nil {
			ticket.Used = nil
		}
		return err
	}
	return nil
}

// SetKey implements Store.
func (s *MemStore) SetKey(_ context.Context, name, did string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.profiles[name]
	switch {
	case p == nil:
		return fmt.Errorf("%w: %q", ErrNotFound, name)
	case p.PublicKey == did:
		return nil
	case p.PublicKey != "":
		return fmt.Errorf("%w: %s has %s", ErrKeyRecorded, name, p.PublicKey)
	}
	p.PublicKey = did
	if err := s.changed(); err != nil {
		p.PublicKey = ""
		return err
	}
	return nil
}

// AddAttestation implements Store.
func (s *MemStore) AddAttestation(_ context.Context, a signoff.Attestation, awards []Award) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, as := s.profiles[a.Learner], s.profiles[a.Assessor]
	if p == nil || as == nil {
		return fmt.Errorf("%w: %q or %q", ErrNotFound, a.Learner, a.Assessor)
	}
	for _, old := range p.Attestations {
		if old.ID() == a.ID() {
			return nil
		}
	}
	before, beforeAs := clone(p), clone(as)
	p.Attestations = append(p.Attestations, a)
	as.Given = append(as.Given, a)
	held := p.Holds()
	for _, w := range awards {
		if !held[w.Qualification] {
			p.Awards = append(p.Awards, w)
			held[w.Qualification] = true
		}
	}
	sortAwards(p.Awards)
	if err := s.changed(); err != nil {
		s.profiles[a.Learner], s.profiles[a.Assessor] = before, beforeAs
		return err
	}
	return nil
}

// AddAppointment implements Store.
func (s *MemStore) AddAppointment(_ context.Context, ap signoff.Appointment) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.profiles[ap.Assessor]
	if p == nil {
		return fmt.Errorf("%w: %q", ErrNotFound, ap.Assessor)
	}
	before := clone(p)
	p.Appointments = append(p.Appointments, ap)
	if err := s.changed(); err != nil {
		s.profiles[ap.Assessor] = before
		return err
	}
	return nil
}

// creditedElsewhere refuses a replay hash another profile holds.
func (s *MemStore) creditedElsewhere(name, hash string) error {
	for other, p := range s.profiles {
		for _, a := range p.Attempts {
			if other != name && a.ReplayHash == hash {
				return fmt.Errorf("%w: replay %s is %s's attempt", ErrCredited, hash, other)
			}
		}
	}
	return nil
}

// IssueAttempt implements Store.
func (s *MemStore) IssueAttempt(_ context.Context, t training.Ticket) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.profiles[t.Learner] == nil {
		return fmt.Errorf("%w: %q", ErrNotFound, t.Learner)
	}
	if s.tickets[t.ID] != nil {
		return fmt.Errorf("attempt id %q: %w", t.ID, ErrExists)
	}
	s.tickets[t.ID] = &memTicket{ID: t.ID, Learner: t.Learner, Challenge: t.Challenge, Issued: t.Issued.UTC()}
	if err := s.changed(); err != nil {
		delete(s.tickets, t.ID)
		return err
	}
	return nil
}

// Ticket implements Store.
func (s *MemStore) Ticket(_ context.Context, id string) (*training.Ticket, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tickets[id]
	if t == nil {
		return nil, nil
	}
	return &training.Ticket{ID: t.ID, Learner: t.Learner, Challenge: t.Challenge, Issued: t.Issued, Used: t.Used != nil}, nil
}

// Close implements Store.
func (s *MemStore) Close() error { return nil }
