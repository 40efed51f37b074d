//go:build js

package commonsclient

import (
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
)

// page sets window.location.origin and localStorage["prodos.learner"]
// as the `prodos serve` page does once a learner has joined.
func page(t *testing.T, learner string) {
	js.Global().Set("location", js.ValueOf(map[string]any{"origin": "http://127.0.0.1:8080"}))
	get := js.FuncOf(func(_ js.Value, args []js.Value) any {
		if learner == "" {
			return js.Null()
		}
		return learner
	})
	js.Global().Set("localStorage", js.ValueOf(map[string]any{"getItem": get}))
	t.Cleanup(func() {
		js.Global().Delete("location")
		js.Global().Delete("localStorage")
		get.Release()
	})
}

func TestPageReadsTheOriginAndTheLearnerToken(t *testing.T) {
	cases := []struct{ name, stored, token string }{
		{"joined", `{"learner_id":3,"class":"Design 101","name":"cy","token":"tok-cy"}`, "tok-cy"},
		{"not joined", "", ""},
		{"rejoin pending", `{"name":"cy","token":"tok-new","pending":true}`, ""},
		{"garbled", `{not json`, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			page(t, c.stored)
			base, token, ok := Page()
			assert.True(t, ok)
			assert.Equal(t, "http://127.0.0.1:8080", base)
			assert.Equal(t, c.token, token)
		})
	}
}

func TestPageWithoutLocation(t *testing.T) {
	js.Global().Delete("location")
	_, _, ok := Page()
	assert.False(t, ok)
}
