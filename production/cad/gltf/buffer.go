package gltf

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"

	"github.com/opensourceecology/prodos/production/cad"
)

// vertex is a position and a normal in glTF's axes (Y up), in metres.
type vertex struct{ p, n [3]float32 }

// faces are a box's six faces: the normal axis and sign.
var faces = []struct {
	axis int
	sign float32
}{{0, 1}, {0, -1}, {1, 1}, {1, -1}, {2, 1}, {2, -1}}

// boxVertices are the 24 vertices (four per face, each face with its own
// normal so the box shades flat) and 36 indices of a box from lo to hi,
// counter-clockwise seen from outside.
func boxVertices(lo, hi [3]float32, base int) ([]vertex, []uint16) {
	var vs []vertex
	var is []uint16
	for _, f := range faces {
		u, v := (f.axis+1)%3, (f.axis+2)%3
		var n [3]float32
		n[f.axis] = f.sign
		at := lo[f.axis]
		if f.sign > 0 {
			at = hi[f.axis]
		}
		corner := func(a, b float32) vertex {
			var p [3]float32
			p[f.axis], p[u], p[v] = at, a, b
			return vertex{p, n}
		}
		quad := []vertex{corner(lo[u], lo[v]), corner(hi[u], lo[v]), corner(hi[u], hi[v]), corner(lo[u], hi[v])}
		// (u x v) points along +axis: the quad's winding faces +axis.
		if f.sign < 0 {
			quad[1], quad[3] = quad[3], quad[1]
		}
		k := uint16(base + len(vs))
		vs = append(vs, quad...)
		is = append(is, k, k+1, k+2, k, k+2, k+3)
	}
	return vs, is
}

// glAxes converts a model box (X east, Y south, Z up) to glTF's lo and hi
// corners (X east, Y up, Z south) in metres.
func glAxes(b cad.Box) (lo, hi [3]float32) {
	lo = [3]float32{float32(metres(b.X)), float32(metres(b.Z)), float32(metres(b.Y))}
	hi = [3]float32{float32(metres(b.X + b.DX)), float32(metres(b.Z + b.DZ)), float32(metres(b.Y + b.DY))}
	return lo, hi
}

// primitive adds the boxes as one triangle primitive of material mat.
func (w *writer) primitive(boxes []cad.Box, mat int) (primitive, error) {
	var vs []vertex
	var is []uint16
	for _, b := range boxes {
		lo, hi := glAxes(b)
		v, i := boxVertices(lo, hi, len(vs))
		vs, is = append(vs, v...), append(is, i...)
	}
	if len(vs) > maxPrimVertices {
		return primitive{}, fmt.Errorf("%d vertices in one primitive, more than %d", len(vs), maxPrimVertices)
	}
	mn := []float64{math.Inf(1), math.Inf(1), math.Inf(1)}
	mx := []float64{math.Inf(-1), math.Inf(-1), math.Inf(-1)}
	off := w.verts.Len()
	for _, v := range vs {
		for a := 0; a < 3; a++ {
			mn[a], mx[a] = math.Min(mn[a], float64(v.p[a])), math.Max(mx[a], float64(v.p[a]))
		}
		_ = binary.Write(&w.verts, binary.LittleEndian, v.p)
		_ = binary.Write(&w.verts, binary.LittleEndian, v.n)
	}
	ioff := w.idx.Len()
	_ = binary.Write(&w.idx, binary.LittleEndian, is)
	if len(is)%2 == 1 {
		w.idx.Write([]byte{0, 0}) // keep the next index accessor 4-byte aligned
	}
	pos := len(w.doc.Accessors)
	w.doc.Accessors = append(w.doc.Accessors,
		accessor{BufferView: 0, ByteOffset: off, ComponentType: compFloat, Count: len(vs), Type: "VEC3", Min: mn, Max: mx},
		accessor{BufferView: 0, ByteOffset: off + 12, ComponentType: compFloat, Count: len(vs), Type: "VEC3"},
		accessor{BufferView: 1, ByteOffset: ioff, ComponentType: compUint16, Count: len(is), Type: "SCALAR"})
	return primitive{Attributes: map[string]int{"POSITION": pos, "NORMAL": pos + 1}, Indices: pos + 2, Material: mat}, nil
}

// glb lays out the binary buffer and writes the GLB container: a 12-byte
// header, the JSON chunk padded with spaces, the BIN chunk padded with
// zeros.
func (w *writer) glb() ([]byte, error) {
	bin := append([]byte(nil), w.verts.Bytes()...)
	if w.verts.Len() > 0 {
		w.doc.BufferViews = append(w.doc.BufferViews, bufferView{Buffer: 0, ByteLength: w.verts.Len(), ByteStride: 24, Target: targetArray})
	}
	if w.idx.Len() > 0 {
		w.doc.BufferViews = append(w.doc.BufferViews, bufferView{Buffer: 0, ByteOffset: len(bin), ByteLength: w.idx.Len(), Target: targetElements})
		bin = append(bin, w.idx.Bytes()...)
	}
	for len(bin)%4 != 0 {
		bin = append(bin, 0)
	}
	if len(bin) > 0 {
		w.doc.Buffers = []buffer{{ByteLength: len(bin)}}
	}
	js, err := json.Marshal(w.doc)
	if err != nil {
		return nil, fmt.Errorf("gltf: %w", err)
	}
	return container(js, bin), nil
}

// container wraps a JSON chunk and a BIN chunk (may be empty) as GLB.
func container(js, bin []byte) []byte {
	for len(js)%4 != 0 {
		js = append(js, ' ')
	}
	total := 12 + 8 + len(js)
	if len(bin) > 0 {
		total += 8 + len(bin)
	}
	var out bytes.Buffer
	out.Grow(total)
	for _, u := range []uint32{glbMagic, 2, uint32(total), uint32(len(js)), chunkJSON} {
		_ = binary.Write(&out, binary.LittleEndian, u)
	}
	out.Write(js)
	if len(bin) > 0 {
		_ = binary.Write(&out, binary.LittleEndian, []uint32{uint32(len(bin)), chunkBIN})
		out.Write(bin)
	}
	return out.Bytes()
}
