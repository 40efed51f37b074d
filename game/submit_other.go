//go:build !js

package game

// submitToPage does nothing outside the browser: there is no page to hand a
// finished level or challenge to (see submit_js.go).
func submitToPage(kind, level string, replay []byte) {}
