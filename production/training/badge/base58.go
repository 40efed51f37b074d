package badge

import (
	"errors"
	"fmt"
	"math/big"
)

const b58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// base58 encodes bytes in Bitcoin's base58 alphabet (multibase 'z').
func base58(data []byte) string {
	n := new(big.Int).SetBytes(data)
	var out []byte
	mod := new(big.Int)
	base := big.NewInt(58)
	for n.Sign() > 0 {
		n.DivMod(n, base, mod)
		out = append(out, b58Alphabet[mod.Int64()])
	}
	for _, c := range data {
		if c != 0 {
			break
		}
		out = append(out, '1')
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return string(out)
}

// b58Index maps a byte to its digit value, or -1.
var b58Index = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(b58Alphabet); i++ {
		t[b58Alphabet[i]] = int8(i)
	}
	return t
}()

// maxBase58 bounds what unbase58 decodes: the longest value a credential
// holds is a 64-byte signature (at most 88 digits). Big-number decoding is
// quadratic in the length, so a bound keeps a hostile proofValue cheap.
const maxBase58 = 128

func unbase58(s string) ([]byte, error) {
	if len(s) > maxBase58 {
		return nil, fmt.Errorf("base58 value of %d characters is longer than %d", len(s), maxBase58)
	}
	n := new(big.Int)
	base := big.NewInt(58)
	for _, c := range []byte(s) {
		i := b58Index[c]
		if i < 0 {
			return nil, errors.New("invalid base58 character")
		}
		n.Mul(n, base)
		n.Add(n, big.NewInt(int64(i)))
	}
	out := n.Bytes()
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	return append(make([]byte, zeros), out...), nil
}
