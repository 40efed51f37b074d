package badge

import (
	"bytes"
	"compress/gzip"
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"io"
	"strconv"
	"time"
)

// StatusListBits is the length of the revocation status list: 131,072
// bits, 16 KiB uncompressed, the minimum the W3C Bitstring Status List
// sets so that one credential cannot be told apart in the crowd.
const StatusListBits = 16 * 1024 * 8

// StatusListPath is where prodos serve publishes the status list.
const StatusListPath = "/credentials/status/1"

// IssuerPath is where prodos serve publishes the issuer profile document.
const IssuerPath = "/issuer"

// StatusEntry is a credential's place in a status list (a
// BitstringStatusListEntry with statusPurpose "revocation").
type StatusEntry struct {
	List  string // URL of the BitstringStatusListCredential
	Index int    // statusListIndex
}

func (e *StatusEntry) entry() map[string]any {
	return map[string]any{
		"id":                   fmt.Sprintf("%s#%d", e.List, e.Index),
		"type":                 "BitstringStatusListEntry",
		"statusPurpose":        "revocation",
		"statusListIndex":      strconv.Itoa(e.Index),
		"statusListCredential": e.List,
	}
}

func parseEntry(v any) (*StatusEntry, error) {
	m, _ := v.(map[string]any)
	str := func(k string) string { s, _ := m[k].(string); return s }
	if m == nil || str("type") != "BitstringStatusListEntry" || str("statusPurpose") != "revocation" {
		return nil, fmt.Errorf("%w: credentialStatus is not a BitstringStatusListEntry for revocation", ErrInvalid)
	}
	i, err := strconv.Atoi(str("statusListIndex"))
	if err != nil || i < 0 || i >= StatusListBits || str("statusListCredential") == "" {
		return nil, fmt.Errorf("%w: credentialStatus: statusListIndex %q or statusListCredential %q is not valid", ErrInvalid, str("statusListIndex"), str("statusListCredential"))
	}
	return &StatusEntry{List: str("statusListCredential"), Index: i}, nil
}

// EncodeList is the spec's encodedList: the bitstring (bit 0 is the most
// significant bit of the first byte; a set bit is revoked) GZIP-compressed
// and multibase base64url encoded ("u" and no padding).
func EncodeList(revoked []int) (string, error) {
	bits := make([]byte, StatusListBits/8)
	for _, i := range revoked {
		if i < 0 || i >= StatusListBits {
			return "", fmt.Errorf("status list: index %d is outside 0..%d", i, StatusListBits-1)
		}
		bits[i/8] |= 0x80 >> (i % 8)
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(bits); err != nil {
		return "", err
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	return "u" + base64.RawURLEncoding.EncodeToString(b.Bytes()), nil
}

// DecodeList reverses EncodeList, refusing a list shorter than 16 KiB.
func DecodeList(encoded string) ([]byte, error) {
	if len(encoded) == 0 || encoded[0] != 'u' {
		return nil, fmt.Errorf("%w: encodedList is not multibase base64url (no leading u)", ErrInvalid)
	}
	gz, err := base64.RawURLEncoding.DecodeString(encoded[1:])
	if err != nil {
		return nil, fmt.Errorf("%w: encodedList: %v", ErrInvalid, err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("%w: encodedList is not GZIP: %v", ErrInvalid, err)
	}
	bits, err := io.ReadAll(io.LimitReader(zr, 16<<20))
	if err != nil {
		return nil, fmt.Errorf("%w: encodedList: %v", ErrInvalid, err)
	}
	if len(bits) < StatusListBits/8 {
		return nil, fmt.Errorf("%w: the status list has %d bytes, fewer than the 16 KiB minimum", ErrInvalid, len(bits))
	}
	return bits, nil
}

// IssueStatusList signs the BitstringStatusListCredential published at
// url, with the indexes in revoked set.
func IssueStatusList(key ed25519.PrivateKey, url string, revoked []int, now time.Time) ([]byte, error) {
	list, err := EncodeList(revoked)
	if err != nil {
		return nil, err
	}
	doc := map[string]any{
		"@context":  []any{"https://www.w3.org/ns/credentials/v2"},
		"id":        url,
		"type":      []any{"VerifiableCredential", "BitstringStatusListCredential"},
		"issuer":    DIDKey(key.Public().(ed25519.PublicKey)),
		"validFrom": now.UTC().Format(time.RFC3339),
		"credentialSubject": map[string]any{
			"id":            url + "#list",
			"type":          "BitstringStatusList",
			"statusPurpose": "revocation",
			"encodedList":   list,
		},
	}
	return Sign(key, doc, now)
}

// Revoked checks a status list credential fetched from entry.List for a
// credential of issuer: its proof, that issuer signed it, that it is the
// list the entry names, and the entry's bit.
func Revoked(list []byte, issuer string, entry *StatusEntry) (bool, error) {
	doc, _, by, err := VerifyProof(list)
	if err != nil {
		return false, fmt.Errorf("status list %s: %w", entry.List, err)
	}
	if by != issuer {
		return false, fmt.Errorf("%w: status list %s is signed by %s, not by the badge's issuer %s", ErrInvalid, entry.List, by, issuer)
	}
	if !hasType(doc["type"], "BitstringStatusListCredential") || doc["id"] != entry.List {
		return false, fmt.Errorf("%w: %s is not the BitstringStatusListCredential the badge names", ErrInvalid, entry.List)
	}
	subj, _ := doc["credentialSubject"].(map[string]any)
	if subj["statusPurpose"] != "revocation" {
		return false, fmt.Errorf("%w: status list %s is not for revocation", ErrInvalid, entry.List)
	}
	enc, _ := subj["encodedList"].(string)
	bits, err := DecodeList(enc)
	if err != nil {
		return false, err
	}
	return bits[entry.Index/8]&(0x80>>(entry.Index%8)) != 0, nil
}

// IssuerProfile signs the issuer's profile document: its did:key id, its
// name, the URL it publishes from and its public key as a Multikey
// verification method, so a verifier elsewhere can look the issuer up.
func IssuerProfile(key ed25519.PrivateKey, name, url string, now time.Time) ([]byte, error) {
	did := DIDKey(key.Public().(ed25519.PublicKey))
	mb := did[len("did:key:"):]
	vm := did + "#" + mb
	doc := map[string]any{
		"@context":           []any{"https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "https://w3id.org/security/multikey/v1"},
		"id":                 did,
		"type":               []any{"Profile"},
		"name":               name,
		"url":                url,
		"verificationMethod": []any{map[string]any{"id": vm, "type": "Multikey", "controller": did, "publicKeyMultibase": mb}},
		"assertionMethod":    []any{vm},
		"statusList":         url + StatusListPath,
	}
	return Sign(key, doc, now)
}

// CheckIssuerProfile verifies a fetched issuer profile document and
// returns its did:key and name.
func CheckIssuerProfile(data []byte) (did, name string, err error) {
	doc, _, id, err := VerifyProof(data)
	if err != nil {
		return "", "", fmt.Errorf("issuer profile: %w", err)
	}
	if !hasType(doc["type"], "Profile") {
		return "", "", fmt.Errorf("%w: issuer profile: type is not Profile", ErrInvalid)
	}
	name, _ = doc["name"].(string)
	return id, name, nil
}
