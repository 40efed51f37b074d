package badge

import (
	"crypto/ed25519"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVerifyRefusesDuplicateMemberNames(t *testing.T) {
	data, err := Issue(testKey(7), claim, claim.EarnedAt)
	require.NoError(t, err)
	// A second "name" inside the achievement: Go's decoder would keep the last.
	dup := strings.Replace(string(data), `"name": "Foundation crew",`, `"name": "Designer", "name": "Foundation crew",`, 1)
	require.NotEqual(t, string(data), dup)
	_, err = Verify([]byte(dup))
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrInvalid))
	assert.Contains(t, err.Error(), `member "name" appears twice`)
	assert.NoError(t, checkIJSON([]byte(`{"a":{"a":1},"b":[{"a":1},{"a":2}],"c":{"x":[1,{"y":2}],"y":3}}`)), "same names in different objects are fine")
}

func TestVerifyRefusesEvidenceThatIsNotAReplayHash(t *testing.T) {
	for _, ev := range []string{"sha256:00", "sha256:" + strings.Repeat("AB", 32), ""} {
		c := claim
		c.Evidence = ev
		data, err := Issue(testKey(7), c, c.EarnedAt)
		if err != nil {
			continue // refusing to issue is right too
		}
		_, err = Verify(data)
		require.Error(t, err, ev)
		assert.True(t, errors.Is(err, ErrInvalid))
		assert.Contains(t, err.Error(), "not the SHA-256 of a replay")
	}
}

func TestIssueRefusesEvidenceThatIsNotAReplayHash(t *testing.T) {
	c := claim
	c.Evidence = "sha256:00"
	_, err := Issue(testKey(7), c, c.EarnedAt)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not the SHA-256 of a replay")
}

func TestLongProofValueIsRefusedCheaply(t *testing.T) {
	_, err := unbase58(strings.Repeat("z", 200_000))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "longer than")
	big := make([]byte, MaxCredential+1)
	_, err = Verify(big)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "larger than a credential can be")
}

func TestTrustList(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", TrustFile)
	tl, err := LoadTrust(path)
	require.NoError(t, err, "a missing list is empty")
	other := DIDKey(testKey(8).Public().(ed25519.PublicKey))
	_, ok := tl.Trusts(other)
	assert.False(t, ok)

	require.NoError(t, AddTrusted(path, other, "Factor e Farm  workshop"))
	require.NoError(t, AddTrusted(path, other, "again"), "adding twice changes nothing")
	tl, err = LoadTrust(path)
	require.NoError(t, err)
	note, ok := tl.Trusts(other)
	assert.True(t, ok)
	assert.Equal(t, "Factor e Farm workshop", note)
	b, _ := os.ReadFile(path)
	assert.Equal(t, 1, strings.Count(string(b), other))

	err = AddTrusted(path, "did:key:zNOPE", "")
	require.Error(t, err)
	require.NoError(t, os.WriteFile(path, []byte("# list\n\ndid:web:example.org\n"), 0o600))
	_, err = LoadTrust(path)
	require.Error(t, err)
	assert.Contains(t, err.Error(), path+":3:")
}

func TestEvidenceHash(t *testing.T) {
	h := strings.Repeat("ab", 32)
	got, err := EvidenceHash("urn:hash::sha256:" + h)
	require.NoError(t, err)
	assert.Equal(t, "sha256:"+h, got)
	_, err = EvidenceHash("urn:hash::sha256:00")
	assert.Error(t, err)
}
