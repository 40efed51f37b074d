// Package badge issues and verifies Open Badges 3.0 OpenBadgeCredential
// documents for earned qualifications. A credential names the
// achievement (the qualification) with its criteria, the issuer (this
// installation, identified by a did:key of its Ed25519 key), the learner,
// the date, and the replay hash that earned it as evidence. It is secured
// with a W3C Data Integrity proof using the eddsa-jcs-2022 cryptosuite:
// the document and the proof options are canonicalized with JCS (RFC
// 8785), hashed with SHA-256 and signed with Ed25519, so any verifier can
// check it from the document alone.
package badge

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/opensourceecology/prodos/production/userdata"
)

// Contexts of an OpenBadgeCredential (VC Data Model 2.0, Open Badges 3.0).
var Contexts = []any{"https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"}

// Cryptosuite is the Data Integrity cryptosuite used.
const Cryptosuite = "eddsa-jcs-2022"

// ErrInvalid marks a credential that fails verification.
var ErrInvalid = errors.New("invalid credential")

// DefaultKeyPath is the installation's issuer key:
// $XDG_DATA_HOME/prodos/issuer-ed25519.pem (~/.local/share when unset).
func DefaultKeyPath() (string, error) {
	p, err := userdata.File("issuer-ed25519.pem")
	if err != nil {
		return "", fmt.Errorf("issuer key: %w", err)
	}
	return p, nil
}

// LoadOrCreateKey reads the PKCS#8 PEM Ed25519 key at path, creating it
// (mode 0600, written atomically) on first use.
func LoadOrCreateKey(path string) (ed25519.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		_, key, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return nil, err
		}
		der, err := x509.MarshalPKCS8PrivateKey(key)
		if err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("issuer key: %w", err)
		}
		tmp, err := os.CreateTemp(filepath.Dir(path), ".issuer-*") // mode 0600
		if err != nil {
			return nil, fmt.Errorf("issuer key: %w", err)
		}
		defer os.Remove(tmp.Name())
		if err := pem.Encode(tmp, &pem.Block{Type: "PRIVATE KEY", Bytes: der}); err != nil {
			tmp.Close()
			return nil, fmt.Errorf("issuer key: %w", err)
		}
		if err := tmp.Sync(); err != nil {
			tmp.Close()
			return nil, fmt.Errorf("issuer key: %w", err)
		}
		if err := tmp.Close(); err != nil {
			return nil, fmt.Errorf("issuer key: %w", err)
		}
		// Link fails if another process created the key meanwhile: use theirs.
		if err := os.Link(tmp.Name(), path); err != nil && !errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("issuer key: %w", err)
		}
		return LoadOrCreateKey(path)
	} else if err != nil {
		return nil, fmt.Errorf("issuer key: %w", err)
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, fmt.Errorf("issuer key %s: not a PEM private key", path)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("issuer key %s: %w", path, err)
	}
	key, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("issuer key %s: not an Ed25519 key", path)
	}
	return key, nil
}

// DIDKey is the did:key of an Ed25519 public key ("did:key:z6Mk...").
func DIDKey(pub ed25519.PublicKey) string {
	return "did:key:z" + base58(append([]byte{0xed, 0x01}, pub...))
}

// PublicKey returns the Ed25519 public key a did:key names, or an
// ErrInvalid error when did is not an Ed25519 did:key.
func PublicKey(did string) (ed25519.PublicKey, error) { return pubFromDIDKey(did) }

func pubFromDIDKey(did string) (ed25519.PublicKey, error) {
	rest, ok := strings.CutPrefix(did, "did:key:z")
	if !ok {
		return nil, fmt.Errorf("%w: verification method %q is not a did:key", ErrInvalid, did)
	}
	raw, err := unbase58(rest)
	if err != nil || len(raw) != 2+ed25519.PublicKeySize || raw[0] != 0xed || raw[1] != 0x01 {
		return nil, fmt.Errorf("%w: %q is not an Ed25519 did:key", ErrInvalid, did)
	}
	return ed25519.PublicKey(raw[2:]), nil
}

// Claim is what a credential states.
type Claim struct {
	ID          string // credential id (a URI); a random urn:uuid when empty
	IssuerName  string // "Production OS" and the installation, for people
	Learner     string // profile name
	QualID      string
	QualName    string
	Description string
	Criteria    string    // how it is earned, in words
	EarnedAt    time.Time // the award's date
	Evidence    string    // replay hash "sha256:<hex>"
	EvidenceFor string    // what the replay is, e.g. "challenge c01-groundwork, score 1966"
	// Practical, when set, is the practical sign-off that completed the
	// qualification, cited as a second piece of evidence.
	Practical *Practical
	// Status, when set, is the badge's entry in the issuer's revocation
	// status list (credentialStatus).
	Status *StatusEntry
	// IssuerURL, when set, is where the issuer publishes its profile
	// document and status list (prodos serve).
	IssuerURL string
	// Attestation says who vouches for the evidence: "verified" (a
	// classroom server), "self-attested" (offline) or "self-attested
	// (legacy)". It is the evidence's genre; "" leaves it out.
	Attestation string
}

