//go:build js

package pagesubmit

import (
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type call struct{ kind, level, replay string }

func TestSubmitCallsThePage(t *testing.T) {
	got := make(chan call, 1)
	f := js.FuncOf(func(this js.Value, args []js.Value) any {
		got <- call{args[0].String(), args[1].String(), args[2].String()}
		return nil
	})
	defer f.Release()
	js.Global().Set("prodosSubmit", f)
	defer js.Global().Delete("prodosSubmit")

	Submit(Challenge, "c01-groundwork", []byte("prodos-replay 1\n"))
	select {
	case c := <-got:
		assert.Equal(t, call{"challenge", "c01-groundwork", "prodos-replay 1\n"}, c)
	case <-time.After(2 * time.Second):
		require.Fail(t, "window.prodosSubmit was not called")
	}
}

func TestSubmitWithoutPageFunction(t *testing.T) {
	js.Global().Delete("prodosSubmit")
	Submit(Level, "shed", []byte("x")) // must not panic
	time.Sleep(50 * time.Millisecond)
}

func TestSubmitSurvivesAThrowingPage(t *testing.T) {
	js.Global().Set("prodosSubmit", js.Global().Get("Function").New("throw new Error('server down')"))
	defer js.Global().Delete("prodosSubmit")
	Submit(Level, "shed", []byte("x"))
	time.Sleep(50 * time.Millisecond)
}
