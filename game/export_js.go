//go:build js

package game

import (
	"errors"
	"syscall/js"

	"github.com/opensourceecology/prodos/production/manufacturing/export"
)

// exportDesign downloads what a browser can take of the build package:
// NAME.toml (the design) and NAME-bom.csv (its bill of materials), as
// before, and the whole package as NAME-build-package.zip.
func exportDesign(g *Game, name string, files []export.File) (string, error) {
	var design, bom []byte
	for _, f := range files {
		switch f.Name {
		case export.DesignFile:
			design = f.Data
		case export.BOMFile:
			bom = f.Data
		}
	}
	if design == nil || bom == nil {
		return "", errors.New("the build package has no design or bill of materials")
	}
	zip, err := export.Zip(files)
	if err != nil {
		return "", err
	}
	download(name+".toml", "application/toml", design)
	download(name+"-bom.csv", "text/csv", bom)
	download(name+"-build-package.zip", "application/zip", zip)
	return "your downloads: " + name + ".toml, " + name + "-bom.csv and " + name + "-build-package.zip", nil
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
