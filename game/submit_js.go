//go:build js

package game

import "syscall/js"

// submitToPage hands a finished design level or challenge to the page:
// window.prodosSubmit(kind, level, replay) when the page defines it (a
// classroom server page re-simulates the replay instead of trusting a
// score). It is called from a fresh goroutine, so a slow or blocking
// function never stalls the game loop, and a missing one is ignored.
func submitToPage(kind, level string, replay []byte) {
	data := string(replay)
	go func() {
		defer func() { _ = recover() }() // a throwing page function must not end the game
		f := js.Global().Get("prodosSubmit")
		if f.Type() != js.TypeFunction {
			return
		}
		f.Invoke(kind, level, data)
	}()
}
