package inspection

import (
	"bytes"
	"html/template"
	"sync"

	"github.com/opensourceecology/prodos/designs"
)

// SheetDir is the build package folder of the printable inspection sheets.
const SheetDir = "inspection"

var sheetTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("sheet").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Inspection sheet: {{.Module.Name}}</title>
<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;width:100%}th,td{border:1px solid #444;padding:.5em;vertical-align:top;text-align:left}
td.blank{width:7em}.small{font-size:.8em;color:#444}@media print{body{margin:0}}</style></head>
<body>
<h1>Inspection sheet: {{.Module.Name}} <span class="small">({{.Module.ID}})</span></h1>
<p>House ____________ &nbsp; Placement (schedule id) ______ &nbsp; Inspector ____________ &nbsp; Date ________</p>
<p>Measure every checkpoint before the module is installed. The module passes only when every checkpoint passes;
record the values with <code>prodos inspect record</code> or on the crew page (<code>/crew</code>), with a photo.</p>
<table>
<tr><th>Checkpoint</th><th>How to measure</th><th>Tolerance</th><th>Measured</th><th>Pass?</th></tr>
{{range .Points}}<tr><td>{{.Name}}<br><span class="small">{{.ID}}</span></td><td>{{.How}}<br><span class="small">Source: {{.Source}}</span></td><td>{{.Requirement}}</td><td class="blank"></td><td class="blank">&#9744; yes &#9744; no</td></tr>
{{end}}</table>
<p>Photo taken &#9744; &nbsp; Signature ______________________</p>
</body></html>
`))
})

// Sheet is the printable inspection sheet of a module (HTML, one page):
// its checkpoints with how to measure them, tolerances and sources, and
// blanks for the measured values.
func Sheet(cs *Checkpoints, m *designs.Module) []byte {
	var b bytes.Buffer
	if err := sheetTmpl().Execute(&b, struct {
		Module *designs.Module
		Points []*Checkpoint
	}{m, cs.For(m)}); err != nil {
		panic(err) // the template and its data are fixed
	}
	return b.Bytes()
}
