//go:build !js

package game

import (
	"errors"
	"path/filepath"

	"github.com/opensourceecology/prodos/production/manufacturing/export"
)

// exportDesign writes the build package into exports/NAME next to the
// saves. An earlier export there is replaced whole (export.WriteDir), never
// mixed with the new files.
func exportDesign(g *Game, name string, files []export.File) (string, error) {
	fs, ok := g.Store.(FileStore)
	if !ok {
		return "", errors.New("this game has no folder to export to")
	}
	dir := filepath.Join(fs.Dir, "exports", name)
	if err := export.WriteDir(dir, files); err != nil {
		return "", err
	}
	return dir, nil
}
