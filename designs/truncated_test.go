package designs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A design file cut short (a failed copy, a full disk) says "unexpected end
// of file" wherever it ends, never `got '\x00'`.
func TestTruncatedDesignSaysUnexpectedEndOfFile(t *testing.T) {
	cat := mustCatalog(t)
	data, err := os.ReadFile(filepath.Join("examples", "cabin-12x16.toml"))
	require.NoError(t, err)
	cut := strings.LastIndex(string(data), "[[placement]]") + len("[[placem")
	_, err = ParseDesign("cut.toml", data[:cut], cat)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "unexpected end of file")
	for n := 1; n < len(data); n += 7 {
		_, err := ParseDesign("cut.toml", data[:n], cat)
		if err == nil {
			continue
		}
		assert.NotContains(t, err.Error(), `\x00`, "cut at byte %d", n)
		assert.NotContains(t, err.Error(), "EOF", "cut at byte %d", n)
	}
}