// PracticalGenre is the evidence genre of a practical sign-off.
const PracticalGenre = "Practical sign-off"

// Practical is a practical sign-off cited as evidence.
type Practical struct {
	ID          string // "sha256:<hex>" of the attestation (signoff.Attestation.ID)
	Description string // for people: who signed off what, when, in what time
	Attestation string // the signed attestation's JSON, so anyone can check its signature
}

// NewID is a new random credential id (urn:uuid, version 4).
func NewID() string { return randomURN() }

func randomURN() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// Issue builds and signs the credential; created is the proof's date.
func Issue(key ed25519.PrivateKey, c Claim, created time.Time) ([]byte, error) {
	if c.ID == "" {
		c.ID = randomURN()
	}
	did := DIDKey(key.Public().(ed25519.PublicKey))
	hexHash := strings.TrimPrefix(c.Evidence, "sha256:")
	if _, err := EvidenceHash("urn:hash::sha256:" + hexHash); err != nil || !strings.HasPrefix(c.Evidence, "sha256:") {
		return nil, fmt.Errorf("issue: evidence %q is not the SHA-256 of a replay (sha256: and 64 lower-case hex digits)", c.Evidence)
	}
	doc := map[string]any{
		"@context":  Contexts,
		"id":        c.ID,
		"type":      []any{"VerifiableCredential", "OpenBadgeCredential"},
		"name":      c.QualName,
		"issuer":    map[string]any{"id": did, "type": []any{"Profile"}, "name": c.IssuerName},
		"validFrom": c.EarnedAt.UTC().Format(time.RFC3339),
		"credentialSubject": map[string]any{
			"type": []any{"AchievementSubject"},
			"identifier": []any{map[string]any{
				"type": "IdentityObject", "identityHash": c.Learner, "identityType": "name", "hashed": false,
			}},
			"achievement": map[string]any{
				"id":              "urn:prodos:qualification:" + c.QualID,
				"type":            []any{"Achievement"},
				"achievementType": "Certificate",
				"name":            c.QualName,
				"description":     c.Description,
				"criteria":        map[string]any{"narrative": c.Criteria},
			},
		},
		"evidence": []any{evidence(c, hexHash)},
	}
	if c.Practical != nil {
		if !strings.HasPrefix(c.Practical.ID, "sha256:") {
			return nil, fmt.Errorf("issue: practical sign-off id %q is not sha256:<hex>", c.Practical.ID)
		}
		doc["evidence"] = append(doc["evidence"].([]any), map[string]any{
			"id":          "urn:hash::" + c.Practical.ID,
			"type":        []any{"Evidence"},
			"genre":       PracticalGenre,
			"name":        "Practical sign-off of " + c.QualName,
			"description": c.Practical.Description,
			"narrative":   c.Practical.Attestation,
		})
	}
	if c.Status != nil {
		doc["credentialStatus"] = c.Status.entry()
	}
	if c.IssuerURL != "" {
		doc["issuer"].(map[string]any)["url"] = c.IssuerURL
	}
	return Sign(key, doc, created)
}

// Sign secures a JSON-LD document with a Data Integrity proof
// (eddsa-jcs-2022, assertionMethod) by key's did:key and returns it as
// indented JSON. Badges, the status list and the issuer profile use it.
func Sign(key ed25519.PrivateKey, doc map[string]any, created time.Time) ([]byte, error) {
	did := DIDKey(key.Public().(ed25519.PublicKey))
	proof := map[string]any{
		"type":               "DataIntegrityProof",
		"cryptosuite":        Cryptosuite,
		"created":            created.UTC().Format(time.RFC3339),
		"verificationMethod": did + "#" + strings.TrimPrefix(did, "did:key:"),
		"proofPurpose":       "assertionMethod",
	}
	// Round-trip through JSON so canonicalization sees what a verifier sees.
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	var unsecured map[string]any
	if err := decode(raw, &unsecured); err != nil {
		return nil, err
	}
	h, err := hashData(unsecured, proof)
	if err != nil {
		return nil, err
	}
	proof["proofValue"] = "z" + base58(ed25519.Sign(key, h))
	unsecured["proof"] = proof
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(unsecured); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func decode(data []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return errors.New("trailing data after the JSON document")
	}
	return nil
}

// hashData is eddsa-jcs-2022's hash: SHA-256 of the canonical proof
// options (with the document's @context) then of the canonical document.
func hashData(unsecured map[string]any, proof map[string]any) ([]byte, error) {
	cfg := map[string]any{}
	for k, v := range proof {
		if k != "proofValue" {
			cfg[k] = v
		}
	}
	if ctx, ok := unsecured["@context"]; ok {
		cfg["@context"] = ctx
	}
	pc, err := jcs(normalize(cfg))
	if err != nil {
		return nil, err
	}
	dc, err := jcs(unsecured)
	if err != nil {
		return nil, err
	}
	a, b := sha256.Sum256(pc), sha256.Sum256(dc)
	return append(a[:], b[:]...), nil
}

