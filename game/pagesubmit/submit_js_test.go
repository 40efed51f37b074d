//go:build js

package pagesubmit

import (
	"syscall/js"
	"testing"
	"time"

	"github.com/opensourceecology/prodos/production/classroom/submission"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func wait(t *testing.T, ch <-chan submission.Reply) submission.Reply {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(2 * time.Second):
		require.Fail(t, "no answer from Submit")
	}
	return submission.Reply{}
}

// page defines window.prodosSubmit as JavaScript source.
func page(t *testing.T, src string) {
	js.Global().Set("prodosSubmit", js.Global().Get("Function").New("body", src))
	t.Cleanup(func() { js.Global().Delete("prodosSubmit") })
}

func TestSubmitHandsThePageTheRequestBody(t *testing.T) {
	got := make(chan string, 1)
	f := js.FuncOf(func(this js.Value, args []js.Value) any {
		got <- args[0].String()
		return js.ValueOf(map[string]any{"status": 201, "body": `{"id":1,"score":2000,"stars":2,"passed":true}`})
	})
	defer f.Release()
	js.Global().Set("prodosSubmit", f)
	defer js.Global().Delete("prodosSubmit")

	req := submission.ForChallenge("c01-groundwork", []byte("prodos-replay 1\n"))
	r := wait(t, Submit(req))
	assert.Equal(t, string(req.JSON()), <-got)
	assert.True(t, r.Accepted, r.Msg)
	assert.Equal(t, 2, r.Result.Stars)
}

func TestSubmitReadsARefusalFromAPromise(t *testing.T) {
	page(t, `return Promise.resolve({status: 422, body: JSON.stringify({error: "replay does not verify: the replay is of level \"\", not \"shed\""})})`)
	r := wait(t, Submit(submission.Request{Kind: "level", Level: "shed", Replay: "x"}))
	assert.True(t, r.Sent)
	assert.False(t, r.Accepted)
	assert.Contains(t, r.Msg, `replay does not verify: the replay is of level "", not "shed"`)
}

func TestSubmitWithoutPageFunction(t *testing.T) {
	js.Global().Delete("prodosSubmit")
	assert.Equal(t, submission.NotSent, wait(t, Submit(submission.Request{Kind: "level", Level: "shed", Replay: "x"})))
}

func TestSubmitNotInAClass(t *testing.T) {
	page(t, `return Promise.resolve(null)`)
	assert.Equal(t, submission.NotSent, wait(t, Submit(submission.Request{Kind: "level", Level: "shed", Replay: "x"})))
}

func TestSubmitSurvivesAThrowingPage(t *testing.T) {
	page(t, `throw new Error('server down')`)
	r := wait(t, Submit(submission.Request{Kind: "level", Level: "shed", Replay: "x"}))
	assert.False(t, r.Accepted)
	assert.Contains(t, r.Msg, "server down")
}

func TestSubmitRejectedPromise(t *testing.T) {
	page(t, `return Promise.reject(new TypeError('Failed to fetch'))`)
	r := wait(t, Submit(submission.Request{Kind: "level", Level: "shed", Replay: "x"}))
	assert.False(t, r.Accepted)
	assert.Contains(t, r.Msg, "Not sent to your class: TypeError: Failed to fetch")
}

func TestStartAttemptReadsTheAttemptID(t *testing.T) {
	js.Global().Set("prodosStartAttempt", js.Global().Get("Function").New("body",
		`const b = JSON.parse(body); return Promise.resolve({status: 201, body: JSON.stringify({attempt_id: "K7PM", learner: "Ana", level: b.level, issued_at: "2026-12-01T20:00:00Z"})})`))
	defer js.Global().Delete("prodosStartAttempt")
	var r submission.AttemptReply
	select {
	case r = <-StartAttempt(submission.ForAttempt("c01-groundwork")):
	case <-time.After(2 * time.Second):
		require.Fail(t, "no answer from StartAttempt")
	}
	require.True(t, r.OK, r.Msg)
	assert.Equal(t, "K7PM", r.Attempt.AttemptID)
	assert.Equal(t, "Ana", r.Attempt.Learner)
	assert.Equal(t, "c01-groundwork", r.Attempt.Level)
}
