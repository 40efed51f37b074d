//go:build !js

package game

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/export"
)

// exportDesign writes the full build package (design, bom.csv,
// purchase-orders.csv, cost.csv, plan.svg, manifest.json) into
// exports/NAME next to the saves, each file atomically.
func exportDesign(g *Game, name string, d *designs.Design) (string, error) {
	fs, ok := g.Store.(FileStore)
	if !ok {
		return "", errors.New("this game has no folder to export to")
	}
	files, err := export.Package(g.Cat, d, export.Options{})
	if err != nil {
		return "", err
	}
	dir := filepath.Join(fs.Dir, "exports", name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if err := export.Write(dir, files); err != nil {
		return "", err
	}
	return dir, nil
}
