// Package pagesubmit hands a finished design level or training challenge
// to the web page the browser build runs in, and reads back the classroom
// server's answer. The page defines window.prodosSubmit(body): body is the
// JSON request of package submission, which the page posts to
// /api/submissions as it is; the function returns (or resolves to)
// {status, body} with the server's HTTP status and answer, or null when the
// learner has not joined a class. When a challenge's clock starts the game
// calls window.prodosStartAttempt(body) the same way (body is a
// submission.AttemptRequest, posted to /api/attempts) for the one-time
// attempt id the challenge's replay must carry. Outside the browser Submit
// and StartAttempt do nothing.
// It has no ebiten import, so its browser side can be tested under Node:
//
//	GOOS=js GOARCH=wasm go test -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" ./game/pagesubmit
package pagesubmit
