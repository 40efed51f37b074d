package badge

import (
	"crypto/ed25519"
	"fmt"
	"strings"
)

// VerifyProof checks any document secured by Sign: its size, I-JSON, a
// DataIntegrityProof (eddsa-jcs-2022, assertionMethod) whose key is the
// document's issuer (an Ed25519 did:key) and the signature. It returns the
// document without its proof, the issuer object (nil when the issuer is a
// plain string) and the issuer's id.
func VerifyProof(data []byte) (doc, issuer map[string]any, issuerID string, err error) {
	if len(data) > MaxCredential {
		return nil, nil, "", fmt.Errorf("%w: %d bytes is larger than a credential can be (%d)", ErrInvalid, len(data), MaxCredential)
	}
	if err := checkIJSON(data); err != nil {
		return nil, nil, "", fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if err := decode(data, &doc); err != nil {
		return nil, nil, "", fmt.Errorf("%w: not a JSON object: %v", ErrInvalid, err)
	}
	proof, ok := doc["proof"].(map[string]any)
	if !ok {
		return nil, nil, "", fmt.Errorf("%w: no proof", ErrInvalid)
	}
	delete(doc, "proof")
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	if str(proof, "type") != "DataIntegrityProof" || str(proof, "cryptosuite") != Cryptosuite || str(proof, "proofPurpose") != "assertionMethod" {
		return nil, nil, "", fmt.Errorf("%w: want a DataIntegrityProof, cryptosuite %s, purpose assertionMethod", ErrInvalid, Cryptosuite)
	}
	issuer, _ = doc["issuer"].(map[string]any)
	issuerID = str(issuer, "id")
	if issuerID == "" {
		issuerID, _ = doc["issuer"].(string)
	}
	if issuerID == "" && hasType(doc["type"], "Profile") {
		issuerID = str(doc, "id") // an issuer profile document signs itself
	}
	vm := str(proof, "verificationMethod")
	did, _, _ := strings.Cut(vm, "#")
	if did != issuerID {
		return nil, nil, "", fmt.Errorf("%w: signed by %s, not by the issuer %s", ErrInvalid, did, issuerID)
	}
	pub, err := pubFromDIDKey(did)
	if err != nil {
		return nil, nil, "", err
	}
	pv := str(proof, "proofValue")
	sig, err := unbase58(strings.TrimPrefix(pv, "z"))
	if !strings.HasPrefix(pv, "z") || err != nil || len(sig) != ed25519.SignatureSize {
		return nil, nil, "", fmt.Errorf("%w: proofValue is not a base58btc Ed25519 signature", ErrInvalid)
	}
	h, err := hashData(doc, proof)
	if err != nil {
		return nil, nil, "", fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if !ed25519.Verify(pub, h, sig) {
		return nil, nil, "", fmt.Errorf("%w: the signature does not match: the credential was changed after it was signed", ErrInvalid)
	}
	return doc, issuer, issuerID, nil
}
