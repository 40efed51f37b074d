//go:build js

package pagesubmit

import (
	"fmt"
	"syscall/js"

	"github.com/opensourceecology/prodos/production/classroom/submission"
)

// Submit calls window.prodosSubmit(body) if the page defines it and returns
// a channel that receives the answer once. The call runs in a new
// goroutine, so the game loop never waits for the page: it polls the
// channel. A missing function answers submission.NotSent; an exception or
// a rejected promise answers a reply that says why.
func Submit(req submission.Request) <-chan submission.Reply {
	out := make(chan submission.Reply, 1)
	body := string(req.JSON())
	go func() {
		defer func() {
			if r := recover(); r != nil {
				out <- submission.Interpret(0, []byte(fmt.Sprint("the page failed: ", r)))
			}
		}()
		f := js.Global().Get("prodosSubmit")
		if f.Type() != js.TypeFunction {
			out <- submission.NotSent
			return
		}
		v := f.Invoke(body)
		if v.Type() == js.TypeObject && v.Get("then").Type() == js.TypeFunction {
			var ok, bad js.Func
			release := func() { ok.Release(); bad.Release() }
			ok = js.FuncOf(func(_ js.Value, args []js.Value) any {
				defer release()
				out <- answer(args)
				return nil
			})
			bad = js.FuncOf(func(_ js.Value, args []js.Value) any {
				defer release()
				msg := "the page failed"
				if len(args) > 0 {
					msg = js.Global().Get("String").Invoke(args[0]).String()
				}
				out <- submission.Interpret(0, []byte(msg))
				return nil
			})
			v.Call("then", ok, bad)
			return
		}
		out <- answer([]js.Value{v})
	}()
	return out
}

// answer reads {status, body}; null or undefined means not sent.
func answer(args []js.Value) submission.Reply {
	if len(args) == 0 || args[0].IsNull() || args[0].IsUndefined() {
		return submission.NotSent
	}
	a := args[0]
	if a.Type() != js.TypeObject {
		return submission.Interpret(0, []byte("the page answered "+js.Global().Get("String").Invoke(a).String()))
	}
	status, body := 0, ""
	if s := a.Get("status"); s.Type() == js.TypeNumber {
		status = s.Int()
	}
	if b := a.Get("body"); b.Type() == js.TypeString {
		body = b.String()
	}
	return submission.Interpret(status, []byte(body))
}
