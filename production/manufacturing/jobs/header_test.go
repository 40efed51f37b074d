package jobs

import (
	"strings"
	"testing"

	"github.com/opensourceecology/prodos/designs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every G-code and DXF file names the design it was made from and the
// design's hash, in its header, so a file found on a shop floor can be
// traced to the exact design.
func TestGCodeAndDXFHeadersNameTheDesign(t *testing.T) {
	d, cat, shop := setup(t, examples[0], designs.DefaultShopID)
	p, err := Build(d, cat, shop)
	require.NoError(t, err)
	files, err := p.Files(cat)
	require.NoError(t, err)
	hash := d.SHA256()
	require.Len(t, hash, 64)
	n := 0
	for name, data := range files {
		head := string(data[:min(len(data), 400)])
		switch {
		case strings.HasSuffix(name, ".nc"):
			n++
			assert.True(t, strings.HasPrefix(head, "%\n(design "+d.Name+")\n(design sha256 "+hash+")\n"), "%s:\n%s", name, head)
		case strings.HasSuffix(name, ".dxf"):
			n++
			assert.True(t, strings.HasPrefix(head, "999\ndesign "+d.Name+"\n999\ndesign sha256 "+hash+"\n0\nSECTION\n"), "%s:\n%s", name, head)
		}
	}
	assert.Greater(t, n, 1)
}
