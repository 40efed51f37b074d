//go:build js

package main

import (
	"syscall/js"

	"github.com/opensourceecology/prodos/game"
)

// listenForLevels defines window.prodosPlayLevel(bytes, hash) for the
// page's Play button of a class assignment: bytes (a Uint8Array) is the
// level file downloaded from the commons, hash its SHA-256 as assigned.
// It answers true when the game will open it on its next update, false
// when the arguments are wrong or another level is waiting.
func listenForLevels(g *game.Game) {
	in := newLevelInbox()
	in.install(g)
	js.Global().Set("prodosPlayLevel", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) != 2 || args[0].Type() != js.TypeObject || args[1].Type() != js.TypeString {
			return false
		}
		data := make([]byte, args[0].Get("length").Int())
		js.CopyBytesToGo(data, args[0])
		return in.offer(data, args[1].String())
	}))
}
