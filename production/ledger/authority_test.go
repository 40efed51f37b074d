package ledger

import (
	"context"
	"fmt"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeAuthority holds qualifications and permissions per person.
type fakeAuthority map[string][]string

func (f fakeAuthority) has(person, what string) error {
	for _, h := range f[person] {
		if h == what {
			return nil
		}
	}
	return fmt.Errorf("profile %q does not hold %s", person, what)
}

func (f fakeAuthority) Qualified(_ context.Context, person, q string) error { return f.has(person, q) }
func (f fakeAuthority) Permitted(_ context.Context, person, p string) error { return f.has(person, p) }

func TestCheckWork(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	auth := fakeAuthority{
		"ann": {"wall-framer"},
		"ivy": {"module-installer"},
		"lee": {"module-installer", "crew-lead", WitnessPermission},
		"bo":  {"module-installer"},
	}
	built := Event{Key: "k", Type: EventModuleBuilt, House: "h", Person: "ann", Module: "wall-ext-4x8", Count: 9, Witness: "lee"}
	with := func(f func(e *Event)) Event {
		e := built
		f(&e)
		return e
	}
	tests := []struct {
		name string
		e    Event
		want string // "" accepted
	}{
		{"honest build", built, ""},
		{"unqualified builder", with(func(e *Event) { e.Person = "ivy" }), `ivy may not record this work: profile "ivy" does not hold wall-framer`},
		{"no witness", with(func(e *Event) { e.Witness = "" }), "no witness: a crew lead (a profile holding lead-build-crew) must witness the work"},
		{"witness not a crew lead", with(func(e *Event) { e.Witness = "bo" }), `witness bo is not a crew lead: profile "bo" does not hold lead-build-crew`},
		{"own witness", with(func(e *Event) {
			e.Person, e.Module, e.Type, e.Witness = "lee", "wall-ext-4x8", EventModuleInstalled, "lee"
		}),
			"lee cannot witness their own work"},
		{"install needs the install qualification", with(func(e *Event) { e.Type = EventModuleInstalled }), `profile "ann" does not hold module-installer`},
		{"honest install", with(func(e *Event) { e.Type, e.Person = EventModuleInstalled, "ivy" }), ""},
		{"labour of a skill", Event{Key: "l", Type: EventLabour, House: "h", Person: "ann", Kind: "labour", Skill: "framing", Minutes: 60, Rate: dec("35"), Witness: "lee"}, ""},
		{"labour without its qualification", Event{Key: "l", Type: EventLabour, House: "h", Person: "ivy", Kind: "labour", Skill: "utilities", Minutes: 60, Rate: dec("35"), Witness: "lee"},
			`ivy may not record this work: profile "ivy" does not hold utility-installer`},
		{"labour without witness", Event{Key: "l", Type: EventLabour, House: "h", Person: "ann", Kind: "labour", Skill: "framing", Minutes: 60, Rate: dec("35")},
			"no witness"},
		{"design hours need no witness", Event{Key: "d", Type: EventLabour, House: "h", Person: "ivy", Kind: "design", Skill: "all", Minutes: 60, Rate: dec("35")}, ""},
		{"a witness of design hours is a crew lead", Event{Key: "d", Type: EventLabour, House: "h", Person: "ivy", Kind: "design", Skill: "all", Minutes: 60, Rate: dec("35"), Witness: "bo"},
			"witness bo is not a crew lead"},
		{"other events are not checked", Event{Key: "p", Type: EventPOIssued, Supplier: "s", Amount: dec("1")}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, tc.e.Validate())
			err := CheckWork(context.Background(), tc.e, cat, auth)
			if tc.want == "" {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ErrNotAuthorized)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestWitnessOnlyOnWork(t *testing.T) {
	e := Event{Key: "p", Type: EventPOIssued, Supplier: "s", Amount: dec("1"), Witness: "lee"}
	assert.ErrorIs(t, e.Validate(), ErrInvalidEvent)
	e = Event{Key: "k", Type: EventModuleBuilt, House: "h", Person: "ann", Module: "wall-ext-4x8", Count: 1, Witness: "lee x"}
	assert.ErrorIs(t, e.Validate(), ErrInvalidEvent)
}

// readCounter is a refusal that counts how often its message is read.
type readCounter struct{ reads *int }

func (r readCounter) Error() string { *r.reads++; return "not held" }

// countingAuthority holds one qualification (and every permission) and
// refuses the others with a readCounter.
type countingAuthority struct {
	holds string
	reads *int
}

func (c countingAuthority) Qualified(_ context.Context, _, q string) error {
	if q == c.holds {
		return nil
	}
	return readCounter{c.reads}
}
func (c countingAuthority) Permitted(context.Context, string, string) error { return nil }

// TestCheckWorkReadsRefusalsOnlyToRefuse: labour of every skill is allowed
// by any module qualification, tried in turn; the refusals of those passed
// over before the one held are not read (a message may load every
// challenge level, issue 14), and they are all read when none is held.
func TestCheckWorkReadsRefusalsOnlyToRefuse(t *testing.T) {
	cat, err := designs.DefaultCatalog()
	require.NoError(t, err)
	e := Event{Key: "l", Type: EventLabour, House: "h", Person: "ann", Kind: "labour", Skill: "all", Minutes: 60, Rate: dec("35"), Witness: "lee"}
	quals, err := WorkQualifications(e, cat)
	require.NoError(t, err)
	require.Greater(t, len(quals), 2)
	reads := 0
	assert.NoError(t, CheckWork(context.Background(), e, cat, countingAuthority{holds: quals[len(quals)-1], reads: &reads}))
	assert.Zero(t, reads, "refusals read though a qualification was held")
	err = CheckWork(context.Background(), e, cat, countingAuthority{holds: "none", reads: &reads})
	require.ErrorIs(t, err, ErrNotAuthorized)
	assert.Equal(t, len(quals), reads)
}