// normalize turns Go-built values into the decoded JSON shapes canonical
// understands.
func normalize(v map[string]any) any {
	raw, _ := json.Marshal(v)
	var out any
	_ = decode(raw, &out)
	return out
}

// evidence is the credential's evidence object: the replay, by hash, and
// (as its genre) who vouches for it.
func evidence(c Claim, hexHash string) map[string]any {
	e := map[string]any{
		"id":          "urn:hash::sha256:" + hexHash,
		"type":        []any{"Evidence"},
		"name":        "Replay of the attempt that earned " + c.QualName,
		"description": fmt.Sprintf("The command log (%s) re-simulated by prodos replay verify: %s.", c.Evidence, c.EvidenceFor),
	}
	if c.Attestation != "" {
		e["genre"] = c.Attestation
	}
	return e
}

// Info is what a verified credential says.
type Info struct {
	ID            string // the credential's id
	Issuer        string // did:key
	IssuerName    string
	Learner       string
	Achievement   string // name
	AchievementID string
	ValidFrom     string
	Evidence      []string // replay evidence ids
	Practicals    []Practical
	IssuerURL     string
	Status        *StatusEntry
	Attestation   string // the first replay evidence's genre ("verified", "self-attested", ...); "" when none
}

// Verify checks a credential: its shape (an OpenBadgeCredential with an
// achievement), its Data Integrity proof (eddsa-jcs-2022, assertionMethod)
// and that the proof's key is the issuer's. Any edit after signing fails.
func Verify(data []byte) (*Info, error) {
	var peek map[string]any // the type is checked first, for a clearer message
	if len(data) <= MaxCredential && decode(data, &peek) == nil && peek["proof"] != nil &&
		(!hasType(peek["type"], "OpenBadgeCredential") || !hasType(peek["type"], "VerifiableCredential")) {
		return nil, fmt.Errorf("%w: type must include VerifiableCredential and OpenBadgeCredential", ErrInvalid)
	}
	doc, issuer, issuerID, err := VerifyProof(data)
	if err != nil {
		return nil, err
	}
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	if !hasType(doc["type"], "OpenBadgeCredential") || !hasType(doc["type"], "VerifiableCredential") {
		return nil, fmt.Errorf("%w: type must include VerifiableCredential and OpenBadgeCredential", ErrInvalid)
	}
	subj, _ := doc["credentialSubject"].(map[string]any)
	ach, _ := subj["achievement"].(map[string]any)
	if ach == nil || str(ach, "name") == "" {
		return nil, fmt.Errorf("%w: credentialSubject has no achievement", ErrInvalid)
	}
	info := &Info{ID: str(doc, "id"), Issuer: issuerID, IssuerName: str(issuer, "name"), Achievement: str(ach, "name"), AchievementID: str(ach, "id"), ValidFrom: str(doc, "validFrom")}
	if ids, ok := subj["identifier"].([]any); ok && len(ids) > 0 {
		if m, ok := ids[0].(map[string]any); ok {
			info.Learner = str(m, "identityHash")
		}
	}
	ev, _ := doc["evidence"].([]any)
	for _, e := range ev {
		m, _ := e.(map[string]any)
		id := str(m, "id")
		if _, err := EvidenceHash(id); err != nil {
			return nil, err
		}
		if str(m, "genre") == PracticalGenre {
			info.Practicals = append(info.Practicals, Practical{ID: strings.TrimPrefix(id, "urn:hash::"), Description: str(m, "description"), Attestation: str(m, "narrative")})
			continue
		}
		info.Evidence = append(info.Evidence, id)
		if info.Attestation == "" {
			info.Attestation = str(m, "genre")
		}
	}
	info.IssuerURL = str(issuer, "url")
	if st, ok := doc["credentialStatus"]; ok {
		if info.Status, err = parseEntry(st); err != nil {
			return nil, err
		}
	}
	if len(info.Evidence) == 0 {
		return nil, fmt.Errorf("%w: no evidence: a credential names the replay that earned it", ErrInvalid)
	}
	return info, nil
}

// EvidenceHash returns the replay hash ("sha256:<64 hex>") an evidence id
// "urn:hash::sha256:<64 hex>" names, or an ErrInvalid error when the id is
// not one (for example "sha256:00").
func EvidenceHash(id string) (string, error) {
	hexHash, ok := strings.CutPrefix(id, "urn:hash::sha256:")
	if !ok || len(hexHash) != 64 || strings.Trim(hexHash, "0123456789abcdef") != "" {
		return "", fmt.Errorf("%w: evidence %q is not the SHA-256 of a replay (urn:hash::sha256: and 64 lower-case hex digits)", ErrInvalid, id)
	}
	return "sha256:" + hexHash, nil
}

func hasType(v any, want string) bool {
	switch t := v.(type) {
	case string:
		return t == want
	case []any:
		for _, x := range t {
			if x == want {
				return true
			}
		}
	}
	return false
}
