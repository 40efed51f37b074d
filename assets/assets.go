// Package assets holds the game's embedded data: its font and its default
// key map. Images are drawn at start-up into one atlas (see package game), so
// no image file has to be kept in step with the module catalog.
package assets

import (
	_ "embed"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// KeysTOML is the default key map: which keys and buttons raise which intent.
//
//go:embed keys.toml
var KeysTOML []byte

// FontRegular is the Go Regular TrueType font (BSD licence, by Bigelow & Holmes).
var FontRegular = goregular.TTF

// FontBold is the Go Bold TrueType font.
var FontBold = gobold.TTF
