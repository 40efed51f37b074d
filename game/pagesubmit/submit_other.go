//go:build !js

package pagesubmit

// Submit does nothing outside the browser: there is no page to hand the
// attempt to (see submit_js.go).
func Submit(kind, level string, replay []byte) {}
