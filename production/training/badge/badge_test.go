package badge

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func testKey(seed byte) ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize))
}

var claim = Claim{
	ID: "urn:uuid:00000000-0000-4000-8000-000000000000", IssuerName: "Production OS (test)", Learner: "al",
	QualID: "foundation-crew", QualName: "Foundation crew", Description: "Knows the ground comes first.",
	Criteria: "pass challenge 1 with 1200 or more", EarnedAt: time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC),
	Evidence: "sha256:" + strings.Repeat("ab", 32), EvidenceFor: "challenge c01-groundwork, score 1966",
}

func TestIssueAndVerify(t *testing.T) {
	key := testKey(7)
	data, err := Issue(key, claim, claim.EarnedAt)
	require.NoError(t, err)
	info, err := Verify(data)
	require.NoError(t, err)
	assert.Equal(t, DIDKey(key.Public().(ed25519.PublicKey)), info.Issuer)
	assert.True(t, strings.HasPrefix(info.Issuer, "did:key:z6Mk"), "Ed25519 did:keys start z6Mk: %s", info.Issuer)
	assert.Equal(t, "al", info.Learner)
	assert.Equal(t, "Foundation crew", info.Achievement)
	assert.Equal(t, []string{"urn:hash::sha256:" + strings.Repeat("ab", 32)}, info.Evidence)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(data, &doc))
	assert.Equal(t, []any{"VerifiableCredential", "OpenBadgeCredential"}, doc["type"])
	assert.Equal(t, "2026-11-21T09:00:00Z", doc["validFrom"])

	again, err := Issue(key, claim, claim.EarnedAt)
	require.NoError(t, err)
	assert.Equal(t, string(data), string(again), "Ed25519 is deterministic: same claim, same bytes")
	reformatted := new(bytes.Buffer)
	require.NoError(t, json.Compact(reformatted, data))
	_, err = Verify(reformatted.Bytes())
	assert.NoError(t, err, "whitespace does not matter (JCS)")
}

func TestTamperedCredentialsFail(t *testing.T) {
	data, err := Issue(testKey(7), claim, claim.EarnedAt)
	require.NoError(t, err)
	other, err := Issue(testKey(8), Claim{ID: claim.ID, IssuerName: claim.IssuerName, Learner: "al", QualID: "designer", QualName: "Designer", EarnedAt: claim.EarnedAt, Evidence: claim.Evidence}, claim.EarnedAt)
	require.NoError(t, err)
	var otherDoc map[string]any
	require.NoError(t, json.Unmarshal(other, &otherDoc))
	otherProof, _ := json.Marshal(otherDoc["proof"])
	tests := []struct{ name, old, new, want string }{
		{"another learner", `"identityHash": "al"`, `"identityHash": "eve"`, "changed after it was signed"},
		{"another qualification", `"name": "Foundation crew"`, `"name": "Designer"`, "changed after it was signed"},
		{"another date", `"validFrom": "2026-11-21T09:00:00Z"`, `"validFrom": "2020-01-01T00:00:00Z"`, "changed after it was signed"},
		{"another evidence", "sha256:" + strings.Repeat("ab", 32), "sha256:" + strings.Repeat("cd", 32), "changed after it was signed"},
		{"not a badge", `"OpenBadgeCredential"`, `"Other"`, "type must include"},
		{"no proof", `"proof"`, `"nothing"`, "no proof"},
		{"another cryptosuite", `"eddsa-jcs-2022"`, `"eddsa-rdfc-2022"`, "cryptosuite"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Contains(t, string(data), tc.old)
			_, err := Verify([]byte(strings.Replace(string(data), tc.old, tc.new, 1)))
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrInvalid))
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	t.Run("someone else's proof", func(t *testing.T) {
		var doc map[string]any
		require.NoError(t, json.Unmarshal(data, &doc))
		var p any
		require.NoError(t, json.Unmarshal(otherProof, &p))
		doc["proof"] = p
		swapped, _ := json.Marshal(doc)
		_, err := Verify(swapped)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "not by the issuer")
	})
}

func TestKeyIsCreatedOncePrivately(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	path, err := DefaultKeyPath()
	require.NoError(t, err)
	k1, err := LoadOrCreateKey(path)
	require.NoError(t, err)
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
	assert.Equal(t, "issuer-ed25519.pem", filepath.Base(path))
	k2, err := LoadOrCreateKey(path)
	require.NoError(t, err)
	assert.True(t, k1.Equal(k2))
}

func TestJCS(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"b":1,"a":[true,null,"x"]}`, `{"a":[true,null,"x"],"b":1}`},
		{`{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001]}`, `{"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27]}`},
		{`{"s":"\u20ac\u00e9<>&\n\u001f"}`, `{"s":"€é<>&\n\u001f"}`},
		{`{"\u20ac":1,"\r":2,"1":3,"\ud83d\ude00":4,"\u00f6":5}`, `{"\r":2,"1":3,"ö":5,"€":1,"😀":4}`},
	}
	for _, tc := range tests {
		var v any
		require.NoError(t, decode([]byte(tc.in), &v))
		got, err := jcs(v)
		require.NoError(t, err)
		assert.Equal(t, tc.want, string(got))
	}
	for _, b := range [][]byte{{0, 0, 1, 2}, {255, 254}, {}} {
		s := base58(b)
		back, err := unbase58(s)
		require.NoError(t, err)
		assert.Equal(t, b, append([]byte{}, back...))
	}
}

// TestBadgeSaysWhoVouches: the claim's attestation is the evidence's
// genre, signed with the rest; a verifier reads it back, and editing it
// breaks the proof.
func TestBadgeSaysWhoVouches(t *testing.T) {
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{3}, ed25519.SeedSize))
	c := Claim{IssuerName: "test", Learner: "al", QualID: "foundation-crew", QualName: "Foundation crew",
		EarnedAt: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Evidence: "sha256:" + strings.Repeat("ab", 32), EvidenceFor: "c01", Attestation: "self-attested"}
	data, err := Issue(key, c, c.EarnedAt)
	require.NoError(t, err)
	info, err := Verify(data)
	require.NoError(t, err)
	assert.Equal(t, "self-attested", info.Attestation)
	edited := bytes.Replace(data, []byte(`"self-attested"`), []byte(`"verified"`), 1)
	require.NotEqual(t, data, edited)
	_, err = Verify(edited)
	assert.ErrorIs(t, err, ErrInvalid, "the attestation is signed")
}
