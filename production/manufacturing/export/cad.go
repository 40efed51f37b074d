package export

import (
	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/cad"
	"github.com/opensourceecology/prodos/production/cad/gltf"
	"github.com/opensourceecology/prodos/production/cad/ifc"
)

// Files of the house for designers' tools.
const (
	GLBFile = gltf.FileName // glTF 2.0 binary: Blender, three.js, any glTF viewer
	IFCFile = ifc.FileName  // IFC4: FreeCAD, BIM viewers
)

// HouseModels are house.glb and house.ifc: the house in 3D, every module a
// named element carrying its module id and placement id. The IFC file's
// time stamp is the order date, so an export stays byte-identical.
func HouseModels(cat *designs.Catalog, d *designs.Design, opt Options) ([]File, error) {
	h, err := cad.Build(cat, d)
	if err != nil {
		return nil, err
	}
	glb, err := gltf.Encode(h)
	if err != nil {
		return nil, err
	}
	step, err := ifc.Encode(h, ifc.Options{Author: d.Author, Timestamp: opt.Today.Format("2006-01-02T15:04:05")})
	if err != nil {
		return nil, err
	}
	return []File{{GLBFile, glb}, {IFCFile, step}}, nil
}
