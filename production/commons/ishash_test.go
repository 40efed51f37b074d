package commons_test

import (
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/production/commons"
	"github.com/stretchr/testify/assert"
)

// TestIsHash: a version id is exactly 64 lower-case hex digits.
func TestIsHash(t *testing.T) {
	good := commons.Hash([]byte("x"))
	for _, c := range []struct {
		s    string
		want bool
	}{
		{good, true},
		{strings.Repeat("0", 64), true},
		{strings.Repeat("f", 64), true},
		{"", false},
		{good[:63], false},
		{good + "0", false},
		{strings.ToUpper(good), false},
		{strings.Repeat("g", 64), false},
		{strings.Repeat("0", 63) + "/", false},
		{strings.Repeat("0", 63) + ":", false},
		{strings.Repeat("0", 63) + "`", false},
		{strings.Repeat("0", 62) + "é", false},
	} {
		assert.Equal(t, c.want, commons.IsHash(c.s), "%q", c.s)
	}
}
