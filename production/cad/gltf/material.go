package gltf

// look is a PBR material: base colour (linear RGBA), metallic, roughness.
type look struct {
	rgba                [4]float64
	metallic, roughness float64
}

// colours are the materials by module category, and for the door and
// window fills. They are display colours chosen to tell the parts apart
// (concrete grey, wood tones, roofing dark grey, glass), not finishes.
var colours = map[string]look{
	"foundation": {[4]float64{0.45, 0.45, 0.43, 1}, 0, 0.95},
	"floor":      {[4]float64{0.62, 0.45, 0.27, 1}, 0, 0.8},
	"wall":       {[4]float64{0.85, 0.78, 0.62, 1}, 0, 0.85},
	"opening":    {[4]float64{0.85, 0.78, 0.62, 1}, 0, 0.85},
	"interior":   {[4]float64{0.93, 0.91, 0.86, 1}, 0, 0.9},
	"core":       {[4]float64{0.30, 0.50, 0.62, 1}, 0, 0.6},
	"loft":       {[4]float64{0.70, 0.55, 0.35, 1}, 0, 0.8},
	"roof":       {[4]float64{0.25, 0.25, 0.27, 1}, 0, 0.7},
	"energy":     {[4]float64{0.05, 0.10, 0.30, 1}, 0.3, 0.3},
	"door":       {[4]float64{0.40, 0.24, 0.12, 1}, 0, 0.7},
	"window":     {[4]float64{0.60, 0.80, 0.95, 0.35}, 0, 0.05},
}

// fallback is the material of a category the table does not know (a
// catalog other than the built-in one).
var fallback = look{[4]float64{0.7, 0.7, 0.7, 1}, 0, 0.9}
