package main

import (
	"fmt"
	"io"
	"os"

	"github.com/opensourceecology/prodos/designs"
	"github.com/opensourceecology/prodos/production/userdata"
)

// loadPacks extends the catalog with the module packs of the --packs
// folder (all of them, so a pack can be tried before a design names it)
// and of the data directory's packs folder
// and loads the --design file, if any, with the packs it names: looked up
// in the --packs folder, then in the packs folder of the data directory,
// each checked against its SHA-256.
func loadPacks(cat *designs.Catalog, dir, designFile string, warn io.Writer) (*designs.Catalog, *designs.Design, error) {
	var src designs.PackSources
	if dir != "" {
		var err error
		if cat, err = designs.LoadPackDir(dir, cat); err != nil {
			return nil, nil, err
		}
		src = append(src, designs.PackDir(dir))
	}
	if u, err := userdata.File("packs"); err == nil {
		if _, err := os.Stat(u); err == nil {
			src = append(src, designs.PackDir(u))
			// the packs fetched with prodos commons get-pack join the
			// palette; one that fails a check leaves them all out
			if ext, err := designs.LoadPackDir(u, cat); err == nil {
				cat = ext
			} else {
				fmt.Fprintf(warn, "housegame: the module packs in %s are left out: %v\n", u, err)
			}
		}
	}
	if designFile == "" {
		return cat, nil, nil
	}
	d, ext, err := designs.LoadDesignPacks(designFile, cat, src)
	if err != nil {
		return nil, nil, err
	}
	return ext, d, nil
}
