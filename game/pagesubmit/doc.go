// Package pagesubmit hands a finished design level or training challenge
// to the web page the browser build runs in: window.prodosSubmit(kind,
// level, replay), when the page defines it, so a classroom page can
// re-simulate the attempt instead of trusting a score. Outside the browser
// Submit does nothing. It has no ebiten import, so its browser side can be
// tested under Node:
//
//	GOOS=js GOARCH=wasm go test -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" ./game/pagesubmit
package pagesubmit

// Kinds of submission.
const (
	Level     = "level"     // a design level: the engine's command log (engine.MarshalLog)
	Challenge = "challenge" // a training challenge: its replay (training.Replay)
)
