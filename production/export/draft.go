package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"strconv"

	"github.com/opensourceecology/prodos/production/nesting"
)

// DraftMark is what every output made from a design that breaks a hard rule
// says, when the user asked for it anyway (--draft).
const DraftMark = "DRAFT, NOT FOR CONSTRUCTION"

// MarkDraft returns data marked DraftMark in the way its format allows,
// chosen by the file name's extension, so the file stays readable by the
// tools that read it:
//   - .csv and .toml: a first comment line "# DRAFT, NOT FOR CONSTRUCTION";
//   - .json (an object): a first key "draft": "DRAFT, NOT FOR CONSTRUCTION";
//   - .svg: a large red watermark across the drawing;
//   - .nc (G-code): a comment after the opening "%";
//   - .dxf: a 999 comment and a TEXT entity on the LABELS layer;
//   - anything else (text): a banner line first and last.
func MarkDraft(name string, data []byte) ([]byte, error) {
	switch path.Ext(name) {
	case ".csv", ".toml":
		return append([]byte("# "+DraftMark+"\n"), data...), nil
	case ".json":
		return markJSON(name, data)
	case ".svg":
		return markSVG(name, data)
	case ".nc":
		return nesting.GCodeComments(data, DraftMark), nil
	case ".dxf":
		return nesting.DXFText(nesting.DXFComments(data, DraftMark), DraftMark), nil
	default:
		banner := "*** " + DraftMark + " ***\n"
		out := append([]byte(banner+"\n"), data...)
		if len(out) > 0 && out[len(out)-1] != '\n' {
			out = append(out, '\n')
		}
		return append(out, "\n"+banner...), nil
	}
}

func markJSON(name string, data []byte) ([]byte, error) {
	i := bytes.IndexByte(data, '{')
	if i < 0 || len(bytes.TrimSpace(data[:i])) > 0 {
		return nil, fmt.Errorf("draft %s: not a JSON object", name)
	}
	rest := data[i+1:]
	sep := ","
	if t := bytes.TrimSpace(rest); len(t) > 0 && t[0] == '}' {
		sep = ""
	}
	out := append([]byte(nil), data[:i]...)
	out = append(out, fmt.Sprintf("{\n  \"draft\": %q%s", DraftMark, sep)...)
	out = append(out, rest...)
	if !json.Valid(out) {
		return nil, fmt.Errorf("draft %s: not a JSON object", name)
	}
	return out, nil
}

var svgSizeRE = regexp.MustCompile(`<svg[^>]*?\swidth="([0-9.]+)"[^>]*?\sheight="([0-9.]+)"`)

func markSVG(name string, data []byte) ([]byte, error) {
	end := bytes.LastIndex(data, []byte("</svg>"))
	if end < 0 {
		return nil, fmt.Errorf("draft %s: no </svg>", name)
	}
	w, h := 720.0, 360.0
	if m := svgSizeRE.FindSubmatch(data); m != nil {
		w, _ = strconv.ParseFloat(string(m[1]), 64)
		h, _ = strconv.ParseFloat(string(m[2]), 64)
	}
	size := max(12, min(w/16, h/4))
	mark := fmt.Sprintf(`<text x="%.0f" y="%.0f" font-size="%.0f" font-weight="bold" fill="#c00000" fill-opacity="0.45" text-anchor="middle" transform="rotate(-20 %.0f %.0f)">%s</text>`+"\n",
		w/2, h/2, size, w/2, h/2, DraftMark)
	out := append([]byte(nil), data[:end]...)
	out = append(out, mark...)
	return append(out, data[end:]...), nil
}
