package badge

import (
	"bytes"
	"compress/gzip"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStatusListRevokes(t *testing.T) {
	key := testKey(7)
	did := DIDKey(key.Public().(ed25519.PublicKey))
	url := "http://127.0.0.1:8080" + StatusListPath
	c := claim
	c.Status = &StatusEntry{List: url, Index: 42}
	c.IssuerURL = "http://127.0.0.1:8080"
	data, err := Issue(key, c, c.EarnedAt)
	require.NoError(t, err)
	info, err := Verify(data)
	require.NoError(t, err)
	require.NotNil(t, info.Status)
	assert.Equal(t, 42, info.Status.Index)
	assert.Equal(t, "http://127.0.0.1:8080", info.IssuerURL)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(data, &doc))
	assert.Equal(t, "42", doc["credentialStatus"].(map[string]any)["statusListIndex"])
	_, err = Verify(bytes.Replace(data, []byte(`"statusListIndex": "42"`), []byte(`"statusListIndex": "43"`), 1))
	assert.ErrorContains(t, err, "changed after it was signed", "the status index is signed: a revoked badge cannot point at another bit")

	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		revoked []int
		want    bool
	}{
		{"empty list", nil, false},
		{"another bit", []int{41, 43}, false},
		{"this bit", []int{0, 42, StatusListBits - 1}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			list, err := IssueStatusList(key, url, tc.revoked, now)
			require.NoError(t, err)
			got, err := Revoked(list, did, info.Status)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}

	list, err := IssueStatusList(key, url, nil, now)
	require.NoError(t, err)
	var sl map[string]any
	require.NoError(t, json.Unmarshal(list, &sl))
	enc := sl["credentialSubject"].(map[string]any)["encodedList"].(string)
	require.Equal(t, byte('u'), enc[0], "multibase base64url")
	gz, err := base64.RawURLEncoding.DecodeString(enc[1:])
	require.NoError(t, err)
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	require.NoError(t, err)
	raw, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, 16384, len(raw), "16 KiB uncompressed, the spec's minimum")

	forged, err := IssueStatusList(testKey(9), url, nil, now)
	require.NoError(t, err)
	_, err = Revoked(forged, did, info.Status)
	assert.ErrorContains(t, err, "not by the badge's issuer")
	other, err := IssueStatusList(key, url+"x", nil, now)
	require.NoError(t, err)
	_, err = Revoked(other, did, info.Status)
	assert.ErrorContains(t, err, "is not the BitstringStatusListCredential the badge names")
	edited := bytes.Replace(list, []byte(enc), []byte("u"+base64.RawURLEncoding.EncodeToString([]byte("x"))), 1)
	_, err = Revoked(edited, did, info.Status)
	assert.ErrorContains(t, err, "changed after it was signed")
	_, err = DecodeList("u" + base64.RawURLEncoding.EncodeToString(gzipped(make([]byte, 100))))
	assert.ErrorContains(t, err, "fewer than the 16 KiB minimum")
}

func gzipped(b []byte) []byte {
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}

func TestIssuerProfile(t *testing.T) {
	key := testKey(7)
	data, err := IssuerProfile(key, "Production OS training (test)", "http://127.0.0.1:8080", time.Now())
	require.NoError(t, err)
	did, name, err := CheckIssuerProfile(data)
	require.NoError(t, err)
	assert.Equal(t, DIDKey(key.Public().(ed25519.PublicKey)), did)
	assert.Equal(t, "Production OS training (test)", name)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(data, &doc))
	vm := doc["verificationMethod"].([]any)[0].(map[string]any)
	assert.Equal(t, "Multikey", vm["type"])
	assert.Equal(t, did[len("did:key:"):], vm["publicKeyMultibase"])
	_, _, err = CheckIssuerProfile(bytes.Replace(data, []byte("(test)"), []byte("(evil)"), 1))
	assert.ErrorContains(t, err, "changed after it was signed")
}

func TestPracticalEvidence(t *testing.T) {
	c := claim
	c.Practical = &Practical{ID: "sha256:" + string(bytes.Repeat([]byte("cd"), 32)), Description: "marcin signed off al", Attestation: `{"learner":"al"}`}
	data, err := Issue(testKey(7), c, c.EarnedAt)
	require.NoError(t, err)
	info, err := Verify(data)
	require.NoError(t, err)
	assert.Len(t, info.Evidence, 1, "the replay")
	require.Len(t, info.Practicals, 1)
	assert.Equal(t, c.Practical.ID, info.Practicals[0].ID)
	assert.Equal(t, `{"learner":"al"}`, info.Practicals[0].Attestation)
}
