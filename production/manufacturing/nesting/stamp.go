package nesting

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// gcodeComment keeps text from closing a G-code comment early.
var gcodeComment = strings.NewReplacer("(", "[", ")", "]", "\n", " ", "\r", " ", ";", ",")

// GCodeComments inserts comment lines into a G-code program right after its
// opening "%" line (at the top when there is none).
func GCodeComments(code []byte, lines ...string) []byte {
	var c bytes.Buffer
	for _, l := range lines {
		fmt.Fprintf(&c, "(%s)\n", gcodeComment.Replace(l))
	}
	at := 0
	if bytes.HasPrefix(code, []byte("%\n")) {
		at = 2
	}
	out := append([]byte(nil), code[:at]...)
	out = append(out, c.Bytes()...)
	return append(out, code[at:]...)
}

// DXFComments puts comment lines (group code 999) at the top of a DXF file.
func DXFComments(dxf []byte, lines ...string) []byte {
	var c bytes.Buffer
	for _, l := range lines {
		fmt.Fprintf(&c, "999\n%s\n", strings.NewReplacer("\r", " ", "\n", " ").Replace(l))
	}
	return append(c.Bytes(), dxf...)
}

// DXFText adds a large TEXT entity on the LABELS layer across the middle of
// the drawing's extents ($EXTMIN, $EXTMAX), as the last entity. A file
// without an entities section is returned unchanged.
func DXFText(dxf []byte, text string) []byte {
	end := bytes.LastIndex(dxf, []byte("0\nENDSEC\n0\nEOF"))
	if end < 0 {
		return dxf
	}
	x0, y0 := headerPoint(dxf, "$EXTMIN")
	x1, y1 := headerPoint(dxf, "$EXTMAX")
	w, h := x1-x0, y1-y0
	th := max(1, min(w/float64(len(text)+2), h/4))
	var t bytes.Buffer
	g := func(code int, v string) { fmt.Fprintf(&t, "%d\n%s\n", code, v) }
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }
	g(0, "TEXT")
	g(8, LayerLabels)
	g(10, num(x0+th))
	g(20, num(y0+h/2-th/2))
	g(30, "0")
	g(40, num(th))
	g(1, text)
	out := append([]byte(nil), dxf[:end]...)
	out = append(out, t.Bytes()...)
	return append(out, dxf[end:]...)
}

// headerPoint reads the 10/20 values of a header variable; zeros when absent.
func headerPoint(dxf []byte, name string) (x, y float64) {
	i := bytes.Index(dxf, []byte("9\n"+name+"\n"))
	if i < 0 {
		return 0, 0
	}
	f := strings.SplitN(string(dxf[i:]), "\n", 7)
	if len(f) < 6 || f[2] != "10" || f[4] != "20" {
		return 0, 0
	}
	x, _ = strconv.ParseFloat(f[3], 64)
	y, _ = strconv.ParseFloat(f[5], 64)
	return x, y
}
