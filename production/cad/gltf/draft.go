package gltf

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
)

// MarkDraft returns the GLB with mark in its asset's extras ("draft"), the
// way a glTF file carries a note viewers keep; the geometry is unchanged.
func MarkDraft(glb []byte, mark string) ([]byte, error) {
	if len(glb) < 20 || binary.LittleEndian.Uint32(glb) != glbMagic || binary.LittleEndian.Uint32(glb[16:]) != chunkJSON {
		return nil, fmt.Errorf("gltf: not a GLB file")
	}
	n := int(binary.LittleEndian.Uint32(glb[12:]))
	if 20+n > len(glb) {
		return nil, fmt.Errorf("gltf: JSON chunk of %d bytes overruns the file", n)
	}
	var doc document
	if err := json.Unmarshal(bytes.TrimRight(glb[20:20+n], " "), &doc); err != nil {
		return nil, fmt.Errorf("gltf: %w", err)
	}
	if doc.Asset.Extras == nil {
		doc.Asset.Extras = map[string]string{}
	}
	doc.Asset.Extras["draft"] = mark
	js, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("gltf: %w", err)
	}
	var bin []byte
	if rest := glb[20+n:]; len(rest) >= 8 {
		bin = rest[8:]
	}
	return container(js, bin), nil
}
