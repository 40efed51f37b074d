//go:build !js

package main

import "github.com/opensourceecology/prodos/game"

// listenForLevels does nothing on the desktop: a class assignment is
// handed over by the browser page (see inbox_js.go).
func listenForLevels(*game.Game) {}
