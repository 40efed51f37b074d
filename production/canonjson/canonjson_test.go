package canonjson

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCanonicalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"b":1,"a":[true,null,"x"]}`, `{"a":[true,null,"x"],"b":1}`},
		{`{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001]}`, `{"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27]}`},
		{`{"s":"\u20ac\u00e9<>&\n\u001f"}`, `{"s":"€é<>&\n\u001f"}`},
		{`{"\u20ac":1,"\r":2,"1":3,"\ud83d\ude00":4,"\u00f6":5}`, `{"\r":2,"1":3,"ö":5,"€":1,"😀":4}`},
	}
	for _, tc := range tests {
		dec := json.NewDecoder(bytes.NewReader([]byte(tc.in)))
		dec.UseNumber()
		var v any
		require.NoError(t, dec.Decode(&v))
		got, err := Canonicalize(v)
		require.NoError(t, err)
		assert.Equal(t, tc.want, string(got))
	}
}

func TestMarshal(t *testing.T) {
	got, err := Marshal(map[string]any{"z": "<&>", "a": 12, "m": []string{"b", "a"}})
	require.NoError(t, err)
	assert.Equal(t, `{"a":12,"m":["b","a"],"z":"<&>"}`, string(got), "sorted, HTML not escaped")
	_, err = Canonicalize(struct{}{})
	assert.Error(t, err, "only decoded JSON values")
}

func TestUTF16Order(t *testing.T) {
	words := []string{"", "a", "ab", "b", "é", "\uffff", "\U0001f600", "\ue000", "\U00010000"}
	for _, a := range words {
		for _, b := range words {
			ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
			want := slices.Compare(ua, ub) < 0
			assert.Equal(t, want, utf16Less(a, b), "%q < %q", a, b)
		}
	}
}
