package designs

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCrews(t *testing.T) {
	cat, err := DefaultCatalog()
	require.NoError(t, err)
	crews, err := DefaultCrews(cat)
	require.NoError(t, err)
	require.Len(t, crews[DefaultCrewID].Members, 4)
	require.Len(t, crews[OSECrewID].Members, 24)
	shops, err := DefaultShops()
	require.NoError(t, err)
	for _, id := range []string{DefaultCrewID, OSECrewID} {
		for _, q := range KnownQualifications(cat, shops) {
			assert.NotEmpty(t, crews[id].Qualified(q), "crew %s: no one holds %s", id, q)
		}
	}
	for _, n := range []int{1, 4, 7, 24} {
		c, err := CrewOfSize(crews, n)
		require.NoError(t, err)
		assert.Len(t, c.Members, n)
	}
	_, err = CrewOfSize(crews, 0)
	assert.Error(t, err)
}

func TestParseCrewErrors(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"syntax", "id = \n", "crew.toml:1:"},
		{"unknown key", "id = \"c\"\ncolour = 3\n[[member]]\nid = \"a\"\nqualifications = [\"wall-framer\"]\n", `crew.toml:2:1: unknown key "colour"`},
		{"unknown qualification", "id = \"c\"\n[[member]]\nid = \"a\"\nqualifications = [\"wall-framr\"]\n", `crew.toml:4:1: member "a": unknown qualification "wall-framr"`},
		{"duplicate member", "id = \"c\"\n[[member]]\nid = \"a\"\nqualifications = [\"wall-framer\"]\n[[member]]\nid = \"a\"\nqualifications = [\"wall-framer\"]\n", `duplicate`},
		{"no members", "id = \"c\"\n", `has no members`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCrew("crew.toml", []byte(tt.data), []string{"wall-framer"})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// A roster claims its members' qualifications; a crew of profiles has
// them verified, and says so.
func TestCrewBasis(t *testing.T) {
	c := &Crew{ID: "default-4"}
	assert.Equal(t, "claimed", c.Basis())
	assert.Contains(t, c.BasisNote(), "Crew default-4: qualifications claimed by the roster, not verified against profiles")
	c = &Crew{ID: "profiles", Source: "qualifications from profiles database p.db", Verified: true}
	assert.Equal(t, "verified", c.Basis())
	assert.Equal(t, "Crew profiles: qualifications verified (qualifications from profiles database p.db).", c.BasisNote())
}
