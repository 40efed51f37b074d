// Package gltf writes the house model (production/cad) as house.glb, a
// glTF 2.0 binary file: one named node per placed module (name "W7
// wall-ext-4x8", extras holding the module id, placement id and
// category) under a root node named after the design, each module's mesh
// built of boxes in metres (walls split around their door and window
// openings, which are filled by door and glass boxes), one PBR material per
// category. glTF is Y up: the grid's east is +X, its south +Z. The bytes
// depend only on the model, so exporting twice gives the same file.
package gltf

import (
	"bytes"
	"fmt"
	"math"
	"sort"

	"github.com/opensourceecology/prodos/production/cad"
)

// FileName is the package file this package writes.
const FileName = "house.glb"

func metres(l cad.Length) float64 { return cad.Metres(l) }

type document struct {
	Asset       asset        `json:"asset"`
	Scene       int          `json:"scene"`
	Scenes      []scene      `json:"scenes"`
	Nodes       []node       `json:"nodes"`
	Meshes      []mesh       `json:"meshes,omitempty"`
	Materials   []material   `json:"materials,omitempty"`
	Accessors   []accessor   `json:"accessors,omitempty"`
	BufferViews []bufferView `json:"bufferViews,omitempty"`
	Buffers     []buffer     `json:"buffers,omitempty"`
}

type asset struct {
	Version   string            `json:"version"`
	Generator string            `json:"generator"`
	Extras    map[string]string `json:"extras,omitempty"`
}

type scene struct {
	Name  string `json:"name"`
	Nodes []int  `json:"nodes"`
}

type node struct {
	Name        string     `json:"name"`
	Children    []int      `json:"children,omitempty"`
	Mesh        *int       `json:"mesh,omitempty"`
	Translation []float64  `json:"translation,omitempty"`
	Extras      *nodeExtra `json:"extras,omitempty"`
}

// nodeExtra is what a node carries besides its geometry.
type nodeExtra struct {
	Module    string `json:"module"`
	Placement string `json:"placement"`
	Category  string `json:"category"`
	Name      string `json:"name"`
}

type mesh struct {
	Name       string      `json:"name"`
	Primitives []primitive `json:"primitives"`
}

type primitive struct {
	Attributes map[string]int `json:"attributes"`
	Indices    int            `json:"indices"`
	Material   int            `json:"material"`
}

type material struct {
	Name      string `json:"name"`
	PBR       pbr    `json:"pbrMetallicRoughness"`
	AlphaMode string `json:"alphaMode,omitempty"`
}

type pbr struct {
	BaseColorFactor [4]float64 `json:"baseColorFactor"`
	MetallicFactor  float64    `json:"metallicFactor"`
	RoughnessFactor float64    `json:"roughnessFactor"`
}

type accessor struct {
	BufferView    int       `json:"bufferView"`
	ByteOffset    int       `json:"byteOffset"`
	ComponentType int       `json:"componentType"`
	Count         int       `json:"count"`
	Type          string    `json:"type"`
	Min           []float64 `json:"min,omitempty"`
	Max           []float64 `json:"max,omitempty"`
}

type bufferView struct {
	Buffer     int `json:"buffer"`
	ByteOffset int `json:"byteOffset"`
	ByteLength int `json:"byteLength"`
	ByteStride int `json:"byteStride,omitempty"`
	Target     int `json:"target"`
}

type buffer struct {
	ByteLength int `json:"byteLength"`
}

// glTF constants.
const (
	compFloat       = 5126
	compUint16      = 5123
	targetArray     = 34962
	targetElements  = 34963
	glbMagic        = 0x46546C67
	chunkJSON       = 0x4E4F534A
	chunkBIN        = 0x004E4942
	maxPrimVertices = math.MaxUint16
)

// Encode writes the house as a glTF 2.0 binary (GLB).
func Encode(h *cad.House) ([]byte, error) {
	w := newWriter()
	root := node{Name: h.Name}
	w.doc.Nodes = append(w.doc.Nodes, root)
	for _, e := range h.Elements {
		mi, err := w.meshFor(e)
		if err != nil {
			return nil, fmt.Errorf("gltf: %s %s: %w", e.PlacementID, e.Module, err)
		}
		n := node{
			Name:        e.PlacementID + " " + e.Module,
			Mesh:        &mi,
			Translation: []float64{metres(e.Box.X), metres(e.Box.Z), metres(e.Box.Y)},
			Extras:      &nodeExtra{Module: e.Module, Placement: e.PlacementID, Category: e.Category, Name: e.Name},
		}
		w.doc.Nodes[0].Children = append(w.doc.Nodes[0].Children, len(w.doc.Nodes))
		w.doc.Nodes = append(w.doc.Nodes, n)
	}
	w.doc.Scenes = []scene{{Name: h.Name, Nodes: []int{0}}}
	return w.glb()
}

// writer accumulates the document and its binary buffer: vertices (position
// and normal interleaved) and indices in two buffer views.
type writer struct {
	doc      document
	verts    bytes.Buffer
	idx      bytes.Buffer
	meshes   map[string]int
	material map[string]int
}

func newWriter() *writer {
	return &writer{
		doc:      document{Asset: asset{Version: "2.0", Generator: "Production OS (prodos export)"}},
		meshes:   map[string]int{},
		material: map[string]int{},
	}
}

// meshFor returns the mesh of an element, shared by every element of the
// same module, orientation and size.
func (w *writer) meshFor(e cad.Element) (int, error) {
	key := fmt.Sprintf("%s|%t|%d|%d|%d", e.Module, e.Horizontal, e.Box.DX, e.Box.DY, e.Box.DZ)
	if i, ok := w.meshes[key]; ok {
		return i, nil
	}
	m := mesh{Name: e.Module}
	p, err := w.primitive(e.Pieces(), w.materialFor(e.Category))
	if err != nil {
		return 0, err
	}
	m.Primitives = append(m.Primitives, p)
	fills := map[string][]cad.Box{}
	var kinds []string
	for _, o := range e.Openings {
		if fills[o.Kind] == nil {
			kinds = append(kinds, o.Kind)
		}
		fills[o.Kind] = append(fills[o.Kind], e.Fill(o))
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		p, err := w.primitive(fills[k], w.materialFor(k))
		if err != nil {
			return 0, err
		}
		m.Primitives = append(m.Primitives, p)
	}
	w.meshes[key] = len(w.doc.Meshes)
	w.doc.Meshes = append(w.doc.Meshes, m)
	return w.meshes[key], nil
}

// materialFor returns the material of a category (or of "door", "window").
func (w *writer) materialFor(name string) int {
	if i, ok := w.material[name]; ok {
		return i
	}
	c, ok := colours[name]
	if !ok {
		c = fallback
	}
	m := material{Name: name, PBR: pbr{BaseColorFactor: c.rgba, MetallicFactor: c.metallic, RoughnessFactor: c.roughness}}
	if c.rgba[3] < 1 {
		m.AlphaMode = "BLEND"
	}
	w.material[name] = len(w.doc.Materials)
	w.doc.Materials = append(w.doc.Materials, m)
	return w.material[name]
}
