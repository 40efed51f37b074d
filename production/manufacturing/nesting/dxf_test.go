package nesting

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type dxfPair struct {
	code int
	val  string
}

func dxfPairs(t *testing.T, data []byte) []dxfPair {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	require.Zero(t, len(lines)%2, "DXF has an odd number of lines")
	var out []dxfPair
	for i := 0; i < len(lines); i += 2 {
		c, err := strconv.Atoi(strings.TrimSpace(lines[i]))
		require.NoError(t, err, "line %d", i+1)
		out = append(out, dxfPair{c, lines[i+1]})
	}
	return out
}

// The DXF says its units (inches, $INSUNITS 1), and every text, the sheet
// title included, sits inside the sheet outline.
func TestDXFUnitsAndTextInsideSheet(t *testing.T) {
	l, m := smallLayout(t)
	for _, s := range l.Sheets() {
		pairs := dxfPairs(t, DXF(s, m.ToolDiameter))
		units := ""
		for i, p := range pairs {
			if p.code == 9 && p.val == "$INSUNITS" && i+1 < len(pairs) && pairs[i+1].code == 70 {
				units = pairs[i+1].val
			}
		}
		assert.Equal(t, "1", units, "%s: $INSUNITS (1 = inches)", s.Name())
		w, h := s.Width.InchesFloat(), s.Height.InchesFloat()
		texts := 0
		for i := 0; i < len(pairs); i++ {
			if pairs[i].code != 0 || pairs[i].val != "TEXT" {
				continue
			}
			texts++
			var x, y, th, rot float64
			var txt string
			for j := i + 1; j < len(pairs) && pairs[j].code != 0; j++ {
				v, _ := strconv.ParseFloat(pairs[j].val, 64)
				switch pairs[j].code {
				case 10:
					x = v
				case 20:
					y = v
				case 40:
					th = v
				case 50:
					rot = v
				case 1:
					txt = pairs[j].val
				}
			}
			// A rough text box: glyphs as wide as 0.6 of their height.
			run := 0.6 * th * float64(len(txt))
			x1, y1 := x+run, y+th
			if rot == 90 {
				x1, y1 = x, y+run
			}
			assert.True(t, x >= 0 && y >= 0 && x1 <= w+1e-9 && y1 <= h+1e-9,
				"%s: text %q at (%.3f, %.3f) to (%.3f, %.3f) leaves the %.0f x %.0f in sheet", s.Name(), txt, x, y, x1, y1, w, h)
		}
		assert.Equal(t, len(s.Parts)+1, texts, "a title and one label per part")
	}
}

// Comment and draft stamps keep the file readable: the pairs still parse
// and the draft text is inside the drawing.
func TestDXFStamps(t *testing.T) {
	l, m := smallLayout(t)
	s := l.Sheets()[0]
	data := DXFText(DXFComments(DXF(s, m.ToolDiameter), "design x", "line\nbreak"), "DRAFT, NOT FOR CONSTRUCTION")
	pairs := dxfPairs(t, data)
	assert.Equal(t, dxfPair{999, "design x"}, pairs[0])
	assert.Equal(t, dxfPair{999, "line break"}, pairs[1])
	assert.Equal(t, dxfPair{0, "EOF"}, pairs[len(pairs)-1])
	assert.Contains(t, string(data), "1\nDRAFT, NOT FOR CONSTRUCTION\n0\nENDSEC\n0\nEOF")

	code := GCodeComments([]byte("%\nG20\n%\n"), "design (a)")
	assert.Equal(t, "%\n(design [a])\nG20\n%\n", string(code))
}
