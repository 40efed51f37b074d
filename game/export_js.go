//go:build js

package game

import (
	"syscall/js"

	"github.com/opensourceecology/prodos/designs"
)

// exportDesign downloads NAME.toml (the design) and NAME-bom.csv (its bill
// of materials) through the browser.
func exportDesign(g *Game, name string, d *designs.Design) (string, error) {
	bom, err := bomCSV(g.Cat, d)
	if err != nil {
		return "", err
	}
	download(name+".toml", "application/toml", d.Marshal())
	download(name+"-bom.csv", "text/csv", bom)
	return "your downloads: " + name + ".toml and " + name + "-bom.csv", nil
}

// download saves data as a file through a temporary link.
func download(name, mime string, data []byte) {
	doc := js.Global().Get("document")
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	blob := js.Global().Get("Blob").New([]any{arr}, map[string]any{"type": mime})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	a := doc.Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	doc.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	js.Global().Get("URL").Call("revokeObjectURL", url)
}
