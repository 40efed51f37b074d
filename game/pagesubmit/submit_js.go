//go:build js

package pagesubmit

import "syscall/js"

// Submit calls window.prodosSubmit(kind, level, replay) if the page
// defines it. The call runs in a new goroutine, so the game loop never
// waits for the page; a missing function is ignored and an exception it
// throws is swallowed (the game goes on).
func Submit(kind, level string, replay []byte) {
	data := string(replay)
	go func() {
		defer func() { _ = recover() }()
		f := js.Global().Get("prodosSubmit")
		if f.Type() != js.TypeFunction {
			return
		}
		f.Invoke(kind, level, data)
	}()
}
