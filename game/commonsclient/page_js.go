//go:build js

package commonsclient

import (
	"encoding/json"
	"syscall/js"
)

// Page is the commons of the `prodos serve` page the browser build runs
// in: the page's origin, and the learner token the page keeps in
// localStorage["prodos.learner"] since the learner joined a class ("" when
// they have not). Read it again before each publish: a learner may join
// after the game started.
func Page() (base, token string, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	loc := js.Global().Get("location")
	if loc.Type() != js.TypeObject {
		return "", "", false
	}
	base = loc.Get("origin").String()
	if ls := js.Global().Get("localStorage"); ls.Type() == js.TypeObject {
		if v := ls.Call("getItem", "prodos.learner"); v.Type() == js.TypeString {
			var who struct {
				Token   string `json:"token"`
				Pending bool   `json:"pending"`
			}
			if json.Unmarshal([]byte(v.String()), &who) == nil && !who.Pending {
				token = who.Token
			}
		}
	}
	return base, token, base != "" && base != "null"
}
