package ifc

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"strconv"
	"strings"

	"github.com/opensourceecology/prodos/production/cad"
)

// step numbers and writes the entity instances of the DATA section.
type step struct {
	data bytes.Buffer
	next int
	seed string // what GlobalIds are hashed with besides their key
}

// add writes one instance, "#n=ENTITY(args);", and returns its reference.
func (s *step) add(entity string, args ...string) string {
	s.next++
	fmt.Fprintf(&s.data, "#%d=%s(%s);\n", s.next, entity, strings.Join(args, ","))
	return "#" + strconv.Itoa(s.next)
}

// guidChars is IFC's base-64 alphabet for GlobalIds.
const guidChars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$"

// GUID is the 22-character IFC GlobalId of key: the first 128 bits of
// SHA-256(seed, key) in IFC's base 64 (2 bits, then 21 times 6 bits), so
// the same placement gets the same id in every export.
func GUID(seed, key string) string {
	sum := sha256.Sum256([]byte(seed + "\x00" + key))
	var out [22]byte
	// bit i of the 128-bit number, most significant first
	bit := func(i int) int { return int(sum[i/8]>>(7-i%8)) & 1 }
	out[0] = guidChars[bit(0)<<1|bit(1)]
	for c := 1; c < 22; c++ {
		v := 0
		for k := 0; k < 6; k++ {
			v = v<<1 | bit(2+(c-1)*6+k)
		}
		out[c] = guidChars[v]
	}
	return string(out[:])
}

// guid is a quoted GlobalId for key.
func (s *step) guid(key string) string { return "'" + GUID(s.seed, key) + "'" }

// str is a STEP string literal: apostrophes and backslashes doubled,
// anything outside printable ASCII as \X2\ (or \X4\) hex.
func str(v string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range v {
		switch {
		case r == '\'':
			b.WriteString("''")
		case r == '\\':
			b.WriteString(`\\`)
		case r >= 0x20 && r <= 0x7e:
			b.WriteRune(r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\X2\%04X\X0\`, r)
		default:
			fmt.Fprintf(&b, `\X4\%08X\X0\`, r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// num is a STEP REAL: always with a decimal point.
func num(v float64) string {
	t := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.ContainsAny(t, ".eE") {
		t += "."
	}
	return t
}

// m is a length in metres as a STEP REAL.
func m(l cad.Length) string { return num(cad.Metres(l)) }

// list is a STEP aggregate.
func list(items ...string) string { return "(" + strings.Join(items, ",") + ")" }
