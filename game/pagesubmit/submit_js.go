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
	return call("prodosSubmit", string(req.JSON()), submission.NotSent, submission.Interpret)
}

// StartAttempt calls window.prodosStartAttempt(body) (which posts to
// /api/attempts) when a challenge's clock starts, and returns a channel that
// receives the class server's attempt id once; like Submit, it never blocks.
func StartAttempt(req submission.AttemptRequest) <-chan submission.AttemptReply {
	return call("prodosStartAttempt", string(req.JSON()), submission.AttemptReply{}, submission.InterpretAttempt)
}

// call invokes the page function fn with body in a new goroutine and
// sends interpret's reading of its {status, body} answer (notSent when the
// page has no such function or answers null).
func call[T any](fn, body string, notSent T, interpret func(int, []byte) T) <-chan T {
	out := make(chan T, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				out <- interpret(0, []byte(fmt.Sprint("the page failed: ", r)))
			}
		}()
		f := js.Global().Get(fn)
		if f.Type() != js.TypeFunction {
			out <- notSent
			return
		}
		v := f.Invoke(body)
		if v.Type() == js.TypeObject && v.Get("then").Type() == js.TypeFunction {
			var ok, bad js.Func
			release := func() { ok.Release(); bad.Release() }
			ok = js.FuncOf(func(_ js.Value, args []js.Value) any {
				defer release()
				out <- answer(args, notSent, interpret)
				return nil
			})
			bad = js.FuncOf(func(_ js.Value, args []js.Value) any {
				defer release()
				msg := "the page failed"
				if len(args) > 0 {
					msg = js.Global().Get("String").Invoke(args[0]).String()
				}
				out <- interpret(0, []byte(msg))
				return nil
			})
			v.Call("then", ok, bad)
			return
		}
		out <- answer([]js.Value{v}, notSent, interpret)
	}()
	return out
}

// answer reads {status, body}; null or undefined means not sent.
func answer[T any](args []js.Value, notSent T, interpret func(int, []byte) T) T {
	if len(args) == 0 || args[0].IsNull() || args[0].IsUndefined() {
		return notSent
	}
	a := args[0]
	if a.Type() != js.TypeObject {
		return interpret(0, []byte("the page answered "+js.Global().Get("String").Invoke(a).String()))
	}
	status, body := 0, ""
	if s := a.Get("status"); s.Type() == js.TypeNumber {
		status = s.Int()
	}
	if b := a.Get("body"); b.Type() == js.TypeString {
		body = b.String()
	}
	return interpret(status, []byte(body))
}
