//go:build !js

package main

// crewHTML is the crew page: no script (the server's CSP forbids it), one
// column, inputs and buttons at least 48 px tall for gloved thumbs.
const crewHTML = `{{define "head"}}<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Crew page: {{.House}}</title>
<style>
body{font-family:sans-serif;font-size:18px;margin:0;padding:12px;max-width:40em;line-height:1.4}
label{display:block;margin:14px 0 4px;font-weight:bold}
input,select,textarea,button{font-size:18px;width:100%;box-sizing:border-box;min-height:48px;padding:8px;border:1px solid #555;border-radius:6px}
button{background:#1b5e20;color:#fff;font-weight:bold;margin-top:18px;min-height:56px}
fieldset{border:1px solid #aaa;border-radius:8px;margin:16px 0;padding:8px 12px}
.ok{background:#e8f5e9;padding:12px;border-radius:6px}.bad{background:#ffebee;padding:12px;border-radius:6px}
.small{font-size:14px;color:#444;font-weight:normal}a{display:inline-block;min-height:48px;line-height:48px}
li{margin:6px 0}
label.choice{display:flex;align-items:center;gap:14px;min-height:48px;margin:4px 0;font-weight:normal}
label.choice input{width:28px;height:28px;min-height:0}
</style></head><body><h1>Crew page: house {{.House}}</h1>{{end}}

{{define "crew"}}{{template "head" .}}
<p class="small">Design {{.Design}}. Task ids are the schedule's (prodos schedule --format csv).</p>
<form method="post" action="/crew/asbuilt">
<fieldset><legend>What a task took (as built)</legend>
<input type="hidden" name="form_token" value="{{.Token}}"><input type="hidden" name="form_key" value="{{newKey}}">
<label for="task">Task</label>
<select id="task" name="task" required>{{range .Tasks}}<option value="{{.ID}}">{{.ID}}: {{.Name}} ({{.Minutes.StringFixed 0}} min planned)</option>{{end}}</select>
<label for="minutes">Actual person-minutes (all people)</label>
<input id="minutes" name="minutes" inputmode="decimal" required>
<label for="people">People <span class="small">(comma-separated)</span></label>
<input id="people" name="people" required autocomplete="off">
<label for="used">Materials used <span class="small">SKU=QTY, e.g. LUM-2X6-08=7,SHT-OSB-716=1</span></label>
<input id="used" name="used" autocomplete="off">
<label for="wasted">Materials wasted <span class="small">SKU=QTY</span></label>
<input id="wasted" name="wasted" autocomplete="off">
<label for="problems">Problems</label>
<textarea id="problems" name="problems" rows="3"></textarea>
<button type="submit">Record</button>
</fieldset></form>

<form method="get" action="/crew/inspect">
<fieldset><legend>Inspect a module before it is installed</legend>
<label for="placement">Module (placement)</label>
<select id="placement" name="placement">{{range .Tasks}}{{if eq .Op "install"}}<option value="{{.ID}}">{{.ID}}: {{.Name}}</option>{{end}}{{end}}</select>
<button type="submit">Open its checkpoints</button>
</fieldset></form>

{{if .Recent}}<h2>Recorded lately</h2><ul>{{range .Recent}}<li>{{.Task}}: {{.ActualMinutes}} min (plan {{.PlanMinutes}}) by {{range $i, $p := .People}}{{if $i}}, {{end}}{{$p}}{{end}}</li>{{end}}</ul>{{end}}
{{if .Inspections}}<h2>Inspections</h2><ul>{{range .Inspections}}<li>{{.Placement}} {{.Module}}: {{if .Passed}}passed{{else}}FAILED{{end}} ({{.Inspector}})</li>{{end}}</ul>{{end}}
</body></html>{{end}}

{{define "inspect"}}{{template "head" .}}
<h2>Inspect {{.Placement}}: {{.Module.Name}}</h2>
<form method="post" action="/crew/inspect" enctype="multipart/form-data">
<input type="hidden" name="form_token" value="{{.Token}}"><input type="hidden" name="form_key" value="{{newKey}}">
<input type="hidden" name="placement" value="{{.Placement}}">
<label for="inspector">Inspector (profile with the inspector qualification)</label>
<input id="inspector" name="inspector" required autocomplete="username">
{{range .Points}}<fieldset><legend>{{.Name}}</legend><p class="small">{{.How}}. Tolerance: {{.Requirement}}.</p>
{{if eq .Kind "check"}}<label class="choice"><input type="radio" name="cp_{{.ID}}" value="yes" required> yes, met</label><label class="choice"><input type="radio" name="cp_{{.ID}}" value="no"> no</label>
{{else}}<label for="cp_{{.ID}}">Measured (inches, e.g. 3/16)</label><input id="cp_{{.ID}}" name="cp_{{.ID}}" required autocomplete="off">{{end}}
</fieldset>{{end}}
<label for="photo">Photo</label>
<input id="photo" name="photo" type="file" accept="image/*" capture="environment">
<label for="notes">Notes</label>
<textarea id="notes" name="notes" rows="2"></textarea>
<button type="submit">Record the inspection</button>
</form>
<p><a href="/crew">Back to the crew page</a></p>
</body></html>{{end}}

{{define "result"}}{{template "head" .}}
<p class="{{if .OK}}ok{{else}}bad{{end}}">{{.Message}}</p>
{{if .Problems}}<ul>{{range .Problems}}<li>{{.}}</li>{{end}}</ul>{{end}}
<p><a href="/crew">Back to the crew page</a></p>
</body></html>{{end}}
`
