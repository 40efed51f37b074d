package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"sync"

	"github.com/opensourceecology/prodos/production/cad/gltf"
	"github.com/opensourceecology/prodos/production/cad/ifc"
	"github.com/opensourceecology/prodos/production/manufacturing/nesting"
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
//   - .glb: "draft" in the glTF asset's extras;
//   - .ifc: an entry in the STEP header's FILE_DESCRIPTION;
//   - anything else (text): a banner line first and last.
func MarkDraft(name string, data []byte) ([]byte, error) {
	switch path.Ext(name) {
	case ".csv", ".toml":
		return append([]byte("# "+DraftMark+"\n"), data...), nil
	case ".json":
		return markJSON(name, data)
	case ".svg":
		return markSVG(name, data)
	case ".html":
		banner := []byte("<body>\n<p style=\"font-size:1.5em;font-weight:bold;border:3px solid #c00;padding:.3em\">*** " + DraftMark + " ***</p>")
		if !bytes.Contains(data, []byte("<body>")) {
			return nil, fmt.Errorf("draft %s: no <body>", name)
		}
		return bytes.Replace(data, []byte("<body>"), banner, 1), nil
	case ".glb":
		return gltf.MarkDraft(data, DraftMark)
	case ".ifc":
		return ifc.MarkDraft(data, DraftMark)
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

// The SVG size patterns are compiled on first use, not at every start.
var (
	svgSizeRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`<svg[^>]*?\swidth="([0-9.]+)"[^>]*?\sheight="([0-9.]+)"`)
	})
	svgViewBoxRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`<svg[^>]*?\sviewBox="([-0-9.]+)[ ,]+([-0-9.]+)[ ,]+([0-9.]+)[ ,]+([0-9.]+)"`)
	})
)

func parse(b []byte) float64 {
	v, _ := strconv.ParseFloat(string(b), 64)
	return v
}

func markSVG(name string, data []byte) ([]byte, error) {
	end := bytes.LastIndex(data, []byte("</svg>"))
	if end < 0 {
		return nil, fmt.Errorf("draft %s: no </svg>", name)
	}
	// The drawing's user units: its viewBox, else its width and height.
	x0, y0, w, h := 0.0, 0.0, 720.0, 360.0
	if m := svgViewBoxRE().FindSubmatch(data); m != nil {
		x0, y0, w, h = parse(m[1]), parse(m[2]), parse(m[3]), parse(m[4])
	} else if m := svgSizeRE().FindSubmatch(data); m != nil {
		w, h = parse(m[1]), parse(m[2])
	}
	// Bold sans glyphs average about 0.65 of the font size: the mark spans at
	// most 80% of the width.
	size := min(0.8*w/(0.65*float64(len(DraftMark))), h/5)
	cx, cy := x0+w/2, y0+h/2
	mark := fmt.Sprintf(`<text x="%.2f" y="%.2f" font-size="%.2f" font-weight="bold" fill="#c00000" fill-opacity="0.45" text-anchor="middle" transform="rotate(-12 %.2f %.2f)">%s</text>`+"\n",
		cx, cy, size, cx, cy, DraftMark)
	out := append([]byte(nil), data[:end]...)
	out = append(out, mark...)
	return append(out, data[end:]...), nil
}
